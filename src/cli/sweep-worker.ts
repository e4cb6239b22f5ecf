// A sweep worker thread: receives the job once, then point indices, and posts back rows (or the error
// a point raised, as data, so the main thread can report it as one line).
import { parentPort } from 'node:worker_threads';
import { InputError } from '../input/error.js';
import { evaluatePoint, type SweepJob } from '../plan/sweep-run.js';

let job: SweepJob | undefined;
parentPort?.on('message', (message: { job?: SweepJob; from?: number; to?: number }) => {
  if (message.job !== undefined) {
    job = message.job;
    return;
  }
  const { from, to } = message;
  if (job === undefined || from === undefined || to === undefined) return;
  const current = job;
  // A batch of points per message: with the closed forms a point takes well under a millisecond, and
  // one message per point would cost more than the point.
  (async () => {
    const rows = [];
    for (let index = from; index < to; index++) rows.push(await evaluatePoint(current, index));
    return rows;
  })().then(
    (rows) => parentPort?.postMessage({ rows }),
    (error: unknown) =>
      parentPort?.postMessage({
        error:
          error instanceof InputError
            ? { input: true, message: error.message, where: error.where, path: error.path }
            : { input: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      }),
  );
});
