// The fit's small statistics, on cases worked by hand.
import { describe, expect, it } from 'vitest';
import { chooseMixture, emStep, LogBins, separation, type Component } from '../../src/calibrate/mixture.js';
import { dispersionIndex, ksDistance, lognormal, LogMoments, normalCdf, Z95 } from '../../src/calibrate/statistics.js';

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [Z95, 0.95],
    [-1.959963984540054, 0.025],
    [1, 0.8413447460685429],
    [-3, 0.0013498980316301],
  ])('Phi(%f) = %f (to 1e-7)', (z, p) => {
    expect(Math.abs(normalCdf(z) - p)).toBeLessThan(1e-7);
  });
});

describe('lognormal by log-moments', () => {
  it('values e^0, e^1, e^2: mu 1, sigma sqrt(2/3); p50 e, p95 e^(1 + 1.645 x 0.8165), mean e^(1 + 1/3)', () => {
    const m = new LogMoments();
    for (const x of [1, Math.E, Math.E ** 2]) m.add(x);
    const { mu, sigma } = m.moments();
    expect(mu).toBeCloseTo(1, 12);
    expect(sigma).toBeCloseTo(Math.sqrt(2 / 3), 12);
    const fit = lognormal(mu, sigma);
    expect(fit.p50S).toBeCloseTo(Math.E, 12);
    expect(fit.p95S).toBeCloseTo(Math.exp(1 + Z95 * Math.sqrt(2 / 3)), 12);
    expect(fit.meanS).toBeCloseTo(Math.exp(1 + 1 / 3), 12);
  });
});

describe('ksDistance', () => {
  it('samples 1, 2, 3 against uniform(0, 4): steps 1/3, 2/3, 1 against 0.25, 0.5, 0.75 -> D = 0.25', () => {
    expect(ksDistance([1, 2, 3], (x) => x / 4)).toBeCloseTo(0.25, 12);
  });
});

describe('dispersionIndex', () => {
  it('counts 1, 3 | 2, 2 in groups of 2: ((1-2)^2 + (3-2)^2) / 2 + 0 = 1 over 2 degrees of freedom -> 0.5', () => {
    expect(dispersionIndex([1, 3, 2, 2], 2)).toEqual({ index: 0.5, degreesOfFreedom: 2 });
  });

  it('an offset makes the first group shorter; empty groups tell nothing', () => {
    // offset 1: groups [4], [0, 0], [1, 3]: only the last counts: ((1-2)^2 + (3-2)^2) / 2 = 1, 1 df.
    expect(dispersionIndex([4, 0, 0, 1, 3], 2, 1)).toEqual({ index: 1, degreesOfFreedom: 1 });
    expect(dispersionIndex([0, 0], 2)).toBeNull();
  });
});

describe('mixture of lognormals', () => {
  it('one EM step on two bins moves each component to the bin it explains', () => {
    // 10 values at 0.1 s and 30 at 10 s; components start at the bins with sigma 1: each bin is ~all one component's.
    const bins = new LogBins();
    for (let i = 0; i < 10; i++) bins.add(0.1);
    for (let i = 0; i < 30; i++) bins.add(10);
    const [a, b] = emStep(bins, [
      { weight: 0.5, mu: Math.log(0.1), sigma: 1 },
      { weight: 0.5, mu: Math.log(10), sigma: 1 },
    ]) as [Component, Component];
    // The bins' responsibilities are e^(-(ln 100)^2 / 2) ~ 2.5e-5 away from 0 and 1.
    expect(a.weight).toBeCloseTo(0.25, 3);
    expect(b.weight).toBeCloseTo(0.75, 3);
    // Means are bin centres: within half a bin (1.2%) of the values.
    expect(Math.abs(Math.exp(a.mu) / 0.1 - 1)).toBeLessThan(0.012);
    expect(Math.abs(Math.exp(b.mu) / 10 - 1)).toBeLessThan(0.012);
  });

  it('finds a 5% mode of 20 s among warm 0.13 s dispatches, and says they are apart', () => {
    const bins = new LogBins();
    // Deterministic spreads: 950 values around 0.13 s, 50 around 20 s (sigma 0.1 in ln).
    for (let i = 0; i < 950; i++) bins.add(0.13 * Math.exp(0.1 * Math.sin(i)));
    for (let i = 0; i < 50; i++) bins.add(20 * Math.exp(0.1 * Math.sin(i)));
    const { components } = chooseMixture(bins, 3);
    expect(components).toHaveLength(2);
    const [warm, cold] = components as [Component, Component];
    expect(warm.weight).toBeCloseTo(0.95, 2);
    expect(Math.exp(cold.mu)).toBeCloseTo(20, 0);
    expect(separation(warm, cold)).toBeGreaterThan(20);
  });
});
