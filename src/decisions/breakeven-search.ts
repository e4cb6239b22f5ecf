// Where two noisy cost curves cross: the break-even search of `breakeven` on simulated costs. Pure: it
// knows nothing of simulation, only of estimates with a 95% half-width. A grid of coarse estimates
// brackets the crossing (starting from a guess, so that few points are estimated when no chart needs them
// all); bisection then narrows the bracket on finer estimates until one point's two costs agree within
// their precision. Splitting further would chase noise: the estimates cannot tell such points apart.

/** The difference of two options' monthly costs at one point (a - b), with the 95% half-width of that difference. */
export interface GapEstimate {
  gapUsd: number;
  halfWidthUsd: number;
}

/** Where a search stopped. */
export interface Crossing<E extends GapEstimate> {
  /** The point reported as the break-even. */
  x: number;
  /** The fine estimate there. */
  at: E;
  /** True when |gap| <= its half-width there: the two costs agree within their precision. */
  withinPrecision: boolean;
  /**
   * How far the true crossing may lie from x at 95%: (|gap| + half-width) / slope, the slope taken across
   * the last bracket (null when the bracket gives no rising slope).
   */
  xHalfWidth: number | null;
  /** Fine estimates made. */
  evaluations: number;
  /**
   * Set when the bracket shrank onto one of its ends without a point within precision: the fine estimates
   * put the crossing outside it, below `low` or above `high` (the coarse sign there was wrong).
   */
  outside: 'below' | 'above' | null;
  /** The last bracket: the gap below 0 at its low end, at or above 0 at its high end (+Infinity where an option cannot serve). */
  bracket: { low: Known; high: Known };
}

/** A point where the gap is known (from a coarse or a fine estimate). */
export interface Known {
  x: number;
  gapUsd: number;
}

/**
 * The grid step [x[i-1], x[i]] where the gap first turns non-negative, searched from the step holding
 * `guess` (a fast-path answer): down while the gap is non-negative, else up. Without a guess (the fast
 * path saw no crossing) every step is tried from the first: the rival may still win over a window of
 * loads, as an always-on worker at the flex rate does where flex pays many cold starts. `gapAt(i)`
 * estimates the gap at grid point i (callers cache it). The gap at x[0] must be negative (an option that
 * costs nothing at no load beats a rival that costs something). Null when it stays negative.
 */
export function bracketOnGrid(grid: readonly number[], gapAt: (index: number) => number, guess: number | null): number | null {
  const last = grid.length - 1;
  let index = guess === null ? 1 : grid.findIndex((x) => x >= guess);
  if (index < 1) index = index === -1 ? last : 1;
  if (gapAt(index) >= 0) {
    while (index > 1 && gapAt(index - 1) >= 0) index -= 1;
    return index;
  }
  while (index < last) {
    index += 1;
    if (gapAt(index) >= 0) return index;
  }
  return null;
}

/** Search limits: the narrowest bracket worth splitting, relative to the first one. */
const MIN_RELATIVE_WIDTH = 1 / 4096;

/**
 * Bisection of [low, high] (the gap below 0 at low, at or above 0 at high, as coarse estimates said) on
 * fine estimates, stopping at the first point whose gap is within its half-width. If the bracket shrinks
 * to nothing first, the result has withinPrecision false, `x` its best point, and `outside` says which
 * end the coarse signs got wrong, for the caller to search the next step.
 */
export function bisectWithinPrecision<E extends GapEstimate>(gapAt: (x: number) => E, low: Known, high: Known): Crossing<E> {
  let lower = low;
  let upper = high;
  let best: { x: number; at: E } | null = null;
  let evaluations = 0;
  const minWidth = (high.x - low.x) * MIN_RELATIVE_WIDTH;
  while (upper.x - lower.x > minWidth) {
    const x = (lower.x + upper.x) / 2;
    const at = gapAt(x);
    evaluations += 1;
    if (best === null || Math.abs(at.gapUsd) - at.halfWidthUsd < Math.abs(best.at.gapUsd) - best.at.halfWidthUsd) best = { x, at };
    if (Math.abs(at.gapUsd) <= at.halfWidthUsd) {
      return { x, at, withinPrecision: true, xHalfWidth: halfWidthAlong(at, lower, upper), evaluations, outside: null, bracket: { low: lower, high: upper } };
    }
    if (at.gapUsd < 0) lower = { x, gapUsd: at.gapUsd };
    else upper = { x, gapUsd: at.gapUsd };
  }
  if (best === null) throw new Error('internal: an empty bracket');
  const outside = upper === high ? 'above' : lower === low ? 'below' : null;
  return { x: best.x, at: best.at, withinPrecision: false, xHalfWidth: halfWidthAlong(best.at, lower, upper), evaluations, outside, bracket: { low: lower, high: upper } };
}

function halfWidthAlong(at: GapEstimate, lower: Known, upper: Known): number | null {
  const slope = (upper.gapUsd - lower.gapUsd) / (upper.x - lower.x);
  return slope > 0 && Number.isFinite(slope) ? (Math.abs(at.gapUsd) + at.halfWidthUsd) / slope : null;
}
