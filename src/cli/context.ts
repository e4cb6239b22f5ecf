import type { CliIo } from './io.js';

/** What every command gets: the process's IO and the tool's version. */
export interface CliContext {
  io: CliIo;
  version: string;
}
