// Builds the command tree and runs it; returns the exit code rather than exiting, so piped output is
// never cut short and tests can run the CLI in-process.
import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { breakevenCommand } from './commands/breakeven.js';
import { catalogCommand } from './commands/catalog.js';
import { coldstartCommand } from './commands/coldstart.js';
import { compareCommand } from './commands/compare.js';
import { gpusCommand } from './commands/gpus.js';
import { checkCommand, diffCommand, estimateCommand } from './commands/plan-commands.js';
import { idleTimeoutCommand } from './commands/idle-timeout.js';
import { initCommand } from './commands/init.js';
import { minworkersCommand } from './commands/minworkers.js';
import { schemaCommand } from './commands/schema.js';
import { simulateCommand } from './commands/simulate.js';
import { sweepCommand } from './commands/sweep.js';
import type { CliContext } from './context.js';
import { EXIT, reportError } from './errors.js';
import type { CliIo } from './io.js';

export function createProgram(context: CliContext): Command {
  const program = new Command('runpod-plan')
    .description('Plan GPU workloads on RunPod before you pay: serverless vs pod costs, cold starts, break-even.')
    .version(context.version, '-V, --version')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan gpus                      serverless price classes with pod prices
  runpod-plan gpus --fits 16GB          GPUs that hold 16 GB of weights plus 20% headroom
  runpod-plan catalog                   the catalog's date, billing rules and sources

Exit codes: 0 fine, 1 a check you asked for failed, 2 bad input (flag, plan or catalog).`,
    );
  for (const command of [gpusCommand(context), compareCommand(context), breakevenCommand(context), coldstartCommand(context), simulateCommand(context), minworkersCommand(context), idleTimeoutCommand(context), estimateCommand(context), checkCommand(context), diffCommand(context), sweepCommand(context), initCommand(context), schemaCommand(context), catalogCommand(context)]) program.addCommand(command);
  configure(program, context.io);
  return program;
}

// Every command writes through the run's IO and throws instead of exiting; commander's messages
// are squeezed to one line so a bad flag reads like every other bad input.
function configure(command: Command, io: CliIo): void {
  command.exitOverride().configureOutput({
    writeOut: (text) => io.stdout(text),
    writeErr: (text) => io.stderr(text),
    outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, ' ')}\n`),
  });
  for (const sub of command.commands) configure(sub, io);
}

/** Runs the CLI with `argv` (without the node and script entries) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const context: CliContext = { io, version: packageJson.version, exitCode: EXIT.ok };
  const program = createProgram(context);
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    return reportError(error, io.stderr);
  }
}
