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

/**
 * The crossing on a grid of coarse estimates: the step bracketOnGrid finds (from `guess`), bisected on
 * the fine estimates `fineFor(index)` gives for that step. Where the fine estimates put the crossing
 * outside the step (a coarse sign was wrong), the next step that way is searched, each step once; past
 * the last grid point, null (the gap stays negative over the grid).
 */
export function searchOnGrid<E extends GapEstimate>(
  grid: readonly number[],
  coarseGap: (index: number) => number,
  fineFor: (index: number) => (x: number) => E,
  guess: number | null,
): Crossing<E> | null {
  const last = grid.length - 1;
  const xAt = (index: number) => grid[index] as number;
  let index = bracketOnGrid(grid, coarseGap, guess);
  if (index === null) return null;
  let low: Known = { x: xAt(index - 1), gapUsd: coarseGap(index - 1) };
  let high: Known = { x: xAt(index), gapUsd: coarseGap(index) };
  const tried = new Set<number>();
  for (;;) {
    tried.add(index);
    const crossing = bisectWithinPrecision(fineFor(index), low, high);
    if (crossing.withinPrecision || crossing.outside === null) return crossing;
    if (crossing.outside === 'above') {
      if (index === last) return null;
      if (tried.has(index + 1)) return crossing;
      index += 1;
      low = { x: xAt(index - 1), gapUsd: crossing.at.gapUsd };
      high = { x: xAt(index), gapUsd: coarseGap(index) };
    } else {
      if (index === 1 || tried.has(index - 1)) return crossing;
      index -= 1;
      low = { x: xAt(index - 1), gapUsd: coarseGap(index - 1) };
      high = { x: xAt(index), gapUsd: crossing.at.gapUsd };
    }
  }
}

/**
 * Where a gap that turned non-negative at `fromX` turns negative again beyond its precision, or null
 * when no grid point above `fromX` says so. The first such grid point brackets the exit with the point
 * below it (or `fromX`); `fineFor(lowX, highX)` gives the fine estimates there, and the same bisection
 * runs on the negated gap.
 */
export function searchExitOnGrid<E extends GapEstimate>(
  grid: readonly number[],
  fromX: number,
  coarseAt: (x: number) => GapEstimate,
  fineFor: (lowX: number, highX: number) => (x: number) => E,
): Crossing<E> | null {
  const index = grid.findIndex((x) => x > fromX && coarseAt(x).gapUsd + coarseAt(x).halfWidthUsd < 0);
  if (index === -1) return null;
  const lowX = Math.max(fromX, grid[index - 1] as number);
  const highX = grid[index] as number;
  const fine = fineFor(lowX, highX);
  const negated = (x: number): E => {
    const gap = fine(x);
    return { ...gap, gapUsd: -gap.gapUsd };
  };
  return bisectWithinPrecision(negated, { x: lowX, gapUsd: -Math.abs(fine(lowX).gapUsd) }, { x: highX, gapUsd: -coarseAt(highX).gapUsd });
}
