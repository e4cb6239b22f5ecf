// The one resolver of a serverless endpoint: spec + catalog (+ the files the spec names, read where it
// was loaded) -> the simulator's configuration, the prices that apply, and every figure the cost model
// and the reports need, with the assumptions as data. Errors name spec paths (src/endpoint/field-names.ts).
// No file reads, no wording, no rounding.
import { resolveGpu, type GpuMatch } from '../catalog/lookup.js';
import type { ModelPresets } from '../catalog/models.js';
import type { Catalog } from '../catalog/schema.js';
import { formatDuration } from '../input/units.js';
import type { ScalerSpec, SimulationConfig } from '../sim/simulate.js';
import { resolveColdStart, type ResolvedColdStart } from './cold-start.js';
import { resolveExecution, type ExecSamples, type ResolvedExecution } from './execution.js';
import { specError, type FieldNames } from './field-names.js';
import type { AnalyticTraffic, SimulationPricing } from './outcome.js';
import type { EndpointSpec } from './spec.js';
import { resolveTraffic, type ResolvedTraffic, type TraceData } from './traffic.js';

/** What a simulation of the endpoint runs over, set by the plan or the command, not by the endpoint. */
export interface RunSettings {
  horizonS: number;
  seed: number;
  /** The month costs are scaled to. */
  monthS: number;
}

/** The files an endpoint's spec names, read once where the spec was loaded; they travel as data. */
export interface EndpointData {
  trace?: TraceData;
  execSamples?: ExecSamples;
  /** The model presets, when the spec names one. */
  presets?: ModelPresets;
}

export type ActiveRateSource = 'user' | 'catalog' | 'flex-fallback';

export interface ResolvedWorkers {
  active: number;
  max: number;
  idleTimeoutS: number;
  jobsPerWorker: number;
  executionTimeoutS: number;
  /** Which settings the spec gave (the rest are the catalog's defaults). */
  given: { active: boolean; max: boolean; idleTimeout: boolean; executionTimeout: boolean };
}

export interface ResolvedEndpoint {
  gpu: GpuMatch;
  gpuCount: number;
  traffic: ResolvedTraffic;
  execution: ResolvedExecution;
  coldStart: ResolvedColdStart;
  workers: ResolvedWorkers;
  scaler: ScalerSpec;
  prices: { flexUsdPerSecond: number; activeUsdPerSecond: number; activeRateSource: ActiveRateSource };
  run: RunSettings;
  config: SimulationConfig;
  pricing: SimulationPricing;
  /** The closed forms' view of the traffic; null for bursts and traces, which they do not cover. */
  analytic: AnalyticTraffic | null;
}

/** Resolves an endpoint. `names` says how the spec's origin names its fields, for messages. */
export function resolveEndpoint(catalog: Catalog, spec: EndpointSpec, run: RunSettings, data: EndpointData, names: FieldNames): ResolvedEndpoint {
  const gpu = resolveGpu(catalog, spec.gpu);
  const execution = resolveExecution(spec.execution, data.execSamples);
  const traffic = resolveTraffic(spec.traffic, execution.meanS, data.trace, names);
  const coldStart = resolveColdStart(catalog, spec, spec.gpuCount, data.presets, names);
  const workers = resolveWorkers(catalog, spec);
  const scaler = resolveScaler(catalog, spec.scaler);
  const prices = { flexUsdPerSecond: gpu.pool.flexUsdPerSecond, ...chooseActiveRate(gpu, spec.activeRate) };
  const roundingS = catalog.billing.serverless.rounding.granularityS;
  const config: SimulationConfig = {
    horizonS: run.horizonS,
    seed: run.seed,
    arrivals: traffic.arrivals,
    exec: execution.spec,
    coldStart: { fullS: coldStart.fullS, fullBilledS: coldStart.fullBilledS, restoreS: coldStart.restoreS, restoreBilled: coldStart.restoreBilled, hitRate: coldStart.hitRate },
    workers: { active: workers.active, max: workers.max, idleTimeoutS: workers.idleTimeoutS, jobsPerWorker: workers.jobsPerWorker, executionTimeoutS: workers.executionTimeoutS },
    scaler,
    roundingS,
  };
  return {
    gpu,
    gpuCount: spec.gpuCount,
    traffic,
    execution,
    coldStart,
    workers,
    scaler,
    prices,
    run,
    config,
    pricing: { gpuCount: spec.gpuCount, flexUsdPerSecond: prices.flexUsdPerSecond, activeUsdPerSecond: prices.activeUsdPerSecond, monthHours: run.monthS / 3600, roundingS },
    analytic: traffic.hourlyRatesPerSecond === null ? null : { hourlyRatesPerSecond: traffic.hourlyRatesPerSecond, execMeanS: execution.meanS },
  };
}

/** Checks the settings a run adds; paths are the plan's top-level keys (and the flags of the same name). */
export function checkRunSettings(run: RunSettings): void {
  if (!(run.horizonS >= 3600)) throw specError('expected a horizon of at least 1h', 'horizon');
  if (!(run.monthS > 0)) throw specError('expected a month longer than 0s', 'month');
}

// RunPod's accepted ranges (endpoint configurations): idle timeout 1-3600 s, execution timeout 5 s to
// 7 days, queue-delay threshold at least 0.5 s.
function resolveWorkers(catalog: Catalog, spec: EndpointSpec): ResolvedWorkers {
  const d = catalog.defaults;
  const w = spec.workers;
  const active = w.active ?? d.activeWorkers.value;
  const max = w.max ?? d.maxWorkers.value;
  const idleTimeoutS = w.idleTimeout ?? d.idleTimeoutS.value;
  const executionTimeoutS = w.executionTimeout ?? d.executionTimeoutS.value;
  if (active + max < 1) throw specError('expected at least one worker (active or max)', 'workers.max');
  if (!(idleTimeoutS >= 1 && idleTimeoutS <= 3600)) throw specError(`RunPod accepts idle timeouts of 1s to 1h, got ${formatDuration(idleTimeoutS)}`, 'workers.idleTimeout');
  if (!(executionTimeoutS >= 5 && executionTimeoutS <= 7 * 86_400)) throw specError(`RunPod accepts execution timeouts of 5s to 7d, got ${formatDuration(executionTimeoutS)}`, 'workers.executionTimeout');
  return {
    active,
    max,
    idleTimeoutS,
    jobsPerWorker: w.jobsPerWorker,
    executionTimeoutS,
    given: { active: w.active !== undefined, max: w.max !== undefined, idleTimeout: w.idleTimeout !== undefined, executionTimeout: w.executionTimeout !== undefined },
  };
}

function resolveScaler(catalog: Catalog, scaler: EndpointSpec['scaler']): ScalerSpec {
  const d = catalog.defaults;
  const kind = typeof scaler === 'string' ? scaler : scaler.kind;
  if (kind === 'queue-delay') {
    const thresholdS = typeof scaler === 'object' && scaler.kind === 'queue-delay' ? scaler.threshold : d.queueDelayThresholdS.value;
    if (!(thresholdS >= 0.5)) throw specError(`RunPod's queue-delay threshold is at least 500ms, got ${formatDuration(thresholdS)}`, 'scaler.threshold');
    return { kind, thresholdS };
  }
  if (kind === 'request-count') {
    const value = typeof scaler === 'object' && scaler.kind === 'request-count' ? scaler.value : d.requestCountScalerValue.value;
    return { kind, value: Math.max(1, value) };
  }
  return { kind: 'per-request' };
}

/** The active rate that applies: the user's, the catalog's, or (where RunPod publishes none) the flex rate. */
export function chooseActiveRate(gpu: GpuMatch, userUsdPerSecond: number | undefined): { activeUsdPerSecond: number; activeRateSource: ActiveRateSource } {
  if (userUsdPerSecond !== undefined) return { activeUsdPerSecond: userUsdPerSecond, activeRateSource: 'user' };
  if (gpu.pool.activeUsdPerSecond !== null) return { activeUsdPerSecond: gpu.pool.activeUsdPerSecond, activeRateSource: 'catalog' };
  return { activeUsdPerSecond: gpu.pool.flexUsdPerSecond, activeRateSource: 'flex-fallback' };
}
