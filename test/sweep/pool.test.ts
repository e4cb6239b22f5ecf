import { describe, expect, it } from 'vitest';
import { fastHelpers, idleCores, simulatedHelpers, sweepSecondsLeft } from '../../src/sweep/pool.js';

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

  it('counts the cores the load average leaves idle, at least one', () => {
    // 8 cores at load 2.6: 5.4 -> 5 idle; 2 cores at load 6: none idle, one all the same.
    expect(idleCores(8, 2.6)).toBe(5);
    expect(idleCores(2, 6)).toBe(1);
    expect(idleCores(4, 0)).toBe(4);
  });

  it('estimates the seconds left: points x seconds a point / threads, plus 0.2 s while helpers start', () => {
    // 10,000 points at 0.3 ms on 2 threads: 3 s / 2 = 1.5 s, + 0.2 s for the helper still to start.
    expect(sweepSecondsLeft(0.3e-3, 10_000, 2, true)).toBeCloseTo(1.7, 12);
    expect(sweepSecondsLeft(0.3e-3, 10_000, 2, false)).toBeCloseTo(1.5, 12);
    // One thread starts no helper.
    expect(sweepSecondsLeft(0.3e-3, 10_000, 1, true)).toBeCloseTo(3, 12);
  });
});
