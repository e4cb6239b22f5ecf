// Where a command's result goes: stdout, or with --output a file written atomically (a temporary file
// renamed into place), so a CI step reading it never sees half a file.
import { renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../input/error.js';
import type { CliIo } from './io.js';

export function writeResult(text: string, output: string | undefined, io: CliIo): void {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  if (output.trim() === '') throw new InputError('expected a file name, got an empty one', { flag: '--output' });
  const target = resolve(io.cwd, output);
  // Only a regular file is replaced: renaming over a device node or a directory would replace it with a file.
  const existing = statIfExists(target);
  if (existing !== null && !existing.isFile()) {
    throw new InputError(`${output} exists and is not a regular file: give a file path`, { flag: '--output' });
  }
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    // A failed write leaves no temporary file behind, and the target as it was.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The write's own error is the one to report.
    }
    throw new InputError(`cannot write the output: ${(error as Error).message}`, { flag: '--output' });
  }
}

function statIfExists(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
