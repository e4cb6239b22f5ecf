// Points of a sweep evaluated on this thread and timed before any helper thread is started: how long a
// point takes decides whether helpers pay for their start-up, and gives the sweep's estimate. A point's
// time depends on where it is in the grid (on the README's plan a point with no active worker took 2 ms,
// one with nine 20 us), so the points timed are spread over the whole range, not its first ones. Their
// rows are kept for the sweep to report when it gets there. The clock is passed in.
import { evaluatePoint, type SweepJob, type SweepRow } from './run.js';

export interface Calibration {
  /** Rows of the points timed, by point index. */
  rows: Map<number, SweepRow>;
  /** Seconds a point took, over the second half of the points timed (the first half warms the code up); null with none. */
  secondsPerPoint: number | null;
  /** Points behind that figure. */
  timedPoints: number;
}

/** The most points timed: enough to see the grid's spread, few enough to cost nothing on a large grid. */
const MOST_POINTS = 256;
/** Points timed before the budget may end the timing (the first of them run before the code is compiled). */
const LEAST_POINTS = 128;

/**
 * Evaluates points spread over start..end (the van der Corput sequence: 1/2, 1/4, 3/4, 1/8, ... of the way,
 * so the points timed so far are spread whenever the time runs out) until `budgetS` seconds have passed
 * and 128 points are timed, or four times the budget has passed, or 256 points are timed. A point that
 * fails is not timed and ends the timing: the sweep reports its error in its turn.
 */
export async function calibrateSweep(job: SweepJob, start: number, end: number, budgetS: number, now: () => number): Promise<Calibration> {
  const rows = new Map<number, SweepRow>();
  const total = end - start;
  const began = now();
  const times: number[] = [];
  for (let k = 1; rows.size < Math.min(total, MOST_POINTS) && k <= 4 * total + 4; k++) {
    const index = start + Math.floor(radicalInverse(k) * total);
    if (rows.has(index)) continue;
    try {
      rows.set(index, await evaluatePoint(job, index));
    } catch {
      break;
    }
    const at = now();
    times.push(at);
    if ((at - began >= budgetS && rows.size >= LEAST_POINTS) || at - began >= 4 * budgetS) break;
  }
  if (times.length === 0) return { rows, secondsPerPoint: null, timedPoints: 0 };
  const from = Math.floor(times.length / 2);
  const since = from === 0 ? began : (times[from - 1] as number);
  const points = times.length - from;
  return { rows, secondsPerPoint: ((times.at(-1) as number) - since) / points, timedPoints: points };
}

/** k's binary digits mirrored after the point: 1 -> 0.5, 2 -> 0.25, 3 -> 0.75, 4 -> 0.125. */
export function radicalInverse(k: number): number {
  let result = 0;
  let weight = 0.5;
  for (let rest = k; rest > 0; rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) result += weight;
    weight /= 2;
  }
  return result;
}
