// A seeded discrete-event simulator of one RunPod serverless endpoint: jobs arrive, wait in the
// endpoint's FIFO queue, run on active (always-on) or flex workers, and flex workers start (cold start or
// FlashBoot restore), idle and stop under RunPod's scaler and idle-timeout rules. It reports what the
// closed forms in src/model/queueing.ts cannot: any traffic shape, several workers, concurrency per
// worker, the scaler's real behaviour, and per-window rounding.
//
// Pure: no I/O, no clock, no Math.random; the same config and seed give the same result. Rules modelled,
// with their sources (shared reference runpod-billing-facts.md section 2, read from
// https://docs.runpod.io/serverless/endpoints/endpoint-configurations and /serverless/pricing):
//
// - Jobs queue FIFO at the endpoint. A running worker with a free slot takes the next job at once:
//   active workers first (they are paid for anyway), then flex workers that are already busy but have a
//   free slot (jobsPerWorker > 1: packing keeps other workers idle so they can time out), then the MOST
//   recently used idle flex worker, so the least recently used ones reach the idle timeout and stop
//   (SimFaaS routes to its newest idle instance for the same reason: pacslab/simfaas,
//   ServerlessSimulator.schedule_warm_instance). A worker runs up to jobsPerWorker jobs at once.
// - Whatever the scaler, when jobs are waiting and no worker is running or starting, a flex worker starts
//   at once (up to max), so an endpoint scaled to zero does not first wait out the queue-delay threshold.
//   Beyond that:
//   - queue-delay (RunPod's default, 4 s): each queued job, at the moment its wait crosses the threshold,
//     triggers one check: if fewer than max flex workers are running or starting, one more starts. The
//     next job to cross triggers the next check (so a backlog adds workers one threshold-crossing at a
//     time, not all at once). Reading 'eager' starts one on every such check; reading
//     'pending' only when fewer workers are starting than queued jobs have crossed the threshold, so a
//     job that is already waiting on a start (the one the empty endpoint began for it) starts no second
//     worker. RunPod documents no more than "the first request adds one worker; subsequent requests add
//     workers only after waiting in the queue for the defined number of delay seconds".
//   - request-count: on each arrival, start flex workers until (active + flex running or starting) >=
//     ceil((queued + in progress) / value), up to max (active workers count towards the target, as
//     RunPod's min workers do). Only arrivals raise the target, so it is checked there; scale-down stays
//     with the idle timeout (RunPod documents no other). With value < jobsPerWorker the target can exceed
//     what the jobs need, and a worker the idle timeout stops is started again at the next arrival.
//   - per-request (Lambda, SimFaaS): a job that finds no free slot starts its own worker (up to max) and
//     is served by that worker, even if another one frees up while it starts. Choice: this is how
//     per-request FaaS platforms bind a request to the instance it spun up (SimFaaS creates the instance
//     busy with the request: ServerlessSimulator.cold_start_arrival), so P(cold) compares with SimFaaS
//     and the closed forms. A starting worker is not free capacity for later jobs. At max (where SimFaaS
//     would reject), jobs queue FIFO and any worker that frees takes them.
// - max counts flex workers only. Active workers run from time 0 with no cold start and are billed for
//   the whole horizon ("billed all the time, busy or idle").
// - A flex start is a FlashBoot restore (restoreS) with probability hitRate, else a full cold start
//   (fullS). Billed: fullBilledS of a full start (the image download, "Initializing", is not billed since
//   2026-06-29; it comes first, so the billed part is the last fullBilledS seconds), all of a restore if
//   restoreBilled. A flex worker idle (no job) for idleTimeoutS stops (the timeout is billed). Its billed
//   window = billed start + (stop - ready), rounded UP to roundingS ("rounded up to the next whole
//   second", per window not per job), split into start / execution (time with at least one job) / idle /
//   rounding. At the horizon every open window closes as if the worker stopped then (a start cut by the
//   horizon bills the part of its billed tail already elapsed).
// - A job whose execution time exceeds executionTimeoutS runs for executionTimeoutS and fails (billed).
//   Jobs still queued, waiting on a start or running at the horizon are unfinished, not in latency stats.
// - Overload (opt-in, config.maxQueuedJobs): an arrival that finds the queue at its cap is turned away
//   (unfinished, counted in result.overload) instead of stored. Jobs leave a FIFO queue oldest first and
//   execution times are drawn in start order, so while the workers stay saturated the cap changes who
//   waits, not what the workers do: the bill is the uncapped run's, and memory stays bounded.
// - Precision (result.precision): 95% intervals by batch means over precisionBatches (20) batches of equal
//   simulated time (batch-means.ts). The loop copies its running totals only at batch boundaries (it
//   compares each event's time with the batch end instead of the horizon), with open windows counted up
//   to the boundary, so the intervals add no work per event.
// - A load-balancing endpoint (config.loadBalancer; runpod-billing-facts.md section 7, from
//   https://docs.runpod.io/serverless/load-balancing/overview) has no queue: a request that finds no free
//   slot waits for one at most maxWaitS (RunPod: 2 minutes) and then fails. Waiting requests take slots in
//   arrival order as workers free them or finish starting, which makes the endpoint M/M/c with a fixed
//   patience when execution is exponential (model/queueing.ts boundedWaitLoss; Erlang-B with no wait). A
//   failed attempt is sent again by the client retryDelayS later, up to `retries` times, as a new arrival
//   that keeps its first arrival time (latency is counted from the first attempt); the request-count
//   scaler counts waiting requests as queued ones. The cut of one request at 5.5 minutes is the execution
//   timeout (the resolver sets it). Its own event loop (runGeneral) keeps the queue endpoint's loop as it was.
// - With a concurrency table (config.concurrency), the requests on one worker share it as an LLM server's
//   batch does: with n in flight each progresses at rate(n) times its speed alone, so a request's drawn
//   execution time is its work, done at a pace that changes whenever a request joins or leaves that
//   worker. Exactly: each worker keeps a virtual clock V (work done by each of its requests since it
//   started, dV/dt = rate(n)); a request ends when V reaches V at its start + its work, and the worker's
//   next end is re-scheduled in an indexed heap at every change. A request still running at the
//   execution timeout (wall clock from its start) is cut then. Active workers are then told apart (each
//   new request goes to the active worker with the fewest in flight). Runs in runGeneral; latency is
//   recorded when a request ends.
// - A job "waited on a start" when the worker that runs it became ready after the job arrived: the worker
//   was starting (or was started later) while the job waited, so part of the job's queue wait was a cold
//   start. This counts the job that triggered the start and those that arrived during it, as the closed
//   form's P_delayed does, and it is what RunPod's per-job delayTime shows as a slow job.
//
// Performance (bench/sim.ts: about 2.5 million requests per second on one core): events live in a
// typed-array binary heap (job completions and "start finished"), the queue is a ring buffer, workers
// are columns of typed arrays, idle timeouts are applied lazily before each event (idle workers time out
// in the order they went idle, so only the oldest needs a look), arrival and execution times are drawn
// in batches, and latencies go into fixed-size histograms. The event loop allocates nothing per job by
// design; the remaining garbage (a few scavenges per million jobs, depending on what V8 inlines) is
// doubles boxed at call boundaries, and the heap stays flat.
import { createArrivals, type ArrivalProcess } from './arrivals.js';
import {
  BATCH_ARRIVED,
  BATCH_DROPPED,
  BATCH_FAILED,
  BATCH_FIELDS,
  BATCH_FLEX_EXECUTION,
  BATCH_FLEX_IDLE,
  BATCH_FLEX_ROUNDING,
  BATCH_FLEX_START,
  BATCH_WAITED_ON_START,
  BATCH_WORKER_STARTS,
  DEFAULT_PRECISION_BATCHES,
  summarizeBatches,
} from './batch-means.js';
import { validateConfig, type OverloadReport, type Percentiles, type PrecisionReport, type SimulationConfig, type SimulationResult } from './config.js';
import { EventHeap } from './event-heap.js';
import { createExecSampler, type ExecSampler } from './exec-time.js';
import { Histogram } from './histogram.js';
import { IndexedHeap } from './indexed-heap.js';
import { JobQueue } from './job-queue.js';
import { Random } from './random.js';

export type { ArrivalSpec, ExecSpec, LoadBalancerSpec, OverloadReport, Percentiles, PrecisionReport, QueueDelayReading, ScalerSpec, SimulationConfig, SimulationResult } from './config.js';
export { RECOMMENDED_MAX_QUEUED_JOBS, validateConfig } from './config.js';

/** Flex worker state: stopped (its slot is free for a new worker). */
const STOPPED = 0;
/** Flex worker state: cold start or restore in progress. */
const STARTING = 1;
/** Flex worker state: ready (busy or idle). */
const RUNNING = 2;
/** Heap payload of a job completion on an active worker (flex completions carry the worker index >= 0). */
const ACTIVE = -1;
/** Heap payloads <= READY_BASE mean "flex worker READY_BASE - payload finished starting". */
const READY_BASE = -2;
/** claimFreeSlot's answer when every slot is taken. */
const NO_WORKER = -2;

/** Where the job startJob runs comes from: arriving now, the head of the queue, or the job a starting worker was reserved for. */
const JOB_ARRIVING = 0;
const JOB_QUEUED = 1;
const JOB_RESERVED = 2;
/** A load balancer's attempt arriving now, for the request that first arrived at attemptOrigin. */
const JOB_ATTEMPT = 3;

/** What runGeneral's next event is. */
const EVENT_WORKER = 0;
const EVENT_SHARED = 1;
const EVENT_CROSS = 2;
const EVENT_DEADLINE = 3;
const EVENT_RETRY = 4;
const EVENT_ARRIVAL = 5;

/** Scaler codes, so the hot loop compares small integers rather than strings. */
const QUEUE_DELAY = 0;
const REQUEST_COUNT = 1;
const PER_REQUEST = 2;

/** Seconds per hour and hours per day, for the hour-of-day table. */
const HOUR_S = 3600;
const HOURS = 24;

/**
 * Slack when rounding a billed window up: sums of event times carry ~1e-12 s of floating-point noise, and
 * a window of 15.000000000001 s must bill 15 s, not 16. A window more than 1 microsecond over a whole
 * second still rounds up.
 */
const ROUNDING_SLACK = 1e-6;

/**
 * Arrival times and execution times are drawn BATCH at a time into typed arrays: the sampler's loop is
 * compiled on its own, and the event loop reads plain array slots instead of calling through several
 * layers that return doubles (which V8 would box once its inlining budget for the loop runs out).
 */
const BATCH = 512;

/** Independent random streams per purpose, so changing the workers or scaler keeps the same arrivals (common random numbers). */
const ARRIVAL_STREAM = 1;
const EXEC_STREAM = 2;
const START_STREAM = 3;

/** Adds weight x (the part of [from, to) in each hour of day) to byHour: time-weighted sums split by hour. */
function addToHours(byHour: Float64Array, from: number, to: number, weight: number): void {
  let t = from;
  let hour = Math.floor(t / HOUR_S);
  while (t < to) {
    const hourEnd = (hour + 1) * HOUR_S;
    const end = hourEnd < to ? hourEnd : to;
    const slot = hour % HOURS;
    byHour[slot] = (byHour[slot] as number) + weight * (end - t);
    t = end;
    hour++;
  }
}

/** The Percentiles summary of a histogram. */
function summarize(h: Histogram): Percentiles {
  return { p50: h.percentile(50), p90: h.percentile(90), p95: h.percentile(95), p99: h.percentile(99), max: h.max, mean: h.mean };
}

/**
 * Callbacks that watch a run, for callers that need more than the totals (per-job records to test a fit
 * against, billed windows to split by calendar day). Each is optional and costs one comparison per job or
 * per window when absent; what they are given is the run's own state, so a run with them gives the same
 * result as one without.
 */
export interface SimulationObserver {
  /**
   * A job that finished by the horizon (served or failed): when it arrived and began executing, its
   * execution seconds (capped at the execution timeout), the worker (the number of its start, counted from
   * 0 over the run, or -1 for an active worker), whether it hit the execution timeout, and its work: the
   * execution time drawn for it, which it takes alone (with a concurrency table, sharing the worker
   * stretches it to executionS), and the prefill part of that work (an LLM request's, exec kind 'tokens';
   * 0 otherwise).
   */
  job?: (arrivalS: number, startS: number, executionS: number, worker: number, failed: boolean, workS: number, prefillS: number) => void;
  /**
   * A flex worker's billed window closed (at its stop, or at the horizon): billed from billedFromS to stopS,
   * split like result.billedSeconds, with the round-up billed after stopS.
   */
  window?: (billedFromS: number, stopS: number, startS: number, executionS: number, idleS: number, roundingS: number) => void;
}

/** The latency histograms behind a result's Percentiles (for callers that need more than the summary, such as P(wait > 0)). */
export interface SimulationHistograms {
  /** Queue wait + execution of each finished job. */
  total: Histogram;
  /** Queue wait (including any wait on a start) of each finished job. */
  queueWait: Histogram;
  /** Execution time of each finished job (capped at the execution timeout). */
  execution: Histogram;
}

/** The event loop's state. One instance per run; every per-worker field is a typed-array column. */
class Simulator {
  // Configuration, flattened.
  private readonly horizonS: number;
  private readonly active: number;
  private readonly max: number;
  private readonly slots: number;
  private readonly idleTimeoutS: number;
  private readonly executionTimeoutS: number;
  private readonly scaler: number;
  private readonly thresholdS: number;
  /** Queue-delay scaler read as 'pending': a crossing starts a worker only if fewer are starting than jobs have crossed. */
  private readonly pendingReading: boolean;
  private readonly scalerValue: number;
  private readonly fullS: number;
  private readonly fullBilledS: number;
  private readonly restoreS: number;
  private readonly restoreBilledS: number;
  private readonly hitRate: number;
  private readonly roundingS: number;
  /** config.maxQueuedJobs, Infinity when absent (unbounded). */
  private readonly maxQueuedJobs: number;
  /** A load-balancing endpoint (config.loadBalancer), with its wait limit and the client's retries. */
  private readonly loadBalancer: boolean;
  private readonly maxWaitS: number;
  private readonly retries: number;
  private readonly retryDelayS: number;
  /**
   * A concurrency table (config.concurrency): requests share their worker. Worker x is flex worker x
   * (x < max) or active worker x - max. Per worker: its virtual clock and when it was last advanced, the
   * requests in flight (slots of `slots` per worker: when each ends on the virtual clock, its arrival,
   * start and work), and its next event (the slot that ends, and whether it is cut at the timeout).
   */
  private readonly shared: boolean;
  private readonly rateByInFlight: Float64Array;
  private readonly sharedHeap: IndexedHeap;
  private readonly virtual: Float64Array;
  private readonly virtualAt: Float64Array;
  private readonly inFlight: Int32Array;
  private readonly jobEndV: Float64Array;
  private readonly jobArrival: Float64Array;
  private readonly jobStart: Float64Array;
  private readonly jobWork: Float64Array;
  private readonly jobPrefill: Float64Array;
  private readonly nextSlot: Int32Array;
  private readonly nextCut: Uint8Array;
  /** The observer's callbacks, undefined when not watched. */
  private readonly observeJob: SimulationObserver['job'];
  private readonly observeWindow: SimulationObserver['window'];

  // Randomness and traffic.
  private readonly arrivals: ArrivalProcess;
  private readonly exec: ExecSampler;
  private readonly startRng: Random;
  /** The next BATCH arrival times, read from arrivalIndex on. */
  private readonly arrivalBatch = new Float64Array(BATCH);
  private arrivalIndex = BATCH;
  /** The earliest arrival not yet processed. */
  private pendingArrival = 0;
  /** The next BATCH execution times, read from execIndex on. */
  private readonly execBatch = new Float64Array(BATCH);
  /** Their prefill parts (exec kind 'tokens'; zeros otherwise). */
  private readonly prefillBatch = new Float64Array(BATCH);
  private execIndex = BATCH;

  /**
   * The current event's time. Handlers read it from here instead of taking it as an argument: V8 boxes a
   * double passed to a call it does not inline (one allocation per job), but updates a double field in place.
   */
  private now = 0;

  // Events and the queue.
  private readonly heap: EventHeap;
  private readonly queue = new JobQueue();
  /** Queue-delay scaler: sequence number of the next queued job whose wait has not yet crossed the threshold. */
  private crossSeq = 0;
  /**
   * Load balancer: the waiting requests are `queue` (their first arrival times); these hold each one's
   * deadline and attempt number (0 = first) at the same sequence number (their heads are caught up on push).
   */
  private readonly deadlines = new JobQueue();
  private readonly attemptNumbers = new JobQueue();
  /** Load balancer: failed attempts due again, in the order they are due (when, first arrival, attempt number; in step). */
  private readonly retryAt = new JobQueue();
  private readonly retryOrigin = new JobQueue();
  private readonly retryNumber = new JobQueue();
  /** The first arrival of the attempt startJob(JOB_ATTEMPT) runs. */
  private attemptOrigin = 0;

  // Active workers are interchangeable (same price, always up), so only their free slots are counted.
  private activeFree: number;

  // Flex worker columns, indexed by worker slot 0..max-1.
  private readonly state: Uint8Array;
  /** Jobs running on the worker. */
  private readonly busy: Int32Array;
  /** When the start was signalled. */
  private readonly startAt: Float64Array;
  /** When the start finishes (or finished). */
  private readonly readyAt: Float64Array;
  /** Billed seconds of this worker's start. */
  private readonly billedStart: Float64Array;
  /** When the worker last went from no job to some job. */
  private readonly busySince: Float64Array;
  /** Seconds with at least one job, in finished busy periods of the current window. */
  private readonly busyTotal: Float64Array;
  /** When the worker last became idle (valid while it is in the idle deque). */
  private readonly idleSince: Float64Array;
  /** The number of the worker's current start over the run (workerStarts when it started), for the observer. */
  private readonly startNumber: Int32Array;
  /** Per-request scaler: arrival time of the job that started this worker and waits for it (NaN: none). */
  private readonly reserved: Float64Array;
  /** Stack of stopped worker slots. */
  private readonly freeSlots: Int32Array;
  private freeTop: number;
  /** Idle running workers, oldest idle at idleHead, most recently used at the other end (a ring deque). */
  private readonly idle: Int32Array;
  private idleHead = 0;
  private idleCount = 0;
  /** jobsPerWorker > 1: running workers with some jobs and a free slot (an indexed set). */
  private readonly partial: Int32Array;
  /** Position of each worker in `partial`, -1 when absent. */
  private readonly partialPos: Int32Array;
  private partialCount = 0;
  /** Flex workers running or starting. */
  private flexAlive = 0;
  /** Flex workers starting (not yet ready). */
  private starting = 0;
  /** Jobs running on any worker. */
  private inProgress = 0;
  /** Per-request scaler: jobs waiting on the worker they started. */
  private reservedPending = 0;

  // Counters.
  private arrived = 0;
  private served = 0;
  private failed = 0;
  /** Jobs started whose end falls after the horizon. */
  private runningAtHorizon = 0;
  /** Arrivals turned away by a full queue, and when the first was. */
  private rejected = 0;
  private firstRejectedAt = 0;
  private waitedOnStart = 0;
  /**
   * Load balancer: requests dropped (no worker in time on their last attempt), failed attempts, those that
   * were a request's first, retries sent, and retries turned away by a full queue.
   */
  private dropped = 0;
  private failedAttempts = 0;
  private firstAttemptsFailed = 0;
  private retriesSent = 0;
  private retriesRejected = 0;
  private workerStarts = 0;
  private restores = 0;
  private flexStart = 0;
  private flexExecution = 0;
  private flexIdle = 0;
  private flexRounding = 0;

  // Worker-count integral (time-weighted mean and hour of day).
  private workers: number;
  private peak: number;
  private lastCountChange = 0;
  private workerSeconds = 0;
  private readonly workerSecondsByHour = new Float64Array(HOURS);
  private readonly billedByHour = new Float64Array(HOURS);
  private readonly arrivalsByHour = new Float64Array(HOURS);
  /** End of the hour the last arrival fell in, and that hour of day (arrivals come in order). */
  private arrivalHourEnd = 0;
  private arrivalHour = 0;

  // Batch means (result.precision): running totals copied at each batch boundary, row k at the end of batch k - 1.
  private readonly batches: number;
  private readonly batchRows: Float64Array;
  /** Batches closed so far. */
  private batchesClosed = 0;
  /** Where the current batch ends (the horizon for the last). */
  private batchEnd: number;

  // Latency histograms.
  readonly totalHistogram = new Histogram();
  readonly waitHistogram = new Histogram();
  readonly execHistogram = new Histogram();

  /** Sets up a validated config: streams, columns sized to max, all flex workers stopped. */
  constructor(config: SimulationConfig, observer: SimulationObserver = {}) {
    const w = config.workers;
    const c = config.coldStart;
    this.horizonS = config.horizonS;
    this.active = w.active;
    this.max = w.max;
    this.slots = w.jobsPerWorker;
    this.idleTimeoutS = w.idleTimeoutS;
    this.executionTimeoutS = w.executionTimeoutS;
    this.scaler = config.scaler.kind === 'queue-delay' ? QUEUE_DELAY : config.scaler.kind === 'request-count' ? REQUEST_COUNT : PER_REQUEST;
    this.thresholdS = config.scaler.kind === 'queue-delay' ? config.scaler.thresholdS : 0;
    this.pendingReading = config.scaler.kind === 'queue-delay' && config.scaler.reading === 'pending';
    this.scalerValue = config.scaler.kind === 'request-count' ? config.scaler.value : 1;
    this.fullS = c.fullS;
    this.fullBilledS = c.fullBilledS;
    this.restoreS = c.restoreS;
    this.restoreBilledS = c.restoreBilled ? c.restoreS : 0;
    this.hitRate = c.hitRate;
    this.roundingS = config.roundingS;
    this.maxQueuedJobs = config.maxQueuedJobs ?? Infinity;
    const lb = config.loadBalancer;
    this.loadBalancer = lb !== undefined;
    this.maxWaitS = lb?.maxWaitS ?? 0;
    this.retries = lb?.retries ?? 0;
    this.retryDelayS = lb?.retryDelayS ?? 0;
    this.shared = config.concurrency !== undefined;
    const rates = config.concurrency?.ratesByInFlight ?? [];
    const sharedWorkers = this.shared ? w.max + w.active : 0;
    this.rateByInFlight = new Float64Array(rates.length + 1);
    for (let n = 1; n <= rates.length; n++) this.rateByInFlight[n] = rates[n - 1] as number;
    this.sharedHeap = new IndexedHeap(sharedWorkers);
    this.virtual = new Float64Array(sharedWorkers);
    this.virtualAt = new Float64Array(sharedWorkers);
    this.inFlight = new Int32Array(sharedWorkers);
    const sharedSlots = this.shared ? sharedWorkers * w.jobsPerWorker : 0;
    this.jobEndV = new Float64Array(sharedSlots);
    this.jobArrival = new Float64Array(sharedSlots);
    this.jobStart = new Float64Array(sharedSlots);
    this.jobWork = new Float64Array(sharedSlots);
    this.jobPrefill = new Float64Array(sharedSlots);
    this.nextSlot = new Int32Array(sharedWorkers);
    this.nextCut = new Uint8Array(sharedWorkers);
    this.observeJob = observer.job;
    this.observeWindow = observer.window;

    this.arrivals = createArrivals(config.arrivals, new Random(config.seed, ARRIVAL_STREAM));
    this.exec = createExecSampler(config.exec, new Random(config.seed, EXEC_STREAM));
    this.startRng = new Random(config.seed, START_STREAM);
    // At most one completion per job slot and one "start finished" per flex worker are pending at once.
    this.heap = new EventHeap((w.active + w.max) * w.jobsPerWorker + w.max);
    this.activeFree = w.active * w.jobsPerWorker;

    const n = w.max;
    this.state = new Uint8Array(n);
    this.busy = new Int32Array(n);
    this.startAt = new Float64Array(n);
    this.readyAt = new Float64Array(n);
    this.billedStart = new Float64Array(n);
    this.busySince = new Float64Array(n);
    this.busyTotal = new Float64Array(n);
    this.idleSince = new Float64Array(n);
    this.reserved = new Float64Array(n).fill(NaN);
    this.startNumber = new Int32Array(n);
    this.freeSlots = new Int32Array(n);
    // Slot 0 on top, so the first worker started is worker 0 (only cosmetic).
    for (let i = 0; i < n; i++) this.freeSlots[i] = n - 1 - i;
    this.freeTop = n;
    this.idle = new Int32Array(n);
    this.partial = new Int32Array(n);
    this.partialPos = new Int32Array(n).fill(-1);

    this.workers = w.active;
    this.peak = w.active;

    this.batches = config.precisionBatches ?? DEFAULT_PRECISION_BATCHES;
    this.batchRows = new Float64Array((this.batches + 1) * BATCH_FIELDS);
    this.batchEnd = this.horizonS / this.batches;
  }

  /** Runs the event loop to the horizon and summarises. */
  run(): SimulationResult {
    if (this.loadBalancer || this.shared) return this.runGeneral();
    const horizon = this.horizonS;
    const heap = this.heap;
    const queue = this.queue;
    const queueDelay = this.scaler === QUEUE_DELAY;
    const threshold = this.thresholdS;
    const pendingReading = this.pendingReading;
    // The next arrival lives in a field, not a loop variable: V8 kept the loop variable tagged, which
    // boxed every arrival time (one allocation per job); a double field is updated in place.
    this.pendingArrival = this.nextArrival();
    // Events up to `limit` belong to the current batch; past it, the batch closes (past the horizon, the run ends).
    // Comparing with `limit` instead of the horizon keeps batch means out of the per-event work.
    let limit = this.batchEnd;
    for (;;) {
      const nextArrival = this.pendingArrival;
      const tEvent = heap.topTime();
      let tCross = Infinity;
      if (queueDelay) {
        // Jobs that left the queue before crossing never trigger the scaler.
        if (this.crossSeq < queue.head) this.crossSeq = queue.head;
        if (this.crossSeq < queue.tail) tCross = queue.at(this.crossSeq) + threshold;
      }
      // Ties: idle timeouts first (a worker idle for exactly idleTimeoutS is gone), then worker events (a
      // job that finishes or a start that completes frees capacity before a threshold check or an arrival
      // at the same instant looks at it), then threshold crossings, then arrivals. Two worker events at
      // the same instant come out of the heap in an unspecified (but deterministic) order.
      if (tEvent <= tCross && tEvent <= nextArrival) {
        if (tEvent > limit) {
          if (limit === horizon) break;
          limit = this.closeBatch(limit);
          continue;
        }
        this.now = tEvent;
        this.expireIdle();
        const payload = heap.topPayload();
        heap.pop();
        if (payload >= 0) this.onFlexComplete(payload);
        else if (payload === ACTIVE) this.onActiveComplete();
        else this.onReady(READY_BASE - payload);
      } else if (tCross <= nextArrival) {
        if (tCross > limit) {
          if (limit === horizon) break;
          limit = this.closeBatch(limit);
          continue;
        }
        this.now = tCross;
        this.expireIdle();
        this.crossSeq++;
        // Jobs head..crossSeq-1 are queued and have crossed; 'pending' starts one only if they outnumber the starts under way.
        if (this.flexAlive < this.max && (!pendingReading || this.starting < this.crossSeq - queue.head)) this.startWorker(false);
      } else {
        if (nextArrival > limit) {
          if (limit === horizon) break;
          limit = this.closeBatch(limit);
          continue;
        }
        this.now = nextArrival;
        this.expireIdle();
        this.onArrival();
        this.pendingArrival = this.nextArrival();
      }
    }
    return this.finish();
  }

  /**
   * The event loop of a load-balancing endpoint or of shared workers (a concurrency table): run()'s events
   * plus the shared workers' request ends, the waiting requests' deadlines and the client's retries. Ties:
   * idle timeouts, worker starts (and unshared ends), shared ends, threshold crossings (a queue endpoint's
   * queue-delay scaler), deadlines (a slot freed at a request's deadline serves it), retries, new arrivals.
   */
  private runGeneral(): SimulationResult {
    const horizon = this.horizonS;
    const heap = this.heap;
    const sharedHeap = this.sharedHeap;
    const queue = this.queue;
    const deadlines = this.deadlines;
    const retryAt = this.retryAt;
    const lb = this.loadBalancer;
    const queueDelay = this.scaler === QUEUE_DELAY;
    this.pendingArrival = this.nextArrival();
    let limit = this.batchEnd;
    for (;;) {
      let t = heap.topTime();
      let kind = EVENT_WORKER;
      if (sharedHeap.size > 0 && sharedHeap.topTime() < t) {
        t = sharedHeap.topTime();
        kind = EVENT_SHARED;
      }
      if (queueDelay) {
        if (this.crossSeq < queue.head) this.crossSeq = queue.head;
        if (this.crossSeq < queue.tail) {
          const cross = queue.at(this.crossSeq) + this.thresholdS;
          if (cross < t) {
            t = cross;
            kind = EVENT_CROSS;
          }
        }
      }
      if (lb && queue.length > 0) {
        const deadline = deadlines.at(queue.head);
        if (deadline < t) {
          t = deadline;
          kind = EVENT_DEADLINE;
        }
      }
      if (retryAt.length > 0 && retryAt.at(retryAt.head) < t) {
        t = retryAt.at(retryAt.head);
        kind = EVENT_RETRY;
      }
      if (this.pendingArrival < t) {
        t = this.pendingArrival;
        kind = EVENT_ARRIVAL;
      }
      if (t > limit) {
        if (limit === horizon) break;
        limit = this.closeBatch(limit);
        continue;
      }
      this.now = t;
      this.expireIdle();
      if (kind === EVENT_WORKER) {
        const payload = heap.topPayload();
        heap.pop();
        if (payload >= 0) this.onFlexComplete(payload);
        else if (payload === ACTIVE) this.onActiveComplete();
        else this.onReady(READY_BASE - payload);
      } else if (kind === EVENT_SHARED) {
        this.onSharedEnd(sharedHeap.topKey());
      } else if (kind === EVENT_CROSS) {
        this.crossSeq++;
        if (this.flexAlive < this.max && (!this.pendingReading || this.starting < this.crossSeq - queue.head)) this.startWorker(false);
      } else if (kind === EVENT_DEADLINE) {
        this.onDeadline();
      } else if (kind === EVENT_RETRY) {
        retryAt.shift();
        const origin = this.retryOrigin.shift();
        this.retriesSent++;
        this.onAttempt(origin, this.retryNumber.shift());
      } else {
        if (lb) {
          this.countArrival();
          this.onAttempt(t, 0);
        } else {
          this.onArrival();
        }
        this.pendingArrival = this.nextArrival();
      }
    }
    return this.finish();
  }

  /** Shared workers: advances worker x's virtual clock to now at its current pace. */
  private advance(x: number): void {
    const t = this.now;
    const n = this.inFlight[x] as number;
    if (n > 0) this.virtual[x] = (this.virtual[x] as number) + (t - (this.virtualAt[x] as number)) * (this.rateByInFlight[n] as number);
    this.virtualAt[x] = t;
  }

  /** Shared workers: a request starts now on `worker` (a flex index, or ACTIVE: the active worker with the fewest in flight). */
  private startShared(worker: number, arrival: number, work: number, prefill: number): void {
    let x = worker;
    if (worker === ACTIVE) {
      let best = -1;
      for (let i = 0; i < this.active; i++) {
        const n = this.inFlight[this.max + i] as number;
        if (n < this.slots && (best < 0 || n < (this.inFlight[this.max + best] as number))) best = i;
      }
      x = this.max + best;
    }
    this.advance(x);
    const n = this.inFlight[x] as number;
    const slot = x * this.slots + n;
    this.jobEndV[slot] = (this.virtual[x] as number) + work;
    this.jobArrival[slot] = arrival;
    this.jobStart[slot] = this.now;
    this.jobWork[slot] = work;
    this.jobPrefill[slot] = prefill;
    this.inFlight[x] = n + 1;
    this.reschedule(x);
  }

  /** Shared workers: worker x's next event from now: the request that reaches its work first at the current pace, or one hitting the timeout first. */
  private reschedule(x: number): void {
    const n = this.inFlight[x] as number;
    if (n === 0) {
      this.sharedHeap.remove(x);
      return;
    }
    const base = x * this.slots;
    let ending = base;
    let oldest = base;
    for (let slot = base + 1; slot < base + n; slot++) {
      if ((this.jobEndV[slot] as number) < (this.jobEndV[ending] as number)) ending = slot;
      if ((this.jobStart[slot] as number) < (this.jobStart[oldest] as number)) oldest = slot;
    }
    const endAt = this.now + ((this.jobEndV[ending] as number) - (this.virtual[x] as number)) / (this.rateByInFlight[n] as number);
    const cutAt = (this.jobStart[oldest] as number) + this.executionTimeoutS;
    const cut = cutAt < endAt;
    this.nextSlot[x] = cut ? oldest : ending;
    this.nextCut[x] = cut ? 1 : 0;
    this.sharedHeap.set(x, cut ? cutAt : endAt);
  }

  /** Shared workers: worker x's next request ends (or is cut) now; its slot serves the next waiting request, and x's pace changes. */
  private onSharedEnd(x: number): void {
    this.advance(x);
    const slot = this.nextSlot[x] as number;
    const cut = this.nextCut[x] === 1;
    const arrival = this.jobArrival[slot] as number;
    const start = this.jobStart[slot] as number;
    const work = this.jobWork[slot] as number;
    const seconds = cut ? this.executionTimeoutS : this.now - start;
    if (cut) this.failed++;
    else this.served++;
    const wait = start - arrival;
    this.waitHistogram.record(wait);
    this.execHistogram.record(seconds);
    this.totalHistogram.record(wait + seconds);
    const flex = x < this.max;
    if (this.observeJob !== undefined) this.observeJob(arrival, start, seconds, flex ? (this.startNumber[x] as number) : -1, cut, work, this.jobPrefill[slot] as number);
    // The last request in flight takes the freed place, so a worker's requests stay in its first slots.
    const last = x * this.slots + (this.inFlight[x] as number) - 1;
    this.jobEndV[slot] = this.jobEndV[last] as number;
    this.jobArrival[slot] = this.jobArrival[last] as number;
    this.jobStart[slot] = this.jobStart[last] as number;
    this.jobWork[slot] = this.jobWork[last] as number;
    this.jobPrefill[slot] = this.jobPrefill[last] as number;
    this.inFlight[x] = (this.inFlight[x] as number) - 1;
    if (flex) this.onFlexComplete(x);
    else this.onActiveComplete();
    this.reschedule(x);
  }

  /** Counts a new request arriving now (not a retry), by hour of day. */
  private countArrival(): void {
    const t = this.now;
    this.arrived++;
    if (t >= this.arrivalHourEnd) {
      const hour = Math.floor(t / HOUR_S);
      this.arrivalHourEnd = (hour + 1) * HOUR_S;
      this.arrivalHour = hour % HOURS;
    }
    this.arrivalsByHour[this.arrivalHour] = (this.arrivalsByHour[this.arrivalHour] as number) + 1;
  }

  /** Load balancer: an attempt arrives now (attempt 0 is the request's first): a free slot serves it, else it waits until its deadline. */
  private onAttempt(origin: number, attempt: number): void {
    const worker = this.claimFreeSlot();
    if (worker !== NO_WORKER) {
      this.attemptOrigin = origin;
      this.startJob(worker, JOB_ATTEMPT);
    } else if (this.queue.length < this.maxQueuedJobs) {
      const queue = this.queue;
      queue.push(origin);
      // The side rings follow the queue's sequence numbers: catch their heads up before they grow.
      this.deadlines.head = queue.head;
      this.deadlines.push(this.now + this.maxWaitS);
      this.attemptNumbers.head = queue.head;
      this.attemptNumbers.push(attempt);
    } else {
      if (attempt > 0) this.retriesRejected++;
      this.reject();
    }
    this.scaleToRequestCount();
  }

  /** Load balancer: the oldest waiting request reached its deadline now: it fails, and the client retries it or gives up. */
  private onDeadline(): void {
    const attempt = this.attemptNumbers.at(this.queue.head);
    const origin = this.queue.shift();
    this.failedAttempts++;
    if (attempt === 0) this.firstAttemptsFailed++;
    if (attempt < this.retries) {
      this.retryAt.push(this.now + this.retryDelayS);
      this.retryOrigin.push(origin);
      this.retryNumber.push(attempt + 1);
    } else {
      this.dropped++;
    }
  }

  /**
   * Closes the precision batch ending at `end` (before any event after it) and returns where the next one
   * ends. Idle timeouts up to `end` are applied first (they would be at the next event, in the same order),
   * and each open window counts what it has accrued so far, so a long window is spread over its batches.
   */
  private closeBatch(end: number): number {
    this.now = end;
    this.expireIdle();
    let start = this.flexStart;
    let execution = this.flexExecution;
    let idle = this.flexIdle;
    for (let w = 0; w < this.max; w++) {
      const state = this.state[w];
      if (state === RUNNING) {
        let busySeconds = this.busyTotal[w] as number;
        if ((this.busy[w] as number) > 0) busySeconds += end - (this.busySince[w] as number);
        start += this.billedStart[w] as number;
        execution += busySeconds;
        idle += end - (this.readyAt[w] as number) - busySeconds;
      } else if (state === STARTING) {
        start += this.billedStartElapsed(w, end);
      }
    }
    this.batchesClosed++;
    this.writeBatchRow(this.batchesClosed, start, execution, idle);
    this.batchEnd = this.batchesClosed + 1 === this.batches ? this.horizonS : (this.horizonS * (this.batchesClosed + 1)) / this.batches;
    return this.batchEnd;
  }

  /** Billed seconds of starting worker w's start elapsed by `at` (the unbilled image download comes first). */
  private billedStartElapsed(w: number, at: number): number {
    const elapsed = at - (this.startAt[w] as number);
    const unbilled = (this.readyAt[w] as number) - (this.startAt[w] as number) - (this.billedStart[w] as number);
    return Math.max(0, elapsed - unbilled);
  }

  /** Copies the running totals into batch row k (flex start, execution and idle as accrued, open windows included). */
  private writeBatchRow(k: number, start: number, execution: number, idle: number): void {
    const row = k * BATCH_FIELDS;
    const rows = this.batchRows;
    rows[row + BATCH_FLEX_START] = start;
    rows[row + BATCH_FLEX_EXECUTION] = execution;
    rows[row + BATCH_FLEX_IDLE] = idle;
    rows[row + BATCH_FLEX_ROUNDING] = this.flexRounding;
    rows[row + BATCH_WAITED_ON_START] = this.waitedOnStart;
    rows[row + BATCH_ARRIVED] = this.arrived;
    rows[row + BATCH_WORKER_STARTS] = this.workerStarts;
    rows[row + BATCH_DROPPED] = this.dropped;
    rows[row + BATCH_FAILED] = this.failed;
  }

  /** The next arrival time, from the current batch (refilled when used up). */
  private nextArrival(): number {
    if (this.arrivalIndex === BATCH) {
      this.arrivals.fill(this.arrivalBatch);
      this.arrivalIndex = 0;
    }
    return this.arrivalBatch[this.arrivalIndex++] as number;
  }

  /**
   * Stops every idle flex worker whose idle timeout ran out by now, at the moment it ran out (lazy: no
   * timer events). Idle workers time out in the order they went idle, so only the oldest needs a look.
   */
  private expireIdle(): void {
    const until = this.now;
    while (this.idleCount > 0) {
      const w = this.idle[this.idleHead] as number;
      const stopAt = (this.idleSince[w] as number) + this.idleTimeoutS;
      if (stopAt > until) break;
      this.idleHead = this.idleHead + 1 === this.max ? 0 : this.idleHead + 1;
      this.idleCount--;
      // The stop happens at stopAt: handle it as an event at that time.
      this.now = stopAt;
      this.stopWorker(w);
    }
    this.now = until;
  }

  /** Stops idle flex worker w now: closes its billed window and frees its slot. */
  private stopWorker(w: number): void {
    this.closeRunning(w);
    this.state[w] = STOPPED;
    this.freeSlots[this.freeTop++] = w;
    this.flexAlive--;
    this.countWorkers(-1);
  }

  /** A job arrives now: run it if a slot is free, else queue it, then apply the scaler's start rule. */
  private onArrival(): void {
    const t = this.now;
    this.countArrival();
    const worker = this.claimFreeSlot();
    if (worker !== NO_WORKER) {
      this.startJob(worker, JOB_ARRIVING);
      if (this.scaler === REQUEST_COUNT) this.scaleToRequestCount();
      return;
    }
    if (this.scaler === PER_REQUEST) {
      // The job starts its own worker and waits for it; at max it queues like any other.
      if (this.flexAlive < this.max) this.startWorker(true);
      else if (this.queue.length < this.maxQueuedJobs) this.queue.push(t);
      else this.reject();
      return;
    }
    if (this.queue.length >= this.maxQueuedJobs) {
      // A full queue means workers are running or starting (an empty endpoint has an empty queue), so no scaler rule applies.
      this.reject();
      return;
    }
    this.queue.push(t);
    // Every scaler: never leave a job waiting with no worker running or starting.
    if (this.active + this.flexAlive === 0 && this.max > 0) this.startWorker(false);
    if (this.scaler === REQUEST_COUNT) this.scaleToRequestCount();
  }

  /** Turns the job arriving now away: the queue is at its cap. */
  private reject(): void {
    if (this.rejected === 0) this.firstRejectedAt = this.now;
    this.rejected++;
  }

  /** Request-count scaler: start flex workers until active + flex alive >= ceil((queued + in progress) / value), up to max. */
  private scaleToRequestCount(): void {
    const target = Math.ceil((this.queue.length + this.inProgress) / this.scalerValue);
    while (this.active + this.flexAlive < target && this.flexAlive < this.max) this.startWorker(false);
  }

  /**
   * Takes a free job slot for a job starting now and returns its worker (ACTIVE or a flex index), or
   * NO_WORKER: active workers first, then a busy flex worker with room, then the most recently used idle one.
   */
  private claimFreeSlot(): number {
    if (this.activeFree > 0) {
      this.activeFree--;
      return ACTIVE;
    }
    if (this.partialCount > 0) {
      const w = this.partial[this.partialCount - 1] as number;
      const busy = (this.busy[w] as number) + 1;
      this.busy[w] = busy;
      if (busy === this.slots) this.partialRemove(w);
      return w;
    }
    if (this.idleCount > 0) {
      this.idleCount--;
      let top = this.idleHead + this.idleCount;
      if (top >= this.max) top -= this.max;
      const w = this.idle[top] as number;
      this.busy[w] = 1;
      this.busySince[w] = this.now;
      if (this.slots > 1) this.partialAdd(w);
      return w;
    }
    return NO_WORKER;
  }

  /**
   * Starts a job now on a slot already taken on `worker` (a flex index or ACTIVE): the job is the one
   * arriving now, the queue's head, or the worker's reserved job. Draws its execution time, records its
   * latency if it ends by the horizon, and schedules its end.
   */
  private startJob(worker: number, source: number): void {
    const t = this.now;
    let arrival = t;
    if (source === JOB_QUEUED) {
      arrival = this.queue.shift();
    } else if (source === JOB_RESERVED) {
      arrival = this.reserved[worker] as number;
      this.reserved[worker] = NaN;
      this.reservedPending--;
    } else if (source === JOB_ATTEMPT) {
      arrival = this.attemptOrigin;
    }
    if (this.execIndex === BATCH) {
      this.exec.fill(this.execBatch, this.prefillBatch);
      this.execIndex = 0;
    }
    const prefill = this.prefillBatch[this.execIndex] as number;
    let seconds = this.execBatch[this.execIndex++] as number;
    if (this.shared) {
      // Its end depends on what else runs on the worker: scheduled, and recorded when it comes.
      if (worker !== ACTIVE && (this.readyAt[worker] as number) > arrival) this.waitedOnStart++;
      this.inProgress++;
      this.startShared(worker, arrival, seconds, prefill);
      return;
    }
    const work = seconds;
    let timedOut = false;
    if (seconds > this.executionTimeoutS) {
      seconds = this.executionTimeoutS;
      timedOut = true;
    }
    const end = t + seconds;
    if (end <= this.horizonS) {
      if (timedOut) this.failed++;
      else this.served++;
      const wait = t - arrival;
      this.waitHistogram.record(wait);
      this.execHistogram.record(seconds);
      this.totalHistogram.record(wait + seconds);
      if (this.observeJob !== undefined) this.observeJob(arrival, t, seconds, worker === ACTIVE ? -1 : (this.startNumber[worker] as number), timedOut, work, prefill);
    } else {
      this.runningAtHorizon++;
    }
    // Active workers were ready at time 0, before any arrival.
    if (worker !== ACTIVE && (this.readyAt[worker] as number) > arrival) this.waitedOnStart++;
    this.inProgress++;
    this.heap.push(end, worker);
  }

  /** A job on an active worker ends now: the slot takes the next queued job or becomes free. */
  private onActiveComplete(): void {
    this.inProgress--;
    if (this.queue.length > 0) this.startJob(ACTIVE, JOB_QUEUED);
    else this.activeFree++;
  }

  /** A job on flex worker w ends now: the slot takes the next queued job, or the worker gets a free slot or goes idle. */
  private onFlexComplete(w: number): void {
    this.inProgress--;
    if (this.queue.length > 0) {
      // The slot is reused at once; the worker stays busy, so its busy period goes on.
      this.startJob(w, JOB_QUEUED);
      return;
    }
    const busy = (this.busy[w] as number) - 1;
    this.busy[w] = busy;
    if (busy === 0) {
      this.busyTotal[w] = (this.busyTotal[w] as number) + (this.now - (this.busySince[w] as number));
      if (this.slots > 1) this.partialRemove(w);
      this.pushIdle(w);
    } else {
      this.partialAdd(w);
    }
  }

  /** Flex worker w finished starting now: it runs its reserved job (per-request), fills its slots from the queue, or goes idle. */
  private onReady(w: number): void {
    this.state[w] = RUNNING;
    this.starting--;
    let busy = 0;
    const reserved = this.reserved[w] as number;
    if (reserved === reserved) {
      busy = 1;
      this.startJob(w, JOB_RESERVED);
    }
    while (busy < this.slots && this.queue.length > 0) {
      busy++;
      this.startJob(w, JOB_QUEUED);
    }
    this.busy[w] = busy;
    if (busy === 0) {
      this.pushIdle(w);
    } else {
      this.busySince[w] = this.now;
      if (busy < this.slots) this.partialAdd(w);
    }
  }

  /** Starts a flex worker now (a restore with probability hitRate, else a full start); `reserve`: the job arriving now waits for this worker (per-request). */
  private startWorker(reserve: boolean): void {
    const t = this.now;
    const w = this.freeSlots[--this.freeTop] as number;
    const restore = this.hitRate > 0 && this.startRng.next() < this.hitRate;
    const duration = restore ? this.restoreS : this.fullS;
    this.state[w] = STARTING;
    this.startAt[w] = t;
    this.readyAt[w] = t + duration;
    this.billedStart[w] = restore ? this.restoreBilledS : this.fullBilledS;
    this.busy[w] = 0;
    this.busyTotal[w] = 0;
    this.reserved[w] = reserve ? t : NaN;
    if (this.shared) {
      this.virtual[w] = 0;
      this.virtualAt[w] = t;
    }
    this.startNumber[w] = this.workerStarts;
    if (reserve) this.reservedPending++;
    this.flexAlive++;
    this.starting++;
    this.workerStarts++;
    if (restore) this.restores++;
    this.countWorkers(1);
    this.heap.push(t + duration, READY_BASE - w);
  }

  /** Worker w goes idle now: it becomes the most recently used end of the idle deque. */
  private pushIdle(w: number): void {
    this.idleSince[w] = this.now;
    let end = this.idleHead + this.idleCount;
    if (end >= this.max) end -= this.max;
    this.idle[end] = w;
    this.idleCount++;
  }

  /** Adds w to the set of busy workers with a free slot (no-op if present). */
  private partialAdd(w: number): void {
    if ((this.partialPos[w] as number) >= 0) return;
    this.partial[this.partialCount] = w;
    this.partialPos[w] = this.partialCount++;
  }

  /** Removes w from the set of busy workers with a free slot (no-op if absent). */
  private partialRemove(w: number): void {
    const at = this.partialPos[w] as number;
    if (at < 0) return;
    const last = this.partial[--this.partialCount] as number;
    this.partial[at] = last;
    this.partialPos[last] = at;
    this.partialPos[w] = -1;
  }

  /** Integrates the worker count up to now, then changes it by delta (a start or a stop). */
  private countWorkers(delta: number): void {
    const t = this.now;
    if (t > this.lastCountChange) {
      this.workerSeconds += this.workers * (t - this.lastCountChange);
      addToHours(this.workerSecondsByHour, this.lastCountChange, t, this.workers);
      this.lastCountChange = t;
    }
    this.workers += delta;
    if (this.workers > this.peak) this.peak = this.workers;
  }

  /** Closes running worker w's billed window now (its stop, or the horizon). */
  private closeRunning(w: number): void {
    const stopAt = this.now;
    const readyAt = this.readyAt[w] as number;
    let busySeconds = this.busyTotal[w] as number;
    if ((this.busy[w] as number) > 0) busySeconds += stopAt - (this.busySince[w] as number);
    const up = stopAt - readyAt;
    const billedStart = this.billedStart[w] as number;
    this.bill(billedStart, busySeconds, up - busySeconds, readyAt - billedStart, stopAt);
  }

  /** Adds one window to the flex totals: its parts, the round-up to roundingS, and the hours it billed ([billedFrom, stopAt) plus the round-up after it). */
  private bill(startS: number, executionS: number, idleS: number, billedFrom: number, stopAt: number): void {
    const window = startS + executionS + idleS;
    const rounded = this.roundingS > 0 ? Math.ceil(window / this.roundingS - ROUNDING_SLACK) * this.roundingS : window;
    const extra = rounded > window ? rounded - window : 0;
    this.flexStart += startS;
    this.flexExecution += executionS;
    this.flexIdle += idleS;
    this.flexRounding += extra;
    addToHours(this.billedByHour, billedFrom, stopAt, 1);
    if (extra > 0) addToHours(this.billedByHour, stopAt, stopAt + extra, 1);
    if (this.observeWindow !== undefined) this.observeWindow(billedFrom, stopAt, startS, executionS, idleS, extra);
  }

  /** Closes every open window at the horizon and builds the result. */
  private finish(): SimulationResult {
    const horizon = this.horizonS;
    this.now = horizon;
    this.expireIdle();
    for (let w = 0; w < this.max; w++) {
      if (this.state[w] === RUNNING) {
        this.closeRunning(w);
      } else if (this.state[w] === STARTING) {
        // The unbilled part of a start (image download) comes first; bill what has elapsed of the billed tail.
        const billed = this.billedStartElapsed(w, horizon);
        this.bill(billed, 0, 0, horizon - billed, horizon);
      }
    }
    this.countWorkers(0);

    const coverage = new Float64Array(HOURS);
    addToHours(coverage, 0, horizon, 1);
    const hourOfDay: SimulationResult['hourOfDay'] = [];
    for (let h = 0; h < HOURS; h++) {
      const seconds = coverage[h] as number;
      const days = seconds / HOUR_S;
      hourOfDay.push({
        hour: h,
        meanWorkers: seconds > 0 ? (this.workerSecondsByHour[h] as number) / seconds : 0,
        flexBilledSeconds: days > 0 ? (this.billedByHour[h] as number) / days : 0,
        arrivals: days > 0 ? (this.arrivalsByHour[h] as number) / days : 0,
      });
    }
    return {
      requests: {
        arrived: this.arrived,
        served: this.served,
        failed: this.failed,
        dropped: this.dropped,
        // Shared workers' requests are counted when they end: those still in flight are unfinished.
        unfinished: (this.shared ? this.inProgress : this.runningAtHorizon) + this.queue.length + this.reservedPending + this.rejected + this.retryAt.length,
      },
      coldStarts: {
        workerStarts: this.workerStarts,
        restores: this.restores,
        jobsWaitedOnStart: this.waitedOnStart,
        rate: this.arrived > 0 ? this.waitedOnStart / this.arrived : 0,
      },
      latency: { total: summarize(this.totalHistogram), queueWait: summarize(this.waitHistogram), execution: summarize(this.execHistogram) },
      billedSeconds: {
        active: this.active * horizon,
        flexStart: this.flexStart,
        flexExecution: this.flexExecution,
        flexIdle: this.flexIdle,
        flexRounding: this.flexRounding,
      },
      workers: { peak: this.peak, timeWeightedMean: this.workerSeconds / horizon },
      hourOfDay,
      loadBalancer: this.loadBalancer ? { failedAttempts: this.failedAttempts, retries: this.retriesSent, servedOnRetry: this.startedOnRetry() } : null,
      overload: this.rejected === 0 ? null : this.overloadReport(),
      precision: this.summarizeBatches(),
    };
  }

  /**
   * Load balancer: requests that got a worker on a retry: those whose first attempt failed, less those
   * dropped, turned away, or still waiting or due again at the horizon (counted here, not per event).
   */
  private startedOnRetry(): number {
    let pending = this.retryAt.length;
    for (let seq = this.queue.head; seq < this.queue.tail; seq++) if (this.attemptNumbers.at(seq) > 0) pending++;
    return this.firstAttemptsFailed - this.dropped - this.retriesRejected - pending;
  }

  /** The precision report, at the horizon once every window is closed (the loop has closed every earlier batch). */
  private summarizeBatches(): PrecisionReport {
    this.writeBatchRow(this.batches, this.flexStart, this.flexExecution, this.flexIdle);
    return summarizeBatches(this.batchRows, this.horizonS);
  }

  /** The overload report of a run that turned jobs away (called at the horizon). */
  private overloadReport(): OverloadReport {
    const finished = this.served + this.failed;
    const elapsed = this.horizonS - this.firstRejectedAt;
    // The backlog (queued + turned away) stood at the cap just before the first rejection.
    const backlog = this.queue.length + this.rejected;
    const growthPerSecond = elapsed > 0 ? (backlog - this.maxQueuedJobs) / elapsed : backlog / this.horizonS;
    return {
      maxQueuedJobs: this.maxQueuedJobs,
      peakQueuedJobs: this.queue.peakLength,
      queueBytes: this.queue.bufferBytes,
      firstRejectedAtS: this.firstRejectedAt,
      rejectedRequests: this.rejected,
      servedRequests: finished,
      unservedRequests: this.arrived - finished,
      backlogGrowthPerHour: growthPerSecond * HOUR_S,
    };
  }
}

/** Runs one simulation and also returns its latency histograms (for P(wait > 0), other percentiles, or merging runs). */
export function simulateWithHistograms(config: SimulationConfig, observer?: SimulationObserver): { result: SimulationResult; histograms: SimulationHistograms } {
  validateConfig(config);
  const sim = new Simulator(config, observer);
  const result = sim.run();
  return { result, histograms: { total: sim.totalHistogram, queueWait: sim.waitHistogram, execution: sim.execHistogram } };
}

/** Simulates one RunPod serverless endpoint for config.horizonS seconds (pure and seeded; throws RangeError for an invalid config); `observer` watches it. */
export function simulate(config: SimulationConfig, observer?: SimulationObserver): SimulationResult {
  return simulateWithHistograms(config, observer).result;
}
