import type { CliIo } from './io.js';

/** What every command gets: the process's IO and the tool's version. */
export interface CliContext {
  io: CliIo;
  version: string;
  /** Set by a command whose check failed (1); the run returns it when nothing else went wrong. */
  exitCode: number;
}
