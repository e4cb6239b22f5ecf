import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChainScratch, hypot, logStationaryWeights, reachWithin, reachWithinAndMeanTime, symmetricTridiagonalEigen } from '../../src/model/birth-death.js';

/** P(reach m within t) by uniformization (an independent method): the chain with m absorbing, stepped at rate u in slices of u dt <= 20. */
function reachByUniformization(m: number, births: number[], deaths: number[], t: number, from: number): number {
  const u = Math.max(...births.slice(0, m).map((b, i) => b + (i > 0 ? (deaths[i] as number) : 0))) * 1.01;
  const slices = Math.max(1, Math.ceil((u * t) / 20));
  const dt = t / slices;
  let p: Float64Array = new Float64Array(m + 1);
  p[from] = 1;
  const step = (q: Float64Array): Float64Array => {
    const next = new Float64Array(m + 1);
    next[m] = q[m] as number;
    for (let i = 0; i < m; i++) {
      const b = births[i] as number;
      const d = i > 0 ? (deaths[i] as number) : 0;
      next[i] = (next[i] as number) + (q[i] as number) * (1 - (b + d) / u);
      next[i + 1] = (next[i + 1] as number) + ((q[i] as number) * b) / u;
      if (i > 0) next[i - 1] = (next[i - 1] as number) + ((q[i] as number) * d) / u;
    }
    return next;
  };
  for (let slice = 0; slice < slices; slice++) {
    let term: Float64Array = p;
    let weight = Math.exp(-u * dt);
    const sum = p.map((x) => x * weight);
    for (let k = 1; k < 200; k++) {
      term = step(term);
      weight *= (u * dt) / k;
      for (let i = 0; i <= m; i++) sum[i] = (sum[i] as number) + weight * (term[i] as number);
    }
    p = sum;
  }
  return p[m] as number;
}

describe('hypot', () => {
  // The eigen-decomposition's results (and so every --fast figure) are the same bits as with Math.hypot.
  it("gives Math.hypot's bits for any two doubles, and for (p, 1) as the QL step calls it", () => {
    fc.assert(fc.property(fc.double(), fc.double(), (a, b) => Object.is(hypot(a, b), Math.hypot(a, b)) && Object.is(hypot(a, 1), Math.hypot(a, 1))), { numRuns: 20_000 });
  });

  it.each([
    [3, 4, 5],
    [0, 0, 0],
    [-0, -0, 0],
    [Infinity, NaN, Infinity],
    [NaN, -Infinity, Infinity],
    [NaN, 1, NaN],
    [1e308, 1e308, Math.SQRT2 * 1e308],
    [5e-324, 5e-324, 5e-324],
  ])('hypot(%f, %f) = %f, as Math.hypot', (a, b, expected) => {
    expect(hypot(a, b)).toBe(expected);
    expect(hypot(a, b)).toBe(Math.hypot(a, b));
  });
});

describe('symmetricTridiagonalEigen', () => {
  it('[[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, -1)/sqrt 2 and (1, 1)/sqrt 2', () => {
    const d = new Float64Array([2, 2]);
    const e = new Float64Array([1, 0]);
    const v = new Float64Array(4);
    symmetricTridiagonalEigen(2, d, e, v);
    const values = [...d].sort((a, b) => a - b);
    expect(values[0]).toBeCloseTo(1, 12);
    expect(values[1]).toBeCloseTo(3, 12);
    for (let j = 0; j < 2; j++) {
      // J v = d v for each column.
      const v0 = v[j] as number;
      const v1 = v[2 + j] as number;
      expect(2 * v0 + v1).toBeCloseTo((d[j] as number) * v0, 12);
      expect(v0 + 2 * v1).toBeCloseTo((d[j] as number) * v1, 12);
    }
  });
});

describe('reachWithin', () => {
  it('one state: P(an arrival at rate 0.5 within 3 s) = 1 - e^-1.5 = 0.7769', () => {
    const births = new Float64Array([0.5, 0]);
    const deaths = new Float64Array([0, 1]);
    const logPi = new Float64Array(2);
    logStationaryWeights(1, births, deaths, logPi);
    const out = new Float64Array(2);
    reachWithin(1, births, deaths, logPi, 3, new ChainScratch(2), out);
    expect(out[0]).toBeCloseTo(1 - Math.exp(-1.5), 12);
  });

  it.each([
    [0.3, 0.1, 5],
    [2, 0.05, 40],
    [0.01, 1, 600],
  ])('matches uniformization on a four-level chain (birth %f, death %f per job, t %f)', (birth, death, t) => {
    const m = 4;
    const births = new Float64Array(m + 1).fill(birth);
    const deaths = new Float64Array(m + 1).map((_, i) => i * death);
    const logPi = new Float64Array(m + 1);
    logStationaryWeights(m, births, deaths, logPi);
    const out = new Float64Array(m + 1);
    reachWithin(m, births, deaths, logPi, t, new ChainScratch(m + 1), out);
    for (let j = 0; j < m; j++) {
      const expected = reachByUniformization(m, [...births], [...deaths], t, j);
      // Tiny-weight states carry rounding amplified by sqrt(pi_max / pi_j); callers weight by pi_j.
      const weight = Math.exp(logPi[j] as number) / Math.exp(Math.max(...logPi));
      expect(Math.abs((out[j] as number) - expected) * weight).toBeLessThan(1e-9);
    }
  });

  it('a level with no births into it is never reached', () => {
    const births = new Float64Array([1, 0, 0]);
    const deaths = new Float64Array([0, 1, 2]);
    const logPi = new Float64Array(3);
    logStationaryWeights(2, births, deaths, logPi);
    const out = new Float64Array(3);
    reachWithin(2, births, deaths, logPi, 10, new ChainScratch(3), out);
    expect([out[0], out[1]]).toEqual([0, 0]);
  });
});

describe('reachWithinAndMeanTime', () => {
  it('one state: E[min(an arrival at rate 0.5, 3 s)] = (1 - e^-1.5) / 0.5 = 1.5537; reach as reachWithin', () => {
    const births = new Float64Array([0.5, 0]);
    const deaths = new Float64Array([0, 1]);
    const logPi = new Float64Array(2);
    logStationaryWeights(1, births, deaths, logPi);
    const out = new Float64Array(2);
    const mean = new Float64Array(2);
    reachWithinAndMeanTime(1, births, deaths, logPi, 3, new ChainScratch(2), out, mean);
    expect(out[0]).toBeCloseTo(1 - Math.exp(-1.5), 12);
    expect(mean[0]).toBeCloseTo((1 - Math.exp(-1.5)) / 0.5, 12);
    // No horizon: the mean first passage 1 / 0.5.
    reachWithinAndMeanTime(1, births, deaths, logPi, Infinity, new ChainScratch(2), out, mean);
    expect(mean[0]).toBeCloseTo(2, 12);
  });

  it('matches the integral of the uniformized survival on a four-level chain', () => {
    const m = 4;
    const births = new Float64Array(m + 1).fill(0.3);
    const deaths = new Float64Array(m + 1).map((_, i) => i * 0.1);
    const logPi = new Float64Array(m + 1);
    logStationaryWeights(m, births, deaths, logPi);
    const out = new Float64Array(m + 1);
    const mean = new Float64Array(m + 1);
    const t = 12;
    reachWithinAndMeanTime(m, births, deaths, logPi, t, new ChainScratch(m + 1), out, mean);
    for (const j of [0, 3]) {
      // Simpson's rule on 1 - reach(s) over [0, t].
      const slices = 60;
      let area = 0;
      for (let k = 0; k <= slices; k++) {
        const s = (k * t) / slices;
        const f = 1 - (s === 0 ? 0 : reachByUniformization(m, [...births], [...deaths], s, j));
        area += f * (k === 0 || k === slices ? 1 : k % 2 === 1 ? 4 : 2);
      }
      area *= t / slices / 3;
      expect(mean[j]).toBeCloseTo(area, 5);
      expect(out[j]).toBeCloseTo(reachByUniformization(m, [...births], [...deaths], t, j), 9);
    }
  });
});
