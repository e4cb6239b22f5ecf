// The break-even search on noisy estimates: bracketing on a grid from a guess, then bisection until one
// point's gap is within its half-width.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bisectWithinPrecision, bracketOnGrid, type GapEstimate } from '../../src/decisions/breakeven-search.js';

const GRID = Array.from({ length: 13 }, (_, i) => 2 * i);

/** Records which grid points a bracket search estimated. */
function counted(gap: (x: number) => number) {
  const asked: number[] = [];
  return { asked, gapAt: (index: number) => (asked.push(index), gap(GRID[index] as number)) };
}

describe('bracketOnGrid', () => {
  it.each([
    // Root 3.3: the step [2, 4] (index 2), whatever the guess.
    [3.3, 3.5, 2],
    [3.3, 19.2, 2],
    [3.3, 0.5, 2],
    [3.3, null, 2],
    // Root exactly on a grid point: the step that ends there.
    [6, 6, 3],
    // Root in the first step.
    [0.4, 10, 1],
    // Root in the last step.
    [23, null, 12],
  ])('root %d, guess %s -> step ending at index %d', (root, guess, index) => {
    expect(bracketOnGrid(GRID, (i) => (GRID[i] as number) - root, guess)).toBe(index);
  });

  it('is null when the gap stays negative to the end of the grid', () => {
    expect(bracketOnGrid(GRID, (i) => (GRID[i] as number) - 30, 12)).toBeNull();
    expect(bracketOnGrid(GRID, (i) => (GRID[i] as number) - 30, null)).toBeNull();
  });

  it('estimates only the points between the guess and the crossing', () => {
    // Guess 19.2 (the closed forms' artefact), root 3.7: down from index 10 to index 2.
    const { asked, gapAt } = counted((x) => x - 3.7);
    expect(bracketOnGrid(GRID, gapAt, 19.2)).toBe(2);
    expect([...new Set(asked)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // A good guess costs two points.
    const near = counted((x) => x - 3.7);
    expect(bracketOnGrid(GRID, near.gapAt, 3.5)).toBe(2);
    expect(new Set(near.asked).size).toBe(2);
  });

  it('an option that cannot serve the load (+Infinity) counts as dearer', () => {
    // Flex cheaper up to 20 h, overloaded from 22 h.
    expect(bracketOnGrid(GRID, (i) => ((GRID[i] as number) >= 22 ? Infinity : -100), null)).toBe(11);
  });
});

/** A linear gap of `slopeUsd` per hour crossing at `root`, with deterministic noise of at most `noiseUsd`, reported with half-width `halfWidthUsd`. */
function noisyLine(root: number, slopeUsd: number, noiseUsd: number, halfWidthUsd: number) {
  return (x: number): GapEstimate => ({ gapUsd: slopeUsd * (x - root) + noiseUsd * Math.sin(x * 97.3), halfWidthUsd });
}

describe('bisectWithinPrecision', () => {
  it('stops at the first midpoint whose gap is within its half-width (Secure pod on an RTX 4090: ~130 $/h per busy hour, +/- $5)', () => {
    const gap = noisyLine(3.3, 130, 2, 5);
    const crossing = bisectWithinPrecision(gap, { x: 2, gapUsd: gap(2).gapUsd }, { x: 4, gapUsd: gap(4).gapUsd });
    expect(crossing.withinPrecision).toBe(true);
    expect(Math.abs(crossing.at.gapUsd)).toBeLessThanOrEqual(crossing.at.halfWidthUsd);
    // (|gap| + 5) / 130 <= 10 / 130 h, and the root lies within it.
    expect(crossing.xHalfWidth).not.toBeNull();
    expect(crossing.xHalfWidth as number).toBeLessThanOrEqual(10 / 130 + 1e-9);
    expect(Math.abs(crossing.x - 3.3)).toBeLessThanOrEqual((crossing.xHalfWidth as number) + 2 / 130);
    // A 2 h bracket narrows to 10 / 130 h in at most log2(2 / 0.077) ~ 5 halvings.
    expect(crossing.evaluations).toBeLessThanOrEqual(6);
    expect(crossing.outside).toBeNull();
  });

  it('says which end was wrong when the crossing lies outside the bracket', () => {
    const gap = noisyLine(4.5, 130, 0, 1);
    // The coarse estimates said the gap was >= 0 at 4; the fine ones put the crossing at 4.5.
    const above = bisectWithinPrecision(gap, { x: 2, gapUsd: -100 }, { x: 4, gapUsd: 3 });
    expect(above.withinPrecision).toBe(false);
    expect(above.outside).toBe('above');
    const below = bisectWithinPrecision(noisyLine(1.5, 130, 0, 1), { x: 2, gapUsd: -3 }, { x: 4, gapUsd: 100 });
    expect(below.outside).toBe('below');
  });

  it('an option overloaded past a point: the bracket closes on it, its high end +Infinity', () => {
    const gap = (x: number): GapEstimate => ({ gapUsd: x > 21.3 ? Infinity : -200, halfWidthUsd: 5 });
    const crossing = bisectWithinPrecision(gap, { x: 20, gapUsd: -200 }, { x: 22, gapUsd: Infinity });
    expect(crossing.withinPrecision).toBe(false);
    expect(crossing.outside).toBeNull();
    expect(crossing.bracket.high.gapUsd).toBe(Infinity);
    expect(crossing.bracket.high.x - 21.3).toBeLessThan(0.01);
    expect(crossing.x).toBeLessThanOrEqual(21.3);
  });

  it('finds a point within precision for any rising line crossing inside the bracket', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 10, max: 1000, noNaN: true }),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        (where, slopeUsd, halfWidthUsd) => {
          const root = 2 + 2 * where;
          const gap = noisyLine(root, slopeUsd, halfWidthUsd / 2, halfWidthUsd);
          const crossing = bisectWithinPrecision(gap, { x: 2, gapUsd: gap(2).gapUsd }, { x: 4, gapUsd: gap(4).gapUsd });
          expect(crossing.withinPrecision).toBe(true);
          expect(Math.abs(crossing.at.gapUsd)).toBeLessThanOrEqual(crossing.at.halfWidthUsd);
          expect(crossing.x).toBeGreaterThanOrEqual(2);
          expect(crossing.x).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: 200, seed: 12 },
    );
  });
});
