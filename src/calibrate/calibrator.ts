// Job records in submission order -> what they say about the endpoint: traffic, execution time, delay split
// into warm dispatch and worker starts, failures. One pass, memory flat in the number of records: counts per
// minute, fixed histograms and log bins, a seeded reservoir of execution times, and one small state per
// worker. Pure: records come in as data, a Calibration goes out.
import type { JobRecord } from '../input/job-records.js';
import { Histogram } from '../sim/histogram.js';
import { Random } from '../sim/random.js';
import { LogBins } from './mixture.js';
import { LogMoments } from './statistics.js';

/** What the fit needs to know before the records: the endpoint's idle timeout, and the seed of the sample. */
export interface CalibratorSettings {
  /** A worker idle longer than this between two jobs was stopped and started again (seconds). */
  idleTimeoutS: number;
  /** Seed of the execution-time sample. */
  seed: number;
  /** Execution times kept for the samples file (a uniform sample of them all). */
  sampleSize: number;
}

/** Statuses whose executionTime is a whole execution (a FAILED job ran, and was billed, until it failed). */
const EXECUTED = new Set(['COMPLETED', 'FAILED', 'TIMED_OUT']);
/** Statuses whose delayTime is not a wait for a worker (still queued, or cancelled). */
const NOT_DISPATCHED = new Set(['IN_QUEUE', 'CANCELLED']);

/** Why a record is left out of a fit: counted and reported, never dropped silently. */
export type Exclusion = { fit: 'execution' | 'delay' | 'workers'; reason: 'no executionTime' | 'no delayTime' | 'no workerId' | 'status'; status: string | null; count: number };

/** One worker's current window: from its first job's start of execution to its last job's end. */
interface WorkerWindow {
  readyMs: number;
  lastEndMs: number;
  observed: ObservedWindow;
}

/**
 * A window of a worker, seen in the records: seconds from ready to an idle timeout after its last job, the
 * delay of its first job (the one that waited on its start), and the jobs that arrived before it was ready.
 */
export interface ObservedWindow {
  upS: number;
  startDelayS: number;
  jobsBeforeReady: number;
}

/** The raw material of a calibration, gathered in one pass. */
export interface Gathered {
  records: number;
  firstMs: number;
  lastMs: number;
  /** Arrivals per minute from the first record's minute (epoch minute firstMinute). */
  countsPerMinute: number[];
  firstMinute: number;
  byStatus: Map<string | null, number>;
  exclusions: Exclusion[];
  execution: { histogram: Histogram; logMoments: LogMoments; zero: number; sample: number[]; seen: number };
  delay: { histogram: Histogram; bins: LogBins };
  workers: {
    /** Delay-usable records with a workerId (all of them, for the worker method). */
    withWorker: number;
    withoutWorker: number;
    windows: ObservedWindow[];
    workerIds: number;
  };
}

/** Gathers records in submission order; finish() hands over what was gathered. */
export class Calibrator {
  private readonly data: Gathered;
  private readonly idleTimeoutMs: number;
  private readonly rng: Random;
  private readonly open = new Map<string, WorkerWindow>();
  private readonly exclusions = new Map<string, Exclusion>();

  constructor(private readonly settings: CalibratorSettings) {
    this.idleTimeoutMs = settings.idleTimeoutS * 1000;
    this.rng = new Random(settings.seed, 7);
    this.data = {
      records: 0,
      firstMs: NaN,
      lastMs: NaN,
      countsPerMinute: [],
      firstMinute: 0,
      byStatus: new Map(),
      exclusions: [],
      execution: { histogram: new Histogram(), logMoments: new LogMoments(), zero: 0, sample: [], seen: 0 },
      delay: { histogram: new Histogram(), bins: new LogBins() },
      workers: { withWorker: 0, withoutWorker: 0, windows: [], workerIds: 0 },
    };
  }

  /** Adds the next record (records come in submission order). */
  add(record: JobRecord): void {
    const d = this.data;
    if (d.records === 0) {
      d.firstMs = record.submittedMs;
      d.firstMinute = Math.floor(record.submittedMs / 60_000);
    }
    d.records++;
    d.lastMs = record.submittedMs;
    const minute = Math.floor(record.submittedMs / 60_000) - d.firstMinute;
    while (d.countsPerMinute.length <= minute) d.countsPerMinute.push(0);
    d.countsPerMinute[minute]!++;
    d.byStatus.set(record.status, (d.byStatus.get(record.status) ?? 0) + 1);
    this.addExecution(record);
    if (this.addDelay(record)) this.addWorker(record);
  }

  private exclude(fit: Exclusion['fit'], reason: Exclusion['reason'], status: string | null): void {
    const key = `${fit}|${reason}|${reason === 'status' ? status : ''}`;
    const entry = this.exclusions.get(key);
    if (entry === undefined) this.exclusions.set(key, { fit, reason, status: reason === 'status' ? status : null, count: 1 });
    else entry.count++;
  }

  private addExecution(record: JobRecord): void {
    if (record.status !== null && !EXECUTED.has(record.status)) return this.exclude('execution', 'status', record.status);
    if (record.executionMs === null) return this.exclude('execution', 'no executionTime', null);
    const e = this.data.execution;
    const seconds = record.executionMs / 1000;
    e.histogram.record(seconds);
    if (seconds > 0) e.logMoments.add(seconds);
    else e.zero++;
    // Reservoir sampling (Vitter's algorithm R): every execution time is kept with the same chance.
    e.seen++;
    if (e.sample.length < this.settings.sampleSize) e.sample.push(seconds);
    else {
      const at = this.rng.integer(e.seen);
      if (at < this.settings.sampleSize) e.sample[at] = seconds;
    }
  }

  /** Adds the record's delay; true when it has one to use. */
  private addDelay(record: JobRecord): boolean {
    if (record.status !== null && NOT_DISPATCHED.has(record.status)) {
      this.exclude('delay', 'status', record.status);
      return false;
    }
    if (record.delayMs === null) {
      this.exclude('delay', 'no delayTime', null);
      return false;
    }
    const seconds = record.delayMs / 1000;
    this.data.delay.histogram.record(seconds);
    this.data.delay.bins.add(seconds);
    return true;
  }

  /**
   * Follows the record's worker: its first job, or its first after an idle gap longer than the idle
   * timeout, began a window (a start); a job that arrived before its window began waited on that start.
   */
  private addWorker(record: JobRecord): void {
    const w = this.data.workers;
    if (record.workerId === null) {
      w.withoutWorker++;
      this.exclude('workers', 'no workerId', null);
      return;
    }
    w.withWorker++;
    const startMs = record.submittedMs + (record.delayMs as number);
    const endMs = startMs + (record.executionMs ?? 0);
    const delayS = (record.delayMs as number) / 1000;
    let window = this.open.get(record.workerId);
    if (window === undefined) w.workerIds++;
    if (window === undefined || startMs > window.lastEndMs + this.idleTimeoutMs) {
      if (window !== undefined) this.close(window);
      window = { readyMs: startMs, lastEndMs: endMs, observed: { upS: 0, startDelayS: delayS, jobsBeforeReady: 0 } };
      this.open.set(record.workerId, window);
      w.windows.push(window.observed);
    }
    if (record.submittedMs < window.readyMs) window.observed.jobsBeforeReady++;
    if (endMs > window.lastEndMs) window.lastEndMs = endMs;
  }

  /** A window ends an idle timeout after its last job. */
  private close(window: WorkerWindow): void {
    window.observed.upS = (window.lastEndMs + this.idleTimeoutMs - window.readyMs) / 1000;
  }

  /** Everything gathered, with every open window closed an idle timeout after its last job. */
  finish(): Gathered {
    for (const window of this.open.values()) this.close(window);
    this.data.exclusions = [...this.exclusions.values()];
    return this.data;
  }
}
