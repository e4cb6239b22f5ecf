import { readFileSync } from 'node:fs';
import { InputError } from './error.js';

/** Reads a text file the user named; a missing or unreadable file is an InputError, not a crash. */
export function readInputFile(path: string, what: string): string {
  if (path.trim() === '') throw new InputError(`expected the path of the ${what}, got an empty one`, { file: '""' });
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new InputError(`cannot read ${what}: ${reason}`, { file: path });
  }
}
