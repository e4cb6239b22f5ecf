import { describe, expect, it } from 'vitest';
import { Random } from '../../src/sim/random.js';

/** Mean and variance of a sample. */
function moments(xs: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let sq = 0;
  for (const x of xs) sq += (x - mean) ** 2;
  return { mean, variance: sq / (xs.length - 1) };
}

describe('Random (xoshiro128** seeded by SplitMix32)', () => {
  // Golden values from the reference C (https://prng.di.unimi.it/xoshiro128starstar.c, verbatim) with the
  // same SplitMix32/lowbias32 seeding compiled by gcc: the TypeScript step must match it bit for bit.
  it.each([
    [42, 0, [1441347471, 4071671199, 4131165691, 3559623837], 0.27507815676420766],
    [1, 3, [3349787179, 3402505398, 783511790, 1384065478], 0.4338526024195164],
    [-7.5, 1, [4021595716, 1561186621, 1867216520, 2427225904], 0.44723549167780074],
  ])('seed %d stream %d matches the reference C implementation', (seed, stream, words, double) => {
    const rng = new Random(seed, stream);
    expect(words.map(() => rng.nextInt32() >>> 0)).toEqual(words);
    expect(rng.next()).toBe(double);
  });

  it('is deterministic per seed and stream, and differs across them', () => {
    const draw = (seed: number, stream?: number) => {
      const rng = new Random(seed, stream);
      return Array.from({ length: 8 }, () => rng.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7, 1)).not.toEqual(draw(7, 2));
    // Seeds that differ only in the fraction or the sign are distinct streams too (all 64 bits are hashed).
    expect(draw(7.5)).not.toEqual(draw(7));
    expect(draw(-7)).not.toEqual(draw(7));
  });

  it('next() is uniform on [0, 1): range, mean 1/2, variance 1/12, and flat deciles (200,000 draws)', () => {
    const rng = new Random(123);
    const xs = new Float64Array(200_000);
    for (let i = 0; i < xs.length; i++) xs[i] = rng.next();
    expect(Math.min(...xs.subarray(0, 50_000))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs.subarray(0, 50_000))).toBeLessThan(1);
    const { mean, variance } = moments(xs);
    // Standard error of the mean: sqrt(1/12 / 2e5) = 6.5e-4; 0.003 is over 4 standard errors.
    expect(mean).toBeCloseTo(0.5, 2);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
    const deciles = new Array<number>(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]! += 1;
    // Each decile expects 20,000 (sd 134); 800 is about 6 sd.
    for (const count of deciles) expect(Math.abs(count - 20_000)).toBeLessThan(800);
  });

  it('exponential(rate) has mean 1/rate and variance 1/rate^2 (200,000 draws, 2%)', () => {
    const rng = new Random(5);
    const xs = new Float64Array(200_000);
    for (let i = 0; i < xs.length; i++) xs[i] = rng.exponential(4);
    const { mean, variance } = moments(xs);
    // Relative standard error of the mean is 1/sqrt(n) = 0.22%; of the variance about 0.6%.
    expect(mean * 4).toBeCloseTo(1, 1);
    expect(Math.abs(mean * 4 - 1)).toBeLessThan(0.02);
    expect(Math.abs(variance * 16 - 1)).toBeLessThan(0.03);
    expect(Math.min(...xs.subarray(0, 10_000))).toBeGreaterThanOrEqual(0);
  });

  it('normal() has mean 0, variance 1, and the normal tail P(Z > 1.6449) = 5% (200,000 draws)', () => {
    const rng = new Random(9);
    const xs = new Float64Array(200_000);
    for (let i = 0; i < xs.length; i++) xs[i] = rng.normal();
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean)).toBeLessThan(0.01); // se 0.0022
    expect(Math.abs(variance - 1)).toBeLessThan(0.015); // se 0.0032
    const tail = xs.filter((x) => x > 1.6448536269514722).length / xs.length;
    expect(Math.abs(tail - 0.05)).toBeLessThan(0.003); // se 0.0005
  });

  it('batch draws match the scalar ones: fill = next(), fillExponential = exponential()', () => {
    const a = new Random(77);
    const b = new Random(77);
    const batch = new Float64Array(1000);
    a.fill(batch);
    for (const x of batch) expect(x).toBe(b.next());
    const exps = new Float64Array(1000);
    a.fillExponential(exps, 2.5);
    for (const x of exps) expect(x).toBe(b.exponential(2.5));
  });

  it('fillNormal gives standard normals (mean 0, variance 1 over 200,000)', () => {
    const xs = new Float64Array(200_000);
    new Random(31).fillNormal(xs);
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.015);
  });
});
