// Runs a sweep's points on every core: worker threads evaluate points, the main thread hands out indices
// and emits rows strictly in grid order (buffering the few that finish early), so the output is the same
// whatever the number of threads. Stops cleanly when asked (Ctrl-C): rows already emitted stay written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../catalog/bundled.js';
import { InputError } from '../input/error.js';
import { evaluatePoint, type SweepJob, type SweepRow } from '../plan/sweep-run.js';

export interface PoolOptions {
  threads: number;
  start: number;
  end: number;
  onRow: (row: SweepRow) => void;
  /** Polled between points; true stops the sweep. */
  stopped: () => boolean;
}

/**
 * The built worker script, dist/sweep-worker.js. Found from the package root, not from this module: once
 * bundled, this code lives in a shared chunk (dist/chunks/), not next to the worker. Absent under tests
 * that run src/ directly, where the sweep runs on the main thread.
 */
function workerScript(): string | undefined {
  const path = join(packageRoot(), 'dist', 'sweep-worker.js');
  return existsSync(path) && !fileURLToPath(import.meta.url).endsWith('.ts') ? path : undefined;
}

export async function runSweep(job: SweepJob, options: PoolOptions): Promise<{ completed: number }> {
  const script = workerScript();
  const total = options.end - options.start;
  const threads = script === undefined ? 1 : Math.max(1, Math.min(options.threads, total));
  if (threads === 1) {
    let completed = 0;
    for (let index = options.start; index < options.end && !options.stopped(); index++) {
      options.onRow(await evaluatePoint(job, index));
      completed++;
    }
    return { completed };
  }
  return new Promise((resolvePromise, reject) => {
    const workers: Worker[] = [];
    const pending = new Map<number, SweepRow>();
    let next = options.start;
    let emit = options.start;
    let failed = false;
    const finish = (error?: unknown) => {
      if (failed) return;
      if (error !== undefined) failed = true;
      for (const worker of workers) void worker.terminate();
      if (error !== undefined) reject(error);
      else resolvePromise({ completed: emit - options.start });
    };
    // Closed-form points take well under a millisecond: batch them to amortise messages. Simulated points
    // take tens of milliseconds: one at a time keeps every thread busy to the end.
    const batch = job.fast ? Math.max(1, Math.min(64, Math.ceil(total / (threads * 8)))) : 1;
    const dispatch = (worker: Worker) => {
      if (options.stopped() || next >= options.end) return false;
      const to = Math.min(options.end, next + batch);
      worker.postMessage({ from: next, to });
      next = to;
      return true;
    };
    let busy = 0;
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script as string);
      workers.push(worker);
      worker.postMessage({ job });
      worker.on('message', (message: { rows?: SweepRow[]; error?: { input: boolean; message: string; where?: object; path?: string } }) => {
        busy--;
        if (message.error !== undefined) {
          const { error } = message;
          finish(error.input ? new InputError(error.message, error.where ?? {}, error.path ?? '') : new Error(error.message));
          return;
        }
        for (const row of message.rows ?? []) pending.set(row.index, row);
        while (pending.has(emit)) {
          options.onRow(pending.get(emit) as SweepRow);
          pending.delete(emit);
          emit++;
        }
        if (dispatch(worker)) busy++;
        if (busy === 0) finish();
      });
      worker.on('error', (error) => finish(error));
      if (dispatch(worker)) busy++;
    }
    if (busy === 0) finish();
  });
}
