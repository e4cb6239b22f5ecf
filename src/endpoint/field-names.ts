// Errors about an endpoint are raised against its spec paths (`workers.idleTimeout`); the edge that read
// the spec says where that path was written: a flag (`--idle-timeout`) or a plan key with its line.
import { InputError } from '../input/error.js';

/** How the origin of a spec names its fields in messages: flags for the CLI, key paths for a plan. */
export interface FieldNames {
  /** The name of a spec path (`--idle-timeout`, or `workers.idleTimeout`); undefined where the origin has none. */
  of(path: string): string | undefined;
  /** What the origin's fields are called: `flags` or `keys`. */
  noun: 'flags' | 'keys';
}

/** A plan's names: the key paths themselves. */
export const KEY_NAMES: FieldNames = { of: (path) => path, noun: 'keys' };

/** An error in the value at a spec path; the edge turns the path into a flag or a located plan key. */
export function specError(message: string, path: string): InputError {
  return new InputError(message, {}, path);
}

/** `a, b or c` from the names the origin has for the paths (paths it has no name for are left out). */
export function oneOf(names: FieldNames, paths: readonly string[]): string {
  const named = paths.map((path) => names.of(path)).filter((name): name is string => name !== undefined);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`;
}

/** The name of a path, falling back to the path itself. */
export function nameOf(names: FieldNames, path: string): string {
  return names.of(path) ?? path;
}
