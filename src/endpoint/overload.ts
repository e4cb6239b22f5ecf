// Traffic a set of workers cannot keep up with: what they serve, what they leave, how fast the backlog
// grows. One reading for every command: compare's options, a plan's endpoints, simulate's endpoint, sweep points.
import type { EndpointOutcome } from './outcome.js';
import type { ResolvedEndpoint } from './resolve.js';

const SECONDS_PER_HOUR = 3600;

/** An option or endpoint that cannot serve the traffic: what it serves, what it leaves, how fast the backlog grows. */
export interface Overload {
  servedPerMonth: number;
  unservedPerMonth: number;
  backlogGrowthPerHour: number;
  /** A load balancer: what its workers cannot take in time is dropped after its wait limit, so no backlog grows (backlogGrowthPerHour 0). */
  dropsInstead?: true;
}

/** Busy GPUs the traffic asks for (Little's law): requests per second x mean execution time. */
export function offeredLoadOf(endpoint: ResolvedEndpoint): number {
  return endpoint.traffic.meanRatePerSecond * endpoint.execution.meanS;
}

/** The traffic is at or over what `workers` workers can execute at once: the backlog would grow without bound. */
export function isOverCapacity(endpoint: ResolvedEndpoint, workers: number): boolean {
  return offeredLoadOf(endpoint) >= workers * endpoint.workers.capacityPerWorker;
}

/**
 * The overload of `workers` workers serving the endpoint's traffic, if any: the simulator's report when its
 * queue filled up; else, for traffic at or over the workers' capacity, the simulated served requests (or,
 * without a simulation, the capacity's). `requestsPerMonth` is the traffic's month, over `monthS` seconds.
 */
export function overloadOf(endpoint: ResolvedEndpoint, outcome: EndpointOutcome | null, workers: number, requestsPerMonth: number, monthS: number): Overload | null {
  if (outcome?.overload != null) {
    const { servedPerMonth, unservedPerMonth, backlogGrowthPerHour } = outcome.overload;
    return { servedPerMonth, unservedPerMonth, backlogGrowthPerHour };
  }
  if (!isOverCapacity(endpoint, workers)) return null;
  // A load balancer drops what waits past its limit instead of queueing it: what is left is dropped, and nothing piles up.
  const drops = endpoint.loadBalancer !== null;
  const sim = outcome?.simulation ?? null;
  if (outcome !== null && sim !== null && sim.requests.arrived > 0) {
    // Requests that ran past the execution timeout are billed, not served: they count with the unserved.
    const servedPerMonth = (outcome.requestsPerMonth * sim.requests.served) / sim.requests.arrived;
    const unservedPerMonth = outcome.requestsPerMonth - servedPerMonth;
    if (drops) return { servedPerMonth, unservedPerMonth, backlogGrowthPerHour: 0, dropsInstead: true };
    return { servedPerMonth, unservedPerMonth, backlogGrowthPerHour: sim.requests.unfinished / (outcome.horizonS / SECONDS_PER_HOUR) };
  }
  const capacityPerSecond = (workers * endpoint.workers.capacityPerWorker) / endpoint.execution.meanS;
  const servedPerMonth = Math.min(requestsPerMonth, capacityPerSecond * monthS);
  const unservedPerMonth = requestsPerMonth - servedPerMonth;
  if (drops) return { servedPerMonth, unservedPerMonth, backlogGrowthPerHour: 0, dropsInstead: true };
  return { servedPerMonth, unservedPerMonth, backlogGrowthPerHour: Math.max(0, endpoint.traffic.meanRatePerSecond - capacityPerSecond) * SECONDS_PER_HOUR };
}

/**
 * The endpoint's month with its overload read as compare and a plan read it (overloadOf, over the month's
 * active workers and the endpoint's flex workers), and then its cost per 1,000 requests over the requests
 * served: simulate's month, simulated or by the fast path (which reports no overload of its own).
 */
export function withOverload(endpoint: ResolvedEndpoint, outcome: EndpointOutcome): EndpointOutcome {
  const overload = overloadOf(endpoint, outcome, outcome.activeWorkers + endpoint.workers.max, outcome.requestsPerMonth, endpoint.run.monthS);
  if (overload === null) return outcome;
  const served = overload.servedPerMonth;
  return { ...outcome, overload, usdPer1000Requests: served > 0 ? (outcome.monthlyUsd / served) * 1000 : null };
}
