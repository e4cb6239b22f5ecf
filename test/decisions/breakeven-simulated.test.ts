// The simulated break-even (issue 12, item 4): at each break-even the two options' simulated costs agree
// within their precision, the points fall where simulation puts them (not on the old closed forms' 80% step),
// the same inputs give the same answer, and a flex option that cannot serve its load never wins.
import { describe, expect, it } from 'vitest';
import { comparisonEndpointOptions } from '../../src/cli/comparison-options.js';
import { DEFAULT_RUN } from '../../src/cli/simulation-options.js';
import { costCurves, findBreakEven, type BreakEvenPoint } from '../../src/decisions/breakeven.js';
import { findBreakEvens } from '../../src/decisions/breakeven-classes.js';
import { CURVE_HOURS, findSimulatedBreakEven, type SimulationSetup } from '../../src/decisions/breakeven-simulated.js';
import { fastCostsOf, type FastCosts } from '../../src/decisions/breakeven-solver.js';
import { workloadOf, type Workload } from '../../src/decisions/workload.js';
import { simulateToPrecision } from '../../src/endpoint/outcome.js';
import { resolveEndpoint } from '../../src/endpoint/resolve.js';
import { breakEvenReport } from '../../src/render/reports/breakeven.js';
import { bundledCatalog } from '../helpers/catalog.js';

const catalog = bundledCatalog();
const OPTIONS = comparisonEndpointOptions(false);
const POD_TERMS = { containerDiskGB: 0, volumeDiskGB: 0, networkVolumeGB: 0, podTargetUtilization: 0.8 };

/** A GPU class as `breakeven` resolves it from its flags (no traffic: the search sets it). */
function classOf(flags: Record<string, string>, run = DEFAULT_RUN): { workload: Workload; setup: SimulationSetup } {
  const spec = OPTIONS.toSpec(flags, { 'traffic.rps': 0 });
  const endpoint = resolveEndpoint(catalog, spec, run, {}, OPTIONS);
  return { workload: workloadOf(catalog, endpoint, POD_TERMS), setup: endpoint };
}

/** The fast path's costs of a class: the simulated search's first guess, and --fast's answer. */
function fastOf(workload: Workload, setup: SimulationSetup): FastCosts {
  return fastCostsOf(setup, workload.execS, workload.activeUsdPerSecond);
}

function simulated(flags: Record<string, string>, chart = false) {
  const { workload, setup } = classOf(flags);
  return { workload, setup, ...findSimulatedBreakEven(catalog, workload, setup, findBreakEven(catalog, workload, fastOf(workload, setup)), chart) };
}

// The active worker at the discounted rate RunPod published until 2026-05-13 ($0.00021/s = $0.756/h),
// today an example of a negotiated one: at the flex rate an active worker never beats flex (tested below).
const NEGOTIATED = { activeRate: '$0.756/h' };
const README_4090 = { gpu: 'rtx4090', exec: '4s', coldStart: '20s', coldStartBilled: '15s', ...NEGOTIATED };
// Issue 12's reference workload: 4 s exponential jobs, 8.5 s cold start all billed (the catalog's
// default), idle timeout 5 s, max 3 flex workers.
const ISSUE_REFERENCE = { gpu: 'rtx4090', exec: '4s', ...NEGOTIATED };

const hoursOf = (points: BreakEvenPoint[], rival: BreakEvenPoint['rival']) => points.find((point) => point.rival === rival)?.hoursPerDayWithOverhead ?? null;

describe('simulated break-even: the README RTX 4090 case (4 s, 20 s cold start, 15 s billed)', () => {
  const found = simulated(README_4090, true);

  it.each(found.breakEven.points.map((point): [string, BreakEvenPoint] => [point.rival, point]))('%s: the two simulated costs agree within their 95% precision there', (_rival, point) => {
    const at = point.simulated;
    expect(at).not.toBeNull();
    if (at === null) return;
    expect(at.stop).toBe('costs-agree');
    expect(Math.abs(at.flexMonthlyUsd - at.rivalMonthlyUsd)).toBeLessThanOrEqual(at.flexHalfWidthUsd + at.rivalHalfWidthUsd);
    // The precision asked for (1%) is what the costs were simulated to, or better.
    expect(at.flexHalfWidthUsd / at.flexMonthlyUsd).toBeLessThanOrEqual(0.011);
    expect(point.requestsPerDayWithOverhead).toBeCloseTo(((point.hoursPerDayWithOverhead as number) * 3600) / 4, 9);
  });

  it.each(found.breakEven.points.map((point): [string, BreakEvenPoint] => [point.rival, point]))(
    '%s: an independent simulation (30 days on, like `simulate`) agrees within both precisions',
    (rival, point) => {
      const at = point.simulated;
      if (at === null) throw new Error(`no break-even for ${rival}`);
      const ratePerSecond = ((point.hoursPerDayWithOverhead as number) * 3600) / 4 / 86_400;
      const run = (active: number) =>
        simulateToPrecision({ ...found.setup.config, arrivals: { kind: 'poisson', ratePerSecond }, workers: { ...found.setup.config.workers, active } }, found.setup.pricing, found.setup.goal);
      const flex = run(0);
      const rivalUsd = rival === 'active' ? run(1) : null;
      const gap = flex.monthlyUsd - (rivalUsd?.monthlyUsd ?? at.rivalMonthlyUsd);
      const independent = (flex.precision?.monthlyUsd ?? 0) + (rivalUsd?.precision?.monthlyUsd ?? 0);
      // The true gap there is within |gap found| + its half-width; the new estimate within its own of that.
      expect(Math.abs(gap)).toBeLessThanOrEqual(Math.abs(at.flexMonthlyUsd - at.rivalMonthlyUsd) + at.flexHalfWidthUsd + at.rivalHalfWidthUsd + independent);
    },
  );

  it('falls where simulation puts it, and so does its first guess, the fast path\'s (the old closed forms put the active worker on their 80% step, 19.2 h)', () => {
    const fast = findBreakEven(catalog, found.workload, fastOf(found.workload, found.setup));
    expect(hoursOf(fast.points, 'active')).toBeGreaterThan(2.5);
    expect(hoursOf(fast.points, 'active')).toBeLessThan(9.5);
    const points = found.breakEven.points;
    // Pods: flex at 2 and 4 busy hours costs about $360 and $630 a month; Secure $540.20, Community $248.20.
    expect(hoursOf(points, 'pod-secure')).toBeGreaterThan(2.5);
    expect(hoursOf(points, 'pod-secure')).toBeLessThan(4.5);
    expect(hoursOf(points, 'pod-community')).toBeGreaterThan(0.5);
    expect(hoursOf(points, 'pod-community')).toBeLessThan(2.5);
    expect(hoursOf(points, 'active')).toBeGreaterThan(2.5);
    expect(hoursOf(points, 'active')).toBeLessThan(9.5);
    // Overhead only makes flex dearer: every rival wins sooner than on busy seconds alone.
    for (const point of points) expect(point.hoursPerDayWithOverhead as number).toBeLessThan(point.hoursPerDayWithoutOverhead);
  });

  it('draws simulated curves with no step: each 2 h rise at most 20% above the one before (the old closed forms jumped 20-fold at 80% load)', () => {
    const curves = found.curves;
    expect(curves?.hoursPerDay).toEqual([...CURVE_HOURS]);
    const flex = curves?.series.find((series) => series.option === 'flex');
    expect(flex?.halfWidthsUsd).not.toBeNull();
    expect(hasNoStep(flex?.monthlyUsd ?? [], flex?.halfWidthsUsd ?? [])).toBe(true);
    // The fast path's curve at the same points passes it too (the old closed forms failed it: $755 at 18 h, $1,259 at 20 h).
    const fastCurve = costCurves(catalog, found.workload, fastOf(found.workload, found.setup), 12).series.find((series) => series.option === 'flex');
    expect(hasNoStep(fastCurve?.monthlyUsd ?? [], [])).toBe(true);
  });
});

/** True when no rise between two points is more than 20% (plus the points' noise) above the rise before it. */
function hasNoStep(usd: readonly number[], halfWidthsUsd: readonly number[]): boolean {
  for (let i = 2; i < usd.length; i += 1) {
    const rise = (usd[i] as number) - (usd[i - 1] as number);
    const before = (usd[i - 1] as number) - (usd[i - 2] as number);
    const noise = 2 * ((halfWidthsUsd[i] ?? 0) + (halfWidthsUsd[i - 1] ?? 0) + (halfWidthsUsd[i - 2] ?? 0));
    if (rise > 1.2 * before + noise) return false;
  }
  return true;
}

describe('simulated break-even: sane ranges', () => {
  it.each([
    // Issue 12 measured 3.7-9.5 busy hours a day for the active worker on its reference workload, depending on settings.
    ['issue 12 reference, active worker', ISSUE_REFERENCE, 'active', 3.7, 9.5],
    ['issue 12 reference, Secure pod', ISSUE_REFERENCE, 'pod-secure', 2, 9.5],
    ['30 s idle timeout, active worker (longer tails: wins sooner)', { ...README_4090, idleTimeout: '30s' }, 'active', 0.5, 3.625],
  ] as const)('%s: between %s and %s h', (_name, flags, rival, low, high) => {
    const hours = hoursOf(simulated(flags).breakEven.points, rival);
    expect(hours).not.toBeNull();
    expect(hours as number).toBeGreaterThan(low);
    expect(hours as number).toBeLessThan(high);
  });
});

describe('simulated break-even: active workers at the flex rate (RunPod bills both alike since 2026-05-13)', () => {
  it.each([
    ['issue 12 reference', { gpu: 'rtx4090', exec: '4s' }],
    ['README RTX 4090 case', { gpu: 'rtx4090', exec: '4s', coldStart: '20s', coldStartBilled: '15s' }],
  ] as const)('%s: on busy seconds an always-on worker wins only at 24 h; with overhead at most over a window, dearer again when busy all day', (_name, flags) => {
    const found = simulated(flags, true);
    const active = found.breakEven.points.find((point) => point.rival === 'active');
    expect(found.workload.activeRateSource).toBe('same-as-flex');
    // 24 x active / flex = 24 x 1 = 24 h: only a worker busy all day costs flex as much.
    expect(active?.hoursPerDayWithoutOverhead).toBeCloseTo(24, 9);
    const at = active?.simulated ?? null;
    if (at !== null) {
      // Where it starts to win, the two costs agree within their precision; it stops winning before 24 h.
      expect(Math.abs(at.flexMonthlyUsd - at.rivalMonthlyUsd)).toBeLessThanOrEqual(at.flexHalfWidthUsd + at.rivalHalfWidthUsd);
      expect(at.dearerAgainFromHours).not.toBeNull();
      expect(at.dearerAgainFromHours as number).toBeGreaterThan(active?.hoursPerDayWithOverhead as number);
      expect(at.dearerAgainFromHours as number).toBeLessThan(24);
    }
    // The chart agrees: at 24 busy hours flex + one active worker costs more than flex alone.
    const curve = (option: string) => found.curves?.series.find((series) => series.option === option)?.monthlyUsd ?? [];
    expect(curve('active').at(-1) as number).toBeGreaterThan(curve('flex').at(-1) as number);
  });

  it('the issue 12 reference: the window is found even though the fast path sees none (11-12 h to 22 h)', () => {
    const found = simulated({ gpu: 'rtx4090', exec: '4s' });
    const active = found.breakEven.points.find((point) => point.rival === 'active');
    expect(active?.hoursPerDayWithOverhead as number).toBeGreaterThan(8);
    expect(active?.hoursPerDayWithOverhead as number).toBeLessThan(15);
    expect(active?.simulated?.dearerAgainFromHours as number).toBeGreaterThan(18);
  });
});

describe('simulated break-even: determinism', () => {
  it('the same inputs and seed give the same answer, curves and facts', () => {
    const once = simulated(README_4090, true);
    const twice = simulated(README_4090, true);
    expect(twice.breakEven).toEqual(once.breakEven);
    expect(twice.curves).toEqual(once.curves);
    expect(twice.facts).toEqual(once.facts);
  });

  it('another seed moves each break-even by less than its precision allows', () => {
    const seed1 = simulated(README_4090).breakEven.points;
    const { workload, setup } = classOf(README_4090, { ...DEFAULT_RUN, seed: 2 });
    const seed2 = findSimulatedBreakEven(catalog, workload, setup, findBreakEven(catalog, workload, fastOf(workload, setup)), false).breakEven.points;
    seed1.forEach((point, i) => {
      const other = seed2[i] as BreakEvenPoint;
      const allowed = (point.simulated?.hoursHalfWidth ?? 0) + (other.simulated?.hoursHalfWidth ?? 0);
      expect(Math.abs((point.hoursPerDayWithOverhead as number) - (other.hoursPerDayWithOverhead as number))).toBeLessThanOrEqual(allowed);
    });
  });
});

describe('simulated break-even: a flex option that cannot serve its load', () => {
  // One flex worker, and a queue capped at 50 jobs (the simulator's overload report): from about 22 busy
  // hours a day the backlog outgrows it, and flex's bill is only its one busy worker's.
  const { workload, setup } = classOf({ ...README_4090, maxWorkers: '1' });
  const capped: SimulationSetup = { ...setup, config: { ...setup.config, maxQueuedJobs: 50 } };
  const found = findSimulatedBreakEven(catalog, workload, capped, findBreakEven(catalog, workload, fastOf(workload, setup)), true);
  const flex = found.curves?.series.find((series) => series.option === 'flex');
  const firstOverloadedHours = CURVE_HOURS[flex?.overloaded?.indexOf(true) ?? -1];

  it('is marked overloaded on the curve at the busiest points', () => {
    expect(firstOverloadedHours).toBeDefined();
    expect(flex?.overloaded?.at(-1)).toBe(true);
  });

  it('is never the cheaper option: the active worker wins where flex stops keeping up, though flex bills less there', () => {
    const active = found.breakEven.points.find((point) => point.rival === 'active');
    expect(active?.hoursPerDayWithOverhead).not.toBeNull();
    expect(active?.hoursPerDayWithOverhead as number).toBeLessThanOrEqual(firstOverloadedHours as number);
    expect(active?.simulated?.stop).toBe('flex-overloaded');
    const activeCurve = found.curves?.series.find((series) => series.option === 'active');
    expect(flex?.monthlyUsd.at(-1) as number).toBeLessThan(activeCurve?.monthlyUsd.at(-1) as number);
  });

  it('is drawn at the top of the chart, and its line says so', () => {
    const report = breakEvenReport({ results: [found.breakEven], curves: found.curves, method: { kind: 'sim', facts: found.facts }, podTargetUtilization: 0.8 }, { name: 'x', asOf: 'x', files: [], overrides: [], discount: 0 }, []);
    const chart = report.charts[0];
    const line = chart?.series[0];
    const top = Math.max(...(chart?.series.flatMap((series) => series.y) ?? []));
    expect(line?.name).toMatch(/cannot serve the load/);
    expect(line?.y.at(-1)).toBe(top);
    const row = report.sections[0]?.rows.find((candidate) => candidate.rival === '1 active worker');
    expect(row?.hoursPerDayWithOverheadPrecision).toBe('flex overloaded above');
    expect(row?.searchStop).toBe('flex-overloaded');
  });
});

describe('--fast answers from the fast path', () => {
  it('the with-overhead break-evens and chart are the fast path\'s, which says its queue-delay threshold is outside its validated domain with an active worker', () => {
    const { workload, setup } = classOf(README_4090);
    const findings = findBreakEvens(catalog, [{ workload, setup }], { withOverhead: true, fast: true, chart: 0 });
    expect(findings.method).toEqual({ kind: 'fast' });
    expect(findings.results[0]).toEqual(findBreakEven(catalog, workload, fastOf(workload, setup)));
    expect(findings.results[0]?.outsideFastDomain).toEqual({ code: 'threshold-over', thresholdS: 4, limitExecs: 0.5, activeWorkers: 1 });
    expect(findings.curves?.hoursPerDay).toHaveLength(25);
  });

  it('without an execution time only the exact price ratios are computed, nothing simulated', () => {
    const { workload, setup } = classOf({ gpu: 'A100 SXM', exec: '1s' });
    const findings = findBreakEvens(catalog, [{ workload, setup }], { withOverhead: false, fast: false, chart: 0 });
    expect(findings.method).toEqual({ kind: 'busy-seconds' });
    expect(findings.curves).toBeNull();
    expect(findings.results[0]?.points.every((point) => point.hoursPerDayWithOverhead === null && point.simulated === null)).toBe(true);
  });
});
