import { describe, expect, it } from 'vitest';
import { fastHelpers, simulatedHelpers } from '../../src/sweep/pool.js';

describe('helper threads for a sweep', () => {
  it('uses every core for simulated points, never more threads than points', () => {
    expect(simulatedHelpers(2, 100)).toBe(1);
    expect(simulatedHelpers(8, 100)).toBe(7);
    expect(simulatedHelpers(8, 3)).toBe(2);
    expect(simulatedHelpers(4, 1)).toBe(0);
    expect(simulatedHelpers(1, 100)).toBe(0);
    expect(simulatedHelpers(0, 100)).toBe(0);
  });

  it('starts a helper for fast-path points only for 0.8 s of work (on one thread) per helper', () => {
    // 10,000 points at 20 us: 0.2 s of work; at 150 us: 1.5 s.
    expect(fastHelpers(2, 10_000 * 20e-6)).toBe(0);
    expect(fastHelpers(2, 0.79)).toBe(0);
    expect(fastHelpers(2, 0.8)).toBe(1);
    expect(fastHelpers(2, 10_000 * 150e-6)).toBe(1);
    expect(fastHelpers(8, 2)).toBe(2);
    expect(fastHelpers(8, 100)).toBe(7);
    expect(fastHelpers(1, 100)).toBe(0);
  });
});
