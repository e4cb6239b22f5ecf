import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparisonEndpointOptions } from '../../src/cli/comparison-options.js';
import { DEFAULT_RUN } from '../../src/cli/simulation-options.js';
import { findBreakEven } from '../../src/decisions/breakeven.js';
import {
  breakEvenHoursPerDay,
  breakEvenRequestsPerDay,
  breakEvenRequestsPerDayVsActive,
  fastCostsOf,
  type MonthlyCostAt,
} from '../../src/decisions/breakeven-solver.js';
import { workloadOf } from '../../src/decisions/workload.js';
import { resolveEndpoint } from '../../src/endpoint/resolve.js';
import { estimatePods } from '../../src/model/pods.js';
import { bundledCatalog } from '../helpers/catalog.js';
import { DAY_S, logUniform, MONTH_S, POD_STORAGE, RUNS } from '../helpers/cost-model.js';

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

  it('is where the pod cost meets flex billed for busy seconds only at that many busy hours a day', () => {
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
        const busySecondsUsd = (hours / 24) * MONTH_S * flexUsdPerSecond;
        expect(busySecondsUsd / pod.monthlyUsd).toBeCloseTo(1, 9);
      }),
      RUNS,
    );
  });
});

// Stub cost functions whose crossings are worked by hand: x requests a day is x / 86,400 per second.
const perDay = (requestsPerSecond: number) => requestsPerSecond * DAY_S;
/** Flex $100 a month plus $0.05 per daily request; each always-on worker adds $300 and takes $0.04 of the $0.05. */
const LINEAR: MonthlyCostAt = (requestsPerSecond, activeWorkers) => 100 + 300 * activeWorkers + (activeWorkers > 0 ? 0.01 : 0.05) * perDay(requestsPerSecond);
const CONSTANT: MonthlyCostAt = () => 500;

describe('breakEvenRequestsPerDay', () => {
  it('a linear cost meets a $600 pod at (600 - 100) / 0.05 = 10,000 requests/day', () => {
    expect(breakEvenRequestsPerDay(LINEAR, 600, 100_000)).toBeCloseTo(10_000, 6);
  });

  it('is null when flex stays cheaper up to the limit (10,000 > 5,000)', () => {
    expect(breakEvenRequestsPerDay(LINEAR, 600, 5000)).toBeNull();
  });

  it('is 0 when flex costs as much as the rival with no traffic, and null when a constant cost stays below it', () => {
    expect(breakEvenRequestsPerDay(CONSTANT, 400, 1000)).toBe(0);
    expect(breakEvenRequestsPerDay(CONSTANT, 600, 1000)).toBeNull();
    expect(breakEvenRequestsPerDay(LINEAR, 0, 1000)).toBe(0);
  });
});

describe('breakEvenRequestsPerDayVsActive', () => {
  it('a linear cost: flex 100 + 0.05x meets 400 + 0.01x at 300 / 0.04 = 7,500 requests/day', () => {
    expect(breakEvenRequestsPerDayVsActive(LINEAR, 1, 100_000)).toBeCloseTo(7500, 6);
    expect(breakEvenRequestsPerDayVsActive(LINEAR, 1, 7000)).toBeNull();
  });

  it('asks the cost function for the active count given', () => {
    const seen = new Set<number>();
    const costAt: MonthlyCostAt = (requestsPerSecond, activeWorkers) => {
      seen.add(activeWorkers);
      return LINEAR(requestsPerSecond, activeWorkers);
    };
    breakEvenRequestsPerDayVsActive(costAt, 2, 100_000);
    expect([...seen].sort()).toEqual([0, 2]);
  });
});

describe("the fast path's costs (fastCostsOf): the README RTX 4090 case, 4 s jobs, 20 s cold start, 15 s billed", () => {
  const catalog = bundledCatalog();
  const options = comparisonEndpointOptions(false);
  // The active worker at a negotiated rate (the discount RunPod published until 2026-05-13, $0.756/h):
  // at the flex rate it never crosses flex on these curves (test/decisions/breakeven-simulated.test.ts).
  const spec = options.toSpec({ gpu: 'rtx4090', exec: '4s', coldStart: '20s', coldStartBilled: '15s', activeRate: '$0.756/h' }, { 'traffic.rps': 0 });
  const endpoint = resolveEndpoint(catalog, spec, DEFAULT_RUN, {}, options);
  const workload = workloadOf(catalog, endpoint, { containerDiskGB: 0, volumeDiskGB: 0, networkVolumeGB: 0, podTargetUtilization: 0.8 });
  const fast = fastCostsOf(endpoint, workload.execS, workload.activeUsdPerSecond);
  const rateAt = (hoursPerDay: number) => (hoursPerDay * 3600) / workload.execS / DAY_S;

  it('has no step: a 1% rise in busy hours never moves the cost by more than 5% (flex alone, and with one active worker)', () => {
    for (const active of [0, 1]) {
      for (let hours = 0.01; hours * 1.01 <= 24; hours *= 1.01) {
        const before = fast.monthlyUsdAt(rateAt(hours), active);
        const after = fast.monthlyUsdAt(rateAt(hours * 1.01), active);
        expect(Math.abs(after / before - 1)).toBeLessThanOrEqual(0.05);
      }
    }
  });

  it('bills the active worker at the workload\'s rate, 24 h a day', () => {
    const monthS = endpoint.run.monthS;
    expect(fast.monthlyUsdAt(0, 1) - fast.monthlyUsdAt(0, 0)).toBeCloseTo(workload.activeUsdPerSecond * monthS, 6);
  });

  it('puts every with-overhead break-even where the two fast costs agree, sooner than on busy seconds alone', () => {
    const result = findBreakEven(catalog, workload, fast);
    for (const point of result.points) {
      const requests = point.requestsPerDayWithOverhead;
      expect(requests).not.toBeNull();
      const rps = (requests as number) / DAY_S;
      // A pod of one GPU, 24 h a day: its price per hour x the month's hours.
      const rival = point.rival === 'active' ? fast.monthlyUsdAt(rps, 1) : point.usdPerHour * (endpoint.run.monthS / 3600);
      expect(fast.monthlyUsdAt(rps, 0) / rival).toBeCloseTo(1, 6);
      expect(point.hoursPerDayWithOverhead as number).toBeLessThan(point.hoursPerDayWithoutOverhead);
    }
  });

  it("says where its answer lies outside the validated domain: breakeven's queue-delay scaler (4 s threshold) is, for 4 s jobs, with one active worker", () => {
    expect(findBreakEven(catalog, workload, fast).outsideFastDomain).toEqual({ code: 'threshold-over', thresholdS: 4, limitExecs: 0.5, activeWorkers: 1 });
    // Flex alone, up to one GPU of load, is inside it (a threshold of one execution without active workers).
    expect(fast.outsideDomainAt(0.5 / workload.execS, 0)).toBeNull();
  });

  it('is inside the domain with a worker per request: the active worker\'s break-even is under half its load, flex\'s under 80% of 3 workers', () => {
    const perRequest = fastCostsOf({ ...endpoint, config: { ...endpoint.config, scaler: { kind: 'per-request' } } }, workload.execS, workload.activeUsdPerSecond);
    const result = findBreakEven(catalog, workload, perRequest);
    expect(result.outsideFastDomain).toBeNull();
    // Above one GPU of load one active worker is outside it (measured up to one).
    expect(perRequest.outsideDomainAt(0.6 / workload.execS, 1)).toBeNull();
    expect(perRequest.outsideDomainAt(1.2 / workload.execS, 1)).toEqual({ code: 'peak-load-over', peakLoadGpus: expect.closeTo(1.2, 9), limitGpus: 1, ground: { scaler: { kind: 'per-request' }, activeWorkers: 1 } });
  });

  it('leaves the with-overhead figures and the domain empty without costs', () => {
    const result = findBreakEven(catalog, workload, null);
    expect(result.points.every((point) => point.requestsPerDayWithOverhead === null && point.requestsPerDayWithoutOverhead === null)).toBe(true);
    expect(result.outsideFastDomain).toBeNull();
  });
});
