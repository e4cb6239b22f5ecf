import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Histogram } from '../../src/sim/histogram.js';
import { Random } from '../../src/sim/random.js';

/** The exact nearest-rank percentile (the definition Histogram.percentile approximates). */
function exactPercentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1] as number;
}

/** Relative difference |a - b| / |b| (0 when both are 0). */
const relative = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe('Histogram', () => {
  it('documents a bound under the 1% the simulator promises (1/256 = 0.39%)', () => {
    expect(Histogram.RELATIVE_ERROR).toBeCloseTo(1 / 256, 12);
    expect(Histogram.RELATIVE_ERROR).toBeLessThan(0.01);
  });

  it('is empty at first: percentiles, mean, max and min are 0', () => {
    const h = new Histogram();
    expect([h.count, h.percentile(50), h.percentile(100), h.mean, h.max, h.min]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('1..100,000: every listed percentile within 0.39% of the exact one; count, mean, min and max exact', () => {
    const h = new Histogram();
    const values: number[] = [];
    for (let i = 1; i <= 100_000; i++) {
      h.record(i);
      values.push(i);
    }
    expect(h.count).toBe(100_000);
    expect(h.mean).toBe(50_000.5);
    expect(h.max).toBe(100_000);
    expect(h.min).toBe(1);
    for (const p of [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100]) {
      expect(relative(h.percentile(p), exactPercentile(values, p))).toBeLessThanOrEqual(Histogram.RELATIVE_ERROR);
    }
    expect(h.percentile(100)).toBe(100_000);
  });

  it('lognormal latencies spanning 1 ms to hours: percentiles within 0.39% of exact (100,000 samples)', () => {
    const rng = new Random(2024);
    const h = new Histogram();
    const values: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const x = Math.exp(Math.log(3) + 2 * rng.normal());
      h.record(x);
      values.push(x);
    }
    values.sort((a, b) => a - b);
    for (const p of [1, 5, 50, 90, 95, 99, 99.99]) {
      expect(relative(h.percentile(p), exactPercentile(values, p))).toBeLessThanOrEqual(Histogram.RELATIVE_ERROR);
    }
  });

  it('keeps exact zeros (queue waits of jobs that never waited) apart: P(x <= 0) is exact', () => {
    const h = new Histogram();
    for (let i = 0; i < 700; i++) h.record(0);
    for (let i = 1; i <= 300; i++) h.record(i / 10);
    expect(h.fractionAtOrBelow(0)).toBe(0.7);
    expect(h.percentile(70)).toBe(0);
    // Rank 710 of 1,000 is the 10th non-zero value, 1.0.
    expect(relative(h.percentile(71), 1)).toBeLessThanOrEqual(Histogram.RELATIVE_ERROR);
    expect(h.min).toBe(0);
  });

  it('p95 of 100 values is the 95th value, not the 96th (rank = ceil(p n / 100) computed exactly)', () => {
    const h = new Histogram();
    for (let i = 1; i <= 100; i++) h.record(i);
    expect(relative(h.percentile(95), 95)).toBeLessThanOrEqual(Histogram.RELATIVE_ERROR);
    expect(h.percentile(95)).toBeLessThan(95.5);
  });

  it('values past the bucketed range go to the overflow bucket, reported as the exact max', () => {
    const h = new Histogram();
    h.record(1);
    h.record(2 ** 41);
    expect(h.percentile(100)).toBe(2 ** 41);
    expect(h.percentile(99)).toBe(2 ** 41);
  });

  it('rejects negative or NaN values and out-of-range percentiles (simulator bugs, not data)', () => {
    const h = new Histogram();
    expect(() => h.record(-1)).toThrow(RangeError);
    expect(() => h.record(Number.NaN)).toThrow(RangeError);
    expect(() => h.percentile(101)).toThrow(RangeError);
    expect(() => h.percentile(-1)).toThrow(RangeError);
  });

  it('merge adds counts: merged percentiles equal those of one histogram of everything', () => {
    const a = new Histogram();
    const b = new Histogram();
    const all = new Histogram();
    for (let i = 0; i < 1000; i++) {
      (i % 2 === 0 ? a : b).record(i * 0.37);
      all.record(i * 0.37);
    }
    a.merge(b);
    for (const p of [10, 50, 99]) expect(a.percentile(p)).toBe(all.percentile(p));
    expect([a.count, a.max, a.min]).toEqual([all.count, all.max, all.min]);
    expect(a.mean).toBeCloseTo(all.mean, 9);
  });

  it('property: for any non-negative sample, every percentile is within 0.39% of the exact nearest-rank one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e9, noNaN: true })), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, p) => {
          const h = new Histogram();
          for (const v of values) h.record(v);
          const sorted = [...values].sort((a, b) => a - b);
          expect(relative(h.percentile(p), exactPercentile(sorted, p))).toBeLessThanOrEqual(Histogram.RELATIVE_ERROR + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});
