import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MONTH_HOURS,
  FLEX_TARGET_UTILIZATION,
  THIRTY_DAY_MONTH_HOURS,
  breakEvenHoursPerDay,
  breakEvenRequestsPerDay,
  breakEvenRequestsPerDayVsActive,
  estimateActiveWorkers,
  estimateFlexWorkers,
  estimateNetworkVolume,
  estimatePods,
  estimateServerless,
  monthSeconds,
  podsNeeded,
  type CostEstimate,
  type FlexProfile,
  type FlexWorkersEstimate,
  type FlexWorkersInput,
  type PodsInput,
} from '../../src/model/cost.js';

const MONTH_S = monthSeconds(); // 730 h = 2,628,000 s
const DAYS_PER_MONTH = 730 / 24; // 30.416667
const DAY_S = 86_400;

/** Catalog network-volume tiers: $0.07/GB/month up to 1000 GB, $0.05 above (docs /storage/network-volumes). */
const NETWORK_VOLUME_TIERS = [
  { upToGB: 1000, usdPerGBMonth: 0.07 },
  { upToGB: null, usdPerGBMonth: 0.05 },
];

/** Catalog pod storage rates (docs /pods/pricing): $0.10 container, $0.10 volume running, $0.20 stopped. */
const POD_STORAGE = {
  containerDiskUsdPerGBMonth: 0.1,
  volumeRunningUsdPerGBMonth: 0.1,
  volumeStoppedUsdPerGBMonth: 0.2,
};

/** An RTX 4090 (24 GB PRO, $0.00031/s flex) endpoint with RunPod's defaults: 5 s idle timeout, 3 max workers. */
const FLEX_4090: FlexWorkersInput = {
  requestsPerSecond: 500 / DAY_S,
  execS: 4,
  idleTimeoutS: 5,
  coldStartS: 20,
  coldStartBilledS: 20,
  gpuCount: 1,
  flexUsdPerSecond: 0.00031,
  roundingS: 1,
  monthSeconds: MONTH_S,
  maxWorkers: 3,
};

/** One line item's quantity by name. */
function quantityOf(estimate: CostEstimate, name: string): number {
  const item = estimate.lineItems.find((line) => line.name === name);
  if (!item) throw new Error(`no line item "${name}" in ${estimate.lineItems.map((line) => line.name).join(', ')}`);
  return item.quantity;
}

/** Monthly cost without the rounding line: the part that must never fall as traffic or execution grows. */
function withoutRounding(estimate: FlexWorkersEstimate): number {
  const rounding = estimate.lineItems.filter((line) => line.name.includes('rounding'));
  return estimate.monthlyUsd - rounding.reduce((total, line) => total + line.monthlyUsd, 0);
}

/** Checks the Infracost shape: non-negative quantities, monthly = quantity x price exactly, total = sum. */
function expectWellFormed(estimate: CostEstimate): void {
  let total = 0;
  for (const item of estimate.lineItems) {
    expect(item.quantity).toBeGreaterThanOrEqual(0);
    expect(item.unitPriceUsd).toBeGreaterThanOrEqual(0);
    expect(item.monthlyUsd).toBe(item.quantity * item.unitPriceUsd);
    total += item.monthlyUsd;
  }
  expect(estimate.monthlyUsd).toBe(total);
  expect(estimate.monthlyUsd).toBeGreaterThanOrEqual(0);
}

/** A log-uniform double in [min, max]: realistic domains span decades. */
const logUniform = (min: number, max: number) =>
  fc.double({ min: Math.log(min), max: Math.log(max), noNaN: true }).map((x) => Math.min(max, Math.max(min, Math.exp(x))));

/** Realistic flex endpoints: 1e-4..10 req/s, 0.1..120 s jobs, 1..3600 s timeout, 0..120 s starts, 1-8 GPUs. */
const flexInput = fc
  .record({
    requestsPerSecond: logUniform(1e-4, 10),
    execS: logUniform(0.1, 120),
    idleTimeoutS: logUniform(1, 3600),
    coldStartS: fc.double({ min: 0, max: 120, noNaN: true }),
    billedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    gpuCount: fc.integer({ min: 1, max: 8 }),
    flexUsdPerSecond: logUniform(1e-4, 3e-3),
    maxWorkers: fc.integer({ min: 1, max: 100 }),
  })
  .map(({ billedShare, ...rest }): FlexWorkersInput => ({
    ...rest,
    coldStartBilledS: rest.coldStartS * billedShare,
    roundingS: 1,
    monthSeconds: MONTH_S,
  }));

/** A growth factor for monotonicity checks: small steps and ones that cross worker-count boundaries. */
const growth = fc.oneof(logUniform(1.000001, 1.01), logUniform(1.01, 3));

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

const RUNS = { numRuns: 150 };

describe('monthSeconds', () => {
  it.each([
    // Infracost's month: 730 h x 3600 = 2,628,000 s.
    [DEFAULT_MONTH_HOURS, 2_628_000],
    // A 30-day month: 720 h x 3600 = 2,592,000 s.
    [THIRTY_DAY_MONTH_HOURS, 2_592_000],
    [24, DAY_S],
  ])('%d h = %d s', (hours, seconds) => {
    expect(monthSeconds(hours)).toBe(seconds);
  });

  it('defaults to the 730 h month', () => {
    expect(monthSeconds()).toBe(730 * 3600);
  });
});

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

describe('estimateActiveWorkers', () => {
  // One always-on RTX 4090 at $0.44/h over 720 h = $316.80; / 30 = $10.56/day; 10 req/day = 300 req/month -> $1.056/request.
  it('one always-on RTX 4090 at $0.44/h over 720 h = $316.80 -> $1.056 per request at 10 req/day', () => {
    const estimate = estimateActiveWorkers({
      count: 1,
      gpuCount: 1,
      activeUsdPerSecond: 0.44 / 3600,
      monthSeconds: monthSeconds(THIRTY_DAY_MONTH_HOURS),
      requestsPerSecond: 10 / DAY_S,
      execS: 4,
    });
    expect(estimate.monthlyUsd).toBeCloseTo(316.8, 9);
    expect(estimate.monthlyUsd / 30).toBeCloseTo(10.56, 9);
    expect(estimate.requestsPerMonth).toBeCloseTo(300, 9);
    // Not the article's $31.60 (a month of idle cost over one day's requests).
    expect(estimate.usdPerRequest).toBeCloseTo(1.056, 9);
    expectWellFormed(estimate);
  });

  it.each([
    // a = 0.25 x 4 = 1 erlang. B(1, 1) = 0.5: half the arrivals overflow; carried 0.5 on 1 worker.
    [1, 0.25, 4, 0.5, 0.5],
    // B(2, 1) = 0.2: overflow rate 0.25 x 0.2 = 0.05/s; carried 0.8 erlangs on 2 workers = 0.4 each.
    [2, 0.25, 4, 0.2, 0.4],
    // No active workers: everything overflows.
    [0, 0.25, 4, 1, 0],
  ])('%d workers, L = %d/s, s = %d s -> overflow %d, utilization %d', (count, rate, exec, overflow, utilization) => {
    const estimate = estimateActiveWorkers({
      count,
      gpuCount: 1,
      activeUsdPerSecond: 0.00021,
      monthSeconds: MONTH_S,
      requestsPerSecond: rate,
      execS: exec,
    });
    expect(estimate.overflowProbability).toBeCloseTo(overflow, 12);
    expect(estimate.overflowRequestsPerSecond).toBeCloseTo(rate * overflow, 12);
    expect(estimate.utilization).toBeCloseTo(utilization, 12);
    // Billed busy or idle: count x month at the active rate.
    expect(estimate.monthlyUsd).toBeCloseTo(count * MONTH_S * 0.00021, 9);
  });

  it('bills 2 workers x 2 GPUs x 730 h at the A100 active $0.00060/s = 4 x 2,628,000 x 0.0006 = $6,307.20', () => {
    const estimate = estimateActiveWorkers({
      count: 2,
      gpuCount: 2,
      activeUsdPerSecond: 0.0006,
      monthSeconds: MONTH_S,
      requestsPerSecond: 0,
      execS: 1,
    });
    expect(estimate.monthlyUsd).toBeCloseTo(6307.2, 9);
    expect(estimate.billedGpuSeconds).toBe(4 * MONTH_S);
    expect(estimate.usdPerRequest).toBeNull();
  });
});

describe('estimateServerless', () => {
  it('with no active workers is exactly the flex estimate', () => {
    const combined = estimateServerless({ active: { count: 0, activeUsdPerSecond: 0.00021 }, flex: FLEX_4090 });
    const flex = estimateFlexWorkers(FLEX_4090);
    expect(combined.lineItems).toEqual(flex.lineItems);
    expect(combined.monthlyUsd).toBe(flex.monthlyUsd);
    expect(combined.coldStartRate).toBe(flex.coldStartRate);
    expect(combined.delayedRate).toBe(flex.delayedRate);
  });

  it('2 active workers at a = 1 erlang leave B(2, 1) = 20% to flex: flex priced on 0.25 x 0.2 = 0.05 req/s', () => {
    const flexInputAll = { ...FLEX_4090, requestsPerSecond: 0.25, execS: 4 };
    const combined = estimateServerless({ active: { count: 2, activeUsdPerSecond: 0.00021 }, flex: flexInputAll });
    const flexOnOverflow = estimateFlexWorkers({ ...flexInputAll, requestsPerSecond: 0.25 * 0.2 });
    expect(combined.lineItems[0]?.name).toBe('Active workers (always on)');
    expect(combined.flex.monthlyUsd).toBeCloseTo(flexOnOverflow.monthlyUsd, 9);
    expect(combined.monthlyUsd).toBeCloseTo(2 * MONTH_S * 0.00021 + flexOnOverflow.monthlyUsd, 9);
    // Cold starts are the flex ones, as a share of all requests.
    expect(combined.coldStartRate).toBeCloseTo(flexOnOverflow.coldStartsPerMonth / (0.25 * MONTH_S), 12);
    expect(combined.delayedRate).toBeCloseTo(0.2 * flexOnOverflow.delayedRate, 12);
    // Execution: 0.25 x 2,628,000 x 4 GPU-s across both kinds of worker.
    expect(combined.executionGpuSeconds).toBeCloseTo(0.25 * MONTH_S * 4, 3);
    expectWellFormed(combined);
  });

  it('is the active cost plus flex on the Erlang-B overflow, never negative', () => {
    fc.assert(
      fc.property(flexInput, fc.integer({ min: 0, max: 10 }), (flex, count) => {
        const combined = estimateServerless({ active: { count, activeUsdPerSecond: flex.flexUsdPerSecond * 0.8 }, flex });
        expectWellFormed(combined);
        expect(combined.monthlyUsd).toBeCloseTo(combined.active.monthlyUsd * (count > 0 ? 1 : 0) + combined.flex.monthlyUsd, 6);
        expect(combined.utilization).toBeLessThanOrEqual(1 + 1e-9);
      }),
      RUNS,
    );
  });
});

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

describe('estimateNetworkVolume', () => {
  it.each([
    // 1000 x 0.07 + 500 x 0.05 = 70 + 25 = $95.00.
    [1500, 95, [1000, 500]],
    // 500 x 0.07 = $35.
    [500, 35, [500]],
    // Exactly the first tier: 1000 x 0.07 = $70, one line item.
    [1000, 70, [1000]],
    // The largest volume: 1000 x 0.07 + 3096 x 0.05 = 70 + 154.80 = $224.80.
    [4096, 224.8, [1000, 3096]],
    [0, 0, []],
  ])('%d GB = $%d/month', (sizeGB, monthlyUsd, quantities) => {
    const estimate = estimateNetworkVolume({ sizeGB, tiers: NETWORK_VOLUME_TIERS });
    expect(estimate.monthlyUsd).toBeCloseTo(monthlyUsd, 12);
    expect(estimate.lineItems.map((line) => line.quantity)).toEqual(quantities);
    expectWellFormed(estimate);
  });

  it('names the tiers it uses', () => {
    expect(estimateNetworkVolume({ sizeGB: 1500, tiers: NETWORK_VOLUME_TIERS }).lineItems.map((line) => line.name)).toEqual([
      'Network volume (first 1000 GB)',
      'Network volume (over 1000 GB)',
    ]);
  });

  it('walks any number of tiers: 2500 GB over 0.07 / 0.06 / 0.05 = 70 + 60 + 25 = $155', () => {
    const tiers = [
      { upToGB: 1000, usdPerGBMonth: 0.07 },
      { upToGB: 2000, usdPerGBMonth: 0.06 },
      { upToGB: null, usdPerGBMonth: 0.05 },
    ];
    const estimate = estimateNetworkVolume({ sizeGB: 2500, tiers });
    expect(estimate.monthlyUsd).toBeCloseTo(155, 12);
    expect(estimate.lineItems.map((line) => line.name)).toEqual([
      'Network volume (first 1000 GB)',
      'Network volume (1000-2000 GB)',
      'Network volume (over 2000 GB)',
    ]);
  });

  it('grows with size and never goes negative', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 4096, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (size, extra) => {
        const smaller = estimateNetworkVolume({ sizeGB: size, tiers: NETWORK_VOLUME_TIERS });
        const larger = estimateNetworkVolume({ sizeGB: size + extra, tiers: NETWORK_VOLUME_TIERS });
        expectWellFormed(smaller);
        expect(larger.monthlyUsd).toBeGreaterThanOrEqual(smaller.monthlyUsd * (1 - 1e-12));
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

describe('breakEvenHoursPerDay', () => {
  it.each([
    // A100 pod 1.89/h vs flex 0.00076/s = 2.736/h -> 1.89 / 2.736 x 24 = 16.578947 h/day.
    [1.89, 0.00076, 16.578947],
    // RTX 4090 Secure 0.74/h vs 0.00031/s = 1.116/h -> 15.913978 h/day.
    [0.74, 0.00031, 15.913978],
    // H100 SXM Secure 3.49/h vs 0.00116/s = 4.176/h -> 20.057471 h/day.
    [3.49, 0.00116, 20.057471],
    // Above 24: the pod never wins (10 / 0.36 x 24 = 666.67).
    [10, 0.0001, 666.666667],
  ])('pod $%d/h vs flex $%d/s -> %d h/day', (pod, flex, hours) => {
    expect(breakEvenHoursPerDay(pod, flex)).toBeCloseTo(hours, 6);
  });

  it('is infinite for a free flex price', () => {
    expect(breakEvenHoursPerDay(1, 0)).toBe(Infinity);
  });

  it('is where the pod cost meets the flex execution-only cost at that many busy hours a day', () => {
    fc.assert(
      fc.property(logUniform(0.1, 10), logUniform(1e-4, 3e-3), (podUsdPerHour, flexUsdPerSecond) => {
        const hours = breakEvenHoursPerDay(podUsdPerHour, flexUsdPerSecond);
        const pod = estimatePods({
          count: 1,
          gpuCount: 1,
          usdPerHour: podUsdPerHour,
          savingsPlanDiscount: 0,
          hoursPerDay: 24,
          containerDiskGB: 0,
          volumeDiskGB: 0,
          storage: POD_STORAGE,
          granularityS: 1,
          monthSeconds: MONTH_S,
        });
        // Busy share hours / 24 = L x s with s = 1 s; enough workers that the load is never capped.
        const busy = { execS: 1, requestsPerSecond: hours / 24, maxWorkers: 1000 };
        const flex = estimateFlexWorkers({ ...FLEX_4090, ...busy, flexUsdPerSecond });
        const flexExecutionUsd = flex.lineItems[0]?.monthlyUsd ?? Number.NaN;
        expect(flexExecutionUsd / pod.monthlyUsd).toBeCloseTo(1, 9);
      }),
      RUNS,
    );
  });
});

describe('breakEvenRequestsPerDay', () => {
  /** Execution-only flex: no start, no tail, negligible rounding. */
  const EXEC_ONLY_A100: FlexProfile = {
    execS: 4,
    idleTimeoutS: 0,
    coldStartS: 0,
    coldStartBilledS: 0,
    gpuCount: 1,
    flexUsdPerSecond: 0.00076,
    roundingS: 1e-9,
    monthSeconds: MONTH_S,
    maxWorkers: 100,
  };
  const A100_POD_MONTHLY_USD = 1.89 * 730; // $1,379.70

  it('execution-only flex vs an A100 pod: 16.578947 h/day x 3600 / 4 s = 14,921 requests/day', () => {
    const requests = breakEvenRequestsPerDay(EXEC_ONLY_A100, A100_POD_MONTHLY_USD, 100_000);
    expect(requests).not.toBeNull();
    expect(requests ?? 0).toBeCloseTo((breakEvenHoursPerDay(1.89, 0.00076) * 3600) / 4, 3);
  });

  it('comes earlier once cold starts and idle tails are billed, and meets the pod cost there', () => {
    const realistic: FlexProfile = { ...EXEC_ONLY_A100, idleTimeoutS: 5, coldStartS: 20, coldStartBilledS: 15, roundingS: 1 };
    const requests = breakEvenRequestsPerDay(realistic, A100_POD_MONTHLY_USD, 100_000);
    expect(requests).not.toBeNull();
    expect(requests ?? Infinity).toBeLessThan(14_921);
    const flexThere = estimateFlexWorkers({ ...realistic, requestsPerSecond: (requests ?? 0) / DAY_S }).monthlyUsd;
    expect(flexThere / A100_POD_MONTHLY_USD).toBeCloseTo(1, 6);
  });

  it('is null when flex stays cheaper up to the limit', () => {
    expect(breakEvenRequestsPerDay(EXEC_ONLY_A100, A100_POD_MONTHLY_USD, 1000)).toBeNull();
  });

  it('is 0 when the other option costs nothing', () => {
    expect(breakEvenRequestsPerDay(EXEC_ONLY_A100, 0, 1000)).toBe(0);
  });
});

describe('breakEvenRequestsPerDayVsActive', () => {
  // Here the curves meet at a jump: at 17,280 requests/day x 4 s / 86,400 = 0.8 erlangs pure flex goes from one
  // worker to two (the 80% target), while with the active worker the overflow still needs one flex worker.
  it('finds where pure flex on a 4090 first costs as much as one always-on worker at $0.00021/s: 17,280 req/day', () => {
    const profile: FlexProfile = { ...FLEX_4090, idleTimeoutS: 5, coldStartS: 20, coldStartBilledS: 20 };
    const active = { count: 1, activeUsdPerSecond: 0.00021 };
    const requests = breakEvenRequestsPerDayVsActive(profile, active, 200_000);
    expect(requests ?? 0).toBeCloseTo(17_280, 6);
    const flexOnlyAt = (requestsPerDay: number) => estimateFlexWorkers({ ...profile, requestsPerSecond: requestsPerDay / DAY_S });
    const withActiveAt = (requestsPerDay: number) =>
      estimateServerless({ active, flex: { ...profile, requestsPerSecond: requestsPerDay / DAY_S } });
    // Exactly 0.8 erlangs still fits one worker; the first double above it needs two.
    expect(flexOnlyAt(17_280).workers).toBe(1);
    expect(flexOnlyAt(requests ?? 0).workers).toBe(2);
    expect(withActiveAt(requests ?? 0).flex.workers).toBe(1);
    // At the break-even pure flex costs at least as much; at and below 0.8 erlangs, less.
    for (const below of [17_280, 8640, 100]) {
      expect(flexOnlyAt(below).monthlyUsd).toBeLessThan(withActiveAt(below).monthlyUsd);
    }
    expect(flexOnlyAt(requests ?? 0).monthlyUsd).toBeGreaterThanOrEqual(withActiveAt(requests ?? 0).monthlyUsd);
  });
});
