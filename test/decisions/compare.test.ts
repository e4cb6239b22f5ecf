import { describe, expect, it } from 'vitest';
import { findGpu, type GpuMatch } from '../../src/catalog/lookup.js';
import { findBreakEven } from '../../src/decisions/breakeven.js';
import { compareOptions } from '../../src/decisions/compare.js';
import { choosePodGpu } from '../../src/catalog/lookup.js';
import type { Workload } from '../../src/decisions/workload.js';
import { chooseActiveRate } from '../../src/endpoint/resolve.js';
import { bundledCatalog } from '../helpers/catalog.js';

const catalog = bundledCatalog();

function gpu(name: string): GpuMatch {
  const result = findGpu(catalog, name);
  if (!result.ok) throw new Error(`no GPU ${name}`);
  return result.match;
}

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
    ...chooseActiveRate(match, undefined),
    pod: choosePodGpu(catalog, match, undefined),
    savingsPlanDiscount: null,
    podContainerDiskGB: 0,
    podVolumeDiskGB: 0,
    networkVolumeGB: 0,
    ...overrides,
  };
}

const option = (comparison: ReturnType<typeof compareOptions>, id: string) => comparison.options.find((candidate) => candidate.id === id);

describe('compare (the seed articles, done right)', () => {
  it('one always-on RTX 4090 worker at $0.44/h over a 30-day month: $316.80 = $10.56/day; at 10 requests/day $1.056 per request', () => {
    const w = workload({ gpuName: 'rtx4090', requestsPerDay: 10, monthHours: 720, activeUsdPerSecond: 0.44 / 3600, activeRateSource: 'user' });
    const active = option(compareOptions(catalog, w), 'flex-active');
    const alwaysOn = active?.lineItems.find((item) => item.name.startsWith('Active'));
    expect(alwaysOn?.monthlyUsd).toBeCloseTo(316.8, 9); // 0.44 x 24 x 30
    // The overflow to flex (Erlang-B B(1, 10 x 4 / 86400) = 0.046%) adds a fraction of a cent.
    expect(active?.dailyUsd).toBeCloseTo(10.56, 3);
    expect(active?.usdPerRequest).toBeCloseTo(316.8 / 300, 3); // $1.056, not the article's $31.60
  });

  it('500 requests/day x 4 s on the 24 GB PRO class: execution alone is 2,000 GPU-s/day at $0.00031/s, and overhead is billed on top', () => {
    const w = workload({ gpuName: 'rtx4090', requestsPerDay: 500 });
    const flex = option(compareOptions(catalog, w), 'flex');
    const execution = flex?.lineItems.find((item) => item.name === 'Flex execution');
    expect(execution?.quantity).toBeCloseTo(2000 * (730 / 24), 6); // 60,833 GPU-s a month
    expect(execution?.monthlyUsd).toBeCloseTo(2000 * (730 / 24) * 0.00031, 9); // $18.86, not the article's $7.34
    expect(flex?.monthlyUsd).toBeGreaterThan(execution?.monthlyUsd ?? Infinity); // idle tails and rounding are billed too
  });

  it('50,000 requests/day x 4 s: 2.31 busy GPUs; 3 pods by Little\'s law at 80%; pods beat flex', () => {
    const comparison = compareOptions(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 50_000 }));
    expect(comparison.offeredLoad).toBeCloseTo((50_000 * 4) / 86_400, 12); // 2.3148
    expect(comparison.podCount).toBe(3); // ceil(2.3148 / 0.8)
    const community = option(comparison, 'pod-community');
    expect(community?.monthlyUsd).toBeCloseTo(3 * 0.34 * 730, 9); // $744.60
    expect(comparison.cheapest?.id).toBe('pod-community');
    // Flex pays at least execution: 200,000 GPU-s/day x 30.42 days x $0.00031 = $1,886
    expect(option(comparison, 'flex')?.monthlyUsd).toBeGreaterThan(200_000 * (730 / 24) * 0.00031);
  });

  it('names the cheapest option and its saving over the next one', () => {
    const comparison = compareOptions(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 500 }));
    const ranked = [...comparison.options].sort((a, b) => a.monthlyUsd - b.monthlyUsd);
    expect(comparison.cheapest).toEqual({ id: ranked[0]?.id, nextId: ranked[1]?.id, savingUsd: (ranked[1]?.monthlyUsd ?? 0) - (ranked[0]?.monthlyUsd ?? 0) });
  });

  it('never calls an overloaded option the cheapest', () => {
    // 200,000 requests/day x 4 s = 9.26 busy GPUs > 3 max workers: flex cannot keep up.
    const comparison = compareOptions(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 200_000 }));
    expect(option(comparison, 'flex')?.overloaded).toBe(true);
    expect(comparison.cheapest?.id).not.toBe('flex');
  });

  it('adds a savings-plan pod option when asked: 20% off $0.74 = $0.592/h', () => {
    const comparison = compareOptions(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 500, savingsPlanDiscount: 0.2 }));
    expect(option(comparison, 'pod-savings-plan')?.monthlyUsd).toBeCloseTo(0.74 * 0.8 * 730, 9);
  });

  it('bills the network volume to the serverless options: 100 GB x $0.07 = $7/month', () => {
    const plain = compareOptions(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 500 }));
    const withVolume = compareOptions(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 500, networkVolumeGB: 100 }));
    expect((option(withVolume, 'flex')?.monthlyUsd ?? 0) - (option(plain, 'flex')?.monthlyUsd ?? 0)).toBeCloseTo(7, 9);
    expect(option(withVolume, 'pod-secure')?.monthlyUsd).toBe(option(plain, 'pod-secure')?.monthlyUsd);
  });

  it('without a published active rate (96 GB PRO) prices active workers at the flex rate', () => {
    const w = workload({ gpuName: 'BLACKWELL_96', requestsPerDay: 100 });
    expect(w.activeRateSource).toBe('flex-fallback');
    expect(w.activeUsdPerSecond).toBe(0.00111);
    expect(compareOptions(catalog, w).unpriced.map((missing) => missing.id)).toEqual(['pod-secure', 'pod-community']);
  });
});

describe('compare options: figures now, display parts when read', () => {
  it('words each option\'s shape: 3 max workers, 1 active, 1 pod of the cheapest Secure RTX 4090', () => {
    const comparison = compareOptions(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 500 }));
    expect(comparison.options.map((candidate) => [candidate.id, candidate.shape])).toEqual([
      ['flex', 'up to 3 flex workers'],
      ['flex-active', '1 active + up to 3 flex workers'],
      ['pod-secure', '1 pod x RTX 4090'],
      ['pod-community', '1 pod x RTX 4090'],
    ]);
    expect(option(compareOptions(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 50_000 })), 'pod-secure')?.shape).toBe('3 pods x RTX 4090');
  });

  it('lists only billed line items, which add up to the option\'s monthly cost, and builds them once', () => {
    const w = workload({ gpuName: 'rtx4090', requestsPerDay: 5_000, coldStartS: 20, coldStartBilledS: 15, podContainerDiskGB: 20, podVolumeDiskGB: 50, networkVolumeGB: 1500, savingsPlanDiscount: 0.2 });
    for (const candidate of compareOptions(catalog, w).options) {
      const items = candidate.lineItems;
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item.quantity).toBeGreaterThan(0);
      expect(items.reduce((sum, item) => sum + item.monthlyUsd, 0)).toBeCloseTo(candidate.monthlyUsd, 9);
      expect(candidate.lineItems).toBe(items);
    }
  });

  it('derives $/day, $/request and $/1k requests from the monthly cost: 730 h = 30.4167 days, 15,208.3 requests', () => {
    const comparison = compareOptions(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 500 }));
    const secure = option(comparison, 'pod-secure');
    // 1 pod x $0.74/h x 730 h = $540.20 a month (no disks).
    expect(secure?.monthlyUsd).toBeCloseTo(0.74 * 730, 9);
    expect(secure?.dailyUsd).toBeCloseTo(17.76, 9); // $540.20 / 30.4167 days = $0.74 x 24
    expect(secure?.usdPerRequest).toBeCloseTo(0.03552, 12); // $540.20 / 15,208.3 requests
    expect(secure?.usdPer1000Requests).toBeCloseTo(35.52, 9);
    expect(secure?.billedGpuHours).toBe(730);
    expect(secure?.utilization).toBeCloseTo((500 * 4) / 86_400, 12); // 2,000 busy s of 86,400 a day
    expect(secure?.coldStartRate).toBe(0);
  });

  it('has no per-request prices without traffic', () => {
    const flex = option(compareOptions(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 0 })), 'flex');
    expect(flex?.usdPerRequest).toBeNull();
    expect(flex?.usdPer1000Requests).toBeNull();
    expect(flex?.monthlyUsd).toBe(0);
  });
});

describe('breakeven', () => {
  it('A100: pod $1.89/h vs flex $0.00076/s = $2.736/h -> 1.89 / 2.736 x 24 = 16.58 busy hours a day', () => {
    const match = gpu('A100 SXM');
    const w = workload({ gpuName: 'A100 SXM', requestsPerDay: 0, pod: choosePodGpu(catalog, match, 1.89) });
    const secure = findBreakEven(catalog, w, false).points.find((point) => point.rival === 'pod-secure');
    expect(secure?.hoursPerDayWithoutOverhead).toBeCloseTo((1.89 / 2.736) * 24, 9);
    expect(secure?.requestsPerDayWithOverhead).toBeNull();
  });

  it('an active worker beats flex at 24 x active / flex busy hours (RTX 4090: 24 x 0.00021 / 0.00031 = 16.26 h)', () => {
    const active = findBreakEven(catalog, workload({ gpuName: 'rtx4090', requestsPerDay: 0 }), false).points.find((point) => point.rival === 'active');
    expect(active?.hoursPerDayWithoutOverhead).toBeCloseTo((24 * 0.00021) / 0.00031, 9);
  });

  it('with cold starts and idle tails billed, a pod wins at fewer busy hours than on busy seconds alone', () => {
    const w = workload({ gpuName: 'rtx4090', requestsPerDay: 0, coldStartS: 20, coldStartBilledS: 15 });
    for (const point of findBreakEven(catalog, w, true).points.filter((candidate) => candidate.rival !== 'active')) {
      expect(point.hoursPerDayWithOverhead).not.toBeNull();
      expect(point.hoursPerDayWithOverhead as number).toBeLessThan(point.hoursPerDayWithoutOverhead);
      // hours = requests x execution time
      expect(point.hoursPerDayWithOverhead).toBeCloseTo(((point.requestsPerDayWithOverhead as number) * 4) / 3600, 9);
    }
  });
});
