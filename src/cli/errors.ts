// The one place user mistakes become one line on stderr and exit code 2. Anything else is a bug and
// keeps its stack (exit code 70, EX_SOFTWARE), so it is reported rather than mistaken for bad input.
import { CommanderError } from 'commander';
import { formatInputError, InputError } from '../input/error.js';

/** Exit codes are a contract: 0 fine, 1 a check the user asked for failed, 2 bad input. */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, bug: 70 } as const;

/** Writes the message for a thrown error and returns the exit code. */
export function reportError(error: unknown, writeErr: (text: string) => void): number {
  if (error instanceof InputError) {
    writeErr(`error: ${formatInputError(error)}\n`);
    return EXIT.badInput;
  }
  if (error instanceof CommanderError) {
    // Commander has already printed its message (see configureOutput in main.ts).
    // Help and --version end with commander's exit code 0; every other commander error is a usage mistake.
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  writeErr(`runpod-plan: internal error (a bug; please report it with the command you ran)\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.bug;
}
