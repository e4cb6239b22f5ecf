import { describe, expect, it } from 'vitest';
import { helperThreads } from '../../src/sweep/pool.js';

describe('helper threads for a sweep', () => {
  it('uses every core for simulated points, never more threads than points', () => {
    expect(helperThreads(2, 100, false)).toBe(1);
    expect(helperThreads(8, 100, false)).toBe(7);
    expect(helperThreads(8, 3, false)).toBe(2);
    expect(helperThreads(4, 1, false)).toBe(0);
    expect(helperThreads(1, 100, false)).toBe(0);
    expect(helperThreads(0, 100, false)).toBe(0);
  });

  it('starts a helper for closed-form points only from 40,000 points per helper', () => {
    expect(helperThreads(2, 10_000, true)).toBe(0);
    expect(helperThreads(2, 39_999, true)).toBe(0);
    expect(helperThreads(2, 40_000, true)).toBe(1);
    expect(helperThreads(8, 100_000, true)).toBe(2);
    expect(helperThreads(2, 1_000_000, true)).toBe(1);
  });
});
