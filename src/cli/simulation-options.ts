// The flags of the simulator's commands (`simulate`, `minworkers`, `idle-timeout`): the endpoint's (traffic
// and its shape or trace, execution time, scaler and workers, cold start) and the run's (horizon, seed,
// method, month).
import { DEFAULT_MAX_REQUESTS, describeRange, LIMITS, within } from '../input/limits.js';
import { Option, type Command } from 'commander';
import * as z from 'zod';
import { checkRunSettings, type RunSettings } from '../endpoint/resolve.js';
import { InputError } from '../input/error.js';
import { CountSchema, DurationSchema, PercentSchema, WholeNumberSchema } from '../input/unit-schemas.js';
import { DEFAULT_MONTH_HOURS } from '../model/line-items.js';
import { COLD_START_MODEL_FLAGS, EndpointOptions, LOAD_BALANCER_FLAGS } from './endpoint-options.js';

export const METHODS = ['sim', 'analytic'] as const;

/**
 * What a run is unless told otherwise: seed 1, costs for a 730 h month, simulated from 30 days until the
 * monthly cost's 95% interval is within 1% (twelve 30-day months at most).
 */
/** 200,000,000 as --help writes it. */
const DEFAULT_MAX_REQUESTS_TEXT = `${DEFAULT_MAX_REQUESTS / 1e6}M`;

export const DEFAULT_RUN: RunSettings = { horizonS: 30 * 86_400, horizonGiven: false, precision: 0.01, seed: 1, monthS: DEFAULT_MONTH_HOURS * 3600 };

export const SIMULATION_ENDPOINT = new EndpointOptions([
  'gpu', 'gpuCount', 'requestsPerDay', 'rps', 'profile', 'peakToMean', 'burstOn', 'burstOff', 'trace', 'traceFormat',
  'exec', 'execDist', 'execP50', 'execP95', 'execSamples', 'scaler', 'scalerThreshold', 'scalerValue',
  'repeatTrace', 'queueDelayReading', 'active', 'maxWorkers', 'idleTimeout', 'jobsPerWorker', 'concurrency', 'executionTimeout', 'coldStart', 'coldStartBilled', 'activeRate',
  ...COLD_START_MODEL_FLAGS,
]);

/** `simulate`'s, `minworkers`' and `idle-timeout`'s endpoint flags: the simulator's, and a load-balancing endpoint's (as `compare` takes them). */
export const SIMULATE_ENDPOINT = new EndpointOptions([...SIMULATION_ENDPOINT.names, ...LOAD_BALANCER_FLAGS]);

export function addSimulationOptions(command: Command, endpoint: EndpointOptions = SIMULATION_ENDPOINT): Command {
  endpoint.addTo(command);
  return command
    .option('--horizon <duration>', `simulated time (default: from 30d until --precision is met, at most 360d; a trace's span); ${describeRange(LIMITS.horizon)}`)
    .option('--precision <percent>', `simulate until the monthly cost's 95% interval is within this; ${describeRange(LIMITS.precision)}`, '1%')
    .option('--seed <n>', `random seed: the same seed gives the same output; ${describeRange(LIMITS.seed)}`, '1')
    .option('--max-requests <count>', `the most requests one simulation may hold; more is refused before it starts (default ${DEFAULT_MAX_REQUESTS_TEXT}); ${describeRange(LIMITS.maxRequests)}`)
    .addOption(new Option('--method <method>', 'simulate, or use the fast path (Poisson and daily profiles only; it says when it is outside its validated domain)').choices(METHODS).default('sim'))
    .option('--month <duration>', `the month costs are scaled to: 730h (default) or 720h; ${describeRange(LIMITS.month)}`, `${DEFAULT_MONTH_HOURS}h`);
}

export const RunFlagsSchema = z.object({
  horizon: within(DurationSchema, 'horizon').optional(),
  precision: within(PercentSchema, 'precision'),
  seed: within(WholeNumberSchema, 'seed'),
  method: z.enum(METHODS),
  month: within(DurationSchema, 'month'),
  maxRequests: within(CountSchema, 'maxRequests').optional(),
});
export type RunFlags = z.output<typeof RunFlagsSchema>;

/** The run the flags describe. */
export function runOf(flags: RunFlags): RunSettings {
  const run = {
    horizonS: flags.horizon ?? DEFAULT_RUN.horizonS,
    horizonGiven: flags.horizon !== undefined,
    precision: flags.precision,
    seed: flags.seed,
    monthS: flags.month,
    ...(flags.maxRequests === undefined ? {} : { maxRequests: flags.maxRequests }),
  };
  try {
    checkRunSettings(run);
  } catch (error) {
    // The run's spec paths are its flags' names: horizon -> --horizon.
    if (error instanceof InputError) throw new InputError(error.message, { flag: `--${error.path}` });
    throw error;
  }
  return run;
}
