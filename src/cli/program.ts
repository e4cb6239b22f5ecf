// Builds the command tree and runs it; returns the exit code rather than exiting, so piped output is
// never cut short and tests can run the CLI in-process.
import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import type { CliContext } from './context.js';
import { EXIT, reportError } from './errors.js';
import type { CliIo } from './io.js';

type CommandFactory = (context: CliContext) => Command;

// Each command is loaded only when it runs: a run of `gpus` need not evaluate the simulator, the plan
// schema or the sweep (start-up time is measured by bench/startup). A command's --help loads that command,
// --version none; the top-level help and an unknown command (for suggestions) load all.
const COMMANDS: Record<string, () => Promise<CommandFactory>> = {
  gpus: async () => (await import('./commands/gpus.js')).gpusCommand,
  compare: async () => (await import('./commands/compare.js')).compareCommand,
  tokens: async () => (await import('./commands/tokens.js')).tokensCommand,
  breakeven: async () => (await import('./commands/breakeven.js')).breakevenCommand,
  coldstart: async () => (await import('./commands/coldstart.js')).coldstartCommand,
  simulate: async () => (await import('./commands/simulate.js')).simulateCommand,
  minworkers: async () => (await import('./commands/minworkers.js')).minworkersCommand,
  'idle-timeout': async () => (await import('./commands/idle-timeout.js')).idleTimeoutCommand,
  estimate: async () => (await import('./commands/plan-commands.js')).estimateCommand,
  check: async () => (await import('./commands/plan-commands.js')).checkCommand,
  diff: async () => (await import('./commands/plan-commands.js')).diffCommand,
  sweep: async () => (await import('./commands/sweep.js')).sweepCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
  schema: async () => (await import('./commands/schema.js')).schemaCommand,
  catalog: async () => (await import('./commands/catalog.js')).catalogCommand,
  calibrate: async () => (await import('./commands/calibrate.js')).calibrateCommand,
  reconcile: async () => (await import('./commands/reconcile.js')).reconcileCommand,
};

/** The command factories a run needs: the named command's alone, none for --version, or every one (help, typos). */
async function loadCommands(argv: readonly string[]): Promise<CommandFactory[]> {
  const first = argv.find((arg) => !arg.startsWith('-'));
  const loader = first === undefined ? undefined : COMMANDS[first];
  if (loader !== undefined) return [await loader()];
  if (first === undefined && argv.some((arg) => arg === '-V' || arg === '--version') && !argv.some((arg) => arg === '-h' || arg === '--help')) return [];
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

export function createProgram(context: CliContext, commands: CommandFactory[]): Command {
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
  runpod-plan catalog refresh           RunPod's current prices into a dated layer (key in RUNPOD_API_KEY)
  runpod-plan catalog diff bundled runpod-2026-11-23.yaml   what moved, per pool and GPU

Exit codes: 0 fine, 1 a check you asked for failed, 2 bad input (flag, plan or catalog).`,
    );
  for (const factory of commands) program.addCommand(factory(context));
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
  const program = createProgram(context, await loadCommands(argv));
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
