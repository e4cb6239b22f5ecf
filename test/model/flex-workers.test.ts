import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLEX_TARGET_UTILIZATION } from '../../src/model/capacity.js';
import { estimateFlexWorkers, type FlexWorkersEstimate } from '../../src/model/flex-workers.js';
import { expectWellFormed, FLEX_4090, flexInput, logUniform, MONTH_S, quantityOf, RUNS } from '../helpers/cost-model.js';

const DAYS_PER_MONTH = 730 / 24; // 30.416667

/** Monthly cost without the rounding line: the part that must never fall as traffic or execution grows. */
function withoutRounding(estimate: FlexWorkersEstimate): number {
  const rounding = estimate.lineItems.filter((line) => line.name.includes('rounding'));
  return estimate.monthlyUsd - rounding.reduce((total, line) => total + line.monthlyUsd, 0);
}

/** A growth factor for monotonicity checks: small steps and ones that cross worker-count boundaries. */
const growth = fc.oneof(logUniform(1.000001, 1.01), logUniform(1.01, 3));
describe('estimateFlexWorkers', () => {
  // 500 requests/day x 4 s at $0.00031/s: execution alone = 2000 GPU-s/day = $0.62/day; x 30.4167 days = $18.8583/month.
  it('500 requests/day x 4 s at $0.00031/s: execution alone = 2000 GPU-s/day', () => {
    const estimate = estimateFlexWorkers(FLEX_4090);
    expect(quantityOf(estimate, 'Flex execution')).toBeCloseTo(2000 * DAYS_PER_MONTH, 6);
    expect(estimate.lineItems[0]?.monthlyUsd).toBeCloseTo(0.62 * DAYS_PER_MONTH, 9);
    expect(estimate.requestsPerMonth).toBeCloseTo(500 * DAYS_PER_MONTH, 9);
    // Gaps average 172.8 s against a 5 s timeout, so most requests are cold: q = e^(-5 x 500 / 86400) = 0.971467,
    // rho = 0.023148, qLC = 0.112436 -> pCold = 0.971467 x 0.976852 / 1.112436 = 0.853072.
    expect(estimate.coldStartRate).toBeCloseTo(0.853072, 6);
    expect(estimate.monthlyUsd).toBeGreaterThan(3 * 18.8583);
    expectWellFormed(estimate);
  });

  it('reference case L = 1/60, T = 120, C = 30 (all billed), s = 2 on one worker: 52.65 s/request + 0.5 s per window', () => {
    const estimate = estimateFlexWorkers({
      ...FLEX_4090,
      requestsPerSecond: 1 / 60,
      execS: 2,
      idleTimeoutS: 120,
      coldStartS: 30,
      coldStartBilledS: 30,
    });
    // 2,628,000 s / 60 = 43,800 requests; 43,800 x 0.122533 = 5,366.9 cold starts.
    expect(estimate.requestsPerMonth).toBeCloseTo(43_800, 6);
    expect(estimate.workers).toBe(1);
    expect(estimate.coldStartRate).toBeCloseTo(0.1225, 4);
    expect(estimate.coldStartsPerMonth).toBeCloseTo(43_800 * 0.1225326, 1);
    // Execution 43,800 x 2 = 87,600; starts 5,366.93 x 30 = 161,008; tails 43,800 x 46.9720647 = 2,057,376.4.
    expect(quantityOf(estimate, 'Flex execution')).toBeCloseTo(87_600, 6);
    expect(quantityOf(estimate, 'Flex cold starts (billed part)')).toBeCloseTo(161_008, 0);
    expect(quantityOf(estimate, 'Flex idle-timeout tails')).toBeCloseTo(2_057_376.4, 0);
    const roundingGpuS = quantityOf(estimate, 'Flex rounding to whole seconds');
    expect(roundingGpuS).toBeCloseTo(estimate.coldStartsPerMonth * 0.5, 6);
    expect((estimate.billedGpuSeconds - roundingGpuS) / estimate.requestsPerMonth).toBeCloseTo(52.65, 2);
    expect(estimate.monthlyUsd).toBeCloseTo(estimate.billedGpuSeconds * 0.00031, 9);
    expectWellFormed(estimate);
  });

  it('bills only the billed part of a start: C = 60 s with 40 s of unbilled image pull saves 40 GPU-s per cold start', () => {
    const whole = estimateFlexWorkers({ ...FLEX_4090, coldStartS: 60, coldStartBilledS: 60 });
    const part = estimateFlexWorkers({ ...FLEX_4090, coldStartS: 60, coldStartBilledS: 20 });
    // Queueing (who waits, how many starts) uses the whole 60 s either way.
    expect(part.coldStartsPerMonth).toBe(whole.coldStartsPerMonth);
    expect(part.delayedRate).toBe(whole.delayedRate);
    expect(quantityOf(part, 'Flex idle-timeout tails')).toBe(quantityOf(whole, 'Flex idle-timeout tails'));
    expect(whole.billedGpuSeconds - part.billedGpuSeconds).toBeCloseTo(whole.coldStartsPerMonth * 40, 4);
  });

  it('multiplies GPU-seconds by the GPU count: 2 GPUs bill twice the GPU-seconds at the per-GPU price', () => {
    const one = estimateFlexWorkers(FLEX_4090);
    const two = estimateFlexWorkers({ ...FLEX_4090, gpuCount: 2 });
    expect(two.billedGpuSeconds).toBeCloseTo(2 * one.billedGpuSeconds, 6);
    expect(two.monthlyUsd).toBeCloseTo(2 * one.monthlyUsd, 9);
    expect(two.coldStartsPerMonth).toBe(one.coldStartsPerMonth);
  });

  it.each([
    // workers = max(1, ceil(L s / 0.8)); 0.6 x 4 = 2.4 erlangs must give 3, not ceil(3.0000000000000004) = 4.
    [0.2, 4, 0.8, 1],
    [0.3, 4, 1.2, 2],
    [0.6, 4, 2.4, 3],
    [0.7, 4, 2.8, 4],
    [1e-6, 1, 1e-6, 1],
  ])('L = %d/s x s = %d s = %d erlangs needs %d workers at 80%%', (rate, exec, load, workers) => {
    const estimate = estimateFlexWorkers({ ...FLEX_4090, requestsPerSecond: rate, execS: exec, maxWorkers: 10 });
    expect(estimate.offeredLoad).toBeCloseTo(load, 12);
    expect(estimate.workersNeeded).toBe(workers);
    expect(estimate.workers).toBe(workers);
    expect(estimate.workerUtilization).toBeCloseTo(load / workers, 12);
    expect(estimate.workerUtilization).toBeLessThanOrEqual(FLEX_TARGET_UTILIZATION + 1e-12);
  });

  it('caps workers at maxWorkers and flags it; 2.8 erlangs on 3 workers is capped but not overloaded', () => {
    const estimate = estimateFlexWorkers({ ...FLEX_4090, requestsPerSecond: 0.7, execS: 4, maxWorkers: 3 });
    expect(estimate.workersNeeded).toBe(4);
    expect(estimate.workers).toBe(3);
    expect(estimate.cappedByMaxWorkers).toBe(true);
    expect(estimate.overloaded).toBe(false);
    expect(estimate.workerUtilization).toBeCloseTo(2.8 / 3, 12);
  });

  it('flags overload (a = 1 x 5 = 5 erlangs >= 3 max workers): 3 workers busy all month, serving 3 x month / 5 s', () => {
    const estimate = estimateFlexWorkers({ ...FLEX_4090, requestsPerSecond: 1, execS: 5, maxWorkers: 3 });
    expect(estimate.overloaded).toBe(true);
    expect(estimate.workers).toBe(3);
    expect(estimate.billedGpuSeconds).toBe(3 * MONTH_S);
    expect(estimate.monthlyUsd).toBeCloseTo(3 * MONTH_S * 0.00031, 9);
    expect(estimate.servedRequestsPerMonth).toBeCloseTo((3 * MONTH_S) / 5, 6);
    expect(estimate.coldStartsPerMonth).toBe(0);
    expect(estimate.workerUtilization).toBe(1);
    expect(estimate.usdPerRequest).toBeCloseTo((3 * MONTH_S * 0.00031) / ((3 * MONTH_S) / 5), 12);
  });

  it('costs nothing without traffic', () => {
    const estimate = estimateFlexWorkers({ ...FLEX_4090, requestsPerSecond: 0 });
    expect(estimate.monthlyUsd).toBe(0);
    expect(estimate.workersNeeded).toBe(0);
    expect(estimate.usdPerRequest).toBeNull();
    expect(estimate.utilization).toBe(0);
    expect(estimate.lineItems).toHaveLength(4);
  });

  it('keep-warm effect: at T = 1 s, C = 0, s = 0.1 s, 3 -> 4 req/s lowers the bill, only through fewer rounded windows', () => {
    const noStart = { execS: 0.1, idleTimeoutS: 1, coldStartS: 0, coldStartBilledS: 0 };
    const at = (rate: number) => estimateFlexWorkers({ ...FLEX_4090, ...noStart, requestsPerSecond: rate });
    const three = at(3);
    const four = at(4);
    // Windows fall from about 274,765 to 115,520 a month, each carrying 0.5 s of expected rounding.
    expect(four.coldStartsPerMonth).toBeLessThan(three.coldStartsPerMonth / 2);
    expect(four.monthlyUsd).toBeLessThan(three.monthlyUsd);
    expect(withoutRounding(four)).toBeGreaterThanOrEqual(withoutRounding(three));
  });

  it('rejects a billed start longer than the start, and a zero rounding step', () => {
    expect(() => estimateFlexWorkers({ ...FLEX_4090, coldStartBilledS: 30 })).toThrow(RangeError);
    expect(() => estimateFlexWorkers({ ...FLEX_4090, roundingS: 0 })).toThrow(RangeError);
    expect(() => estimateFlexWorkers({ ...FLEX_4090, requestsPerSecond: -1 })).toThrow(RangeError);
  });

  it('is never negative and always well formed', () => {
    fc.assert(
      fc.property(flexInput, (input) => {
        const estimate = estimateFlexWorkers(input);
        expectWellFormed(estimate);
        expect(estimate.coldStartRate).toBeLessThanOrEqual(1);
        expect(estimate.utilization).toBeLessThanOrEqual(1 + 1e-12);
      }),
      RUNS,
    );
  });

  it('never falls (outside the rounding line) with more requests', () => {
    fc.assert(
      fc.property(flexInput, growth, (input, factor) => {
        const before = estimateFlexWorkers(input);
        const after = estimateFlexWorkers({ ...input, requestsPerSecond: input.requestsPerSecond * factor });
        expect(withoutRounding(after)).toBeGreaterThanOrEqual(withoutRounding(before) * (1 - 1e-9));
        // The whole bill falls by at most the rounding saved by fewer windows.
        expect(after.monthlyUsd).toBeGreaterThanOrEqual(withoutRounding(before) * (1 - 1e-9));
      }),
      RUNS,
    );
  });

  it('never falls (outside the rounding line) with longer execution', () => {
    fc.assert(
      fc.property(flexInput, growth, (input, factor) => {
        const before = estimateFlexWorkers(input);
        const after = estimateFlexWorkers({ ...input, execS: input.execS * factor });
        expect(withoutRounding(after)).toBeGreaterThanOrEqual(withoutRounding(before) * (1 - 1e-9));
      }),
      RUNS,
    );
  });

  it('never falls with a higher price (it is linear in it)', () => {
    fc.assert(
      fc.property(flexInput, growth, (input, factor) => {
        const before = estimateFlexWorkers(input);
        const after = estimateFlexWorkers({ ...input, flexUsdPerSecond: input.flexUsdPerSecond * factor });
        expect(after.monthlyUsd).toBeGreaterThanOrEqual(before.monthlyUsd);
        expect(after.monthlyUsd / before.monthlyUsd).toBeCloseTo(factor, 9);
      }),
      RUNS,
    );
  });

  it('adds rounding per window (cold start), not per request: roundingS / 2 x GPUs per cold start', () => {
    fc.assert(
      fc.property(flexInput, fc.constantFrom(1, 60), (input, roundingS) => {
        const estimate = estimateFlexWorkers({ ...input, roundingS });
        const rounding = quantityOf(estimate, 'Flex rounding to whole seconds');
        expect(rounding).toBeCloseTo(estimate.coldStartsPerMonth * (roundingS / 2) * input.gpuCount, 6);
        expect(rounding).toBeLessThanOrEqual(estimate.requestsPerMonth * (roundingS / 2) * input.gpuCount * (1 + 1e-12));
      }),
      RUNS,
    );
  });

  it('adds no rounding, whatever the traffic, when workers never scale down (no new windows)', () => {
    fc.assert(
      fc.property(flexInput, (input) => {
        const estimate = estimateFlexWorkers({ ...input, idleTimeoutS: Infinity });
        return quantityOf(estimate, 'Flex rounding to whole seconds') === 0;
      }),
      RUNS,
    );
  });
});
