// The break-even solver of the fast path: where the flex cost curve meets a rival's (a pod's flat monthly
// cost, or an endpoint with always-on workers), in busy hours per day from prices alone, or in requests per
// day with cold starts, idle tails and rounding billed (a search over fastMonthlyUsd, which has no inverse).
// decisions/breakeven.ts applies it to every rival of a GPU class (--fast, and the simulated search's first
// guess); decisions/breakeven-simulated.ts finds the same points on simulated curves.
import { requireNonNegative } from '../model/guards.js';
import { fixedShapeProfile, type FlexProfile } from '../model/flex-workers.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../model/line-items.js';
import { serverlessFigures, type ServerlessInput } from '../model/serverless.js';

/** No always-on workers: flex alone. */
export const NO_ACTIVE_WORKERS: ServerlessInput['active'] = { count: 0, activeUsdPerSecond: 0 };

/**
 * The fast path's monthly cost of an endpoint at a request rate: flex workers, plus `active` always-on
 * ones whose overflow goes to flex. Every closed-form cost of `breakeven` (its --fast break-evens and
 * chart, and the guess the simulated search starts from) comes from this one function, so a fast path
 * validated against the simulator (issue 12, item 5) replaces its body and nothing else. Today it is the
 * closed forms of model/ (Erlang-B overflow, even split over max(1, ceil(load / 0.8)) M/G/1 workers), which
 * issue 12 measured 45-49% below the simulator under 80% of one GPU and stepping at 80%. Pass a profile
 * made by fixedShapeProfile (see its note on speed).
 */
export function fastMonthlyUsd(profile: FlexProfile, requestsPerSecond: number, active: ServerlessInput['active']): number {
  return serverlessFigures(profile, requestsPerSecond, active.count, active.activeUsdPerSecond).monthlyUsd;
}

/**
 * Busy hours per day at which flex workers (paying only for busy seconds) cost as much as an always-on pod:
 * podUsdPerHour / (flexUsdPerSecond * 3600) * 24. Busier than this, the pod is cheaper; a result above 24
 * means the pod never wins (Infinity for a free flex price). A100: 1.89 / 2.736 * 24 = 16.58 h/day.
 */
export function breakEvenHoursPerDay(podUsdPerHour: number, flexUsdPerSecond: number): number {
  requireNonNegative('podUsdPerHour', podUsdPerHour);
  requireNonNegative('flexUsdPerSecond', flexUsdPerSecond);
  if (flexUsdPerSecond === 0) return podUsdPerHour === 0 ? 0 : Infinity;
  return (podUsdPerHour / (flexUsdPerSecond * SECONDS_PER_HOUR)) * 24;
}

/** Grid points scanned before bisecting; geometric from maxRequestsPerDay * 1e-6 up to it. */
const BREAK_EVEN_GRID_POINTS = 240;
const BREAK_EVEN_GRID_DECADES = 6;

/**
 * Smallest x in [0, max] where gap(x) >= 0, given gap(0) < 0; null if none on the grid. A geometric grid
 * brackets the first crossing, then bisection narrows it to floating-point precision. The grid (not
 * bisection over [0, max] alone) matters because the flex cost curve is not strictly monotone: it jumps up
 * where the worker count steps (a crosses a multiple of 0.8), and more traffic can keep workers warm and so
 * save per-window rounding. Without rounding it is non-decreasing (a property the tests check).
 */
function findFirstCrossing(gap: (x: number) => number, max: number): number | null {
  if (gap(0) >= 0) return 0;
  let low = 0;
  let high: number | null = null;
  for (let i = 0; i <= BREAK_EVEN_GRID_POINTS; i += 1) {
    const x = max * 10 ** (BREAK_EVEN_GRID_DECADES * (i / BREAK_EVEN_GRID_POINTS - 1));
    if (gap(x) >= 0) {
      high = x;
      break;
    }
    low = x;
  }
  if (high === null) return null;
  let upper: number = high;
  for (let i = 0; i < 200; i += 1) {
    const mid: number = (low + upper) / 2;
    // Stop once the bracket cannot be split further in floating point.
    if (mid <= low || mid >= upper) break;
    if (gap(mid) >= 0) upper = mid;
    else low = mid;
  }
  return upper;
}

/** Monthly flex cost of a profile at a daily request count. */
function flexMonthlyUsdAt(flex: FlexProfile, requestsPerDay: number): number {
  return fastMonthlyUsd(flex, requestsPerDay / SECONDS_PER_DAY, NO_ACTIVE_WORKERS);
}

/**
 * Requests per day at which the flex endpoint's full monthly cost (cold starts, tails, rounding included)
 * first reaches a constant monthly cost such as a pod's; null if it does not within [0, maxRequestsPerDay].
 */
export function breakEvenRequestsPerDay(flex: FlexProfile, otherMonthlyUsd: number, maxRequestsPerDay: number): number | null {
  requireNonNegative('otherMonthlyUsd', otherMonthlyUsd);
  requireNonNegative('maxRequestsPerDay', maxRequestsPerDay);
  const profile = fixedShapeProfile(flex);
  return findFirstCrossing((x) => flexMonthlyUsdAt(profile, x) - otherMonthlyUsd, maxRequestsPerDay);
}

/**
 * Requests per day at which a pure flex endpoint first costs as much as the same endpoint with `active`
 * always-on workers (whose overflow still goes to flex); null if not within [0, maxRequestsPerDay].
 */
export function breakEvenRequestsPerDayVsActive(
  flex: FlexProfile,
  active: ServerlessInput['active'],
  maxRequestsPerDay: number,
): number | null {
  requireNonNegative('maxRequestsPerDay', maxRequestsPerDay);
  const profile = fixedShapeProfile(flex);
  const withActiveAt = (requestsPerDay: number): number => fastMonthlyUsd(profile, requestsPerDay / SECONDS_PER_DAY, active);
  return findFirstCrossing((x) => flexMonthlyUsdAt(profile, x) - withActiveAt(x), maxRequestsPerDay);
}
