// The break-even solver of the fast path: where the flex cost curve meets a rival's (a pod's flat monthly
// cost, or an endpoint with always-on workers), in busy hours per day from prices alone, or in requests per
// day with cold starts, idle tails and rounding billed (a search over a monthly cost function, which has no
// inverse). decisions/breakeven.ts applies it to every rival of a GPU class (--fast, and the simulated
// search's first guess) with the fast path's costs (fastCostsOf); decisions/breakeven-simulated.ts finds the
// same points on simulated curves.
import { approximateEndpoint } from '../endpoint/fast.js';
import type { FastDomainFinding } from '../endpoint/fast-domain.js';
import { requireNonNegative } from '../model/guards.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../model/line-items.js';
import type { SimulationPricing } from '../endpoint/outcome.js';
import type { SimulationConfig } from '../sim/simulate.js';

/** An endpoint's monthly cost at a steady request rate with this many always-on workers (the rest flex). */
export type MonthlyCostAt = (requestsPerSecond: number, activeWorkers: number) => number;

/** The fast path's costs of one GPU class, and where they leave the domain it was validated in. */
export interface FastCosts {
  monthlyUsdAt: MonthlyCostAt;
  /** Why the fast path is outside its validated domain at this rate and active count; null inside it. */
  outsideDomainAt: (requestsPerSecond: number, activeWorkers: number) => FastDomainFinding | null;
}

/**
 * The fast path (endpoint/fast.ts: approximateEndpoint) on a resolved endpoint's configuration and prices,
 * at flat Poisson traffic: the same 24 hourly rates, `execS` mean execution, `activeUsdPerSecond` for the
 * always-on workers. Every with-overhead cost of `breakeven --fast` comes from here.
 */
export function fastCostsOf(setup: { config: SimulationConfig; pricing: SimulationPricing }, execS: number, activeUsdPerSecond: number): FastCosts {
  const pricing = { ...setup.pricing, activeUsdPerSecond };
  const outcomeAt = (requestsPerSecond: number, activeWorkers: number) => {
    const config = { ...setup.config, workers: { ...setup.config.workers, active: activeWorkers } };
    const traffic = { hourlyRatesPerSecond: Array.from({ length: 24 }, () => requestsPerSecond), execMeanS: execS };
    return approximateEndpoint(config, traffic, pricing);
  };
  return {
    monthlyUsdAt: (requestsPerSecond, activeWorkers) => outcomeAt(requestsPerSecond, activeWorkers).monthlyUsd,
    outsideDomainAt: (requestsPerSecond, activeWorkers) => outcomeAt(requestsPerSecond, activeWorkers).outsideFastDomain,
  };
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
 * bisection over [0, max] alone) matters because a cost curve need not be monotone: more traffic can keep
 * workers warm and so save cold starts and per-window rounding, so a gap can cross zero more than once.
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

/**
 * Requests per day at which the flex endpoint's full monthly cost (cold starts, tails, rounding included)
 * first reaches a constant monthly cost such as a pod's; null if it does not within [0, maxRequestsPerDay].
 */
export function breakEvenRequestsPerDay(costAt: MonthlyCostAt, otherMonthlyUsd: number, maxRequestsPerDay: number): number | null {
  requireNonNegative('otherMonthlyUsd', otherMonthlyUsd);
  requireNonNegative('maxRequestsPerDay', maxRequestsPerDay);
  return findFirstCrossing((x) => costAt(x / SECONDS_PER_DAY, 0) - otherMonthlyUsd, maxRequestsPerDay);
}

/**
 * Requests per day at which a pure flex endpoint first costs as much as the same endpoint with
 * `activeWorkers` always-on workers (whose overflow still goes to flex); null if not within [0, maxRequestsPerDay].
 */
export function breakEvenRequestsPerDayVsActive(costAt: MonthlyCostAt, activeWorkers: number, maxRequestsPerDay: number): number | null {
  requireNonNegative('activeWorkers', activeWorkers);
  requireNonNegative('maxRequestsPerDay', maxRequestsPerDay);
  return findFirstCrossing((x) => costAt(x / SECONDS_PER_DAY, 0) - costAt(x / SECONDS_PER_DAY, activeWorkers), maxRequestsPerDay);
}
