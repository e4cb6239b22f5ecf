// What a sweep says on stderr besides its rows, worded: its size before the first point, its estimate
// once points are timed, the progress bar's line, the points outside the fast path's domain, a stop. The
// CLI times, counts and prints; the sentences are here.
import { groupDigits, type Axis } from '../sweep/grid.js';
import type { SweepCounts } from '../sweep/stream-rows.js';

/**
 * The first line, before any point: `sweep: 10,000 points (10 x 10 x 100), fast path`, or for a shard
 * `sweep: shard 2 of 4 (RUNPOD_PLAN_SHARD=2/4): points 2,501 to 5,000 of 10,000 (10 x 10 x 100), simulated`
 * (point numbers count from 1, as the rows' `point` column does). `shard.source`: where `--shard auto`
 * found the shard, null otherwise.
 */
export function describeGrid(
  axes: readonly Axis[],
  grid: number,
  range: { start: number; end: number },
  shard: { index: number; count: number; source: string | null },
  fast: boolean,
): string {
  // Each axis's size, for two or more: 10 x 10 x 100.
  const sizes = axes.length === 1 ? '' : ` (${axes.map((axis) => groupDigits(axis.values.length)).join(' x ')})`;
  const method = fast ? 'fast path' : 'simulated';
  if (shard.count === 1) return `sweep: ${groupDigits(grid)} point${grid === 1 ? '' : 's'}${sizes}, ${method}\n`;
  const which = `shard ${shard.index} of ${shard.count}${shard.source === null ? '' : ` (${shard.source})`}`;
  if (range.end === range.start) return `sweep: ${which}: none of the grid's ${groupDigits(grid)} points${sizes}, ${method}\n`;
  const points = range.end - range.start === 1 ? `point ${groupDigits(range.end)}` : `points ${groupDigits(range.start + 1)} to ${groupDigits(range.end)}`;
  return `sweep: ${which}: ${points} of ${groupDigits(grid)}${sizes}, ${method}\n`;
}

/** What a point's time was measured on: the first point (simulated), or points spread over the grid or the shard (fast path, sweep/calibrate.ts). */
export type EstimateBasis = { kind: 'first-point' } | { kind: 'spread'; points: number; shard: boolean };

/**
 * The second line, once points have been timed: `sweep: about 3 s on 2 threads (0.3 ms a point, timed on
 * 128 points spread over the grid)` or, simulated, `(... timed on the first point)`. `leftS` is the
 * estimate for the points still to do.
 */
export function describeEstimate(leftS: number, threads: number, secondsPerPoint: number, basis: EstimateBasis): string {
  const on = `on ${threads} thread${threads === 1 ? '' : 's'}`;
  const timedOn = basis.kind === 'first-point' ? 'the first point' : `${basis.points} point${basis.points === 1 ? '' : 's'} spread over the ${basis.shard ? 'shard' : 'grid'}`;
  return `sweep: ${roughDuration(leftS)} ${on} (${pointTime(secondsPerPoint)} a point, timed on ${timedOn})\n`;
}

/** `under a second`, `about 40 s`, `about 12 min`, `about 3.5 h`: an estimate, rounded as one. */
export function roughDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `about ${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min`;
  const hours = seconds / 3600;
  return `about ${hours < 10 ? hours.toFixed(1) : groupDigits(Math.round(hours))} h`;
}

/** `0.27 ms`, `45 ms`, `1.9 s`: two significant digits. */
function pointTime(seconds: number): string {
  const [value, unit] = seconds < 1 ? [seconds * 1000, 'ms'] : [seconds, 's'];
  return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(2))} ${unit}`;
}

/** The progress bar, redrawn in place: `[#####.....] 120/600 points, 40.0/s, 12s left `. */
export function describeProgress(done: number, total: number, elapsedS: number): string {
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const width = 30;
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} points, ${rate.toFixed(1)}/s, ${left}s left `;
}

/** The warnings for points priced outside the fast path's validated domain, without the `warning: ` prefix. */
export function sweepWarnings(counts: SweepCounts): string[] {
  const { evaluated, outsideFastDomain, coldStartRateOutsideFastDomain } = counts;
  return [
    ...(outsideFastDomain > 0 ? [`${groupDigits(outsideFastDomain)} of ${groupDigits(evaluated)} points are outside the fast path's validated domain, where its error was measured at over 10%: sweep them without --fast.`] : []),
    ...(coldStartRateOutsideFastDomain > 0
      ? [`${groupDigits(coldStartRateOutsideFastDomain)} of ${groupDigits(evaluated)} points have a cold-start rate outside the fast path's validated domain (their cost is inside): sweep them without --fast for it.`]
      : []),
  ];
}

/** The last line of a sweep stopped by Ctrl-C or a closed stdout. */
export function describeStop(evaluated: number, total: number): string {
  return `sweep: stopped after ${groupDigits(evaluated)} of ${groupDigits(total)} points; the rows above are complete.\n`;
}
