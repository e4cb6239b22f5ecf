// A sweep helper thread: receives the job once, then ranges of point indices, and posts back rows (and the
// error a point raised, as data, so the main thread can report it as one line).
import { parentPort } from 'node:worker_threads';
import { InputError } from '../input/error.js';
import { evaluatePoint, type SweepJob } from './run.js';
import type { WorkerReply } from './pool.js';

let job: SweepJob | undefined;
parentPort?.on('message', (message: { job?: SweepJob; from?: number; to?: number }) => {
  if (message.job !== undefined) {
    job = message.job;
    return;
  }
  const { from, to } = message;
  if (job === undefined || from === undefined || to === undefined) return;
  const current = job;
  // A range of points per message: with the fast path a point takes well under a millisecond, and one
  // message per point would cost more than the point. A point's error ends the range: the rows before it
  // and the error go back together, and the main thread reports the error in its turn in grid order.
  void (async () => {
    const reply: WorkerReply = { rows: [] };
    for (let index = from; index < to; index++) {
      try {
        reply.rows.push(await evaluatePoint(current, index));
      } catch (error) {
        reply.error =
          error instanceof InputError
            ? { index, input: true, message: error.message, where: error.where, path: error.path }
            : { index, input: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
        break;
      }
    }
    parentPort?.postMessage(reply);
  })();
});
