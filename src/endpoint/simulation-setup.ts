// Flags of the simulator's commands (`simulate`, `minworkers`, `idle-timeout`): the traffic and its daily
// shape or trace, the execution-time distribution, the scaler and the endpoint's workers, the cold start,
// the horizon and the seed. They resolve to a SimulationConfig plus the prices and assumptions.
import * as z from 'zod';
import type { Catalog } from '../catalog/schema.js';
import { InputError } from '../input/error.js';
import { readInputFile } from '../input/read-file.js';
import { TRACE_FORMATS, parseTrace } from '../input/trace.js';
import { CountSchema, DurationSchema, NumberSchema, RateSchema, WholeNumberSchema } from '../input/unit-schemas.js';
import { estimateColdStart, mixFlashBoot } from '../model/cold-start.js';
import { DEFAULT_MONTH_HOURS } from '../model/line-items.js';
import { formatDuration, formatPercent } from '../input/units.js';
import { NAMED_PROFILES, peakToMeanProfile } from './daily-profile.js';
import type { AnalyticTraffic, SimulationPricing } from './outcome.js';
import { formatNumber, formatPrice } from '../render/number-format.js';
import { assumption, type Assumption } from './assumption.js';
import type { ArrivalSpec, ExecSpec, ScalerSpec, SimulationConfig } from '../sim/simulate.js';
import { ColdStartFlagsSchema, resolveColdStart, usesColdStartModel } from './cold-start-setup.js';
import { resolveGpu } from './resolve-gpu.js';

export const SCALERS = ['queue-delay', 'request-count', 'per-request'] as const;
export const EXEC_DISTRIBUTIONS = ['constant', 'exponential'] as const;
export const METHODS = ['sim', 'analytic'] as const;
const SECONDS_PER_DAY = 86_400;

export const SimulationFlagsSchema = ColdStartFlagsSchema.extend({
  gpu: z.string().optional(),
  gpuCount: WholeNumberSchema,
  requestsPerDay: CountSchema.optional(),
  rps: NumberSchema.optional(),
  profile: z.string(),
  peakToMean: NumberSchema.optional(),
  burstOn: DurationSchema.optional(),
  burstOff: DurationSchema.optional(),
  trace: z.string().optional(),
  traceFormat: z.enum(TRACE_FORMATS),
  exec: DurationSchema.optional(),
  execDist: z.enum(EXEC_DISTRIBUTIONS),
  execP50: DurationSchema.optional(),
  execP95: DurationSchema.optional(),
  execSamples: z.string().optional(),
  scaler: z.enum(SCALERS),
  scalerThreshold: DurationSchema.optional(),
  scalerValue: WholeNumberSchema.optional(),
  active: WholeNumberSchema.optional(),
  maxWorkers: WholeNumberSchema.optional(),
  idleTimeout: DurationSchema.optional(),
  jobsPerWorker: WholeNumberSchema,
  executionTimeout: DurationSchema.optional(),
  coldStart: DurationSchema.optional(),
  coldStartBilled: DurationSchema.optional(),
  activeRate: RateSchema.optional(),
  horizon: DurationSchema,
  seed: WholeNumberSchema,
  method: z.enum(METHODS),
  month: DurationSchema,
});
export type SimulationFlags = z.output<typeof SimulationFlagsSchema>;

/** A resolved simulation: the config, its prices, the analytic view of its traffic (when one applies). */
export interface SimulationSetup {
  config: SimulationConfig;
  pricing: SimulationPricing;
  /** Null for bursts and traces, where the closed forms do not apply. */
  analytic: AnalyticTraffic | null;
  poolId: string;
  execMeanS: number;
  /** Mean and busiest-hour request rates, for sizing ranges (minworkers). */
  meanRatePerSecond: number;
  peakRatePerSecond: number;
  coldStartBilledS: number;
  assumptions: Assumption[];
}

export async function resolveSimulation(catalog: Catalog, flags: SimulationFlags): Promise<SimulationSetup> {
  if (flags.gpu === undefined) throw new InputError('required: the GPU class or model, e.g. --gpu rtx4090', { flag: '--gpu' });
  const gpu = resolveGpu(catalog, flags.gpu, '--gpu');
  if (flags.gpuCount < 1) throw new InputError('expected at least 1 GPU', { flag: '--gpu-count' });
  const d = catalog.defaults;
  const assumptions: Assumption[] = [];

  const exec = resolveExec(flags);
  assumptions.push(assumption('exec', exec.meanS, () => `Execution time: ${exec.describe()}.`));
  const traffic = resolveArrivals(flags);
  assumptions.push(assumption('traffic', traffic.meanRatePerSecond * SECONDS_PER_DAY, () => `Traffic: ${traffic.describe()}.`));

  const cold = await resolveColdStartTimes(catalog, flags);
  assumptions.push(...cold.assumptions);

  const active = flags.active ?? d.activeWorkers.value;
  const max = flags.maxWorkers ?? d.maxWorkers.value;
  const idleTimeoutS = flags.idleTimeout ?? d.idleTimeoutS.value;
  const executionTimeoutS = flags.executionTimeout ?? d.executionTimeoutS.value;
  if (active + max < 1) throw new InputError('expected at least one worker (active or max)', { flag: '--max-workers' });
  // RunPod's accepted ranges (endpoint configurations): idle timeout 1-3600 s, execution timeout
  // 5 s to 7 days, queue-delay threshold at least 0.5 s.
  if (!(idleTimeoutS >= 1 && idleTimeoutS <= 3600)) throw new InputError(`RunPod accepts idle timeouts of 1s to 1h, got ${formatDuration(idleTimeoutS)}`, { flag: '--idle-timeout' });
  if (!(executionTimeoutS >= 5 && executionTimeoutS <= 7 * 86_400)) throw new InputError(`RunPod accepts execution timeouts of 5s to 7d, got ${formatDuration(executionTimeoutS)}`, { flag: '--execution-timeout' });
  if (flags.scalerThreshold !== undefined && !(flags.scalerThreshold >= 0.5)) throw new InputError(`RunPod's queue-delay threshold is at least 500ms, got ${formatDuration(flags.scalerThreshold)}`, { flag: '--scaler-threshold' });
  if (flags.jobsPerWorker < 1) throw new InputError('expected at least 1 job per worker', { flag: '--jobs-per-worker' });
  if (!(flags.horizon >= 3600)) throw new InputError('expected a horizon of at least 1h', { flag: '--horizon' });
  if (!(flags.month > 0)) throw new InputError('expected a month longer than 0s', { flag: '--month' });
  const scaler: ScalerSpec =
    flags.scaler === 'queue-delay'
      ? { kind: 'queue-delay', thresholdS: flags.scalerThreshold ?? d.queueDelayThresholdS.value }
      : flags.scaler === 'request-count'
        ? { kind: 'request-count', value: Math.max(1, flags.scalerValue ?? d.requestCountScalerValue.value) }
        : { kind: 'per-request' };
  assumptions.push(
    assumption('workers', max, () => `${active} active and up to ${max} flex workers, ${flags.jobsPerWorker} job(s) each, idle timeout ${formatDuration(idleTimeoutS)}, execution timeout ${formatDuration(executionTimeoutS)}; scaler: ${describeScaler(scaler)}.`),
  );

  const activeUsdPerSecond = flags.activeRate ?? gpu.pool.activeUsdPerSecond ?? gpu.pool.flexUsdPerSecond;
  assumptions.push(
    assumption('prices', gpu.poolId, () => `${gpu.poolId}, ${flags.gpuCount} GPU(s) per worker: flex ${formatPrice(gpu.pool.flexUsdPerSecond * 3600)}/h, active ${formatPrice(activeUsdPerSecond * 3600)}/h per GPU${flags.activeRate === undefined && gpu.pool.activeUsdPerSecond === null ? ' (no published active rate: the flex rate)' : ''}.`),
  );
  assumptions.push(
    assumption('horizon', flags.horizon, () =>
      flags.method === 'sim'
        ? `Simulated ${formatDuration(flags.horizon)} with seed ${flags.seed} (same seed, same output); costs scaled to a month of ${formatDuration(flags.month)}.`
        : `Closed forms (--method analytic): Poisson arrivals, hour by hour; latency percentiles need --method sim.`,
    ),
  );

  const config: SimulationConfig = {
    horizonS: flags.horizon,
    seed: flags.seed,
    arrivals: traffic.spec,
    exec: exec.spec,
    coldStart: { fullS: cold.fullS, fullBilledS: cold.fullBilledS, restoreS: cold.restoreS, restoreBilled: catalog.billing.serverless.billedPhases.flashbootRestore, hitRate: cold.hitRate },
    workers: { active, max, idleTimeoutS, jobsPerWorker: flags.jobsPerWorker, executionTimeoutS },
    scaler,
    roundingS: catalog.billing.serverless.rounding.granularityS,
  };
  return {
    config,
    pricing: {
      gpuCount: flags.gpuCount,
      flexUsdPerSecond: gpu.pool.flexUsdPerSecond,
      activeUsdPerSecond,
      monthHours: flags.month / 3600,
      roundingS: catalog.billing.serverless.rounding.granularityS,
    },
    analytic: traffic.hourlyRates === null ? null : { hourlyRatesPerSecond: traffic.hourlyRates, execMeanS: exec.meanS },
    poolId: gpu.poolId,
    execMeanS: exec.meanS,
    meanRatePerSecond: traffic.meanRatePerSecond,
    peakRatePerSecond: traffic.peakRatePerSecond,
    coldStartBilledS: cold.hitRate * (config.coldStart.restoreBilled ? cold.restoreS : 0) + (1 - cold.hitRate) * cold.fullBilledS,
    assumptions,
  };
}

function describeScaler(scaler: ScalerSpec): string {
  if (scaler.kind === 'queue-delay') return `queue delay, a worker added when a job waits over ${formatDuration(scaler.thresholdS)}`;
  if (scaler.kind === 'request-count') return `request count, ceil((queued + running) / ${scaler.value}) workers`;
  return 'per request (a job that finds no idle worker starts one)';
}

function resolveExec(flags: SimulationFlags): { spec: ExecSpec; meanS: number; describe: () => string } {
  const lognormal = flags.execP50 !== undefined || flags.execP95 !== undefined;
  const given = [flags.exec !== undefined, lognormal, flags.execSamples !== undefined].filter(Boolean).length;
  if (given !== 1) throw new InputError('give one of --exec, --exec-p50 with --exec-p95, or --exec-samples', { flag: '--exec' });
  if (flags.execSamples !== undefined) {
    const seconds = parseTrace(readInputFile(flags.execSamples, 'execution-time samples'), flags.execSamples, 'timestamps');
    const meanS = seconds.reduce((a, b) => a + b, 0) / seconds.length;
    if (!(meanS > 0)) throw new InputError('expected execution times above 0', { file: flags.execSamples });
    return { spec: { kind: 'samples', seconds }, meanS, describe: () => `${seconds.length} samples from ${flags.execSamples}, mean ${formatNumber(meanS)}s` };
  }
  if (lognormal) {
    const p50 = flags.execP50;
    const p95 = flags.execP95;
    if (p50 === undefined || p95 === undefined) throw new InputError('a lognormal execution time needs both --exec-p50 and --exec-p95', { flag: p50 === undefined ? '--exec-p50' : '--exec-p95' });
    if (!(p50 > 0 && p95 >= p50)) throw new InputError(`expected 0 < p50 <= p95, got ${formatDuration(p50)} and ${formatDuration(p95)}`, { flag: '--exec-p95' });
    // Lognormal: median e^mu, p95 e^(mu + 1.645 sigma); mean e^(mu + sigma^2 / 2).
    const sigma = Math.log(p95 / p50) / 1.6448536269514722;
    const meanS = p50 * Math.exp((sigma * sigma) / 2);
    return { spec: { kind: 'lognormal', p50S: p50, p95S: p95 }, meanS, describe: () => `lognormal, p50 ${formatDuration(p50)}, p95 ${formatDuration(p95)} (mean ${formatNumber(meanS)}s)` };
  }
  const meanS = flags.exec as number;
  if (!(meanS > 0)) throw new InputError('expected an execution time above 0s', { flag: '--exec' });
  return flags.execDist === 'constant'
    ? { spec: { kind: 'constant', seconds: meanS }, meanS, describe: () => `${formatDuration(meanS)} every time` }
    : { spec: { kind: 'exponential', meanS }, meanS, describe: () => `exponential, mean ${formatDuration(meanS)} (--exec-dist constant for a fixed time)` };
}

interface ResolvedArrivals {
  spec: ArrivalSpec;
  /** The traffic in words, for its assumption. */
  describe: () => string;
  meanRatePerSecond: number;
  peakRatePerSecond: number;
  /** Requests per second hour by hour, for the analytic path; null where it does not apply. */
  hourlyRates: number[] | null;
}

function resolveArrivals(flags: SimulationFlags): ResolvedArrivals {
  if (flags.trace !== undefined) {
    if (flags.requestsPerDay !== undefined || flags.rps !== undefined) throw new InputError('give a rate or a trace, not both', { flag: '--trace' });
    const timestampsS = parseTrace(readInputFile(flags.trace, 'trace'), flags.trace, flags.traceFormat);
    const last = timestampsS[timestampsS.length - 1] ?? 0;
    const span = Math.max(last, 1);
    const mean = timestampsS.length / span;
    return {
      spec: { kind: 'trace', timestampsS },
      describe: () => `${timestampsS.length} arrivals replayed from ${flags.trace} over ${formatDuration(Math.round(span))}`,
      meanRatePerSecond: mean,
      peakRatePerSecond: peakHourRate(timestampsS),
      hourlyRates: null,
    };
  }
  const given = [flags.requestsPerDay, flags.rps].filter((value) => value !== undefined).length;
  if (given !== 1) throw new InputError(`give exactly one of --requests-per-day, --rps or --trace (got ${given})`, { flag: '--requests-per-day' });
  const mean = flags.requestsPerDay !== undefined ? flags.requestsPerDay / SECONDS_PER_DAY : (flags.rps as number);
  const perDay = () => formatNumber(mean * SECONDS_PER_DAY);

  if (flags.burstOn !== undefined || flags.burstOff !== undefined) {
    const on = flags.burstOn;
    const off = flags.burstOff;
    if (on === undefined || off === undefined || !(on > 0)) throw new InputError('bursts need both --burst-on and --burst-off, on above 0s', { flag: on === undefined ? '--burst-on' : '--burst-off' });
    // The same daily volume, concentrated in the on periods.
    const onRate = (mean * (on + off)) / on;
    return {
      spec: { kind: 'bursts', onRatePerSecond: onRate, offRatePerSecond: 0, onS: on, offS: off },
      describe: () => `${perDay()} requests/day in bursts: ${formatDuration(on)} on at ${formatNumber(onRate)} req/s, ${formatDuration(off)} off`,
      meanRatePerSecond: mean,
      peakRatePerSecond: onRate,
      hourlyRates: null,
    };
  }

  const weights = resolveProfile(flags);
  const sum = weights.reduce((a, b) => a + b, 0);
  const hourlyRates = weights.map((w) => (mean * 24 * w) / sum);
  const flat = hourlyRates.every((rate) => rate === hourlyRates[0]);
  return {
    spec: flat ? { kind: 'poisson', ratePerSecond: mean } : { kind: 'profile', meanRatePerSecond: mean, hourlyWeights: weights },
    describe: () =>
      flat
        ? `${perDay()} requests/day, Poisson arrivals`
        : `${perDay()} requests/day, Poisson arrivals following a daily profile (busiest hour ${formatNumber(Math.max(...hourlyRates) / mean)}x the mean)`,
    meanRatePerSecond: mean,
    peakRatePerSecond: Math.max(...hourlyRates),
    hourlyRates,
  };
}

function resolveProfile(flags: SimulationFlags): number[] {
  if (flags.peakToMean !== undefined) {
    if (!(flags.peakToMean >= 1 && flags.peakToMean <= 10)) throw new InputError(`expected a peak-to-mean ratio from 1 to 10, got ${flags.peakToMean}`, { flag: '--peak-to-mean' });
    return peakToMeanProfile(flags.peakToMean);
  }
  const named = NAMED_PROFILES[flags.profile];
  if (named !== undefined) return named;
  const weights = flags.profile.split(',').map((part) => Number(part.trim()));
  if (weights.length !== 24 || weights.some((w) => !(w >= 0)) || !weights.some((w) => w > 0)) {
    throw new InputError(`expected ${Object.keys(NAMED_PROFILES).join(', ')} or 24 non-negative hourly weights, got "${flags.profile}"`, { flag: '--profile' });
  }
  return weights;
}

function peakHourRate(timestampsS: number[]): number {
  const perHour = new Map<number, number>();
  for (const t of timestampsS) perHour.set(Math.floor(t / 3600), (perHour.get(Math.floor(t / 3600)) ?? 0) + 1);
  return Math.max(0, ...perHour.values()) / 3600;
}

async function resolveColdStartTimes(
  catalog: Catalog,
  flags: SimulationFlags,
): Promise<{ fullS: number; fullBilledS: number; restoreS: number; hitRate: number; assumptions: Assumption[] }> {
  const phases = catalog.coldStart;
  if (usesColdStartModel(flags)) {
    if (flags.coldStart !== undefined || flags.coldStartBilled !== undefined) {
      throw new InputError('give either --cold-start or the cold-start model flags (--image, --weights, --model, ...), not both', { flag: '--cold-start' });
    }
    const setup = await resolveColdStart(catalog, flags, flags.gpuCount, 'image');
    const full = estimateColdStart(setup.input);
    const mixture = mixFlashBoot(full, setup.restoreS, catalog.billing.serverless.billedPhases.flashbootRestore, setup.flashbootHitRate);
    return {
      fullS: full.totalS,
      fullBilledS: full.billedS,
      restoreS: setup.restoreS,
      hitRate: setup.flashbootHitRate,
      assumptions: [
        { key: 'coldStartS', value: mixture.meanS, text: `Cold start from the model: ${formatNumber(full.totalS)}s in full (${formatNumber(full.billedS)}s billed), weights ${setup.input.weightsFrom}.` },
        ...setup.assumptions,
      ],
    };
  }
  const defaultS = phases.containerStartS.value + phases.frameworkImportS.value + phases.cudaContextS.value;
  const fullS = flags.coldStart ?? defaultS;
  const fullBilledS = flags.coldStartBilled ?? fullS;
  if (fullBilledS > fullS) throw new InputError(`the billed part (${formatDuration(fullBilledS)}) exceeds the cold start (${formatDuration(fullS)})`, { flag: '--cold-start-billed' });
  return {
    fullS,
    fullBilledS,
    restoreS: phases.flashbootRestoreS.value,
    hitRate: 0,
    assumptions: [
      assumption('coldStartS', fullS, () =>
        flags.coldStart === undefined
            ? `Cold start ${formatDuration(fullS)} = container start + framework import + CUDA context (catalog defaults), all billed; weights not counted: give --cold-start or --model/--weights.`
          : `Cold start ${formatDuration(fullS)}, ${formatDuration(fullBilledS)} billed; FlashBoot ${formatPercent(0)} (plan for the worst).`,
      ),
    ],
  };
}
