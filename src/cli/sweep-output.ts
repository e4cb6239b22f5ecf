// What a sweep writes besides its rows: the two lines that state its size and its estimate on stderr, the
// progress bar on a terminal, and the chunked writer its rows go through.
import type { Axis } from '../sweep/grid.js';
import { groupDigits } from '../sweep/grid.js';
import type { CliContext } from './context.js';
import type { ShardChoice } from './shard.js';

/**
 * The first line, before any point: `sweep: 10,000 points (10 x 10 x 100), fast path`, or for a shard
 * `sweep: shard 2 of 4 (RUNPOD_PLAN_SHARD=2/4): points 2,501 to 5,000 of 10,000 (10 x 10 x 100), simulated`
 * (point numbers count from 1, as the rows' `point` column does).
 */
export function describeGrid(axes: readonly Axis[], grid: number, range: { start: number; end: number }, shard: ShardChoice, fast: boolean): string {
  // Each axis's size, for two or more: 10 x 10 x 100.
  const sizes = axes.length === 1 ? '' : ` (${axes.map((axis) => groupDigits(axis.values.length)).join(' x ')})`;
  const method = fast ? 'fast path' : 'simulated';
  if (shard.count === 1) return `sweep: ${groupDigits(grid)} point${grid === 1 ? '' : 's'}${sizes}, ${method}\n`;
  const which = `shard ${shard.index} of ${shard.count}${shard.source === null ? '' : ` (${shard.source})`}`;
  if (range.end === range.start) return `sweep: ${which}: none of the grid's ${groupDigits(grid)} points${sizes}, ${method}\n`;
  const points = range.end - range.start === 1 ? `point ${groupDigits(range.end)}` : `points ${groupDigits(range.start + 1)} to ${groupDigits(range.end)}`;
  return `sweep: ${which}: ${points} of ${groupDigits(grid)}${sizes}, ${method}\n`;
}

/**
 * The second line, once points have been timed: `sweep: about 3 s on 2 threads (0.3 ms a point, timed on
 * 128 points across the grid)` or, simulated, `(... timed on the first point)`. `leftS` is the estimate
 * for the points still to do.
 */
export function describeEstimate(leftS: number, threads: number, secondsPerPoint: number, basis: string): string {
  const on = `on ${threads} thread${threads === 1 ? '' : 's'}`;
  return `sweep: ${roughDuration(leftS)} ${on} (${pointTime(secondsPerPoint)} a point, timed on ${basis})\n`;
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

/** Points done, rate and time left, redrawn on stderr at most ten times a second, only on a terminal. */
export function progressBar(io: CliContext['io'], total: number, started: number) {
  let done = 0;
  let drawn = 0;
  const draw = () => {
    const elapsedS = (Date.now() - started) / 1000;
    const rate = elapsedS > 0 ? done / elapsedS : 0;
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} points, ${rate.toFixed(1)}/s, ${left}s left `);
  };
  return {
    tick() {
      done++;
      if (!io.stderrIsTTY) return;
      const now = Date.now();
      if (now - drawn >= 100 || done === total) {
        drawn = now;
        draw();
      }
    },
    done() {
      if (drawn > 0) io.stderr('\n');
    },
  };
}

/** Bytes of rows held before they are written, and the longest they wait. */
export const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 100;

/**
 * Rows streamed in chunks: a write per row was a fifth of a closed-form sweep's time. A chunk is written
 * once it holds 64 KB or its first row has waited 100 ms, so rows still arrive as the sweep runs. The wait
 * is checked at every point (`poll`), not only at the next row: with --where, the next row may be far off.
 */
export function streamingWriter(io: CliContext['io'], flushBytes: number) {
  let held: string[] = [];
  let heldBytes = 0;
  let since = 0;
  const flush = () => {
    if (held.length === 0) return;
    io.stdout(held.join(''));
    held = [];
    heldBytes = 0;
  };
  const poll = () => {
    if (held.length > 0 && Date.now() - since >= FLUSH_MS) flush();
  };
  return {
    write(text: string) {
      if (text === '') return;
      if (held.length === 0) since = Date.now();
      held.push(text);
      heldBytes += text.length;
      if (heldBytes >= flushBytes) flush();
      else poll();
    },
    /** Writes the held rows if the first has waited long enough. */
    poll,
    flush,
  };
}
