// `breakeven`: how busy a GPU must be before a pod (or an always-on worker) beats flex workers, first on
// busy seconds alone (the articles' arithmetic, exact), then with cold starts, idle tails and rounding
// billed: simulated by default (decisions/breakeven-simulated.ts), or from the fast path with --fast (here).
import { ratesOf } from '../catalog/rates.js';
import type { Catalog } from '../catalog/schema.js';
import type { FastDomainFinding } from '../endpoint/fast-domain.js';
import { monthSeconds, SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../model/line-items.js';
import { estimatePods } from '../model/pods.js';
import { breakEvenHoursPerDay, breakEvenRequestsPerDay, breakEvenRequestsPerDayVsActive, type FastCosts } from './breakeven-solver.js';
import type { Workload } from './workload.js';

export type Rival = 'pod-secure' | 'pod-community' | 'pod-savings-plan' | 'active';

/** A rival to flex workers, with its break-even point. */
export interface BreakEvenPoint {
  rival: Rival;
  /** The GPU a pod rival runs on (the class's cheapest in its cloud); null for the active worker. */
  podGpu: string | null;
  /** The rival's price per GPU-hour. */
  usdPerHour: number;
  /** Busy hours per day where flex, billed for busy seconds only, costs as much (over 24: never). */
  hoursPerDayWithoutOverhead: number;
  /** The same as requests per day of the given execution time; null when no execution time was given. */
  requestsPerDayWithoutOverhead: number | null;
  /** With cold starts, idle tails and rounding billed: the requests per day where flex costs as much; null if never. */
  requestsPerDayWithOverhead: number | null;
  /** The same as busy hours per day (requests x execution time). */
  hoursPerDayWithOverhead: number | null;
  /** For a simulated break-even: both options' simulated monthly costs there; null otherwise. */
  simulated: SimulatedCrossing | null;
}

/** Both options' costs where a simulated search stopped, with their 95% half-widths (0 for a pod's exact cost). */
export interface SimulatedCrossing {
  flexMonthlyUsd: number;
  flexHalfWidthUsd: number;
  rivalMonthlyUsd: number;
  rivalHalfWidthUsd: number;
  /**
   * Why the search stopped there: the two costs agree within their precision; flex cannot serve the load
   * just above (its backlog grows, so the rival wins from there whatever flex bills); or the bracket
   * shrank to nothing first (the point shown is the closest found).
   */
  stop: 'costs-agree' | 'flex-overloaded' | 'bracket-exhausted';
  /** How far the true break-even may lie from the one reported, in busy hours per day at 95%; null if unknown. */
  hoursHalfWidth: number | null;
  /** Simulated seconds behind each of the two costs. */
  horizonS: number;
  /**
   * Busy hours per day from which the rival is dearer than flex again (a second crossing), or null when it
   * stays cheaper up to 24 h. An always-on worker at the flex rate wins only over such a window.
   */
  dearerAgainFromHours: number | null;
}

export interface BreakEven {
  poolId: string;
  flexUsdPerHour: number;
  points: BreakEvenPoint[];
  /**
   * Why the fast path is outside its validated domain at one of the with-overhead break-evens (or, for a
   * rival that never wins, at one GPU busy all day); null inside it, or when the figures are not the fast path's.
   */
  outsideFastDomain: FastDomainFinding | null;
}

/** One option's monthly cost against busy hours per day. */
export interface CostSeries {
  option: 'flex' | 'flex-busy-seconds' | 'active' | 'pod-secure' | 'pod-community' | 'pod-savings-plan';
  monthlyUsd: number[];
  /** 95% half-widths of simulated points; null for exact or closed-form curves. */
  halfWidthsUsd: number[] | null;
  /** Where the option cannot serve the load (the backlog grows without bound); null when it always can. */
  overloaded: boolean[] | null;
}

/** Monthly cost of each option at each busy-hours-per-day point: the curves whose crossings are the break-evens. */
export interface CostCurves {
  hoursPerDay: number[];
  series: CostSeries[];
}

/** The monthly cost of one always-on pod of the workload's GPU count, compute only. */
export function podMonthlyUsd(catalog: Catalog, workload: Workload, usdPerHour: number, discount: number): number {
  return estimatePods({
    count: 1,
    gpuCount: workload.gpuCount,
    usdPerHour,
    savingsPlanDiscount: discount,
    hoursPerDay: 24,
    containerDiskGB: 0,
    volumeDiskGB: 0,
    storage: { containerDiskUsdPerGBMonth: 0, volumeRunningUsdPerGBMonth: 0, volumeStoppedUsdPerGBMonth: 0 },
    granularityS: ratesOf(catalog).podGranularityS,
    monthSeconds: monthSeconds(workload.monthHours),
  }).monthlyUsd;
}

/** A pod rival: its price per GPU-hour and the discount its monthly cost takes. */
export interface PodRival {
  rival: Exclude<Rival, 'active'>;
  /** The class's cheapest GPU in that cloud. */
  gpuName: string;
  usdPerHour: number;
  discount: number;
}

/** The pod rivals of a workload: Secure and Community where offered, and a savings plan when asked for. */
export function podRivalsOf(workload: Workload): PodRival[] {
  const rivals: PodRival[] = [];
  const { secure, community } = workload.pod;
  if (secure !== null) rivals.push({ rival: 'pod-secure', gpuName: secure.gpuName, usdPerHour: secure.usdPerHour, discount: 0 });
  if (community !== null) rivals.push({ rival: 'pod-community', gpuName: community.gpuName, usdPerHour: community.usdPerHour, discount: 0 });
  if (workload.savingsPlanDiscount !== null && secure !== null) {
    rivals.push({ rival: 'pod-savings-plan', gpuName: secure.gpuName, usdPerHour: secure.usdPerHour, discount: workload.savingsPlanDiscount });
  }
  return rivals;
}

/** The always-on worker of the "flex + active" rival (one, whatever --active says). */
export function activeRivalOf(workload: Workload): { count: number; activeUsdPerSecond: number } {
  return { count: 1, activeUsdPerSecond: workload.activeUsdPerSecond };
}

/**
 * Break-even points of one GPU class: on busy seconds alone (exact price ratios, whatever the method) and,
 * given the fast path's costs (decisions/breakeven-solver.ts: fastCostsOf; null for none), with overhead
 * billed. Overhead needs an execution time: requests are what carry cold starts and idle tails. The search
 * stops at one GPU busy all day (86,400 s / execution time).
 */
export function findBreakEven(catalog: Catalog, workload: Workload, fast: FastCosts | null): BreakEven {
  const flexUsdPerSecond = workload.gpu.pool.flexUsdPerSecond;
  const maxRequestsPerDay = SECONDS_PER_DAY / workload.execS;
  const toHours = (requests: number | null) => (requests === null ? null : (requests * workload.execS) / SECONDS_PER_HOUR);
  const toRequests = (hours: number) => (fast !== null ? (hours * SECONDS_PER_HOUR) / workload.execS : null);
  // Each with-overhead answer stands on the fast path where it lies (at one GPU busy all day if it never wins).
  const domainChecks: { requestsPerDay: number; activeWorkers: number }[] = [];
  const withOverhead = (requests: number | null, activeWorkers: readonly number[]) => {
    for (const count of activeWorkers) domainChecks.push({ requestsPerDay: requests ?? maxRequestsPerDay, activeWorkers: count });
    return requests;
  };
  const points: BreakEvenPoint[] = podRivalsOf(workload).map(({ rival, gpuName, usdPerHour, discount }) => {
    const effective = usdPerHour * (1 - discount);
    const requests = fast === null ? null : withOverhead(breakEvenRequestsPerDay(fast.monthlyUsdAt, podMonthlyUsd(catalog, workload, usdPerHour, discount), maxRequestsPerDay), [0]);
    const hours = breakEvenHoursPerDay(effective, flexUsdPerSecond);
    return {
      rival,
      podGpu: gpuName,
      usdPerHour: effective,
      hoursPerDayWithoutOverhead: hours,
      requestsPerDayWithoutOverhead: toRequests(hours),
      requestsPerDayWithOverhead: requests,
      hoursPerDayWithOverhead: toHours(requests),
      simulated: null,
    };
  });
  const active = activeRivalOf(workload);
  const activeRequests = fast === null ? null : withOverhead(breakEvenRequestsPerDayVsActive(fast.monthlyUsdAt, active.count, maxRequestsPerDay), [0, active.count]);
  // An active worker costs active x 24 h a day; flex pays flex x busy hours: equal at 24 x active / flex.
  const activeHours = breakEvenHoursPerDay(active.activeUsdPerSecond * SECONDS_PER_HOUR, flexUsdPerSecond);
  points.push({
    rival: 'active',
    podGpu: null,
    usdPerHour: active.activeUsdPerSecond * SECONDS_PER_HOUR,
    hoursPerDayWithoutOverhead: activeHours,
    requestsPerDayWithoutOverhead: toRequests(activeHours),
    requestsPerDayWithOverhead: activeRequests,
    hoursPerDayWithOverhead: toHours(activeRequests),
    simulated: null,
  });
  let outsideFastDomain: FastDomainFinding | null = null;
  for (const check of domainChecks) {
    outsideFastDomain ??= fast?.outsideDomainAt(check.requestsPerDay / SECONDS_PER_DAY, check.activeWorkers) ?? null;
  }
  return { poolId: workload.gpu.poolId, flexUsdPerHour: flexUsdPerSecond * SECONDS_PER_HOUR, points, outsideFastDomain };
}

/** Flex billed for busy seconds only at each point: the price-ratio line, exact. */
export function busySecondsSeries(workload: Workload, hours: readonly number[]): CostSeries {
  const month = monthSeconds(workload.monthHours);
  const monthlyUsd = hours.map((h) => (h / 24) * month * workload.gpuCount * workload.gpu.pool.flexUsdPerSecond);
  return { option: 'flex-busy-seconds', monthlyUsd, halfWidthsUsd: null, overloaded: null };
}

/** Each pod rival's flat monthly cost at each point. */
export function podSeries(catalog: Catalog, workload: Workload, hours: readonly number[]): CostSeries[] {
  return podRivalsOf(workload).map(({ rival, usdPerHour, discount }) => {
    const cost = podMonthlyUsd(catalog, workload, usdPerHour, discount);
    return { option: rival, monthlyUsd: hours.map(() => cost), halfWidthsUsd: null, overloaded: null };
  });
}

/** Monthly cost of each option against busy hours per day (0-24) from the fast path (--fast), for the chart. */
export function costCurves(catalog: Catalog, workload: Workload, fast: FastCosts, steps = 24): CostCurves {
  const hours = Array.from({ length: steps + 1 }, (_, i) => (24 * i) / steps);
  const rateAt = (h: number) => (h * SECONDS_PER_HOUR) / workload.execS / SECONDS_PER_DAY;
  const active = activeRivalOf(workload);
  const series: CostSeries[] = [
    { option: 'flex', monthlyUsd: hours.map((h) => fast.monthlyUsdAt(rateAt(h), 0)), halfWidthsUsd: null, overloaded: null },
    busySecondsSeries(workload, hours),
    { option: 'active', monthlyUsd: hours.map((h) => fast.monthlyUsdAt(rateAt(h), active.count)), halfWidthsUsd: null, overloaded: null },
    ...podSeries(catalog, workload, hours),
  ];
  return { hoursPerDay: hours, series };
}
