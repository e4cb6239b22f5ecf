import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimatePods, podsNeeded, type PodsInput } from '../../src/model/pods.js';
import { expectWellFormed, MONTH_S, POD_STORAGE, quantityOf, RUNS } from '../helpers/cost-model.js';

const podInput = fc.record({
  count: fc.integer({ min: 0, max: 8 }),
  gpuCount: fc.integer({ min: 1, max: 8 }),
  usdPerHour: fc.double({ min: 0, max: 10, noNaN: true }),
  savingsPlanDiscount: fc.double({ min: 0, max: 0.5, noNaN: true }),
  hoursPerDay: fc.double({ min: 0, max: 24, noNaN: true }),
  containerDiskGB: fc.double({ min: 0, max: 500, noNaN: true }),
  volumeDiskGB: fc.double({ min: 0, max: 2000, noNaN: true }),
  storage: fc.constant(POD_STORAGE),
  granularityS: fc.constantFrom(1, 60),
  monthSeconds: fc.constant(MONTH_S),
}) satisfies fc.Arbitrary<PodsInput>;


describe('estimatePods', () => {
  const A100_8H: PodsInput = {
    count: 1,
    gpuCount: 1,
    usdPerHour: 1.89,
    savingsPlanDiscount: 0,
    hoursPerDay: 8,
    containerDiskGB: 20,
    volumeDiskGB: 100,
    storage: POD_STORAGE,
    granularityS: 1,
    monthSeconds: MONTH_S,
  };

  it('A100 SXM at $1.89/h for 8 h/day with 20 GB container + 100 GB volume, worked by hand', () => {
    const estimate = estimatePods(A100_8H);
    expect(estimate.runningFraction).toBeCloseTo(1 / 3, 15);
    // 8 h x 30.416667 days = 243.3333 GPU-h x $1.89 = $459.90.
    expect(quantityOf(estimate, 'Pod compute')).toBeCloseTo(243.333333, 6);
    expect(estimate.lineItems[0]?.monthlyUsd).toBeCloseTo(459.9, 9);
    // Container 20 GB x 1/3 month x $0.10 = $0.666667; volume running 100 x 1/3 x $0.10 = $3.333333;
    // volume stopped 100 x 2/3 x $0.20 = $13.333333. Total $477.233333.
    expect(estimate.lineItems.map((line) => line.monthlyUsd)).toEqual([
      expect.closeTo(459.9, 9),
      expect.closeTo(0.666667, 6),
      expect.closeTo(3.333333, 6),
      expect.closeTo(13.333333, 6),
    ]);
    expect(estimate.monthlyUsd).toBeCloseTo(477.233333, 6);
    expectWellFormed(estimate);
  });

  it.each([
    // 2 pods x 2 GPUs, RTX 4090 Secure $0.74, 24 h: 4 x 730 h x 0.74 = $2,160.80.
    [{ count: 2, gpuCount: 2, usdPerHour: 0.74, hoursPerDay: 24 }, 2160.8],
    // Savings plan 20% on compute only: 1.89 x 0.8 x 730 h = $1,103.76.
    [{ usdPerHour: 1.89, hoursPerDay: 24, savingsPlanDiscount: 0.2 }, 1103.76],
    // Nothing running: only compute is zero.
    [{ usdPerHour: 1.89, hoursPerDay: 0 }, 0],
  ])('compute for %o = $%d', (overrides, computeUsd) => {
    const estimate = estimatePods({ ...A100_8H, containerDiskGB: 0, volumeDiskGB: 0, ...overrides });
    expect(estimate.lineItems[0]?.monthlyUsd).toBeCloseTo(computeUsd, 9);
    expect(estimate.monthlyUsd).toBeCloseTo(computeUsd, 9);
  });

  it('rounds each daily session up to the granularity: 30 s a day billed per minute = 60 s x 30.416667 days = 1,825 s', () => {
    const estimate = estimatePods({ ...A100_8H, hoursPerDay: 30 / 3600, granularityS: 60 });
    expect(estimate.runningSecondsPerMonth).toBeCloseTo(1825, 9);
    expect(quantityOf(estimate, 'Pod compute')).toBeCloseTo(1825 / 3600, 12);
  });

  it('bills a stopped pod only its volume, at the stopped rate: 100 GB x $0.20 = $20', () => {
    const estimate = estimatePods({ ...A100_8H, hoursPerDay: 0 });
    expect(estimate.monthlyUsd).toBeCloseTo(20, 12);
  });

  it('is never negative, well formed, and within the always-on cost', () => {
    fc.assert(
      fc.property(podInput, (input) => {
        const estimate = estimatePods(input);
        expectWellFormed(estimate);
        expect(estimate.runningFraction).toBeLessThanOrEqual(1);
        const allDay = estimatePods({ ...input, hoursPerDay: 24 });
        expect(estimate.lineItems[0]?.monthlyUsd ?? 0).toBeLessThanOrEqual((allDay.lineItems[0]?.monthlyUsd ?? 0) * (1 + 1e-12));
      }),
      RUNS,
    );
  });
});

describe('podsNeeded', () => {
  it.each([
    // No traffic still needs one pod to exist.
    [0, 4, 0.8, 1],
    // 1 x 4 = 4 erlangs / 0.8 = 5 pods.
    [1, 4, 0.8, 5],
    // 0.2 x 4 = 0.8 erlangs / 0.8 = exactly 1.
    [0.2, 4, 0.8, 1],
    // 0.6 x 4 = 2.4 / 0.8 = 3 (not 4 from floating-point noise).
    [0.6, 4, 0.8, 3],
    // Full utilization target: 1 x 3 = 3 pods.
    [1, 3, 1, 3],
  ])('L = %d/s, s = %d s, target %d -> %d', (rate, exec, target, expected) => {
    expect(podsNeeded(rate, exec, target)).toBe(expected);
  });

  it('defaults to the 80% target', () => {
    expect(podsNeeded(1, 4)).toBe(5);
  });
});
