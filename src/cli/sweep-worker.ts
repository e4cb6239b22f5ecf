// A sweep worker thread: receives the job once, then point indices, and posts back rows (or the error
// a point raised, as data, so the main thread can report it as one line).
import { parentPort } from 'node:worker_threads';
import { InputError } from '../input/error.js';
import { evaluatePoint, type SweepJob } from '../plan/sweep-run.js';

let job: SweepJob | undefined;
parentPort?.on('message', (message: { job?: SweepJob; index?: number }) => {
  if (message.job !== undefined) {
    job = message.job;
    return;
  }
  const index = message.index;
  if (job === undefined || index === undefined) return;
  evaluatePoint(job, index).then(
    (row) => parentPort?.postMessage({ row }),
    (error: unknown) =>
      parentPort?.postMessage({
        error:
          error instanceof InputError
            ? { input: true, message: error.message, where: error.where, path: error.path }
            : { input: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
        index,
      }),
  );
});
