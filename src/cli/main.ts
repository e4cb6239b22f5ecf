// The bundle's entry (dist/cli.cjs, run by dist/load.cjs): the CLI itself, and the sweep's helper thread,
// so both start from one bundle and one code cache.
import { processIo } from './io.js';
import { runCli } from './program.js';

/** Runs the CLI with the process's arguments and IO; the exit code is set, never forced, so stdout drains. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await runCli(argv, processIo());
}

/** Starts a sweep's helper thread (it listens for the job on its parent port). */
export async function sweepWorker(): Promise<void> {
  await import('../sweep/worker.js');
}
