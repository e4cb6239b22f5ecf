// The binary's entry point: real process IO in, exit code out (set, never forced, so stdout drains).
import { processIo } from './io.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
