// `breakeven`: how busy a GPU must be before a pod (or an always-on worker) beats flex workers, first on
// busy seconds alone (the articles' arithmetic), then with cold starts, idle tails and rounding billed.
import { ratesOf } from '../catalog/rates.js';
import type { Catalog } from '../catalog/schema.js';
import type { FlexProfile } from '../model/flex-workers.js';
import { monthSeconds } from '../model/line-items.js';
import { estimatePods } from '../model/pods.js';
import { estimateServerless } from '../model/serverless.js';
import { breakEvenHoursPerDay, breakEvenRequestsPerDay, breakEvenRequestsPerDayVsActive } from './breakeven-solver.js';
import { flexProfileOf, type Workload } from './workload.js';

/** A rival to flex workers, with its break-even point. */
export interface BreakEvenPoint {
  rival: 'pod-secure' | 'pod-community' | 'pod-savings-plan' | 'active';
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
}

export interface BreakEven {
  poolId: string;
  podGpu: string | null;
  flexUsdPerHour: number;
  points: BreakEvenPoint[];
}

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;

/** The monthly cost of one always-on pod of the workload's GPU count, compute only. */
function podMonthlyUsd(catalog: Catalog, workload: Workload, usdPerHour: number, discount: number): number {
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

/**
 * Break-even points of one GPU class. `withOverhead` needs an execution time: requests are what carry
 * cold starts and idle tails. The search stops at one GPU busy all day (86,400 s / execution time).
 */
export function findBreakEven(catalog: Catalog, workload: Workload, withOverhead: boolean): BreakEven {
  const flexUsdPerSecond = workload.gpu.pool.flexUsdPerSecond;
  const profile = flexProfileOf(workload, catalog);
  const maxRequestsPerDay = SECONDS_PER_DAY / workload.execS;
  const toHours = (requests: number | null) => (requests === null ? null : (requests * workload.execS) / SECONDS_PER_HOUR);
  const toRequests = (hours: number) => (withOverhead ? (hours * SECONDS_PER_HOUR) / workload.execS : null);
  const points: BreakEvenPoint[] = [];
  const podPoint = (rival: BreakEvenPoint['rival'], usdPerHour: number | null, discount: number) => {
    if (usdPerHour === null) return;
    const effective = usdPerHour * (1 - discount);
    const requests = withOverhead ? breakEvenRequestsPerDay(profile, podMonthlyUsd(catalog, workload, usdPerHour, discount), maxRequestsPerDay) : null;
    const hours = breakEvenHoursPerDay(effective, flexUsdPerSecond);
    points.push({
      rival,
      usdPerHour: effective,
      hoursPerDayWithoutOverhead: hours,
      requestsPerDayWithoutOverhead: toRequests(hours),
      requestsPerDayWithOverhead: requests,
      hoursPerDayWithOverhead: toHours(requests),
    });
  };
  podPoint('pod-secure', workload.pod.secureUsdPerHour, 0);
  podPoint('pod-community', workload.pod.communityUsdPerHour, 0);
  if (workload.savingsPlanDiscount !== null) podPoint('pod-savings-plan', workload.pod.secureUsdPerHour, workload.savingsPlanDiscount);
  const activeRequests = withOverhead
    ? breakEvenRequestsPerDayVsActive(profile, { count: 1, activeUsdPerSecond: workload.activeUsdPerSecond }, maxRequestsPerDay)
    : null;
  // An active worker costs active x 24 h a day; flex pays flex x busy hours: equal at 24 x active / flex.
  const activeHours = breakEvenHoursPerDay(workload.activeUsdPerSecond * SECONDS_PER_HOUR, flexUsdPerSecond);
  points.push({
    rival: 'active',
    usdPerHour: workload.activeUsdPerSecond * SECONDS_PER_HOUR,
    hoursPerDayWithoutOverhead: activeHours,
    requestsPerDayWithoutOverhead: toRequests(activeHours),
    requestsPerDayWithOverhead: activeRequests,
    hoursPerDayWithOverhead: toHours(activeRequests),
  });
  return { poolId: workload.gpu.poolId, podGpu: workload.pod.gpuName, flexUsdPerHour: flexUsdPerSecond * SECONDS_PER_HOUR, points };
}

/** Monthly cost of each option at each busy-hours-per-day point: the curves whose crossings are the break-evens. */
export interface CostCurves {
  hoursPerDay: number[];
  series: { name: string; monthlyUsd: number[] }[];
}

/** Monthly cost of each option against busy hours per day (0-24), for the chart where the lines cross. */
export function costCurves(catalog: Catalog, workload: Workload, steps = 24): CostCurves {
  const profile: FlexProfile = flexProfileOf(workload, catalog);
  const month = monthSeconds(workload.monthHours);
  const hours = Array.from({ length: steps + 1 }, (_, i) => (24 * i) / steps);
  const rateAt = (h: number) => (h * SECONDS_PER_HOUR) / workload.execS / SECONDS_PER_DAY;
  const flexBusyOnly = hours.map((h) => (h / 24) * month * workload.gpuCount * workload.gpu.pool.flexUsdPerSecond);
  const flexFull = hours.map((h) => estimateServerless({ active: { count: 0, activeUsdPerSecond: 0 }, flex: { ...profile, requestsPerSecond: rateAt(h) } }).monthlyUsd);
  const active = hours.map(
    (h) => estimateServerless({ active: { count: 1, activeUsdPerSecond: workload.activeUsdPerSecond }, flex: { ...profile, requestsPerSecond: rateAt(h) } }).monthlyUsd,
  );
  const series: CostCurves['series'] = [
    { name: 'flex (cold starts and idle tails billed)', monthlyUsd: flexFull },
    { name: 'flex (busy seconds only)', monthlyUsd: flexBusyOnly },
    { name: '1 active worker + flex overflow', monthlyUsd: active },
  ];
  const flat = (name: string, usdPerHour: number | null, discount: number) => {
    if (usdPerHour !== null) series.push({ name, monthlyUsd: hours.map(() => podMonthlyUsd(catalog, workload, usdPerHour, discount)) });
  };
  flat('pod Secure', workload.pod.secureUsdPerHour, 0);
  flat('pod Community', workload.pod.communityUsdPerHour, 0);
  if (workload.savingsPlanDiscount !== null) flat('pod Secure, savings plan', workload.pod.secureUsdPerHour, workload.savingsPlanDiscount);
  return { hoursPerDay: hours, series };
}
