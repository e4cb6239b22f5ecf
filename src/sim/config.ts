// The simulator's input and output types, and the checks on a configuration. Kept apart from the event
// loop (simulate.ts re-exports everything here) so the samplers can import the specs without a cycle.
// The rules the fields model are RunPod's (shared reference runpod-billing-facts.md section 2, from
// https://docs.runpod.io/serverless/endpoints/endpoint-configurations and /serverless/pricing).

/** The latest time the simulator deals in, 2^40 s (about 35,000 years; validateConfig caps the horizon there). */
export const MAX_TIME_S = 2 ** 40;

/** How requests arrive; every kind is a (possibly time-varying) Poisson process except a replayed trace. */
export type ArrivalSpec =
  /** Homogeneous Poisson arrivals: the memoryless traffic the closed forms in src/model/queueing.ts assume. */
  | { kind: 'poisson'; ratePerSecond: number }
  /** A daily pattern: 24 weights (any scale); the rate in hour h is mean * 24 * w_h / sum(w), repeated every day. */
  | { kind: 'profile'; meanRatePerSecond: number; hourlyWeights: number[] }
  /** Alternating periods of onS seconds at onRatePerSecond and offS seconds at offRatePerSecond, starting "on". */
  | { kind: 'bursts'; onRatePerSecond: number; offRatePerSecond: number; onS: number; offS: number }
  /**
   * A replayed log: sorted arrival times in seconds from 0; arrivals past the horizon are ignored. The
   * trace covers [0, its last timestamp]; with repeat it is replayed end to end with that span as the
   * period (copy k at k x last + t), so a horizon longer than the trace has traffic all along; absent or
   * false: no arrivals after the last timestamp.
   */
  | {
      kind: 'trace';
      timestampsS: number[];
      repeat?: boolean;
      /**
       * With spreadS, the timestamps in each bin [k spreadS, (k + 1) spreadS) are drawn again, uniformly at
       * random within the bin (a Poisson process given each bin's count: a counts-per-minute trace whose
       * minutes keep their counts, not their even spacing). Absent: replayed as they are.
       */
      spreadS?: number;
      /** The time the trace covers, from 0 (at least its last timestamp; default: its last timestamp): the period of a repeat, and where the last bin of a spread ends. */
      spanS?: number;
    };

/** How long a job executes once a worker takes it. */
export type ExecSpec =
  /** Every job takes exactly `seconds` (hand-worked tests, fixed-size batch jobs). */
  | { kind: 'constant'; seconds: number }
  /** Exponential with mean meanS: the M/M/c service the Erlang formulas assume. */
  | { kind: 'exponential'; meanS: number }
  /** Lognormal fitted to two quantiles: mu = ln p50, sigma = (ln p95 - ln p50) / z(0.95), z(0.95) = 1.6448536269514722. */
  | { kind: 'lognormal'; p50S: number; p95S: number }
  /** Drawn uniformly with replacement from measured execution times (e.g. RunPod's executionTime per job). */
  | { kind: 'samples'; seconds: number[] }
  /** An LLM request: in / prefill + out / decode, its counts drawn independently; its prefill seconds reach the observer. */
  | { kind: 'tokens'; in: TokenCountSpec; out: TokenCountSpec; prefillTokensPerSecond: number; decodeTokensPerSecond: number };

/** Tokens per request: the same count every time, or a lognormal through a median and a p95 (not rounded). */
export type TokenCountSpec = { kind: 'constant'; tokens: number } | { kind: 'lognormal'; p50: number; p95: number };

/**
 * How the queue-delay scaler reads a threshold crossing. RunPod documents only: "With zero workers
 * initially, the first request adds one worker. Subsequent requests add workers only after waiting in the
 * queue for the defined number of delay seconds" (runpod/docs, serverless/references/endpoint-configurations.md).
 * - 'eager': every crossing adds a worker (up to max), even while one is already starting for that job,
 *   so with a cold start longer than the threshold an isolated request starts two workers.
 * - 'pending': a crossing adds a worker only when fewer workers are starting than queued jobs have
 *   crossed the threshold, so a job never starts a second worker for itself.
 * Under both, a job that finds no worker running or starting starts one at once ("the first request adds
 * one worker"), as under every scaler.
 */
export type QueueDelayReading = 'pending' | 'eager';

/** RunPod's scaler types (endpoint-configurations: "queue delay" and "request count"), plus classic per-request FaaS. */
export type ScalerSpec =
  /** Add a worker when a request has waited longer than thresholdS (RunPod's default, 4 s, minimum 0.5 s); the reading says which checks add one (see simulate.ts). */
  | { kind: 'queue-delay'; thresholdS: number; reading: QueueDelayReading }
  /** Keep ceil((in queue + in progress) / value) workers (RunPod's "request count", default 4). */
  | { kind: 'request-count'; value: number }
  /** A request that finds no free capacity starts its own worker (AWS Lambda; SimFaaS, pacslab/simfaas). */
  | { kind: 'per-request' };

/**
 * A load-balancing endpoint (RunPod's LOAD_BALANCER type; shared reference runpod-billing-facts.md
 * section 7): requests go straight to the workers with no queue. One that finds no free slot waits, in
 * arrival order, at most maxWaitS for a slot (a worker finishing a request, or one finishing its start),
 * then fails; the client may send it again retryDelayS after that failure, up to `retries` times. The
 * request-count scaler is required; billing is per worker-second as for queue endpoints.
 */
export interface LoadBalancerSpec {
  /** The longest a request waits for a worker before it fails (RunPod: 2 minutes). */
  maxWaitS: number;
  /** How many times the client sends a failed request again (RunPod has none built in and advises at least 3). */
  retries: number;
  /** Seconds from a failure to the client's next attempt (RunPod advises 5-10 s). */
  retryDelayS: number;
}

/** One simulation run: the endpoint's settings, its traffic and how long to run. */
export interface SimulationConfig {
  /** Simulated seconds from 0; events after it are not processed and open billing windows are closed at it. */
  horizonS: number;
  /** Seed of the random streams: the same seed and config give the same result. */
  seed: number;
  /** The traffic. */
  arrivals: ArrivalSpec;
  /** Execution time per job. */
  exec: ExecSpec;
  /** A start is a FlashBoot restore (restoreS) with probability hitRate, else a full cold start. Only billed seconds are billed. */
  coldStart: {
    /** Seconds from the start signal until a full cold start can serve (image download included). */
    fullS: number;
    /** The billed part of fullS (not billed since 2026-06-29: "Initializing", the image and cached-model download). */
    fullBilledS: number;
    /** Seconds of a FlashBoot restore (coldstart-figures.md: default 2 s, 0.56-7.6 s measured). */
    restoreS: number;
    /** Whether the restore's seconds are billed (RunPod bills "worker start"; whether a restore counts is not documented). */
    restoreBilled: boolean;
    /** Share of starts that are restores, 0 to 1 (FlashBoot is on by default; its hit rate is not published). */
    hitRate: number;
  };
  /** The endpoint's worker settings, with RunPod's names (endpoint-configurations). */
  workers: {
    /** Always-on ("active", min) workers: up from time 0, never cold, billed for the whole horizon. */
    active: number;
    /** Most flex workers running or starting at once ("max workers" counts flex workers here; default 3). */
    max: number;
    /** Seconds a flex worker with no job stays up (billed) before it stops (default 5 s; Infinity: never). */
    idleTimeoutS: number;
    /** Jobs one worker runs at once (concurrency; 1 for a plain handler). */
    jobsPerWorker: number;
    /** A job running longer is stopped at this many seconds and fails (default 600 s; Infinity: none). */
    executionTimeoutS: number;
  };
  /** When flex workers are started. */
  scaler: ScalerSpec;
  /** A load-balancing endpoint: no queue, a bounded wait, client retries (the scaler must be request-count). Absent: a queue endpoint. */
  loadBalancer?: LoadBalancerSpec;
  /**
   * Requests on one worker share it as an LLM server's batch does: with n in flight, each progresses at
   * ratesByInFlight[n - 1] times the speed it has alone (a job's drawn execution time is its time alone),
   * for n = 1..jobsPerWorker (the list holds jobsPerWorker rates, the first usually 1). Every request on a
   * worker speeds up or slows down the moment one joins or leaves. Absent: each job runs its drawn time
   * whatever else runs (the queue endpoint's fast path).
   */
  concurrency?: { ratesByInFlight: number[] };
  /** Each flex worker's billed window (start to stop) is rounded up to a multiple of this (1 s). */
  roundingS: number;
  /**
   * The most jobs the queue holds (a whole number >= 1). An arrival that finds it full is turned away:
   * counted (result.overload) but not stored, so a load the workers cannot serve no longer grows the
   * queue, and memory stays at most 8 bytes x the next power of two of this. Absent: unbounded (the
   * queue grows with the backlog, as before). A cap the queue never reaches changes nothing in the result;
   * a cap below a transient backlog a run can serve (a daily peak) turns jobs away, so keep it well above
   * any backlog the workers can drain: RECOMMENDED_MAX_QUEUED_JOBS is 2^20 (8 MiB).
   */
  maxQueuedJobs?: number;
  /**
   * Batches of equal simulated time for result.precision's batch-means intervals (a whole number from 2
   * to 10,000; absent: 20). Traffic with a cycle (a daily profile, bursts) wants batches of whole cycles,
   * e.g. one per simulated day: batches that hold different parts of the cycle differ for that reason
   * alone, which widens the intervals.
   */
  precisionBatches?: number;
}

/** A queue cap for callers without a better one: 2^20 jobs, 8 MiB of queue (the ring buffer's exact size). */
export const RECOMMENDED_MAX_QUEUED_JOBS = 2 ** 20;

/**
 * A run whose queue reached config.maxQueuedJobs: the workers could not keep up, and arrivals that found
 * the queue full were turned away (counted, not stored). Counts are over the horizon, like `requests`.
 */
export interface OverloadReport {
  /** The cap in force (config.maxQueuedJobs). */
  maxQueuedJobs: number;
  /** The most jobs queued at once, measured by the queue itself: never above the cap. */
  peakQueuedJobs: number;
  /** Bytes the queue's ring buffer held at the end (its largest size: it never shrinks). */
  queueBytes: number;
  /** When an arrival first found the queue full, seconds from 0. */
  firstRejectedAtS: number;
  /** Arrivals turned away because the queue was full (they are part of requests.unfinished). */
  rejectedRequests: number;
  /** Jobs finished by the horizon (requests.served + requests.failed): exactly the jobs in the latency percentiles. */
  servedRequests: number;
  /** requests.arrived - servedRequests (= requests.unfinished): turned away, or still queued, starting or running at the horizon. */
  unservedRequests: number;
  /**
   * Jobs per hour by which the backlog (queued + turned away) grew from firstRejectedAtS to the horizon:
   * how fast an unbounded queue would have grown once full (arrivals minus jobs the workers took). Over
   * the whole run if the first rejection came at the horizon. Negative when the backlog shrank again by
   * the horizon (an overload that passed, such as a daily peak above capacity).
   */
  backlogGrowthPerHour: number;
}

/** Summary of one latency distribution, in seconds (from a log-bucketed histogram: 0.4% relative error). */
export interface Percentiles {
  /** Median. */
  p50: number;
  /** 90th percentile. */
  p90: number;
  /** 95th percentile. */
  p95: number;
  /** 99th percentile. */
  p99: number;
  /** Largest value (exact). */
  max: number;
  /** Arithmetic mean (exact). */
  mean: number;
}

/** What one run measured. Billed seconds are per GPU-worker: the caller multiplies by GPUs per worker and by prices. */
export interface SimulationResult {
  /** Job counts: arrived = served + failed + dropped + unfinished. */
  requests: {
    /** Arrivals at or before the horizon (including any turned away by a full queue). */
    arrived: number;
    /** Finished within the execution timeout by the horizon. */
    served: number;
    /** Hit the execution timeout (ran executionTimeoutS, billed, then failed) by the horizon. */
    failed: number;
    /** Load-balancing endpoints: failed because no worker was free within the wait limit, on the last attempt the client made (0 for a queue endpoint). */
    dropped: number;
    /** Still queued, waiting on a start, or running at the horizon, or turned away by a full queue (not in the latency stats). */
    unfinished: number;
  };
  /** Worker starts and the jobs that waited on one. */
  coldStarts: {
    /** Flex worker starts (full cold starts plus restores). */
    workerStarts: number;
    /** Of those, FlashBoot restores. */
    restores: number;
    /** Jobs that began on a worker that became ready after they arrived: part of their wait was a start. */
    jobsWaitedOnStart: number;
    /** jobsWaitedOnStart / arrived (0 if none arrived): the closed form's P_delayed. */
    rate: number;
  };
  /** Seconds; total = queue wait (including any wait on a start) + execution. Finished (served or failed) jobs only. */
  latency: {
    /** Queue wait + execution. */
    total: Percentiles;
    /** From arrival to the start of execution (what RunPod reports as delayTime). */
    queueWait: Percentiles;
    /** Execution, capped at the execution timeout (RunPod's executionTime). */
    execution: Percentiles;
  };
  /** Billed seconds per GPU-worker: active = active * horizonS; flex = start + execution + idle + rounding. */
  billedSeconds: {
    /** Active workers: billed all the time, at the active rate. */
    active: number;
    /** Billed part of flex starts (full starts' fullBilledS; restores' restoreS if billed). */
    flexStart: number;
    /** Flex seconds with at least one job running. */
    flexExecution: number;
    /** Flex seconds up with no job (the idle-timeout tails, and waits for work after a start). */
    flexIdle: number;
    /** The round-up of each flex window to a whole roundingS. */
    flexRounding: number;
  };
  /** Workers running or starting, active included. */
  workers: {
    /** The most at once. */
    peak: number;
    /** Mean over the horizon. */
    timeWeightedMean: number;
  };
  /**
   * By hour of day (24 rows, averaged over the days simulated): mean workers, flex billed seconds per day
   * in that hour, arrivals per day in that hour. Time 0 is midnight; a horizon that never reaches an hour
   * reports 0 for it, and a part-covered hour is averaged over the part simulated.
   */
  hourOfDay: {
    /** Hour of day, 0-23 (hour 0 starts at time 0). */
    hour: number;
    /** Mean workers running or starting during this hour. */
    meanWorkers: number;
    /** Flex billed seconds in this hour, per day (a window's round-up counts in the hour after its stop). */
    flexBilledSeconds: number;
    /** Arrivals in this hour, per day. */
    arrivals: number;
  }[];
  /** A load-balancing endpoint's attempts; null for a queue endpoint. */
  loadBalancer: {
    /** Attempts that waited the whole limit and failed (each request's last such attempt is a drop, the others were retried). */
    failedAttempts: number;
    /** Attempts the client sent again after a failure. */
    retries: number;
    /** Requests that were served (or cut) on a retry, not on their first attempt. */
    servedOnRetry: number;
  } | null;
  /** Null unless the queue reached config.maxQueuedJobs (so always null without a cap): see OverloadReport. */
  overload: OverloadReport | null;
  /** 95% confidence intervals of the run's totals by batch means: see PrecisionReport. */
  precision: PrecisionReport;
}

/**
 * How precise a run's figures are: half-widths of 95% confidence intervals by batch means (the horizon cut
 * into `batches` batches of equal simulated time; half-width = t_{0.975, batches-1} x s x sqrt(batches)
 * for a total, s the standard deviation of the batch totals). A figure's interval is value +/- half-width,
 * in the figure's own units, so scaling a total to a month scales its half-width by the same factor. The
 * intervals assume batches long enough to be nearly independent (many idle-timeout cycles each) and say
 * nothing about a start-up bias. Billed seconds are assigned to batches as they accrue: a window open at a
 * boundary counts its start, execution and idle seconds up to the boundary in the batch before it; a
 * window's rounding counts where it closes.
 */
export interface PrecisionReport {
  /** Number of batches. */
  batches: number;
  /** Simulated seconds per batch (horizonS / batches). */
  batchSeconds: number;
  /** The t quantile used, t_{0.975, batches-1}. */
  tQuantile: number;
  /** Half-widths of result.billedSeconds' totals (active is exact: 0), and of their flex sum (flexStart + flexExecution + flexIdle + flexRounding). */
  billedSecondsHalfWidth: { active: number; flexStart: number; flexExecution: number; flexIdle: number; flexRounding: number; flexTotal: number };
  /** Half-width of result.coldStarts.rate (a ratio of two totals, by the delta method); 0 with no arrivals. */
  coldStartRateHalfWidth: number;
  /** Half-width of result.coldStarts.workerStarts. */
  workerStartsHalfWidth: number;
  /** Half-width of the drop rate (requests.dropped / requests.arrived; a ratio of totals, as the cold-start rate); 0 for a queue endpoint. */
  dropRateHalfWidth: number;
  /** Half-width of the failed share (requests.failed / requests.arrived: the execution timeout, or a load balancer's cut), as the drop rate's. */
  failedShareHalfWidth: number;
}

/** Throws a RangeError naming the field: the simulator's callers validate user input, so this guards against bugs. */
function fail(field: string, rule: string, value: unknown): never {
  throw new RangeError(`simulation config: ${field} must be ${rule}, got ${String(value)}`);
}

/** Checks a finite number >= 0. */
function nonNegativeFinite(field: string, value: number): void {
  if (!(value >= 0 && value < Infinity)) fail(field, 'a finite number >= 0', value);
}

/** Checks a number >= 0 that may be Infinity (a timeout that never fires). */
function nonNegative(field: string, value: number): void {
  if (!(value >= 0)) fail(field, 'a number >= 0 (Infinity allowed)', value);
}

/** Checks a whole number >= min. */
function wholeAtLeast(field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) fail(field, `a whole number >= ${min}`, value);
}

/** Checks a list of finite numbers >= 0; sorted when asked (a trace). */
function numberList(field: string, values: readonly number[], sorted: boolean): void {
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    nonNegativeFinite(`${field}[${i}]`, v);
    if (sorted && v < previous) fail(`${field}[${i}]`, `sorted (>= ${previous})`, v);
    previous = v;
  }
}

/** Throws a RangeError for any field out of its domain, so the event loop can trust its input. */
export function validateConfig(config: SimulationConfig): void {
  if (!(config.horizonS > 0 && config.horizonS <= MAX_TIME_S)) fail('horizonS', `> 0 and at most 2^40 s (${MAX_TIME_S})`, config.horizonS);
  if (!Number.isFinite(config.seed)) fail('seed', 'a finite number', config.seed);
  const a = config.arrivals;
  switch (a.kind) {
    case 'poisson':
      nonNegativeFinite('arrivals.ratePerSecond', a.ratePerSecond);
      break;
    case 'profile':
      nonNegativeFinite('arrivals.meanRatePerSecond', a.meanRatePerSecond);
      if (a.hourlyWeights.length !== 24) fail('arrivals.hourlyWeights', '24 weights', a.hourlyWeights.length);
      numberList('arrivals.hourlyWeights', a.hourlyWeights, false);
      if (a.meanRatePerSecond > 0 && !(a.hourlyWeights.reduce((s, w) => s + w, 0) > 0)) fail('arrivals.hourlyWeights', 'not all 0 when the mean rate is above 0', 0);
      break;
    case 'bursts':
      nonNegativeFinite('arrivals.onRatePerSecond', a.onRatePerSecond);
      nonNegativeFinite('arrivals.offRatePerSecond', a.offRatePerSecond);
      nonNegativeFinite('arrivals.onS', a.onS);
      nonNegativeFinite('arrivals.offS', a.offS);
      if (!(a.onS + a.offS > 0)) fail('arrivals.onS + offS', '> 0', a.onS + a.offS);
      break;
    case 'trace':
      numberList('arrivals.timestampsS', a.timestampsS, true);
      if (a.repeat !== undefined && typeof a.repeat !== 'boolean') fail('arrivals.repeat', 'true or false', a.repeat);
      if (a.spreadS !== undefined && !(a.spreadS > 0 && a.spreadS < Infinity)) fail('arrivals.spreadS', 'a finite number > 0', a.spreadS);
      if (a.spanS !== undefined && !(a.spanS >= (a.timestampsS[a.timestampsS.length - 1] ?? 0) && a.spanS < Infinity)) fail('arrivals.spanS', 'finite and at least the last timestamp', a.spanS);
      // Repeating a trace whose every arrival is at 0 would put endless arrivals at every instant.
      if (a.repeat === true && a.timestampsS.length > 0 && !((a.spanS ?? (a.timestampsS[a.timestampsS.length - 1] as number)) > 0)) fail('arrivals.timestampsS', 'ending after 0 when repeated', 0);
      break;
    default:
      fail('arrivals.kind', "'poisson', 'profile', 'bursts' or 'trace'", (a as { kind: unknown }).kind);
  }
  const e = config.exec;
  switch (e.kind) {
    case 'constant':
      nonNegativeFinite('exec.seconds', e.seconds);
      break;
    case 'exponential':
      nonNegativeFinite('exec.meanS', e.meanS);
      break;
    case 'lognormal':
      if (!(e.p50S > 0 && e.p50S < Infinity)) fail('exec.p50S', 'a finite number > 0', e.p50S);
      if (!(e.p95S >= e.p50S && e.p95S < Infinity)) fail('exec.p95S', `finite and >= p50S (${e.p50S})`, e.p95S);
      break;
    case 'samples':
      if (e.seconds.length === 0) fail('exec.seconds', 'a non-empty list', '[]');
      numberList('exec.seconds', e.seconds, false);
      break;
    case 'tokens':
      for (const [name, c] of [['in', e.in], ['out', e.out]] as const) {
        if (c.kind === 'constant' ? !(c.tokens >= 0 && c.tokens < Infinity) : !(c.p50 > 0 && c.p95 >= c.p50 && c.p95 < Infinity)) fail(`exec.${name}`, 'a finite count >= 0, or finite 0 < p50 <= p95', JSON.stringify(c));
      }
      for (const rate of ['prefillTokensPerSecond', 'decodeTokensPerSecond'] as const) if (!(e[rate] > 0 && e[rate] < Infinity)) fail(`exec.${rate}`, 'a finite number > 0', e[rate]);
      break;
    default:
      fail('exec.kind', "'constant', 'exponential', 'lognormal', 'samples' or 'tokens'", (e as { kind: unknown }).kind);
  }
  const c = config.coldStart;
  nonNegativeFinite('coldStart.fullS', c.fullS);
  if (!(c.fullBilledS >= 0 && c.fullBilledS <= c.fullS)) fail('coldStart.fullBilledS', `between 0 and fullS (${c.fullS})`, c.fullBilledS);
  nonNegativeFinite('coldStart.restoreS', c.restoreS);
  if (!(c.hitRate >= 0 && c.hitRate <= 1)) fail('coldStart.hitRate', 'between 0 and 1', c.hitRate);
  const w = config.workers;
  wholeAtLeast('workers.active', w.active, 0);
  wholeAtLeast('workers.max', w.max, 0);
  nonNegative('workers.idleTimeoutS', w.idleTimeoutS);
  wholeAtLeast('workers.jobsPerWorker', w.jobsPerWorker, 1);
  if (!(w.executionTimeoutS > 0)) fail('workers.executionTimeoutS', 'a number > 0 (Infinity allowed)', w.executionTimeoutS);
  const s = config.scaler;
  switch (s.kind) {
    case 'queue-delay':
      nonNegativeFinite('scaler.thresholdS', s.thresholdS);
      if (s.reading !== 'pending' && s.reading !== 'eager') fail('scaler.reading', "'pending' or 'eager'", s.reading);
      break;
    case 'request-count':
      if (!(s.value > 0 && s.value < Infinity)) fail('scaler.value', 'a finite number > 0', s.value);
      break;
    case 'per-request':
      break;
    default:
      fail('scaler.kind', "'queue-delay', 'request-count' or 'per-request'", (s as { kind: unknown }).kind);
  }
  const lb = config.loadBalancer;
  if (lb !== undefined) {
    nonNegativeFinite('loadBalancer.maxWaitS', lb.maxWaitS);
    wholeAtLeast('loadBalancer.retries', lb.retries, 0);
    nonNegativeFinite('loadBalancer.retryDelayS', lb.retryDelayS);
    if (s.kind !== 'request-count') fail('scaler.kind', "'request-count' on a load-balancing endpoint", s.kind);
  }
  const shared = config.concurrency;
  if (shared !== undefined) {
    if (shared.ratesByInFlight.length !== w.jobsPerWorker) fail('concurrency.ratesByInFlight', `${w.jobsPerWorker} rates (one per job in flight, up to jobsPerWorker)`, shared.ratesByInFlight.length);
    shared.ratesByInFlight.forEach((rate, i) => {
      if (!(rate > 0 && rate < Infinity)) fail(`concurrency.ratesByInFlight[${i}]`, 'a finite number > 0', rate);
    });
  }
  nonNegativeFinite('roundingS', config.roundingS);
  if (config.maxQueuedJobs !== undefined) wholeAtLeast('maxQueuedJobs', config.maxQueuedJobs, 1);
  if (config.precisionBatches !== undefined) {
    wholeAtLeast('precisionBatches', config.precisionBatches, 2);
    if (config.precisionBatches > 10_000) fail('precisionBatches', 'at most 10,000', config.precisionBatches);
  }
}
