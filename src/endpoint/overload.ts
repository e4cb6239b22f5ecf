// Traffic a set of workers cannot keep up with: what they serve, what they leave, how fast the backlog
// grows. One reading for every command: compare's options, a plan's endpoints, sweep points.
import type { EndpointOutcome } from './outcome.js';
import type { ResolvedEndpoint } from './resolve.js';

const SECONDS_PER_HOUR = 3600;

/** An option or endpoint that cannot serve the traffic: what it serves, what it leaves, how fast the backlog grows. */
export interface Overload {
  servedPerMonth: number;
  unservedPerMonth: number;
  backlogGrowthPerHour: number;
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
  const sim = outcome?.simulation ?? null;
  if (outcome !== null && sim !== null && sim.requests.arrived > 0) {
    const servedPerMonth = (outcome.requestsPerMonth * (sim.requests.served + sim.requests.failed)) / sim.requests.arrived;
    return { servedPerMonth, unservedPerMonth: outcome.requestsPerMonth - servedPerMonth, backlogGrowthPerHour: sim.requests.unfinished / (outcome.horizonS / SECONDS_PER_HOUR) };
  }
  const capacityPerSecond = (workers * endpoint.workers.capacityPerWorker) / endpoint.execution.meanS;
  const servedPerMonth = Math.min(requestsPerMonth, capacityPerSecond * monthS);
  return {
    servedPerMonth,
    unservedPerMonth: requestsPerMonth - servedPerMonth,
    backlogGrowthPerHour: Math.max(0, endpoint.traffic.meanRatePerSecond - capacityPerSecond) * SECONDS_PER_HOUR,
  };
}
