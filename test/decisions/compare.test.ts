import { describe, expect, it } from 'vitest';
import { findGpu, resolveGpu, type GpuMatch } from '../../src/catalog/lookup.js';
import { findBreakEven } from '../../src/decisions/breakeven.js';
import { fastCostsOf } from '../../src/decisions/breakeven-solver.js';
import { compareOptions, DEFAULT_MAX_FAILED_SHARE, findCheapest, rankingOf, type Comparison, type PricedOption } from '../../src/decisions/compare.js';
import { choosePodGpu } from '../../src/catalog/lookup.js';
import { podFleetOutcome, serverlessOutcome } from '../../src/decisions/serverless-outcome.js';
import { isOverCapacity } from '../../src/endpoint/overload.js';
import { START_REQUESTS } from '../../src/endpoint/resolve.js';
import { workloadOf, type Workload } from '../../src/decisions/workload.js';
import { KEY_NAMES } from '../../src/endpoint/field-names.js';
import { evaluateEndpoint } from '../../src/endpoint/evaluate.js';
import { chooseActiveRate, resolveEndpoint, type ResolvedEndpoint } from '../../src/endpoint/resolve.js';
import { EndpointSpecSchema } from '../../src/endpoint/spec.js';
import { describeShape } from '../../src/render/reports/compare.js';
import { bundledCatalog } from '../helpers/catalog.js';

const catalog = bundledCatalog();

function gpu(name: string): GpuMatch {
  const result = findGpu(catalog, name);
  if (!result.ok) throw new Error(`no GPU ${name}`);
  return result.match;
}

/** A workload as the CLI builds one: 4 s exponential jobs, idle timeout 5 s, 3 max workers, 1 active, no cold start unless given. */
interface Setup {
  gpuName?: string;
  requestsPerDay: number;
  monthHours?: number;
  activeRate?: string;
  coldStart?: string;
  coldStartBilled?: string;
  podRateUsdPerHour?: number;
  savingsPlan?: number;
  containerDiskGB?: number;
  volumeDiskGB?: number;
  networkVolumeGB?: number;
  podTargetUtilization?: number;
  method?: 'sim' | 'analytic';
  seed?: number;
  /** Mean execution time (exponential), default 4s. */
  execution?: string;
  maxWorkers?: number;
  /** The failed share tolerated in the ranking; default DEFAULT_MAX_FAILED_SHARE (0.1%), as the CLI's. */
  maxFailedShare?: number;
}

function endpointOf(setup: Setup): ResolvedEndpoint {
  const spec = EndpointSpecSchema.parse({
    gpu: setup.gpuName ?? 'rtx4090',
    traffic: { requestsPerDay: setup.requestsPerDay },
    execution: setup.execution ?? '4s',
    coldStart: setup.coldStart ?? '0s',
    ...(setup.coldStartBilled === undefined ? {} : { coldStartBilled: setup.coldStartBilled }),
    ...(setup.activeRate === undefined ? {} : { activeRate: setup.activeRate }),
    workers: { active: 1, max: setup.maxWorkers ?? 3, idleTimeout: '5s' },
  });
  const run = { horizonS: 30 * 86_400, horizonGiven: false, precision: 0.01, seed: setup.seed ?? 1, monthS: (setup.monthHours ?? 730) * 3600 };
  return resolveEndpoint(catalog, spec, run, {}, KEY_NAMES);
}

function compare(setup: Setup): Comparison {
  const endpoint = endpointOf(setup);
  const podTargetUtilization = setup.podTargetUtilization ?? 0.8;
  const workload = workloadOf(catalog, endpoint, {
    podRateUsdPerSecond: setup.podRateUsdPerHour === undefined ? undefined : setup.podRateUsdPerHour / 3600,
    savingsPlan: setup.savingsPlan,
    containerDiskGB: setup.containerDiskGB ?? 0,
    volumeDiskGB: setup.volumeDiskGB ?? 0,
    networkVolumeGB: setup.networkVolumeGB ?? 0,
    podTargetUtilization,
  });
  return compareOptions(catalog, { endpoint, workload, podTargetUtilization, method: setup.method ?? 'sim', maxFailedShare: setup.maxFailedShare ?? DEFAULT_MAX_FAILED_SHARE });
}

const option = (comparison: Comparison, id: string) => comparison.options.find((candidate) => candidate.id === id);
const METHODS = ['sim', 'analytic'] as const;

describe('compare, the closed forms (--fast): the seed articles, done right', () => {
  it('one always-on RTX 4090 worker at $0.44/h over a 30-day month: $316.80 = $10.56/day; at 10 requests/day $1.056 per request', () => {
    const active = option(compare({ requestsPerDay: 10, monthHours: 720, activeRate: '$0.44/h', method: 'analytic' }), 'flex-active');
    const alwaysOn = active?.lineItems.find((item) => item.name.startsWith('Active'));
    expect(alwaysOn?.monthlyUsd).toBeCloseTo(316.8, 9); // 0.44 x 24 x 30
    // The overflow to flex (Erlang-B B(1, 10 x 4 / 86400) = 0.046%) adds a fraction of a cent.
    expect(active?.dailyUsd).toBeCloseTo(10.56, 3);
    expect(active?.usdPerRequest).toBeCloseTo(316.8 / 300, 3); // $1.056, not the article's $31.60
  });

  it('500 requests/day x 4 s on the 24 GB PRO class: execution alone is 2,000 GPU-s/day at $0.00031/s, and overhead is billed on top', () => {
    const flex = option(compare({ requestsPerDay: 500, coldStart: '8.5s', method: 'analytic' }), 'flex');
    const execution = flex?.lineItems.find((item) => item.name === 'Flex execution');
    expect(execution?.quantity).toBeCloseTo(2000 * (730 / 24), 6); // 60,833 GPU-s a month
    expect(execution?.monthlyUsd).toBeCloseTo(2000 * (730 / 24) * 0.00031, 9); // $18.86, not the article's $7.34
    expect(flex?.monthlyUsd).toBeGreaterThan(execution?.monthlyUsd ?? Infinity); // idle tails and rounding are billed too
    expect(flex?.monthlyUsdHalfWidth).toBeNull();
    expect(flex?.p95S).toBeNull();
  });
});

describe.each(METHODS)('compare (%s)', (method) => {
  it("50,000 requests/day x 4 s: 2.31 busy GPUs; 3 pods by Little's law at 80%; pods beat flex", () => {
    const comparison = compare({ requestsPerDay: 50_000, method });
    expect(comparison.offeredLoad).toBeCloseTo((50_000 * 4) / 86_400, 12); // 2.3148
    expect(comparison.podCount).toBe(3); // ceil(2.3148 / 0.8)
    expect(option(comparison, 'pod-community')?.monthlyUsd).toBeCloseTo(3 * 0.34 * 730, 9); // $744.60
    expect(comparison.cheapest?.id).toBe('pod-community');
    // Flex pays at least execution: 200,000 GPU-s/day x 30.42 days x $0.00031 = $1,886 (less 1% for the simulation's spread)
    expect(option(comparison, 'flex')?.monthlyUsd).toBeGreaterThan(200_000 * (730 / 24) * 0.00031 * 0.99);
  });

  it('names the cheapest option and its saving over the next one', () => {
    const comparison = compare({ requestsPerDay: 500, coldStart: '8.5s', method });
    const ranked = [...comparison.options].sort((a, b) => a.monthlyUsd - b.monthlyUsd);
    expect(comparison.cheapest).toMatchObject({ id: ranked[0]?.id, nextId: ranked[1]?.id, savingUsd: (ranked[1]?.monthlyUsd ?? 0) - (ranked[0]?.monthlyUsd ?? 0), tiedWith: [] });
  });

  it('never calls an overloaded option the cheapest, and prices it per request served', () => {
    // 200,000 requests/day x 4 s = 9.26 busy GPUs > 3 max workers (4 with the active one): neither serverless option keeps up.
    const comparison = compare({ requestsPerDay: 200_000, method });
    for (const id of ['flex', 'flex-active']) {
      const candidate = option(comparison, id) as PricedOption;
      expect(candidate.overload).not.toBeNull();
      const { servedPerMonth, unservedPerMonth } = candidate.overload ?? { servedPerMonth: 0, unservedPerMonth: 0 };
      // Every request the month brings, served or not (the simulation's sample of them: within 1%).
      expect((servedPerMonth + unservedPerMonth) / comparison.requestsPerMonth).toBeCloseTo(1, 2);
      // At most what 3 (or 4) busy workers execute: 3 / 4 s = 0.75 requests a second.
      expect(servedPerMonth).toBeLessThanOrEqual(((id === 'flex' ? 3 : 4) / 4) * 730 * 3600 * 1.01);
      expect(candidate.usdPer1000Requests).toBeCloseTo((candidate.monthlyUsd / servedPerMonth) * 1000, 9);
    }
    expect(comparison.cheapest?.id).toBe('pod-community');
  });

  it('adds a savings-plan pod option when asked: 20% off $0.74 = $0.592/h', () => {
    expect(option(compare({ requestsPerDay: 500, savingsPlan: 0.2, method }), 'pod-savings-plan')?.monthlyUsd).toBeCloseTo(0.74 * 0.8 * 730, 9);
  });

  it('bills the network volume to the serverless options: 100 GB x $0.07 = $7/month (the same seed, the same simulation)', () => {
    const plain = compare({ requestsPerDay: 500, method });
    const withVolume = compare({ requestsPerDay: 500, networkVolumeGB: 100, method });
    expect((option(withVolume, 'flex')?.monthlyUsd ?? 0) - (option(plain, 'flex')?.monthlyUsd ?? 0)).toBeCloseTo(7, 9);
    expect(option(withVolume, 'pod-secure')?.monthlyUsd).toBe(option(plain, 'pod-secure')?.monthlyUsd);
  });

  it("prices active workers at the flex rate, RunPod's rule since 2026-05-13 (96 GB PRO: $0.00111/s)", () => {
    const endpoint = endpointOf({ gpuName: 'BLACKWELL_96', requestsPerDay: 100 });
    expect(endpoint.prices.activeRateSource).toBe('same-as-flex');
    expect(endpoint.prices.sameAsFlexSince).toBe('2026-05-13');
    expect(endpoint.prices.activeUsdPerSecond).toBe(0.00111);
    expect(compare({ gpuName: 'BLACKWELL_96', requestsPerDay: 100, method }).unpriced.map((missing) => missing.id)).toEqual(['pod-secure', 'pod-community']);
  });

  it("words each option's shape: 3 max workers, 1 active, 1 pod of the cheapest Secure RTX 4090", () => {
    const comparison = compare({ requestsPerDay: 500, method });
    expect(comparison.options.map((candidate) => [candidate.id, describeShape(candidate.shape)])).toEqual([
      ['flex', 'up to 3 flex workers'],
      ['flex-active', '1 active + up to 3 flex workers'],
      ['pod-secure', '1 pod x RTX 4090'],
      ['pod-community', '1 pod x RTX 4090'],
    ]);
    expect(option(compare({ requestsPerDay: 50_000, method }), 'pod-secure')?.shape).toEqual({ kind: 'pods', podCount: 3, gpuName: 'RTX 4090' });
  });

  it("lists only billed line items, which add up to the option's monthly cost", () => {
    const comparison = compare({ requestsPerDay: 5_000, coldStart: '20s', coldStartBilled: '15s', containerDiskGB: 20, volumeDiskGB: 50, networkVolumeGB: 1500, savingsPlan: 0.2, method });
    for (const candidate of comparison.options) {
      expect(candidate.lineItems.length).toBeGreaterThan(0);
      for (const item of candidate.lineItems) expect(item.quantity).toBeGreaterThan(0);
      expect(candidate.lineItems.reduce((sum, item) => sum + item.monthlyUsd, 0)).toBeCloseTo(candidate.monthlyUsd, 9);
    }
  });

  it('derives $/day, $/request and $/1k requests from the monthly cost: 730 h = 30.4167 days, 15,208.3 requests', () => {
    const secure = option(compare({ requestsPerDay: 500, method }), 'pod-secure');
    // 1 pod x $0.74/h x 730 h = $540.20 a month (no disks).
    expect(secure?.monthlyUsd).toBeCloseTo(0.74 * 730, 9);
    expect(secure?.monthlyUsdHalfWidth).toBeNull(); // billed by the hour: exact
    expect(secure?.dailyUsd).toBeCloseTo(17.76, 9); // $540.20 / 30.4167 days = $0.74 x 24
    expect(secure?.usdPerRequest).toBeCloseTo(0.03552, 12); // $540.20 / 15,208.3 requests
    expect(secure?.usdPer1000Requests).toBeCloseTo(35.52, 9);
    expect(secure?.billedGpuHours).toBe(730);
    expect(secure?.utilization).toBeCloseTo((500 * 4) / 86_400, 12); // 2,000 busy s of 86,400 a day
    expect(secure?.coldStartRate).toBe(0);
  });

  it('has no per-request prices without traffic', () => {
    const flex = option(compare({ requestsPerDay: 0, method }), 'flex');
    expect(flex?.usdPerRequest).toBeNull();
    expect(flex?.usdPer1000Requests).toBeNull();
    expect(flex?.monthlyUsd).toBe(0);
  });
});

describe('compare, simulated', () => {
  it('prices every serverless option to the precision goal, with its interval, cold-start rate and p95', () => {
    const comparison = compare({ requestsPerDay: 500, coldStart: '8.5s' });
    for (const id of ['flex', 'flex-active']) {
      const candidate = option(comparison, id) as PricedOption;
      expect(candidate.costMethod).toBe('sim');
      expect(candidate.monthlyUsdHalfWidth as number).toBeLessThanOrEqual(candidate.monthlyUsd * 0.01);
      expect(candidate.coldStartRateHalfWidth).not.toBeNull();
      // At least the execution time's own p95: 4 s x ln 20 = 11.98 s (exponential).
      expect(candidate.p95S as number).toBeGreaterThan(4 * Math.log(20) * 0.95);
    }
    // A scaled-to-zero flex option makes most requests of 500 a day wait on a start; an active worker few.
    expect(option(comparison, 'flex')?.coldStartRate).toBeGreaterThan(0.9);
    expect(option(comparison, 'flex-active')?.coldStartRate).toBeLessThan(0.01);
  });

  it('prices per request the month brings, not per request the simulation happened to draw: $316.80 / 300 = $1.056', () => {
    const active = option(compare({ requestsPerDay: 10, monthHours: 720, activeRate: '$0.44/h' }), 'flex-active');
    expect(active?.usdPerRequest).toBeCloseTo(316.8 / 300, 3);
  });

  it('the flex option is the simulation `simulate` runs: same config, seed and horizon, same figures', () => {
    const endpoint = endpointOf({ requestsPerDay: 500, coldStart: '8.5s' });
    const flex = serverlessOutcome(endpoint, 0, 'sim');
    const alone = evaluateEndpoint(endpoint, 'sim', { ...endpoint.config, workers: { ...endpoint.config.workers, active: 0 } });
    expect([flex.monthlyUsd, flex.coldStartRate, flex.latency.p95, flex.horizonS]).toEqual([alone.monthlyUsd, alone.coldStartRate, alone.latency.p95, alone.horizonS]);
  });

  it('pods have no execution timeout: 20 min jobs run to their end, where serverless fails e^(-0.5) = 60.7% of them at 10 min', () => {
    const endpoint = endpointOf({ requestsPerDay: 100, execution: '20m', maxWorkers: 10 });
    const flex = serverlessOutcome(endpoint, 0, 'sim').simulation;
    expect(Math.abs((flex?.requests.failed ?? 0) / (flex?.requests.arrived ?? 1) - Math.exp(-0.5))).toBeLessThan(0.02);
    // 100 x 1200 s / 86,400 = 1.389 busy GPUs: 2 pods at 80%.
    const pods = podFleetOutcome(endpoint, 2);
    expect(pods.simulation?.requests.failed).toBe(0);
    // Latency is wait + execution, so its p95 is at least a job's own: 20 min x ln 20 = 3,595 s (it was cut near 10 min).
    expect(pods.latency.p95 as number).toBeGreaterThan(1200 * Math.log(20) * 0.9);
  });

  it(`starts at 30 days like simulate up to ${START_REQUESTS.toLocaleString('en-US')} requests, and at whole hours holding about that many beyond`, () => {
    expect(endpointOf({ requestsPerDay: 8_000 }).config.horizonS).toBe(30 * 86_400); // 240,000 requests
    expect(endpointOf({ requestsPerDay: 50_000 }).config.horizonS).toBe(120 * 3600); // 250,000 / 50,000 a day = 5 days
    // 100 requests a second of 4 s are 400 busy GPUs against 3 workers: overloaded, a day shows it.
    expect(endpointOf({ requestsPerDay: 100 * 86_400 }).config.horizonS).toBe(86_400);
  });

  it('gives every option the same seed: a pod and an always-on worker that absorbs the traffic see the same requests', () => {
    // 10 requests/day: the active worker is almost never busy when one arrives, like the 1 pod.
    const comparison = compare({ requestsPerDay: 10 });
    expect(option(comparison, 'flex-active')?.p95S).toBe(option(comparison, 'pod-secure')?.p95S);
  });

  it('marks pods at 100% target with a whole load as overloaded (the queue never drains): with every option overloaded, none is cheapest', () => {
    // 86,400 requests/day x 4 s = 4 busy GPUs: exactly 4 pods at 100%, and 3 flex (+ 1 active) workers.
    const endpoint = endpointOf({ requestsPerDay: 86_400 });
    expect(isOverCapacity(endpoint, 4)).toBe(true);
    const comparison = compare({ requestsPerDay: 86_400, podTargetUtilization: 1 });
    expect(comparison.podCount).toBe(4);
    expect(comparison.options.map((candidate) => candidate.overload !== null)).toEqual([true, true, true, true]);
    expect(comparison.cheapest).toBeNull();
    // At 80%, 5 pods serve it and are the cheapest.
    expect(compare({ requestsPerDay: 86_400 }).cheapest?.id).toBe('pod-community');
  });
});

describe('compare, requests that fail at the execution timeout', () => {
  // 100 requests/day of 20 min exponential jobs against the 10 min default timeout, up to 10 flex workers:
  // e^(-600/1200) = 60.65% of serverless requests fail, billed for the 10 min they ran. Each finished or
  // failed request bills E[min(X, 600 s)] = 1200 x (1 - e^(-0.5)) = 472.2 s: 100 x 30.4167 days x 472.2 s
  // x $0.00031 = $445.25 of execution a month. Pods: 100 x 1200 / 86,400 = 1.389 busy GPUs / 0.8 = 2 pods.
  const comparison = compare({ requestsPerDay: 100, execution: '20m', maxWorkers: 10 });
  const flex = option(comparison, 'flex') as PricedOption;

  it('serverless options fail about 60.7%; pods serve every request (they have no timeout)', () => {
    for (const id of ['flex', 'flex-active']) expect(Math.abs((option(comparison, id)?.failedShare ?? 0) - Math.exp(-0.5))).toBeLessThan(0.02);
    for (const id of ['pod-secure', 'pod-community']) expect(option(comparison, id)?.failedShare).toBe(0);
  });

  it('a pod is the cheapest though the flex bill is lower: flex fails requests, the pods serve them all', () => {
    expect(comparison.podCount).toBe(2);
    expect(option(comparison, 'pod-community')?.monthlyUsd).toBeCloseTo(2 * 0.34 * 730, 9); // $496.40
    expect(flex.monthlyUsd).toBeGreaterThan(100 * (730 / 24) * 1200 * (1 - Math.exp(-0.5)) * 0.00031 * 0.98); // $445.25 of execution
    expect(flex.monthlyUsd).toBeLessThan(496.4);
    // Ranked by the bill among the options that serve every request: the saving is over the Secure pods,
    // 2 x ($0.74 - $0.34) x 730 h = $584.
    expect(comparison.cheapest).toMatchObject({ id: 'pod-community', rankedBy: 'monthlyUsd', nextId: 'pod-secure', savingHalfWidthUsd: 0, tiedWith: [] });
    expect(comparison.cheapest?.savingUsd).toBeCloseTo(584, 9);
  });

  it('60.7% is far over the default 0.1% tolerated; tolerating 70%, flex is ranked by its bill and is the cheapest', () => {
    expect(comparison.maxFailedShare).toBe(0.001);
    expect(flex.failedShare).toBeGreaterThan(0.001);
    const tolerant = compare({ requestsPerDay: 100, execution: '20m', maxWorkers: 10, maxFailedShare: 0.7 });
    expect(tolerant.cheapest).toMatchObject({ id: 'flex', rankedBy: 'monthlyUsd' });
    expect(tolerant.cheapest?.savingUsd).toBeCloseTo((option(tolerant, tolerant.cheapest?.nextId ?? '')?.monthlyUsd ?? 0) - (option(tolerant, 'flex')?.monthlyUsd ?? 0), 9);
  });

  it('without a pod price every option fails some: they are ranked per 1,000 requests served', () => {
    // RTX PRO 6000 has no dated pod price: only the serverless options are priced.
    const unpriced = compare({ gpuName: 'RTX PRO 6000', requestsPerDay: 100, execution: '20m', maxWorkers: 10 });
    expect(unpriced.options.map((candidate) => candidate.id)).toEqual(['flex', 'flex-active']);
    const [first, second] = [...unpriced.options].sort((a, b) => (a.usdPer1000Requests ?? 0) - (b.usdPer1000Requests ?? 0)) as [PricedOption, PricedOption];
    expect(unpriced.cheapest).toMatchObject({ id: first.id, rankedBy: 'usdPer1000Requests', nextId: second.id });
    expect(unpriced.cheapest?.savingUsd).toBeCloseTo((second.usdPer1000Requests ?? 0) - (first.usdPer1000Requests ?? 0), 9);
    // Per 1,000 requests served: the bill over the 39.3% that finish.
    expect(first.usdPer1000Requests).toBeCloseTo((first.monthlyUsd / (unpriced.requestsPerMonth * (1 - first.failedShare))) * 1000, 9);
  });
});

describe('compare, requests that fail rarely: 1 min exponential jobs against the 10 min timeout', () => {
  // A job runs past 10 min with probability e^(-600/60) = e^-10 = 4.54e-5: one in 22,026, far under the
  // default 0.1% (one in 1,000). At 100 requests/day flex bills about 100 x 30.4167 days x 60 s x $0.00031
  // = $56.58 of execution (plus cold starts and idle tails), far under 1 Community pod at $0.34 x 730 h =
  // $248.20. Seed 1 draws jobs over the timeout, so the simulation's share is above 0: whether one was
  // drawn decided the cheapest before the tolerance.
  const comparison = compare({ requestsPerDay: 100, execution: '1m' });
  const flex = option(comparison, 'flex') as PricedOption;

  it('flex fails a share above 0 and under 0.1%, of the order of e^-10', () => {
    expect(flex.failedShare).toBeGreaterThan(0);
    expect(flex.failedShare).toBeLessThan(0.001);
    // Its 1,380 simulated days hold some 138,000 requests, 5 of them failed (3.6e-5): within a factor of 4 of e^-10.
    expect(flex.failedShare).toBeGreaterThan(Math.exp(-10) / 4);
    expect(flex.failedShare).toBeLessThan(Math.exp(-10) * 4);
  });

  it('under the default tolerance flex is ranked by its bill with the pods, and is the cheapest', () => {
    expect(comparison.podCount).toBe(1);
    expect(flex.monthlyUsd).toBeGreaterThan(100 * (730 / 24) * 60 * 0.00031);
    expect(flex.monthlyUsd).toBeLessThan(248.2);
    expect(comparison.cheapest).toMatchObject({ id: 'flex', rankedBy: 'monthlyUsd' });
  });

  it('tolerating none, the one request in 22,000 keeps flex from the ranking: the Community pod is the cheapest', () => {
    const strict = compare({ requestsPerDay: 100, execution: '1m', maxFailedShare: 0 });
    expect(strict.cheapest).toMatchObject({ id: 'pod-community', rankedBy: 'monthlyUsd', nextId: 'pod-secure' });
    expect(strict.cheapest?.savingUsd).toBeCloseTo((0.74 - 0.34) * 730, 9); // $292
  });
});

describe('pods follow --pod-target-utilization: max(1, ceil(busy GPUs / target))', () => {
  // 50,000 requests/day x 4 s / 86,400 s = 2.3148 busy GPUs.
  it.each([
    [0.8, 3], // 2.3148 / 0.8 = 2.89
    [0.5, 5], // 4.63
    [1, 3], // 2.31
    [0.25, 10], // 9.26
  ])('at %d: %d pods', (target, pods) => {
    const comparison = compare({ requestsPerDay: 50_000, podTargetUtilization: target, method: 'analytic' });
    expect(comparison.podCount).toBe(pods);
    expect(option(comparison, 'pod-community')?.monthlyUsd).toBeCloseTo(pods * 0.34 * 730, 9);
  });

  it('at least one pod for any traffic: 10 requests/day', () => {
    expect(compare({ requestsPerDay: 10, podTargetUtilization: 0.8, method: 'analytic' }).podCount).toBe(1);
  });
});

describe('the cheapest respects precision', () => {
  /** 10,000 requests a month; `failedShare` of them fail (billed, not served), so $/1k divides by the rest. */
  const priced = (id: PricedOption['id'], monthlyUsd: number, monthlyUsdHalfWidth: number | null, overloaded = false, failedShare = 0): PricedOption => ({
    id,
    shape: { kind: 'serverless', activeWorkers: 0, maxWorkers: 3 },
    costMethod: monthlyUsdHalfWidth === null ? 'exact' : 'sim',
    monthlyUsd,
    monthlyUsdHalfWidth,
    dailyUsd: 0,
    usdPerRequest: failedShare < 1 ? monthlyUsd / (10_000 * (1 - failedShare)) : null,
    usdPer1000Requests: failedShare < 1 ? (monthlyUsd / (10_000 * (1 - failedShare))) * 1000 : null,
    billedGpuHours: 0,
    utilization: 0,
    coldStartRate: 0,
    coldStartRateHalfWidth: null,
    p95S: null,
    dropRate: null,
    failedShare,
    failedShareHalfWidth: 0,
    experience: null,
    overload: overloaded ? { servedPerMonth: 1, unservedPerMonth: 1, backlogGrowthPerHour: 1 } : null,
    horizonS: 0,
    outsideFastDomain: null,
    coldStartRateOutsideFastDomain: null,
    lineItems: [],
  });

  it('$100 ± $2 and $101.50 exact overlap: a tie the simulation cannot break', () => {
    expect(findCheapest([priced('flex', 100, 2), priced('pod-community', 101.5, null)], 0)).toEqual({ id: 'flex', rankedBy: 'monthlyUsd', nextId: 'pod-community', savingUsd: 1.5, savingHalfWidthUsd: 2, tiedWith: ['pod-community'] });
  });

  it('$100 ± $1 and $103 exact do not: the saving is $3 ± $1', () => {
    expect(findCheapest([priced('pod-community', 103, null), priced('flex', 100, 1)], 0)).toEqual({ id: 'flex', rankedBy: 'monthlyUsd', nextId: 'pod-community', savingUsd: 3, savingHalfWidthUsd: 1, tiedWith: [] });
  });

  it('two intervals overlap when the gap is within both half-widths: $100 ± $1 and $102.50 ± $2', () => {
    expect(findCheapest([priced('flex', 100, 1), priced('flex-active', 102.5, 2)], 0)?.tiedWith).toEqual(['flex-active']);
  });

  it('an overloaded option is never the cheapest however cheap', () => {
    expect(findCheapest([priced('flex', 1, 0.01, true), priced('pod-secure', 500, null)], 0)?.id).toBe('pod-secure');
    expect(findCheapest([priced('flex', 1, 0.01, true)], 0)).toBeNull();
  });

  it('an option that fails requests (with none tolerated) is not ranked against options that serve them all: the saving is over the next that does', () => {
    // Flex bills $100 but fails 1% of its requests; the pods serve all: Community $300, Secure $500, so $200 saved.
    const options = [priced('flex', 100, 1, false, 0.01), priced('pod-secure', 500, null), priced('pod-community', 300, null)];
    expect(findCheapest(options, 0)).toEqual({ id: 'pod-community', rankedBy: 'monthlyUsd', nextId: 'pod-secure', savingUsd: 200, savingHalfWidthUsd: 0, tiedWith: [] });
    // However little it fails, and however cheap per request it is ($100 / 9,999 requests = $10.001 per 1,000 against $30).
    expect(findCheapest([priced('flex', 100, 1, false, 0.0001), priced('pod-community', 300, null)], 0)).toMatchObject({ id: 'pod-community', nextId: null, savingUsd: 0 });
  });

  it('when every option that serves the traffic fails some, they are ranked by cost per 1,000 requests served', () => {
    // Flex: $100 ± $2 over 5,000 finished = $20 per 1,000 (± 2%: ± $0.40). Flex + active: $150 ± $1.50 over
    // 9,000 = $16.667 (± 1%: ± $0.1667). The dearer bill serves more: $3.333 ± $0.5667 less per 1,000.
    const cheapest = findCheapest([priced('flex', 100, 2, false, 0.5), priced('flex-active', 150, 1.5, false, 0.1)], 0);
    expect(cheapest).toMatchObject({ id: 'flex-active', rankedBy: 'usdPer1000Requests', nextId: 'flex', tiedWith: [] });
    expect(cheapest?.savingUsd).toBeCloseTo(20 - 150 / 9, 9);
    expect(cheapest?.savingHalfWidthUsd).toBeCloseTo(0.4 + 150 / 9 / 100, 9);
    // An overloaded option stays out of that ranking too.
    expect(findCheapest([priced('flex', 100, 2, true, 0.5), priced('flex-active', 150, 1.5, false, 0.1)], 0)).toMatchObject({ id: 'flex-active', nextId: null });
  });

  it('per 1,000 requests served, two intervals overlap as monthly ones do: $20 ± 2% and $20.50 ± 1%', () => {
    // $100 ± $2 over 5,000 = $20 ± $0.40; $184.50 ± $1.845 over 9,000 = $20.50 ± $0.205: 0.50 <= 0.605.
    expect(findCheapest([priced('flex', 100, 2, false, 0.5), priced('flex-active', 184.5, 1.845, false, 0.1)], 0)?.tiedWith).toEqual(['flex-active']);
  });

  it('an option that finishes no request is never the cheapest', () => {
    expect(findCheapest([priced('flex', 100, 2, false, 1)], 0)).toBeNull();
    expect(findCheapest([priced('flex', 100, 2, false, 1), priced('flex-active', 150, 1.5, false, 0.1)], 0)).toMatchObject({ id: 'flex-active', rankedBy: 'usdPer1000Requests', nextId: null });
    // Whatever the tolerance: at 100%, a bill for no request served is still no price.
    expect(findCheapest([priced('flex', 100, 2, false, 1)], 1)).toBeNull();
    expect(findCheapest([priced('flex', 100, 2, false, 1), priced('pod-community', 300, null)], 1)).toMatchObject({ id: 'pod-community', nextId: null });
  });

  it('an option that fails at most the tolerated share is ranked by its bill with those that serve every request', () => {
    // Flex bills $100 and fails 0.01% (1 request of 10,000): within 0.1%, so it is $200 less than the $300 pods.
    const options = [priced('flex', 100, 1, false, 0.0001), priced('pod-community', 300, null), priced('pod-secure', 500, null)];
    expect(findCheapest(options, 0.001)).toEqual({ id: 'flex', rankedBy: 'monthlyUsd', nextId: 'pod-community', savingUsd: 200, savingHalfWidthUsd: 1, tiedWith: [] });
    expect(rankingOf(options, 0.001)).toEqual({ rankedBy: 'monthlyUsd', ranked: options });
    // None tolerated: the pods are ranked alone.
    expect(findCheapest(options, 0)).toMatchObject({ id: 'pod-community', nextId: 'pod-secure', savingUsd: 200 });
    expect(rankingOf(options, 0).ranked.map((candidate) => candidate.id)).toEqual(['pod-community', 'pod-secure']);
  });

  it('at most means at most: 0.1% exactly is within 0.1%, 0.11% is over it', () => {
    const pods = priced('pod-community', 300, null);
    expect(findCheapest([priced('flex', 100, 1, false, 0.001), pods], 0.001)?.id).toBe('flex');
    expect(findCheapest([priced('flex', 100, 1, false, 0.0011), pods], 0.001)).toMatchObject({ id: 'pod-community', rankedBy: 'monthlyUsd', nextId: null });
  });

  it('over the tolerance the rule is the strict one: ranked per 1,000 requests served only when every option fails more', () => {
    // $100 over 5,000 finished = $20 per 1,000; $150 over 9,000 = $16.667: both fail more than 5%.
    expect(findCheapest([priced('flex', 100, 2, false, 0.5), priced('flex-active', 150, 1.5, false, 0.1)], 0.05)).toMatchObject({ id: 'flex-active', rankedBy: 'usdPer1000Requests', nextId: 'flex' });
    // Tolerating 10%: flex + active (10%) is ranked by its bill, alone; flex (50%) is not ranked against it.
    expect(findCheapest([priced('flex', 100, 2, false, 0.5), priced('flex-active', 150, 1.5, false, 0.1)], 0.1)).toMatchObject({ id: 'flex-active', rankedBy: 'monthlyUsd', nextId: null });
    // Tolerating 50%: both by their bills, and flex's is the lower.
    expect(findCheapest([priced('flex', 100, 2, false, 0.5), priced('flex-active', 150, 1.5, false, 0.1)], 0.5)).toMatchObject({ id: 'flex', rankedBy: 'monthlyUsd', nextId: 'flex-active', savingUsd: 50 });
  });
});

describe('breakeven', () => {
  function workload(overrides: Partial<Workload> & { gpuName: string; requestsPerDay: number }): Workload {
    const match = gpu(overrides.gpuName);
    return {
      gpu: match,
      gpuCount: 1,
      requestsPerSecond: overrides.requestsPerDay / 86_400,
      execS: 4,
      idleTimeoutS: 5,
      maxWorkers: 3,
      activeWorkers: 1,
      coldStartS: 0,
      coldStartBilledS: 0,
      monthHours: 730,
      ...chooseActiveRate(catalog, match, undefined),
      pod: choosePodGpu(catalog, match, undefined),
      savingsPlanDiscount: null,
      podContainerDiskGB: 0,
      podVolumeDiskGB: 0,
      networkVolumeGB: 0,
      ...overrides,
    };
  }

  it('A100: pod $1.89/h vs flex $0.00076/s = $2.736/h -> 1.89 / 2.736 x 24 = 16.58 busy hours a day', () => {
    const match = gpu('A100 SXM');
    const w = workload({ gpuName: 'A100 SXM', requestsPerDay: 0, pod: choosePodGpu(catalog, match, 1.89) });
    const secure = findBreakEven(catalog, w, null).points.find((point) => point.rival === 'pod-secure');
    expect(secure?.hoursPerDayWithoutOverhead).toBeCloseTo((1.89 / 2.736) * 24, 9);
    expect(secure?.requestsPerDayWithOverhead).toBeNull();
  });

  it('an active worker beats flex at 24 x active / flex busy hours: 24 h at the flex rate; RTX 4090 at a negotiated $0.00021/s: 24 x 0.00021 / 0.00031 = 16.26 h', () => {
    const activeOf = (w: Workload) => findBreakEven(catalog, w, null).points.find((point) => point.rival === 'active');
    const atFlex = workload({ gpuName: 'rtx4090', requestsPerDay: 0 });
    expect(activeOf(atFlex)?.hoursPerDayWithoutOverhead).toBeCloseTo(24, 9);
    expect(activeOf({ ...atFlex, activeUsdPerSecond: 0.00021, activeRateSource: 'user' })?.hoursPerDayWithoutOverhead).toBeCloseTo((24 * 0.00021) / 0.00031, 9);
  });

  it('a catalog without the same-rate rule and without an active rate for the class falls back to the flex rate and says so', () => {
    const old = structuredClone(catalog);
    old.billing.serverless.activeWorkers.billedAtFlexRate = false;
    const match = resolveGpu(old, 'BLACKWELL_96');
    expect(chooseActiveRate(old, match, undefined)).toEqual({ activeUsdPerSecond: 0.00111, activeRateSource: 'flex-fallback', sameAsFlexSince: '2026-05-13' });
    expect(chooseActiveRate(old, resolveGpu(old, 'rtx4090'), 0.0002).activeRateSource).toBe('user');
  });

  it('with cold starts and idle tails billed, a pod wins at fewer busy hours than on busy seconds alone', () => {
    const w = workload({ gpuName: 'rtx4090', requestsPerDay: 0, coldStartS: 20, coldStartBilledS: 15 });
    const fast = fastCostsOf(endpointOf({ requestsPerDay: 0, coldStart: '20s', coldStartBilled: '15s' }), w.execS, w.activeUsdPerSecond);
    for (const point of findBreakEven(catalog, w, fast).points.filter((candidate) => candidate.rival !== 'active')) {
      expect(point.hoursPerDayWithOverhead).not.toBeNull();
      expect(point.hoursPerDayWithOverhead as number).toBeLessThan(point.hoursPerDayWithoutOverhead);
      // hours = requests x execution time
      expect(point.hoursPerDayWithOverhead).toBeCloseTo(((point.requestsPerDayWithOverhead as number) * 4) / 3600, 9);
    }
  });
});
