// The months `compare` weighs against each other, all of the one resolved endpoint: a serverless option
// (its active workers and its flex workers) simulated to the precision goal, or by the fast path; and a
// pod fleet as always-on workers with no cold start, simulated for its latency. Every run uses the
// endpoint's seed, so the options see the same arrivals and execution times (common random numbers).
import { evaluateEndpoint } from '../endpoint/evaluate.js';
import type { EndpointOutcome } from '../endpoint/outcome.js';
import { isOverCapacity } from '../endpoint/overload.js';
import { overloadedHorizonS, type ResolvedEndpoint } from '../endpoint/resolve.js';
import { DEFAULT_MAX_REQUESTS } from '../input/limits.js';
import type { SimulationConfig } from '../sim/simulate.js';

/** How a serverless option is priced: simulated (the source of truth), or the fast path (`--fast`). */
export type PricingMethod = 'sim' | 'analytic';

/** The endpoint's config with other workers (the horizon starts where the resolver set it, as in `simulate`). */
function configWith(endpoint: ResolvedEndpoint, workers: { active: number; max: number }): SimulationConfig {
  const { config } = endpoint;
  return { ...config, workers: { ...config.workers, active: workers.active, max: workers.max } };
}

/**
 * One serverless option's month: `activeWorkers` always-on workers and the endpoint's flex workers. The
 * ONE place the pricing method is chosen, so a better fast path replaces the closed forms here alone.
 * An option over its capacity is simulated over the horizon simulate gives an overloaded endpoint (a day):
 * its cost is its workers' all-busy cost whatever the horizon, and a longer run only queues more it cannot serve.
 */
export function serverlessOutcome(endpoint: ResolvedEndpoint, activeWorkers: number, method: PricingMethod): EndpointOutcome {
  const config = configWith(endpoint, { active: activeWorkers, max: endpoint.workers.max });
  if (method === 'analytic') return evaluateEndpoint(endpoint, 'analytic', config);
  if (!isOverCapacity(endpoint, activeWorkers + endpoint.workers.max)) return evaluateEndpoint(endpoint, 'sim', config);
  // The horizon `simulate` gives the same endpoint when it is overloaded, so both read the same month; a
  // horizon the user gave, a trace's span and a load balancer's (which drops rather than queues) stand.
  const ownHorizon = endpoint.run.horizonGiven || config.arrivals.kind === 'trace' || endpoint.loadBalancer !== null;
  const horizonS = ownHorizon ? config.horizonS : overloadedHorizonS(endpoint.run.maxRequests ?? DEFAULT_MAX_REQUESTS, endpoint.traffic.meanRatePerSecond);
  return evaluateEndpoint({ ...endpoint, goal: null }, 'sim', { ...config, horizonS });
}

/**
 * A pod fleet's latency: `podCount` always-on workers and no flex workers (so no cold start), the same
 * traffic and seed, over the start horizon (the pods' cost is priced by the hour, so there is no cost
 * interval to narrow). Only the latency, the served requests and any overload are read from it.
 */
export function podFleetOutcome(endpoint: ResolvedEndpoint, podCount: number): EndpointOutcome {
  const config = configWith(endpoint, { active: podCount, max: 0 });
  // A pod serves its own HTTP port: no execution timeout (a job runs to its end, as compare's pods are
  // priced: every request served), and no load balancer's wait limit, cut or drops; its requests queue.
  const { loadBalancer, ...queued } = config;
  const workers = { ...config.workers, executionTimeoutS: Infinity };
  const podConfig: SimulationConfig = loadBalancer === undefined ? { ...config, workers } : { ...queued, scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' }, workers };
  return evaluateEndpoint({ ...endpoint, goal: null }, 'sim', podConfig);
}
