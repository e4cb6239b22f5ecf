// The one resolver of a serverless endpoint: spec + catalog (+ the files the spec names, read where it
// was loaded) -> the simulator's configuration, the prices that apply, and every figure the cost model
// and the reports need, with the assumptions as data. Errors name spec paths (src/endpoint/field-names.ts).
// No file reads, no wording, no rounding.
import { DEFAULT_MAX_REQUESTS } from '../input/limits.js';
import { resolveGpu, type GpuMatch } from '../catalog/lookup.js';
import type { ModelPresets } from '../catalog/models.js';
import { flashbootOn, platformDefaults, type EndpointOrigin, type PlatformDefaults } from '../catalog/platform-defaults.js';
import type { Catalog } from '../catalog/schema.js';
import { formatDuration } from '../input/units.js';
import { fullBatchSpeedup, relativeRates, type ThroughputPoint } from '../model/throughput.js';
import { MAX_TIME_S } from '../sim/config.js';
import { RECOMMENDED_MAX_QUEUED_JOBS, type ScalerSpec, type SimulationConfig } from '../sim/simulate.js';
import { resolveColdStart, type ResolvedColdStart } from './cold-start.js';
import { resolveExecution, type ExecSamples, type ResolvedExecution } from './execution.js';
import { nameOf, specError, type FieldNames } from './field-names.js';
import type { AnalyticTraffic, SimulationPricing } from './outcome.js';
import type { EndpointSpec, EndpointType } from './spec.js';
import { resolveTraffic, type ResolvedTraffic, type TraceData } from './traffic.js';
import { resolveTokens, type ResolvedTokens } from './tokens.js';

/** What a simulation of the endpoint runs over, set by the plan or the command, not by the endpoint. */
export interface RunSettings {
  /** Simulated time: where the simulation starts, and all of it when `horizonGiven`. */
  horizonS: number;
  /** A horizon the user set is kept; otherwise it grows until `precision` is met (or is a trace's span). */
  horizonGiven: boolean;
  /** The monthly cost's 95% half-width to simulate to, relative (0.01 = within 1%). */
  precision: number;
  seed: number;
  /** The month costs are scaled to. */
  monthS: number;
  /** The most requests one simulation may hold (default DEFAULT_MAX_REQUESTS): work is sized before it starts. */
  maxRequests?: number;
}

/** An endpoint whose mean load is over its workers' capacity is simulated for a day, not grown to a precision. */
const OVERLOADED_HORIZON_S = 86_400;

/**
 * The horizon of a run the traffic overloads: a day (its cost is the workers' all-busy cost whatever the
 * horizon, and a longer run only queues more it cannot serve), fewer whole hours when a day would hold
 * more than `maxRequests`. simulate's and a plan's overloaded endpoint and compare's overloaded options all run it.
 */
export function overloadedHorizonS(maxRequests: number, meanRatePerSecond: number): number {
  return Math.max(HOUR_S, Math.min(OVERLOADED_HORIZON_S, Math.floor(maxRequests / meanRatePerSecond / HOUR_S) * HOUR_S));
}

/** A simulated horizon grows to at most this: twelve 30-day months. */
export const MAX_HORIZON_S = 360 * 86_400;

/** How long to simulate: a horizon the user set, or from a start until the cost's interval meets a target. */
export interface PrecisionGoal {
  /** Relative 95% half-width of the monthly cost to reach. */
  relative: number;
  /** Where the horizon starts, and the most it grows to. */
  startS: number;
  maxHorizonS: number;
}

/**
 * The most requests a first simulated horizon holds: at 50,000 requests a day 30 days are 1.5 million
 * requests, and a quarter of a million already give the monthly cost well within 1% at such loads (a
 * horizon that is too short still grows until the goal is met). Busier traffic starts on the whole days (or hours, under a day)
 * that hold about this many.
 */
export const START_REQUESTS = 250_000;

/**
 * The requests a growing horizon may go on to hold past MAX_HORIZON_S: at 10 requests a day, 360 days are
 * 3,600 requests and a flex cost known to a few percent only; this many take 0.2 s to simulate.
 */
export const CAP_REQUESTS = 500_000;

const HOUR_S = 3600;
const DAY_S = 86_400;

function startHorizonS(defaultS: number, ratePerSecond: number, periodS: number | null): number {
  if (!(ratePerSecond * defaultS > START_REQUESTS)) return defaultS;
  const neededS = START_REQUESTS / ratePerSecond;
  // Traffic that follows a cycle (a daily profile, bursts) is simulated over whole cycles: 2 hours of a
  // business-hours day are its night, and a month scaled from them a fraction of its cost.
  if (periodS !== null) return Math.max(1, Math.ceil(neededS / periodS)) * periodS;
  // Whole days from a day up, so precision batches can be whole days and a daily cycle adds no spread.
  return neededS >= DAY_S ? Math.ceil(neededS / DAY_S) * DAY_S : Math.max(HOUR_S, Math.ceil(neededS / HOUR_S) * HOUR_S);
}

/** The cycle the traffic repeats (a day for a daily profile, on + off for bursts); null for flat traffic or a trace. */
function trafficPeriodS(arrivals: SimulationConfig['arrivals']): number | null {
  if (arrivals.kind === 'profile') return DAY_S;
  if (arrivals.kind === 'bursts') return arrivals.onS + arrivals.offS;
  return null;
}

/** MAX_HORIZON_S, or longer to hold CAP_REQUESTS requests, in whole multiples of the start. */
function capHorizonS(startS: number, ratePerSecond: number): number {
  const capS = Math.max(startS, MAX_HORIZON_S);
  if (!(ratePerSecond > 0) || ratePerSecond * capS >= CAP_REQUESTS) return Math.ceil(capS / startS) * startS;
  // Very light traffic (a request a month or less) would want more than the simulator's clock holds.
  return Math.min(Math.ceil(CAP_REQUESTS / ratePerSecond / startS), Math.floor(MAX_TIME_S / startS)) * startS;
}

/** The files an endpoint's spec names, read once where the spec was loaded; they travel as data. */
export interface EndpointData {
  trace?: TraceData;
  execSamples?: ExecSamples;
  /** The model presets, when the spec names one. */
  presets?: ModelPresets;
}

/**
 * Where the active rate comes from: the user's (--active-rate), a rate a catalog states for the class (a
 * negotiated one, in a user's catalog), or the flex rate: by RunPod's rule (`same-as-flex`, since
 * 2026-05-13) or because a catalog without that rule states no active rate (`flex-fallback`).
 */
export type ActiveRateSource = 'user' | 'catalog' | 'same-as-flex' | 'flex-fallback';

export interface ResolvedWorkers {
  /** How the endpoint is made, which set the defaults below. */
  createdWith: EndpointOrigin;
  /** FlashBoot on: as given, else the default of how the endpoint is made. */
  flashboot: boolean;
  /** The platform's defaults for how the endpoint is made (where the settings below were not given). */
  defaults: PlatformDefaults;
  active: number;
  max: number;
  idleTimeoutS: number;
  jobsPerWorker: number;
  /** Requests one worker finishes per mean execution time when all its slots are busy: jobsPerWorker, or less when requests share the worker (a concurrency table). */
  capacityPerWorker: number;
  executionTimeoutS: number;
  /** Which settings the spec gave (the rest are the catalog's defaults). */
  given: { active: boolean; max: boolean; idleTimeout: boolean; executionTimeout: boolean; flashboot: boolean };
}

/** A load-balancing endpoint's limits (the catalog's, or the user's wait) and the client's retries. */
export interface ResolvedLoadBalancer {
  maxWaitS: number;
  /** The wait limit was given (else the catalog's limits.loadBalancerMaxWaitS). */
  maxWaitGiven: boolean;
  /** Where the catalog's limits come from, for the assumptions. */
  maxWaitSource: { source: string; retrieved: string };
  /** The cut of one request (the catalog's limits.loadBalancerMaxRequestS), which the simulation applies as its execution timeout. */
  maxRequestS: number;
  maxRequestSource: { source: string; retrieved: string };
  retries: number;
  retryDelayS: number;
}

/** Requests sharing a worker: the user's table, and each request's pace with n in flight relative to alone. */
export interface ResolvedConcurrency {
  /** The table's rows, by requests in flight. */
  points: ThroughputPoint[];
  /** Pace relative to alone for 1..jobsPerWorker in flight (what the simulator takes). */
  ratesByInFlight: number[];
  /** jobsPerWorker x the pace at a full batch: how many times one request's throughput a full worker gives. */
  fullBatchSpeedup: number;
}

/** A client retries a failed request after this long unless told otherwise: the low end of RunPod's advice (5-10 s). */
export const DEFAULT_RETRY_DELAY_S = 5;

export interface ResolvedEndpoint {
  gpu: GpuMatch;
  /** RunPod's endpoint type. */
  type: EndpointType;
  /** The load balancer's settings; null for a queue endpoint. */
  loadBalancer: ResolvedLoadBalancer | null;
  /** Requests sharing a worker (a concurrency table); null when each runs its own time. */
  concurrency: ResolvedConcurrency | null;
  /** An LLM endpoint's requests in tokens (its execution time follows from them); null otherwise. */
  tokens: ResolvedTokens | null;
  gpuCount: number;
  traffic: ResolvedTraffic;
  execution: ResolvedExecution;
  coldStart: ResolvedColdStart;
  workers: ResolvedWorkers;
  scaler: ScalerSpec;
  prices: { flexUsdPerSecond: number } & ActiveRate;
  run: RunSettings;
  config: SimulationConfig;
  pricing: SimulationPricing;
  /** The closed forms' view of the traffic; null for bursts and traces, which they do not cover. */
  analytic: AnalyticTraffic | null;
  /** Null where the horizon is fixed (given, or a trace's span). */
  goal: PrecisionGoal | null;
}

/** Resolves an endpoint. `names` says how the spec's origin names its fields, for messages. */
export function resolveEndpoint(catalog: Catalog, spec: EndpointSpec, run: RunSettings, data: EndpointData, names: FieldNames): ResolvedEndpoint {
  const gpu = resolveGpu(catalog, spec.gpu);
  const concurrency = resolveConcurrency(spec);
  const fromTokens = resolveTokens(spec, concurrency?.points ?? null);
  if (fromTokens === null && spec.execution === undefined) throw specError('required: the execution time of one request, or its tokens (an LLM endpoint)', 'execution');
  const execution = fromTokens?.execution ?? resolveExecution(spec.execution as NonNullable<EndpointSpec['execution']>, data.execSamples);
  const traffic = resolveTraffic(spec.traffic, execution.meanS, data.trace, names);
  const coldStart = resolveColdStart(catalog, spec, spec.gpuCount, data.presets, names);
  const loadBalancer = resolveLoadBalancer(catalog, spec);
  const workers = resolveWorkers(catalog, spec, loadBalancer, concurrency);
  const scaler = resolveScaler(catalog, spec.scaler, spec.type);
  const prices = { flexUsdPerSecond: gpu.pool.flexUsdPerSecond, ...chooseActiveRate(catalog, gpu, spec.activeRate) };
  const roundingS = catalog.billing.serverless.rounding.granularityS;
  // A mean load over what every worker can serve can only grow a backlog: a day shows it (the cost is the
  // workers' all-busy cost whatever the horizon), and the report says it is overloaded.
  // A load balancer's queue cannot grow this way: what it cannot serve in time is dropped, so nothing piles up
  // and its run needs no shorter horizon (endpoint/overload.ts still reports it as over capacity, with drops).
  // At exactly the capacity (endpoint/overload.ts isOverCapacity) a queue has no steady state either: no precision to reach.
  const overloaded = loadBalancer === null && traffic.meanRatePerSecond * execution.meanS >= (workers.active + workers.max) * workers.capacityPerWorker;
  const adaptive = !run.horizonGiven && traffic.arrivals.kind !== 'trace' && !overloaded;
  const maxRequests = run.maxRequests ?? DEFAULT_MAX_REQUESTS;
  const horizonS = !run.horizonGiven && overloaded && traffic.arrivals.kind !== 'trace'
    ? overloadedHorizonS(maxRequests, traffic.meanRatePerSecond)
    : adaptive
      ? startHorizonS(run.horizonS, traffic.meanRatePerSecond, trafficPeriodS(traffic.arrivals))
      : resolveHorizon(run, traffic, spec.traffic.repeat === true, names);
  checkWork(traffic.meanRatePerSecond * horizonS, maxRequests, horizonS, run.horizonGiven);
  const config: SimulationConfig = {
    horizonS,
    seed: run.seed,
    arrivals: traffic.arrivals,
    exec: execution.spec,
    coldStart: { fullS: coldStart.fullS, fullBilledS: coldStart.fullBilledS, restoreS: coldStart.restoreS, restoreBilled: coldStart.restoreBilled, hitRate: coldStart.hitRate },
    workers: { active: workers.active, max: workers.max, idleTimeoutS: workers.idleTimeoutS, jobsPerWorker: workers.jobsPerWorker, executionTimeoutS: workers.executionTimeoutS },
    scaler,
    roundingS,
    // A load the workers cannot serve stops growing the queue here (2^20 jobs, 8 MiB) and is reported.
    maxQueuedJobs: RECOMMENDED_MAX_QUEUED_JOBS,
    precisionBatches: batchesFor(horizonS),
    ...(loadBalancer === null ? {} : { loadBalancer: { maxWaitS: loadBalancer.maxWaitS, retries: loadBalancer.retries, retryDelayS: loadBalancer.retryDelayS } }),
    ...(concurrency === null ? {} : { concurrency: { ratesByInFlight: concurrency.ratesByInFlight } }),
  };
  return {
    gpu,
    type: spec.type,
    loadBalancer,
    concurrency,
    tokens: fromTokens?.tokens ?? null,
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
    goal: adaptive ? { relative: run.precision, startS: horizonS, maxHorizonS: workCappedS(capHorizonS(horizonS, traffic.meanRatePerSecond), horizonS, traffic.meanRatePerSecond, maxRequests) } : null,
  };
}

/** Refuses a simulation over the request limit before it starts, naming what lifts it. */
function checkWork(requests: number, maxRequests: number, horizonS: number, horizonGiven: boolean): void {
  if (!(requests > maxRequests)) return;
  const shorter = horizonGiven ? 'a shorter horizon, or ' : '';
  throw specError(
    `simulating ${formatDuration(horizonS)} of this traffic means about ${Math.round(requests)} requests, over the limit of ${maxRequests}: give ${shorter}a higher limit (--max-requests; maxRequests in a plan)`,
    horizonGiven ? 'horizon' : 'traffic',
  );
}

/** A growing horizon's cap, held to the request limit (in whole start horizons, at least the start). */
function workCappedS(capS: number, startS: number, ratePerSecond: number, maxRequests: number): number {
  if (!(ratePerSecond > 0)) return capS;
  return Math.max(startS, Math.min(capS, Math.floor(maxRequests / ratePerSecond / startS) * startS));
}

/**
 * The horizon: the user's; for a trace its span (a longer one would price silence after it: refused
 * unless the trace repeats); else the start of a horizon that grows until the precision is met.
 */
function resolveHorizon(run: RunSettings, traffic: ResolvedTraffic, repeat: boolean, names: FieldNames): number {
  const periodS = trafficPeriodS(traffic.arrivals);
  if (run.horizonGiven && periodS !== null && (traffic.arrivals.kind === 'profile' ? run.horizonS % periodS !== 0 : run.horizonS < periodS)) {
    const cycle = traffic.arrivals.kind === 'profile' ? 'a daily profile repeats every 24h: give whole days (1d, 7d)' : `bursts repeat every ${formatDuration(periodS)}: give at least that`;
    throw specError(`${cycle}, got ${formatDuration(run.horizonS)}; a part of the cycle would be priced as the whole month`, 'horizon');
  }
  if (traffic.facts.kind !== 'trace') return run.horizonS;
  const spanS = traffic.facts.spanS;
  if (!run.horizonGiven) return spanS;
  if (run.horizonS > spanS && !repeat) {
    throw specError(
      `the trace spans ${formatDuration(spanS)}: a horizon of ${formatDuration(run.horizonS)} would price ${formatDuration(run.horizonS - spanS)} with no traffic; replay it with ${nameOf(names, 'traffic.repeat')}, or give a horizon up to its span`,
      'horizon',
    );
  }
  return run.horizonS;
}

/**
 * Batches of whole days where the horizon allows: a daily profile then adds no spread between batches
 * (batches of a third of a day would see the busy hours in some and the night in others, and report that
 * as imprecision). The most whole-day batches up to 30 (7 days: 7; 90 days: 30 of 3 days); else 20.
 */
function batchesFor(horizonS: number): number {
  const days = horizonS / 86_400;
  if (Number.isInteger(days) && days >= 2) {
    for (let batches = Math.min(30, days); batches >= 5; batches--) if (days % batches === 0) return batches;
    if (days < 5) return days;
  }
  return 20;
}

/** Checks the settings a run adds; paths are the plan's top-level keys (and the flags of the same name). */
export function checkRunSettings(run: RunSettings): void {
  if (run.horizonGiven && !(run.horizonS >= 3600)) throw specError('expected a horizon of at least 1h', 'horizon');
  if (!(run.precision > 0 && run.precision < 1)) throw specError(`expected a precision above 0% and below 100%, got ${run.precision * 100}%`, 'precision');
  if (!(run.monthS > 0)) throw specError('expected a month longer than 0s', 'month');
}

// RunPod's accepted ranges (endpoint configurations): idle timeout 1-3600 s, execution timeout 5 s to
// 7 days, queue-delay threshold at least 0.5 s.
function resolveWorkers(catalog: Catalog, spec: EndpointSpec, loadBalancer: ResolvedLoadBalancer | null, concurrency: ResolvedConcurrency | null): ResolvedWorkers {
  const d = platformDefaults(catalog, spec.createdWith);
  const w = spec.workers;
  const scalerKind = spec.scaler === undefined ? (spec.type === 'load-balancer' ? 'request-count' : 'queue-delay') : typeof spec.scaler === 'string' ? spec.scaler : spec.scaler.kind;
  // The API's rule is about queue endpoints; a load balancer's idle timeout applies (runpod-billing-facts.md section 7).
  const queueOnRequestCount = spec.type === 'queue' && scalerKind === 'request-count';
  if (loadBalancer !== null && w.executionTimeout !== undefined) {
    throw specError(`a load-balancing endpoint has no execution timeout: RunPod cuts one request at ${formatDuration(loadBalancer.maxRequestS)} (the catalog's limits.loadBalancerMaxRequestS); drop it`, 'workers.executionTimeout');
  }
  if (spec.createdWith === 'api' && queueOnRequestCount && w.idleTimeout !== undefined) {
    // Mirrors the API: POST /v2/serverless rejects workers.idleTimeout for a queue endpoint scaling on request count.
    throw specError("RunPod's API rejects an idle timeout for a queue endpoint that scales on request count (an endpoint made with the API); drop it: the scale-down assumed instead is stated in the output", 'workers.idleTimeout');
  }
  const active = w.active ?? d.activeWorkers;
  const max = w.max ?? d.maxWorkers;
  const idleTimeoutS = w.idleTimeout ?? (spec.createdWith === 'api' && queueOnRequestCount ? catalog.defaults.idleTimeoutS.value : d.idleTimeoutS);
  const executionTimeoutS = loadBalancer?.maxRequestS ?? w.executionTimeout ?? d.executionTimeoutS;
  if (active + max < 1) throw specError('expected at least one worker (active or max)', 'workers.max');
  if (!(idleTimeoutS >= 1 && idleTimeoutS <= 3600)) throw specError(`RunPod accepts idle timeouts of 1s to 1h, got ${formatDuration(idleTimeoutS)}`, 'workers.idleTimeout');
  if (!(executionTimeoutS >= 5 && executionTimeoutS <= 7 * 86_400)) throw specError(`RunPod accepts execution timeouts of 5s to 7d, got ${formatDuration(executionTimeoutS)}`, 'workers.executionTimeout');
  return {
    createdWith: spec.createdWith,
    flashboot: flashbootOn(catalog, spec.createdWith, spec.flashboot),
    defaults: d,
    active,
    max,
    idleTimeoutS,
    jobsPerWorker: w.jobsPerWorker,
    capacityPerWorker: concurrency?.fullBatchSpeedup ?? w.jobsPerWorker,
    executionTimeoutS,
    given: { active: w.active !== undefined, max: w.max !== undefined, idleTimeout: w.idleTimeout !== undefined, executionTimeout: w.executionTimeout !== undefined, flashboot: spec.flashboot !== undefined },
  };
}

function resolveScaler(catalog: Catalog, scaler: EndpointSpec['scaler'], type: EndpointType): ScalerSpec {
  const d = catalog.defaults;
  const kind = scaler === undefined ? (type === 'load-balancer' ? 'request-count' : 'queue-delay') : typeof scaler === 'string' ? scaler : scaler.kind;
  if (type === 'load-balancer' && kind !== 'request-count') {
    throw specError(`a load-balancing endpoint scales on request count only (RunPod requires it), not ${kind}: drop the scaler or make it request-count`, 'scaler');
  }
  if (kind === 'queue-delay') {
    const given = typeof scaler === 'object' && scaler.kind === 'queue-delay' ? scaler : undefined;
    const thresholdS = given?.threshold ?? d.queueDelayThresholdS.value;
    if (!(thresholdS >= 0.5)) throw specError(`RunPod's queue-delay threshold is at least 500ms, got ${formatDuration(thresholdS)}`, 'scaler.threshold');
    return { kind, thresholdS, reading: given?.reading ?? 'pending' };
  }
  if (kind === 'request-count') {
    const value = typeof scaler === 'object' && scaler.kind === 'request-count' ? scaler.value : d.requestCountScalerValue.value;
    return { kind, value };
  }
  return { kind: 'per-request' };
}

/** The concurrency table, checked against the jobs a worker runs; null without one. */
function resolveConcurrency(spec: EndpointSpec): ResolvedConcurrency | null {
  const table = spec.concurrency;
  if (table === undefined) return null;
  const points = Object.entries(table)
    .map(([inFlight, tokensPerSecond]) => ({ inFlight: Number(inFlight), tokensPerSecond }))
    .sort((a, b) => a.inFlight - b.inFlight);
  for (let i = 1; i < points.length; i++) {
    if ((points[i] as ThroughputPoint).inFlight === (points[i - 1] as ThroughputPoint).inFlight) throw specError(`two rows for ${(points[i] as ThroughputPoint).inFlight} requests in flight`, 'concurrency');
  }
  const slots = spec.workers.jobsPerWorker;
  if (slots === 1) {
    throw specError('a concurrency table with one job per worker changes nothing: set the batch the server runs (worker-vllm runs up to 30: MAX_CONCURRENCY)', 'workers.jobsPerWorker');
  }
  const last = (points[points.length - 1] as ThroughputPoint).inFlight;
  if (slots > last) throw specError(`the table stops at ${last} requests in flight; ${slots} jobs per worker need the tokens per second there: add a row`, 'concurrency');
  return { points, ratesByInFlight: relativeRates(points, slots), fullBatchSpeedup: fullBatchSpeedup(points, slots) };
}

/** A load balancer's wait limit, cut and client retries; null for a queue endpoint (which refuses the settings). */
function resolveLoadBalancer(catalog: Catalog, spec: EndpointSpec): ResolvedLoadBalancer | null {
  if (spec.type !== 'load-balancer') {
    const given = spec.loadBalancer;
    if (given !== undefined) {
      const setting = given.maxWait !== undefined ? 'maxWait' : given.retryDelay !== undefined ? 'retryDelay' : 'retries';
      throw specError('this is a setting of a load-balancing endpoint (type: load-balancer); a queue endpoint has a queue', `loadBalancer.${setting}`);
    }
    return null;
  }
  const given = spec.loadBalancer;
  const { loadBalancerMaxWaitS: wait, loadBalancerMaxRequestS: cut } = catalog.limits;
  return {
    maxWaitS: given?.maxWait ?? wait.value,
    maxWaitGiven: given?.maxWait !== undefined,
    maxWaitSource: { source: wait.source, retrieved: wait.retrieved },
    maxRequestS: cut.value,
    maxRequestSource: { source: cut.source, retrieved: cut.retrieved },
    retries: given?.retries ?? 0,
    retryDelayS: given?.retryDelay ?? DEFAULT_RETRY_DELAY_S,
  };
}

/** The rate active workers are billed at, and why. */
export interface ActiveRate {
  activeUsdPerSecond: number;
  activeRateSource: ActiveRateSource;
  /** When RunPod started billing active workers at the flex rate (the catalog's rule), for the assumptions. */
  sameAsFlexSince: string;
}

/** The active rate that applies: the user's, a rate the catalog states for the class, else the flex rate. */
export function chooseActiveRate(catalog: Catalog, gpu: GpuMatch, userUsdPerSecond: number | undefined): ActiveRate {
  const rule = catalog.billing.serverless.activeWorkers;
  const sameAsFlexSince = rule.effective;
  if (userUsdPerSecond !== undefined) return { activeUsdPerSecond: userUsdPerSecond, activeRateSource: 'user', sameAsFlexSince };
  if (gpu.pool.activeUsdPerSecond !== null) return { activeUsdPerSecond: gpu.pool.activeUsdPerSecond, activeRateSource: 'catalog', sameAsFlexSince };
  return { activeUsdPerSecond: gpu.pool.flexUsdPerSecond, activeRateSource: rule.billedAtFlexRate ? 'same-as-flex' : 'flex-fallback', sameAsFlexSince };
}
