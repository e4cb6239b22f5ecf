// `tokens --api-price`: from what volume each self-hosted option costs less than the API for the same
// tokens, and whether it turns dearer again further up. The volume is requests a day (tokens a day =
// requests x tokens per request); the endpoint's traffic keeps its shape (flat, daily profile, bursts)
// and is scaled to each volume. A serverless option's month comes from the simulator (or the fast path
// with --fast), a pod fleet's from its count at that volume (exact); the API's is the served requests x
// its price per request. The search is `breakeven`'s (decisions/breakeven-search.ts): a grid of coarse
// estimates brackets the crossing and bisection on finer ones, every simulation on the run's seed
// (common random numbers) and, within a bracket, one horizon, narrows it until the two costs agree
// within their precision.
import { approximateEndpoint } from '../endpoint/fast.js';
import { loadBalancerFiguresOf, type EndpointOutcome } from '../endpoint/outcome.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import { podsNeeded } from '../model/pods.js';
import type { ArrivalSpec } from '../sim/simulate.js';
import { halfWidthOf, SimulatedCosts, startHorizonS, CURVE_PRECISION } from './breakeven-simulated.js';
import { searchExitOnGrid, searchOnGrid, type Crossing, type GapEstimate } from './breakeven-search.js';
import type { Comparison, OptionId, PricedOption } from './compare.js';

const SECONDS_PER_DAY = 86_400;

/** Grid points: 0, then doubling from highest / 2^(GRID_POINTS - 2) up to the highest volume searched. */
const GRID_POINTS = 13;

/** Where an option starts to beat the API, as volumes in requests a day (the report turns them into tokens). */
export interface VolumeBreakEven {
  /**
   * The volume from which self-hosting costs less than the API; null: never within the searched range.
   * 0 when it already wins at the lowest volume searched (its grid's first step).
   */
  fromRequestsPerDay: number | null;
  /** How far the true crossing may lie from it at 95% (null where the search could not tell, or it is exact). */
  halfWidthRequestsPerDay: number | null;
  /** Where it turns dearer again beyond the estimates' precision, if within the searched range; else null. */
  dearerAgainFromRequestsPerDay: number | null;
  /**
   * Pods only, where it turns dearer again: the volume from which it stays cheaper at any volume (each
   * pod added past a pod's share is a jump the API's bill catches up with, a smaller one each time).
   */
  cheaperForGoodFromRequestsPerDay: number | null;
  /** The volumes searched, from the grid's first step to its last (requests a day). */
  lowestRequestsPerDay: number;
  highestRequestsPerDay: number;
  /** How the search stopped: the two costs agree within precision, or the bracket narrowed to its floor (exact costs, a step, or noise); null without a crossing or from the first volume. */
  stop: 'costs-agree' | 'bracket-narrowed' | null;
}

/** How the volumes were searched, for the report. */
export interface VolumeSearchFacts {
  /** The most any option's range reaches. */
  highestRequestsPerDay: number;
  /** Relative 95% half-width the fine estimates were simulated to (null with --fast: no interval). */
  precision: number | null;
  simulations: number;
}

export interface TokensBreakEven {
  /** Per option, in the comparison's order; an option missing here was not searched. */
  options: Map<OptionId, VolumeBreakEven>;
  facts: VolumeSearchFacts;
}

/** What the search needs to know of the API and the options. */
export interface VolumeQuestion {
  apiUsdPerRequest: number;
  method: 'sim' | 'analytic';
}

/** One option's month at a volume, as the gap to the API sees it. */
interface Month {
  monthlyUsd: number;
  halfWidthUsd: number;
  /** Share of the volume served (1 - dropped); 0 where the option cannot serve it. */
  servedShare: number;
  /** The served share's 95% half-width (simulated drops). */
  servedShareHalfWidth: number;
  overloaded: boolean;
}

interface VolumeGap extends GapEstimate {
  month: Month;
}

/** The endpoint's traffic with its shape kept and its mean scaled to `requestsPerDay`; null for a trace (its arrivals are given, not a rate). */
export function scaledArrivals(arrivals: ArrivalSpec, meanRatePerSecond: number, requestsPerDay: number): ArrivalSpec | null {
  const rate = requestsPerDay / SECONDS_PER_DAY;
  switch (arrivals.kind) {
    case 'poisson':
      return { kind: 'poisson', ratePerSecond: rate };
    case 'profile':
      return { ...arrivals, meanRatePerSecond: rate };
    case 'bursts': {
      const factor = meanRatePerSecond > 0 ? rate / meanRatePerSecond : 0;
      return { ...arrivals, onRatePerSecond: arrivals.onRatePerSecond * factor, offRatePerSecond: arrivals.offRatePerSecond * factor };
    }
    case 'trace':
      return null;
  }
}

/**
 * The volume grid: 0, then doubling up to `highest`. An option's highest is what its workers (active and
 * flex) serve at the pods' target share of a full batch, so that it can serve every volume searched; for
 * pods, that of the flex + active option: a pod fleet's break-even, if any, lies within one pod's share.
 */
export function volumeGrid(highestRequestsPerDay: number): number[] {
  return [0, ...Array.from({ length: GRID_POINTS - 1 }, (_, i) => highestRequestsPerDay / 2 ** (GRID_POINTS - 2 - i))];
}

/** The break-even volumes of every priced option against the API; null for traffic a volume cannot scale (a trace). */
export function findTokensBreakEven(endpoint: ResolvedEndpoint, comparison: Comparison, question: VolumeQuestion): TokensBreakEven | null {
  const { traffic, config, run } = endpoint;
  if (scaledArrivals(traffic.arrivals, traffic.meanRatePerSecond, 1) === null) return null;
  const arrivalsAt = (requestsPerDay: number) => scaledArrivals(traffic.arrivals, traffic.meanRatePerSecond, requestsPerDay) as ArrivalSpec;
  const workS = endpoint.execution.meanS / endpoint.workers.capacityPerWorker;
  const highestFor = (workers: number) => (workers * comparison.podTargetUtilization * SECONDS_PER_DAY) / workS;
  const mostWorkers = Math.max(1, endpoint.workers.active) + endpoint.workers.max;
  const start = startHorizonS(config, endpoint.execution.meanS);
  const relative = endpoint.goal?.relative ?? run.precision;
  const maxHorizonS = Math.max(start, endpoint.goal?.maxHorizonS ?? config.horizonS);
  const costs = new SimulatedCosts({ config, pricing: endpoint.pricing, goal: null }, arrivalsAt, start, maxHorizonS, relative, Math.max(CURVE_PRECISION, relative));
  const monthS = run.monthS;
  const apiMonthOf = (requestsPerDay: number, month: Month) => (requestsPerDay / SECONDS_PER_DAY) * monthS * month.servedShare * question.apiUsdPerRequest;
  const gapOf = (requestsPerDay: number, month: Month): VolumeGap => {
    if (month.overloaded) return { gapUsd: -Infinity, halfWidthUsd: 0, month };
    const apiUsd = apiMonthOf(requestsPerDay, month);
    const apiHalfWidth = (requestsPerDay / SECONDS_PER_DAY) * monthS * month.servedShareHalfWidth * question.apiUsdPerRequest;
    return { gapUsd: apiUsd - month.monthlyUsd, halfWidthUsd: month.halfWidthUsd + apiHalfWidth, month };
  };

  const options = new Map<OptionId, VolumeBreakEven>();
  for (const option of comparison.options) {
    const grid = volumeGrid(highestFor(option.shape.kind === 'pods' ? mostWorkers : option.shape.activeWorkers + endpoint.workers.max));
    const months = monthsOf(option, endpoint, comparison, costs, arrivalsAt, question, workS);
    const coarse = (requestsPerDay: number) => gapOf(requestsPerDay, months.coarse(requestsPerDay));
    const fineFor = (lowX: number, highX: number) => {
      const fine = months.fineFor(lowX, highX);
      return (requestsPerDay: number) => gapOf(requestsPerDay, fine(requestsPerDay));
    };
    // An option with a fixed cost starts where one worker's month buys the API's requests.
    const guess = months.fixedUsd > 0 && question.apiUsdPerRequest > 0 ? (months.fixedUsd / question.apiUsdPerRequest / monthS) * SECONDS_PER_DAY : null;
    // Winning at the grid's first step already: below it both months tend to 0 (flex) and agree within any
    // precision, so no bisection there; it wins at every volume searched.
    const fromLowest = coarse(grid[1] as number).gapUsd >= 0;
    const crossing = fromLowest ? null : searchOnGrid(grid, (index) => coarse(grid[index] as number).gapUsd, (index) => fineFor(grid[index - 1] as number, grid[index] as number), guess);
    options.set(option.id, breakEvenOf(fromLowest ? 'lowest' : crossing, grid, months.exitFrom, coarse, fineFor));
  }
  return {
    options,
    facts: { highestRequestsPerDay: highestFor(mostWorkers), precision: question.method === 'sim' ? relative : null, simulations: costs.simulations },
  };
}

function breakEvenOf(
  crossing: Crossing<VolumeGap> | 'lowest' | null,
  grid: readonly number[],
  exitFrom: ((fromX: number) => Exit | null) | null,
  coarse: (x: number) => VolumeGap,
  fineFor: (lowX: number, highX: number) => (x: number) => VolumeGap,
): VolumeBreakEven {
  const range = { lowestRequestsPerDay: grid[1] as number, highestRequestsPerDay: grid[grid.length - 1] as number };
  if (crossing === null) return { fromRequestsPerDay: null, halfWidthRequestsPerDay: null, dearerAgainFromRequestsPerDay: null, cheaperForGoodFromRequestsPerDay: null, ...range, stop: null };
  const fromLowest = crossing === 'lowest';
  const from = fromLowest ? 0 : pointOf(crossing);
  const exitCrossing = exitFrom === null ? searchExitOnGrid(grid, from, coarse, fineFor) : null;
  const exit = exitFrom !== null ? exitFrom(from) : { dearerFrom: exitCrossing === null ? null : pointOf(exitCrossing), cheaperForGoodFrom: null };
  return {
    ...range,
    fromRequestsPerDay: from,
    // Exact costs (pods) have no interval: the crossing is where their line meets the API's.
    halfWidthRequestsPerDay: fromLowest || crossing.at.halfWidthUsd === 0 ? null : crossing.xHalfWidth,
    dearerAgainFromRequestsPerDay: exit?.dearerFrom ?? null,
    cheaperForGoodFromRequestsPerDay: exit?.cheaperForGoodFrom ?? null,
    stop: fromLowest ? null : crossing.withinPrecision ? 'costs-agree' : 'bracket-narrowed',
  };
}

/**
 * The volume a search reports: where the two costs agree within precision; else (exact costs, or a step
 * such as a pod added, which has no point of agreement) where the line through its last bracket's ends
 * crosses 0, or that bracket's far end when one of them is infinite (an option that cannot serve).
 */
function pointOf(crossing: Crossing<VolumeGap>): number {
  if (crossing.withinPrecision) return crossing.x;
  const { low, high } = crossing.bracket;
  // Exact costs are linear between two pod counts: the line through the bracket's ends crosses where they do.
  if (!Number.isFinite(low.gapUsd) || !Number.isFinite(high.gapUsd) || !(high.gapUsd > low.gapUsd)) return high.x;
  return low.x + ((high.x - low.x) * -low.gapUsd) / (high.gapUsd - low.gapUsd);
}

/** Where a winning option turns dearer again, and (exactly known for pods) where it stays cheaper for good. */
interface Exit {
  dearerFrom: number | null;
  cheaperForGoodFrom: number | null;
}

/** One option's months at any volume: coarse (grid) and fine (a bracket's) estimates, its fixed cost, and, where it is exact, where it turns dearer again. */
interface OptionMonths {
  coarse: (requestsPerDay: number) => Month;
  fineFor: (lowX: number, highX: number) => (requestsPerDay: number) => Month;
  fixedUsd: number;
  exitFrom: ((fromX: number) => Exit | null) | null;
}

function monthsOf(
  option: PricedOption,
  endpoint: ResolvedEndpoint,
  comparison: Comparison,
  costs: SimulatedCosts,
  arrivalsAt: (requestsPerDay: number) => ArrivalSpec,
  question: VolumeQuestion,
  workS: number,
): OptionMonths {
  const monthS = endpoint.run.monthS;
  const apiMonthAt = (requestsPerDay: number) => (requestsPerDay / SECONDS_PER_DAY) * monthS * question.apiUsdPerRequest;
  if (option.shape.kind === 'pods') {
    // Exact: as many pods as keep the volume at the target share, each billed its month.
    const podMonthUsd = option.monthlyUsd / option.shape.podCount;
    const podRequestsPerDay = (comparison.podTargetUtilization * SECONDS_PER_DAY) / workS;
    const month = (requestsPerDay: number): Month => ({
      monthlyUsd: podsNeeded(requestsPerDay / SECONDS_PER_DAY, workS, comparison.podTargetUtilization) * podMonthUsd,
      halfWidthUsd: 0,
      servedShare: 1,
      servedShareHalfWidth: 0,
      overloaded: false,
    });
    return {
      coarse: month,
      fineFor: () => month,
      fixedUsd: podMonthUsd,
      exitFrom: (fromX) => podsExit(fromX, podRequestsPerDay, podMonthUsd, apiMonthAt(1)),
    };
  }
  const active = option.shape.activeWorkers;
  const workers = active + endpoint.workers.max;
  const overCapacity = (requestsPerDay: number) => (requestsPerDay / SECONDS_PER_DAY) * workS >= workers;
  const overloadedMonth: Month = { monthlyUsd: 0, halfWidthUsd: 0, servedShare: 0, servedShareHalfWidth: 0, overloaded: true };
  const fixedUsd = active * endpoint.pricing.activeUsdPerSecond * endpoint.pricing.gpuCount * monthS;
  if (question.method === 'analytic') {
    const analytic = endpoint.analytic;
    if (analytic === null) throw new Error('internal: the fast path was asked for traffic it does not cover');
    const mean = endpoint.traffic.meanRatePerSecond;
    const month = (requestsPerDay: number): Month => {
      if (overCapacity(requestsPerDay)) return overloadedMonth;
      const rate = requestsPerDay / SECONDS_PER_DAY;
      // The same hour-by-hour shape, scaled to the volume (flat at it when the traffic has none).
      const hourly = analytic.hourlyRatesPerSecond.map((each) => (mean > 0 ? (each * rate) / mean : rate));
      const config = { ...endpoint.config, arrivals: arrivalsAt(requestsPerDay), workers: { ...endpoint.config.workers, active } };
      return monthOf(approximateEndpoint(config, { ...analytic, hourlyRatesPerSecond: hourly }, endpoint.pricing));
    };
    return { coarse: month, fineFor: () => month, fixedUsd, exitFrom: null };
  }
  return {
    coarse: (requestsPerDay) => (overCapacity(requestsPerDay) ? overloadedMonth : monthOf(costs.coarse(requestsPerDay, active))),
    fineFor: (lowX, highX) => {
      let horizonS = costs.horizonFor([lowX, highX].filter((x) => !overCapacity(x)).map((x) => costs.coarse(x, active)));
      return (requestsPerDay) => {
        if (overCapacity(requestsPerDay)) return overloadedMonth;
        for (;;) {
          const outcome = costs.fine(requestsPerDay, active, horizonS);
          const wanted = costs.horizonFor([outcome], horizonS);
          if (wanted === horizonS) return monthOf(outcome);
          horizonS = wanted;
        }
      };
    },
    fixedUsd,
    exitFrom: null,
  };
}

/**
 * Pods that beat the API from `fromX` requests a day (within one pod's share `podRequestsPerDay`, where
 * one pod's month M equals the API's bill at M / a requests a day, a = the API's month per request a day):
 * past N pods' share an (N + 1)th pod is billed, dearer than the API's bill there while (N + 1) M > N u a;
 * each step is relatively smaller, so the first such N (from 1) is dearer only if the step after one pod
 * is, and the last one ends at K M / a, K the first N with (N + 1) M <= N u a, from where pods stay cheaper.
 */
export function podsExit(fromX: number, podRequestsPerDay: number, podMonthUsd: number, apiMonthPerRequestPerDay: number): Exit | null {
  const oneAtU = podRequestsPerDay * apiMonthPerRequestPerDay;
  if (fromX > podRequestsPerDay || 2 * podMonthUsd <= oneAtU) return null;
  // (N + 1) M <= N u a  <=>  N >= M / (u a - M); u a > M as pods win within one pod's share.
  const k = Math.max(1, Math.ceil(podMonthUsd / (oneAtU - podMonthUsd)));
  return { dearerFrom: podRequestsPerDay, cheaperForGoodFrom: (k * podMonthUsd) / apiMonthPerRequestPerDay };
}

function monthOf(outcome: EndpointOutcome): Month {
  const drops = loadBalancerFiguresOf(outcome);
  return {
    monthlyUsd: outcome.monthlyUsd,
    halfWidthUsd: halfWidthOf(outcome),
    servedShare: outcome.overload !== null ? 0 : 1 - (drops?.dropRate ?? 0),
    servedShareHalfWidth: drops?.dropRateHalfWidth ?? 0,
    overloaded: outcome.overload !== null,
  };
}
