import { Command } from 'commander';
import { findFeasibilityIssues } from '../../endpoint/feasibility.js';
import * as z from 'zod';
import { InputError } from '../../input/error.js';
import { formatDuration, parseDuration, UnitError } from '../../input/units.js';
import { evaluateEndpoint } from '../../endpoint/evaluate.js';
import type { EndpointOutcome } from '../../endpoint/outcome.js';
import { recommendIdleTimeout } from '../../decisions/worker-settings.js';
import { render } from '../../render/index.js';
import { settingsReport } from '../../render/reports/simulation.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';
import { runsOf, simulationAssumptions } from '../../endpoint/assumptions.js';
import { endpointFromFlags } from '../resolve-endpoint.js';
import { addSimulationOptions, runOf, RunFlagsSchema, SIMULATE_ENDPOINT } from '../simulation-options.js';

const IdleTimeoutOptionsSchema = CommonOptionsSchema.extend(RunFlagsSchema.shape).extend({ timeouts: z.string() });

// RunPod accepts idle timeouts of 1-3600 s (endpoint configurations); each is checked like --idle-timeout.
const DEFAULT_TIMEOUTS = '1s,5s,15s,30s,1m,2m,5m,10m,30m,1h';

/** `1s,5s,30s` or a geometric range `1s..10m` (about four steps per decade). */
export function parseTimeouts(text: string): number[] {
  try {
    const range = /^(.+)\.\.(.+)$/.exec(text.trim());
    if (range !== null) {
      const from = parseDuration(range[1] ?? '');
      const to = parseDuration(range[2] ?? '');
      if (!(from > 0 && to > from)) throw new InputError(`expected a range like 1s..10m, got "${text}"`, { flag: '--timeouts' });
      const steps = Math.max(2, Math.round(Math.log10(to / from) * 4) + 1);
      // Two significant digits (190s, not 188s): the steps are for reading, not for precision.
      const values = Array.from({ length: steps }, (_, i) => Number((from * Math.pow(to / from, i / (steps - 1))).toPrecision(2)));
      return [...new Set(values)];
    }
    return text.split(',').map((part) => parseDuration(part));
  } catch (error) {
    if (error instanceof UnitError) throw new InputError(error.message, { flag: '--timeouts' });
    throw error;
  }
}

export function idleTimeoutCommand(context: CliContext): Command {
  const command = new Command('idle-timeout')
    .description('monthly cost, cold-start rate and p95 over a range of idle timeouts, and the one to use')
    .option('--timeouts <list>', 'timeouts to try: a list (1s,5s,30s) or a range (1s..10m)', DEFAULT_TIMEOUTS)
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan idle-timeout --gpu rtx4090 --requests-per-day 2000 --exec 4s --cold-start 30s
  runpod-plan idle-timeout --gpu rtx4090 --requests-per-day 2000 --exec 4s --burst-on 10m --burst-off 50m --timeouts 1s..10m`,
    );
  addSimulationOptions(command, SIMULATE_ENDPOINT);
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(IdleTimeoutOptionsSchema, raw);
    const timeouts = parseTimeouts(options.timeouts);
    const loaded = await loadCatalogForRun(options, context.io);
    const { endpoint: setup } = await endpointFromFlags(loaded.catalog, SIMULATE_ENDPOINT, raw, runOf(options), context.io.cwd);
    const outside = timeouts.find((timeout) => !(timeout >= 1 && timeout <= 3600));
    if (outside !== undefined) throw new InputError(`RunPod accepts idle timeouts of 1s to 1h, got ${formatDuration(outside)}`, { flag: '--timeouts' });
    const outcomes: EndpointOutcome[] = timeouts.map((idleTimeoutS) => {
      const config = { ...setup.config, workers: { ...setup.config.workers, idleTimeoutS } };
      return evaluateEndpoint(setup, options.method, config);
    });
    const poisson = setup.config.arrivals.kind === 'poisson';
    const recommendation = recommendIdleTimeout(outcomes, setup.coldStart.meanBilledS, poisson);
    const report = settingsReport('idle-timeout', outcomes, recommendation, `Idle timeout on ${setup.gpu.poolId}: cost against cold starts`, catalogInfo(loaded), simulationAssumptions(setup, options.method, runsOf(outcomes)), findFeasibilityIssues(loaded.catalog, setup));
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}
