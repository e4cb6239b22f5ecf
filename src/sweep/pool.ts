// Runs a sweep's points on every core. The main thread evaluates points itself and hands out ranges of
// points to worker threads (helpers); rows are emitted strictly in grid order (buffering the few that
// finish early), so the output is the same whatever the number of threads. Stops cleanly when asked
// (Ctrl-C, or the reader of stdout gone): rows already emitted stay written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../input/package-files.js';
import { InputError } from '../input/error.js';
import type { SweepJob, SweepRow } from './run.js';

export interface PoolOptions {
  /** Evaluates one point on the main thread (sweep/run.ts's evaluatePoint, loaded after the helpers start). */
  evaluate: (job: SweepJob, index: number) => Promise<SweepRow>;
  start: number;
  end: number;
  onRow: (row: SweepRow) => void;
  /** Polled between ranges of points; true stops the sweep. */
  stopped: () => boolean;
}

/** What a helper posts back for a range: its rows, up to the point that raised an error (as data), if one did. */
export interface WorkerReply {
  rows: SweepRow[];
  error?: { index: number; input: boolean; message: string; where?: object; path?: string };
}

/**
 * The built worker script, dist/sweep-worker.js. Found from the package root, not from this module: once
 * bundled, this code lives in a shared chunk (dist/chunks/), not next to the worker. Absent under tests
 * that run src/ directly, where the sweep runs on the main thread alone.
 */
function workerScript(): string | undefined {
  const path = join(packageRoot(), 'dist', 'sweep-worker.js');
  return existsSync(path) && !fileURLToPath(import.meta.url).endsWith('.ts') ? path : undefined;
}

/** Lets the event loop run: worker replies, Ctrl-C and stdout errors are only seen between ranges. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Points per range. Closed-form points take tens of microseconds, so ranges amortise messages (at most 64
 * points, and at least 8 ranges per thread so the threads finish together). Simulated points take tens of
 * milliseconds: one at a time keeps every thread busy to the end.
 */
function rangeSize(job: SweepJob, total: number, threads: number): number {
  return job.fast ? Math.max(1, Math.min(64, Math.ceil(total / (threads * 8)))) : 1;
}

/**
 * Ranges each helper holds at once. The main thread answers a helper only between its own points, and a
 * helper can finish two of its points while the main thread is busy with one slow one: with three queued
 * it never idles waiting for the next.
 */
const RANGES_IN_FLIGHT = 3;

/**
 * Helper threads worth starting on `threads` threads (the main thread included). A simulated point takes
 * tens of milliseconds or more, so every thread pays at once: helpers start before the plan is read.
 */
export function simulatedHelpers(threads: number, points: number): number {
  return Math.max(0, Math.min(threads - 1, points - 1));
}

/**
 * Helper threads worth starting for `workS` seconds of fast-path points on one thread (timed on the
 * first points, sweep/calibrate.ts). A helper costs about 0.2 s to start and warm up, and on two cores it
 * slows the main thread a little: it pays for itself from about 0.8 s of work each (measured with
 * bench/sweep when points were closed forms: 10,000 points ran in 0.9 s on one thread and 1.1 s on two;
 * 40,000 in 1.9 s and 1.8 s; 100,000 in 3.9 s and 2.8 s).
 */
export function fastHelpers(threads: number, workS: number): number {
  return Math.max(0, Math.min(threads - 1, Math.floor(workS / FAST_WORK_PER_HELPER_S)));
}

const FAST_WORK_PER_HELPER_S = 0.8;

/** Seconds a helper takes to start and take its first points. */
const HELPER_START_S = 0.2;

/**
 * Cores free for fast-path helpers when the user did not say how many threads: the cores less the load
 * average, at least one. A fast-path helper saves less than a simulated one, and on a busy machine it only
 * contends (bench/sweep, load 6 on 2 cores: 10,000 points of the README's plan in 2.3 s on one thread,
 * 2.9 s on two).
 */
export function idleCores(cores: number, loadAverage: number): number {
  return Math.max(1, Math.round(cores - loadAverage));
}

/**
 * Seconds `points` points take at `secondsPerPoint` each on `threads` threads, plus the helpers' start
 * when they are still to start (fast-path points: helpers start after the first points are timed).
 */
export function sweepSecondsLeft(secondsPerPoint: number, points: number, threads: number, helpersStarting: boolean): number {
  return (secondsPerPoint * points) / threads + (helpersStarting && threads > 1 ? HELPER_START_S : 0);
}

/** Worker threads started ahead of the sweep: they load their code while the main thread reads the plan. */
export interface SweepPool {
  /** Threads that evaluate points: the helpers started and this one. */
  threads: number;
  /** Evaluates points start..end on the main thread and the helpers, emitting rows in grid order. */
  run(job: SweepJob, options: PoolOptions): Promise<{ completed: number }>;
  /** Stops the helpers (after run, or when the sweep fails before it). */
  close(): void;
}

/** Starts `helpers` worker threads (none where the built worker is absent, as under tests of src/). */
export function startSweepPool(helpers: number): SweepPool {
  const script = workerScript();
  const workers = script === undefined ? [] : Array.from({ length: helpers }, () => new Worker(script));
  return {
    threads: workers.length + 1,
    run: (job, options) => runSweep(job, options, workers),
    close: () => {
      for (const worker of workers) void worker.terminate();
    },
  };
}

/** What became of one point: its row, or the error it raised. */
type Outcome = { row: SweepRow; error?: undefined } | { error: unknown; row?: undefined };

async function runSweep(job: SweepJob, options: PoolOptions, workers: readonly Worker[]): Promise<{ completed: number }> {
  const { start, end } = options;
  const total = end - start;
  const size = rangeSize(job, total, workers.length + 1);
  const lastRanges = (workers.length + 1) * RANGES_IN_FLIGHT;

  let next = start;
  let emitted = start;
  /** Points from here on are not needed: the point here failed, and the sweep ends with its error. */
  let limit = end;
  let failure: { error: unknown } | undefined;
  const early = new Map<number, Outcome>();
  const fail = (error: unknown) => {
    failure ??= { error };
  };
  /** The next range of points to evaluate, or null when there is none or the sweep stops. */
  const take = (): { from: number; to: number } | null => {
    if (failure !== undefined || next >= limit || options.stopped()) return null;
    const from = next;
    next = Math.min(limit, next + size);
    return { from, to: next };
  };
  /**
   * Settles a point and emits, in grid order, every row that no longer waits on an earlier point. A point's
   * error is reported when its turn comes, after the rows before it, so a failing sweep writes the same rows
   * whatever the number of threads and whichever thread met the error first.
   */
  const settle = (index: number, outcome: Outcome) => {
    early.set(index, outcome);
    if (outcome.error !== undefined && index < limit) limit = index;
    for (let ready = early.get(emitted); ready !== undefined && failure === undefined; ready = early.get(emitted)) {
      if (ready.row === undefined) {
        fail(ready.error);
        return;
      }
      early.delete(emitted);
      emitted++;
      try {
        options.onRow(ready.row);
      } catch (error) {
        fail(error);
      }
    }
  };

  let inFlight = 0;
  let wake: (() => void) | undefined;
  const held = new Map<Worker, number>();
  /**
   * Tops a helper up to RANGES_IN_FLIGHT ranges, but to one only near the end of the grid: a helper
   * holding more there would finish after the main thread has run out of work.
   */
  const feed = (worker: Worker) => {
    const want = (limit - next) / size > lastRanges ? RANGES_IN_FLIGHT : 1;
    while ((held.get(worker) ?? 0) < want) {
      const range = take();
      if (range === null) return;
      worker.postMessage(range);
      held.set(worker, (held.get(worker) ?? 0) + 1);
      inFlight++;
    }
  };
  const listeners: [Worker, (reply: WorkerReply) => void, (error: Error) => void][] = [];
  for (const worker of workers) {
    const onMessage = (reply: WorkerReply) => {
      inFlight--;
      held.set(worker, (held.get(worker) ?? 1) - 1);
      for (const row of reply.rows) settle(row.index, { row });
      if (reply.error !== undefined) {
        const { error } = reply;
        settle(error.index, { error: error.input ? new InputError(error.message, error.where ?? {}, error.path ?? '') : new Error(error.message) });
      }
      feed(worker);
      wake?.();
    };
    // A helper that dies (not a point's error, which comes as a reply) ends the sweep at once.
    const onError = (error: Error) => {
      fail(error);
      wake?.();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    listeners.push([worker, onMessage, onError]);
    worker.postMessage({ job });
    feed(worker);
  }

  try {
    // The main thread's share: a range at a time, then a turn of the event loop.
    for (let range = take(); range !== null; range = take()) {
      for (let index = range.from; index < range.to; index++) {
        let outcome: Outcome;
        try {
          outcome = { row: await options.evaluate(job, index) };
        } catch (error) {
          outcome = { error };
        }
        settle(index, outcome);
        if (outcome.error !== undefined) break;
      }
      await turn();
    }
    // The helpers' last ranges: their rows complete the grid (or the rows up to a stop or an error).
    while (inFlight > 0 && failure === undefined) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    for (const [worker, onMessage, onError] of listeners) {
      worker.off('message', onMessage);
      worker.off('error', onError);
    }
  }
  if (failure !== undefined) throw failure.error;
  return { completed: emitted - start };
}
