// The months `compare` weighs against each other, all of the one resolved endpoint: a serverless option
// (its active workers and its flex workers) simulated to the precision goal, or by the fast path; and a
// pod fleet as always-on workers with no cold start, simulated for its latency. Every run uses the
// endpoint's seed, so the options see the same arrivals and execution times (common random numbers).
import { evaluateEndpoint, type EndpointOutcome } from '../endpoint/outcome.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import type { SimulationConfig } from '../sim/simulate.js';

/** How a serverless option is priced: simulated (the source of truth), or the fast path (`--fast`). */
export type PricingMethod = 'sim' | 'analytic';

/**
 * The most requests a first simulated horizon holds. `simulate` starts every run at 30 days; at 50,000
 * requests a day that is 1.5 million requests per option, and compare runs three options (0.6 s each at
 * the simulator's 2.5 million requests a second). A quarter of a million requests already give the monthly
 * cost well within 1% at such loads, and a horizon that is too short still grows until the goal is met.
 */
export const START_REQUESTS = 250_000;

/**
 * The most requests the growing horizon needs to hold before it stops short of the goal. `simulate` stops
 * at 360 days; at 10 requests a day that is 3,600 requests, and a flex option's cost is then known to a
 * few percent only. Compare goes on to the horizon that holds this many (0.2 s of simulation at most).
 */
export const CAP_REQUESTS = 500_000;

const HOUR_S = 3600;

/**
 * Where the simulations of a comparison start: the endpoint's start (30 days, as `simulate`), or, when that
 * would hold more than START_REQUESTS requests, the whole hours that hold about that many (at least one).
 * Below 250,000 requests in 30 days (8,333 a day) compare and `simulate` run exactly the same simulations.
 */
export function startHorizonS(endpoint: ResolvedEndpoint): number {
  const startS = endpoint.config.horizonS;
  const rate = endpoint.traffic.meanRatePerSecond;
  if (endpoint.goal === null || !(rate * startS > START_REQUESTS)) return startS;
  return Math.max(HOUR_S, Math.ceil(START_REQUESTS / rate / HOUR_S) * HOUR_S);
}

/** The longest horizon a comparison simulates: the endpoint's cap (360 days), or longer to hold CAP_REQUESTS requests. */
export function capHorizonS(endpoint: ResolvedEndpoint): number {
  const capS = endpoint.goal?.maxHorizonS ?? endpoint.config.horizonS;
  const rate = endpoint.traffic.meanRatePerSecond;
  if (!(rate > 0) || rate * capS >= CAP_REQUESTS) return capS;
  // Whole multiples of the start, as the horizon grows in them.
  const stepS = startHorizonS(endpoint);
  return Math.ceil(CAP_REQUESTS / rate / stepS) * stepS;
}

/** Busy GPUs the traffic asks for (Little's law): requests per second x mean execution time. */
export function offeredLoadOf(endpoint: ResolvedEndpoint): number {
  return endpoint.traffic.meanRatePerSecond * endpoint.execution.meanS;
}

/** The traffic is at or over what `workers` workers can execute at once: the backlog would grow without bound. */
export function isOverCapacity(endpoint: ResolvedEndpoint, workers: number): boolean {
  return offeredLoadOf(endpoint) >= workers * endpoint.workers.jobsPerWorker;
}

/** The endpoint's config with other workers, starting at the comparison's start horizon. */
function configWith(endpoint: ResolvedEndpoint, workers: { active: number; max: number }): SimulationConfig {
  const { config } = endpoint;
  const horizonS = startHorizonS(endpoint);
  return {
    ...config,
    horizonS,
    workers: { ...config.workers, active: workers.active, max: workers.max },
    // A shortened start has batches of no whole days; with flat Poisson traffic none are needed.
    ...(horizonS === config.horizonS ? {} : { precisionBatches: 20 }),
  };
}

/**
 * One serverless option's month: `activeWorkers` always-on workers and the endpoint's flex workers. The
 * ONE place the pricing method is chosen, so a better fast path replaces the closed forms here alone.
 * An option over its capacity is simulated over the start horizon only: its cost is its workers' all-busy
 * cost whatever the horizon, and a longer run would only queue more requests it cannot serve.
 */
export function serverlessOutcome(endpoint: ResolvedEndpoint, activeWorkers: number, method: PricingMethod): EndpointOutcome {
  const config = configWith(endpoint, { active: activeWorkers, max: endpoint.workers.max });
  if (method === 'analytic') return evaluateEndpoint(endpoint, 'analytic', config);
  const overCapacity = isOverCapacity(endpoint, activeWorkers + endpoint.workers.max);
  const goal = endpoint.goal === null || overCapacity ? null : { relative: endpoint.goal.relative, maxHorizonS: capHorizonS(endpoint) };
  return evaluateEndpoint({ ...endpoint, goal }, 'sim', config);
}

/**
 * A pod fleet's latency: `podCount` always-on workers and no flex workers (so no cold start), the same
 * traffic and seed, over the start horizon (the pods' cost is priced by the hour, so there is no cost
 * interval to narrow). Only the latency, the served requests and any overload are read from it.
 */
export function podFleetOutcome(endpoint: ResolvedEndpoint, podCount: number): EndpointOutcome {
  return evaluateEndpoint({ ...endpoint, goal: null }, 'sim', configWith(endpoint, { active: podCount, max: 0 }));
}
