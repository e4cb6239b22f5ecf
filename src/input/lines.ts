// Large text files read a line at a time, in chunks: memory stays flat however long the file is (a year of
// job records is millions of lines). UTF-8 is decoded across chunk boundaries; `\r\n` and `\n` both end a line.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from './error.js';

const CHUNK_BYTES = 1 << 20;

/** Opens a file the user named; a missing or unreadable one is an InputError naming it. */
function openNamed(path: string, name: string, what: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new InputError(`cannot read ${what}: ${reason}`, { file: name });
  }
}

/** Calls onLine with each line of the file and its number (from 1), reading it in 1 MB chunks. */
export function forEachLine(path: string, name: string, what: string, onLine: (text: string, line: number) => void): void {
  const fd = openNamed(path, name, what);
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  try {
    for (;;) {
      let bytes: number;
      try {
        bytes = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      } catch (error) {
        throw new InputError(`cannot read ${what}: ${(error as Error).message}`, { file: name });
      }
      const text = bytes === 0 ? rest + decoder.end() : rest + decoder.write(buffer.subarray(0, bytes));
      let start = 0;
      for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
        line++;
        onLine(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end), line);
        start = end + 1;
      }
      rest = text.slice(start);
      if (bytes === 0) break;
    }
    if (rest !== '') onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest, line + 1);
  } finally {
    closeSync(fd);
  }
}

/** The first characters of a file (up to a chunk), to tell its format. */
export function peekText(path: string, name: string, what: string): string {
  const fd = openNamed(path, name, what);
  try {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    return new StringDecoder('utf8').write(buffer.subarray(0, bytes));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${what}: ${(error as Error).message}`, { file: name });
  } finally {
    closeSync(fd);
  }
}
