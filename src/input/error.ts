/**
 * A mistake the user can fix: a bad flag, plan or catalog. The CLI turns it into one line on stderr
 * and exit code 2 (src/cli/errors.ts); any other exception is a bug and keeps its stack.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** Where the mistake is: a file (with line and column when known) or a flag such as `--exec`. */
  readonly where: InputLocation;
  /** The key path inside the file (`serverless.ADA_24.flexUsdPerSecond`), empty when not applicable. */
  readonly path: string;

  constructor(message: string, where: InputLocation = {}, path = '') {
    super(message);
    this.where = where;
    this.path = path;
  }
}

/** A place in the user's input. */
export interface InputLocation {
  file?: string;
  line?: number;
  column?: number;
  flag?: string;
}

/** `file:line:col: path: message`, or `--flag: message`: the one line a user sees. */
export function formatInputError(error: InputError): string {
  const { file, line, column, flag } = error.where;
  const parts: string[] = [];
  if (file !== undefined) {
    parts.push(line === undefined ? file : column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`);
  }
  if (flag !== undefined) parts.push(flag);
  if (error.path !== '') parts.push(error.path);
  parts.push(error.message);
  return parts.join(': ');
}
