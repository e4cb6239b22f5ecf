import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakEvenHoursPerDay, breakEvenRequestsPerDay, breakEvenRequestsPerDayVsActive } from '../../src/decisions/breakeven-solver.js';
import { estimateFlexWorkers, type FlexProfile } from '../../src/model/flex-workers.js';
import { estimatePods } from '../../src/model/pods.js';
import { estimateServerless } from '../../src/model/serverless.js';
import { DAY_S, FLEX_4090, logUniform, MONTH_S, POD_STORAGE, RUNS } from '../helpers/cost-model.js';

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
