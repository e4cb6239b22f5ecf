// The settings `minworkers` and `idle-timeout` sweep, and what they recommend.
import type { AssumptionOf } from '../endpoint/assumptions.js';
import { loadBalancerFiguresOf, type EndpointOutcome } from '../endpoint/outcome.js';
import type { ResolvedWorkers } from '../endpoint/resolve.js';

/** Targets a `minworkers` choice must meet (any given). */
export interface WorkerTargets {
  p95S?: number;
  maxColdRate?: number;
  /** A load-balancing endpoint's share of requests dropped (no worker within the wait, on the last retry). */
  maxDropRate?: number;
}

export interface Recommendation {
  /** Per setting, whether it meets the targets; null when no target was given. */
  meets: boolean[] | null;
  /** The recommended setting's index, or null when none meets the targets. */
  chosenIndex: number | null;
  /** The cheapest setting's index among those that keep up with the traffic (null when every one is overloaded). */
  cheapestIndex: number | null;
  /** idle-timeout only: the ski-rental choice T = billed cold-start seconds (cost of a start / idle price). */
  robustIdleTimeoutS?: number;
  /** idle-timeout only: whether the traffic is memoryless (Poisson), where only "never" or "at once" can be optimal. */
  poissonTraffic?: boolean;
  targets?: WorkerTargets;
}

// An overloaded setting's cost is its workers busy all the time for a share of the traffic: never a bargain
// to recommend, as compare never names one cheapest.
function cheapest(outcomes: EndpointOutcome[], among: (index: number) => boolean = () => true): number | null {
  let best: number | null = null;
  outcomes.forEach((outcome, index) => {
    if (!among(index) || outcome.overload !== null) return;
    if (best === null || outcome.monthlyUsd < (outcomes[best] as EndpointOutcome).monthlyUsd) best = index;
  });
  return best;
}

/** The cheapest active-worker count that meets the targets (or simply the cheapest without targets). */
export function recommendActiveWorkers(outcomes: EndpointOutcome[], targets: WorkerTargets): Recommendation {
  const hasTargets = targets.p95S !== undefined || targets.maxColdRate !== undefined || targets.maxDropRate !== undefined;
  const meets = hasTargets
    ? outcomes.map(
        (outcome) =>
          (targets.p95S === undefined || (outcome.latency.p95 !== null && outcome.latency.p95 <= targets.p95S)) &&
          (targets.maxColdRate === undefined || outcome.coldStartRate <= targets.maxColdRate) &&
          (targets.maxDropRate === undefined || (loadBalancerFiguresOf(outcome)?.dropRate ?? 0) <= targets.maxDropRate),
      )
    : null;
  return { meets, chosenIndex: cheapest(outcomes, (index) => meets === null || meets[index] === true), cheapestIndex: cheapest(outcomes), targets };
}

/**
 * The idle timeout to use: the cheapest of those tried, alongside the robust choice. Keeping a worker idle
 * costs c per second; a cold start costs K (its billed seconds at the same rate), so waiting K / c = the
 * billed start seconds before scaling down is never worse than twice the best choice whatever the traffic
 * (ski rental; coldstart-figures.md section 3). For Poisson traffic the gap's hazard rate is constant, so
 * only "never scale down" or "scale down at once" can be optimal; bursty traffic has an interior optimum.
 */
export function recommendIdleTimeout(outcomes: EndpointOutcome[], coldStartBilledS: number, poissonTraffic: boolean): Recommendation {
  const best = cheapest(outcomes);
  return { meets: null, chosenIndex: best, cheapestIndex: best, robustIdleTimeoutS: coldStartBilledS, poissonTraffic };
}

export type WorkerSettingsAssumption = AssumptionOf<'minworkers.range', { upTo: number; given: boolean; max: number; idleTimeoutS: number }>;

/** The range of always-on worker counts `minworkers` tries, as an assumption. */
export function activeRangeAssumption(upTo: number, given: boolean, workers: ResolvedWorkers): WorkerSettingsAssumption {
  return { key: 'range', value: upTo, id: 'minworkers.range', values: { upTo, given, max: workers.max, idleTimeoutS: workers.idleTimeoutS } };
}
