import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateFlexWorkers } from '../../src/model/flex-workers.js';
import { THIRTY_DAY_MONTH_HOURS, monthSeconds } from '../../src/model/line-items.js';
import { estimateActiveWorkers, estimateServerless } from '../../src/model/serverless.js';
import { DAY_S, expectWellFormed, FLEX_4090, flexInput, MONTH_S, RUNS } from '../helpers/cost-model.js';

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
