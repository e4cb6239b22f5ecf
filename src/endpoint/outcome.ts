// Simulated months of an endpoint, priced: the simulator counts billed seconds by kind, this turns them
// into monthly line items, and grows the horizon until the monthly cost is known to the precision asked.
import {
  ACTIVE_WORKERS_ITEM,
  FLEX_COLD_STARTS_ITEM,
  FLEX_EXECUTION_ITEM,
  FLEX_IDLE_TAILS_ITEM,
  FLEX_ROUNDING_ITEM,
  GPU_SECOND,
  makeLineItem,
  monthSeconds as toMonthSeconds,
  type LineItem,
} from '../model/line-items.js';
import { meanArrivalRate } from '../sim/arrivals.js';
import { simulate, type SimulationConfig, type SimulationResult } from '../sim/simulate.js';
import type { FastColdStartDomainFinding, FastDomainFinding } from './fast-domain.js';
import { TokenObserver, type ResolvedTokens, type TokenExperience } from './tokens.js';

/** Prices that turn billed seconds into money. */
export interface SimulationPricing {
  gpuCount: number;
  flexUsdPerSecond: number;
  activeUsdPerSecond: number;
  monthHours: number;
  roundingS: number;
}

/** One evaluated setting: costs per month and what users feel. Latency percentiles are null where unknown. */
export interface EndpointOutcome {
  method: 'sim' | 'analytic';
  /** Simulated seconds behind the figures (0 for the closed forms). */
  horizonS: number;
  activeWorkers: number;
  idleTimeoutS: number;
  lineItems: LineItem[];
  monthlyUsd: number;
  requestsPerMonth: number;
  usdPer1000Requests: number | null;
  billedGpuHoursPerMonth: number;
  /** Share of requests that waited on a worker start. */
  coldStartRate: number;
  workerStartsPerMonth: number;
  latency: { p50: number | null; p90: number | null; p95: number | null; p99: number | null; max: number | null; mean: number | null };
  /** 95% confidence half-widths (batch means over the horizon) of the monthly cost and the cold-start rate; null for the closed forms. */
  precision: { monthlyUsd: number; coldStartRate: number } | null;
  /**
   * Set when the load is more than the workers can serve: the backlog grows without bound, so the cost is
   * the workers' cost while they are all busy, and most requests are never served. Per-1,000 figures
   * divide by the requests served.
   */
  overload: { servedPerMonth: number; unservedPerMonth: number; backlogGrowthPerHour: number } | null;
  /** For the fast path: why the configuration is outside the domain where it was validated against the simulator; null inside it, and when simulated. */
  outsideFastDomain: FastDomainFinding | null;
  /**
   * For the fast path inside that domain: why its cold-start rate is outside the narrower domain where the
   * rate was validated (the cost is inside); null when it is inside, outside the cost's domain, and when simulated.
   */
  coldStartRateOutsideFastDomain: FastColdStartDomainFinding | null;
  /** The raw simulation, when simulated. */
  simulation: SimulationResult | null;
  /** An LLM endpoint's time to first token and output tokens per second, when simulated. */
  tokens?: TokenExperience;
}

/** GPU-seconds a month by billed kind, as the simulator counts them and the fast path estimates them. */
export interface MonthlyGpuSeconds {
  active: number;
  flexExecution: number;
  flexStart: number;
  flexIdle: number;
  flexRounding: number;
}

/** The monthly line items of billed GPU-seconds (those with a quantity), in display order. */
export function billedLineItems(seconds: MonthlyGpuSeconds, pricing: Pick<SimulationPricing, 'activeUsdPerSecond' | 'flexUsdPerSecond'>): LineItem[] {
  const candidates: LineItem[] = [
    makeLineItem(ACTIVE_WORKERS_ITEM, GPU_SECOND, seconds.active, pricing.activeUsdPerSecond),
    makeLineItem(FLEX_EXECUTION_ITEM, GPU_SECOND, seconds.flexExecution, pricing.flexUsdPerSecond),
    makeLineItem(FLEX_COLD_STARTS_ITEM, GPU_SECOND, seconds.flexStart, pricing.flexUsdPerSecond),
    makeLineItem(FLEX_IDLE_TAILS_ITEM, GPU_SECOND, seconds.flexIdle, pricing.flexUsdPerSecond),
    makeLineItem(FLEX_ROUNDING_ITEM, GPU_SECOND, seconds.flexRounding, pricing.flexUsdPerSecond),
  ];
  return candidates.filter((item) => item.quantity > 0);
}

/** Scales a simulation's billed seconds to a month and prices them. */
export function priceSimulation(config: SimulationConfig, result: SimulationResult, pricing: SimulationPricing): EndpointOutcome {
  const scale = toMonthSeconds(pricing.monthHours) / config.horizonS;
  const gpuSeconds = (seconds: number) => seconds * scale * pricing.gpuCount;
  const { billedSeconds: billed } = result;
  const lineItems = billedLineItems(
    { active: gpuSeconds(billed.active), flexExecution: gpuSeconds(billed.flexExecution), flexStart: gpuSeconds(billed.flexStart), flexIdle: gpuSeconds(billed.flexIdle), flexRounding: gpuSeconds(billed.flexRounding) },
    pricing,
  );
  const monthlyUsd = lineItems.reduce((sum, item) => sum + item.monthlyUsd, 0);
  // The traffic's own mean where it has one (the simulated count is one draw of it), so a workload's
  // requests per month, and its cost per 1,000 requests, are the same figure in compare and simulate.
  const offeredRate = offeredRatePerSecond(config.arrivals);
  const requestsPerMonth = offeredRate === null ? result.requests.arrived * scale : offeredRate * toMonthSeconds(pricing.monthHours);
  const total = result.latency.total;
  const halfWidth = result.precision.billedSecondsHalfWidth;
  const overload = result.overload;
  // Requests that ran past the execution timeout (or a load balancer's 5.5-minute cut) are billed but not served.
  // An overloaded run's finished jobs count as served only where they finished within the timeout.
  const servedPerMonth = overload === null ? requestsPerMonth * (1 - failedShareOf(result)) : (overload.servedRequests - result.requests.failed) * scale;
  return {
    method: 'sim',
    horizonS: config.horizonS,
    activeWorkers: config.workers.active,
    idleTimeoutS: config.workers.idleTimeoutS,
    lineItems,
    monthlyUsd,
    requestsPerMonth,
    usdPer1000Requests: servedPerMonth > 0 ? (monthlyUsd / servedPerMonth) * 1000 : null,
    billedGpuHoursPerMonth: lineItems.reduce((sum, item) => sum + item.quantity, 0) / 3600,
    coldStartRate: result.coldStarts.rate,
    workerStartsPerMonth: result.coldStarts.workerStarts * scale,
    // With no request finished (no traffic) there is no latency to give: unknown, not 0 s.
    latency: result.requests.served + result.requests.failed + result.requests.dropped === 0 ? { p50: null, p90: null, p95: null, p99: null, max: null, mean: null } : { p50: total.p50, p90: total.p90, p95: total.p95, p99: total.p99, max: total.max, mean: total.mean },
    // Active seconds are exact (billed every second); the flex total's interval scales to the month like it.
    precision: { monthlyUsd: halfWidth.flexTotal * scale * pricing.gpuCount * pricing.flexUsdPerSecond, coldStartRate: result.precision.coldStartRateHalfWidth },
    overload: overload === null ? null : { servedPerMonth, unservedPerMonth: (overload.unservedRequests + result.requests.failed) * scale, backlogGrowthPerHour: overload.backlogGrowthPerHour },
    outsideFastDomain: null,
    coldStartRateOutsideFastDomain: null,
    simulation: result,
  };
}

/** The share of a simulation's requests that failed at the execution timeout (or were cut): billed, never served. */
export function failedShareOf(result: SimulationResult): number {
  return result.requests.arrived > 0 ? result.requests.failed / result.requests.arrived : 0;
}

/** The mean arrival rate a drawn kind of traffic has (sim/arrivals.ts); null for a replayed trace, whose count is its own. */
function offeredRatePerSecond(arrivals: SimulationConfig['arrivals']): number | null {
  return arrivals.kind === 'trace' ? null : meanArrivalRate(arrivals);
}

/** Simulates and prices one configuration; with tokens, also what its users see in tokens. */
export function simulateEndpoint(config: SimulationConfig, pricing: SimulationPricing, tokens: ResolvedTokens | null = null): EndpointOutcome {
  if (tokens === null) return priceSimulation(config, simulate(config), pricing);
  const watcher = new TokenObserver(tokens);
  const outcome = priceSimulation(config, simulate(config, watcher.observer()), pricing);
  return { ...outcome, tokens: watcher.summary() };
}

/** What a load-balancing endpoint's requests met, as shares of the requests that arrived. */
export interface LoadBalancerFigures {
  /** Failed because no worker was free within the wait limit, on the client's last attempt. */
  dropRate: number;
  /** The drop rate's 95% half-width (batch means). */
  dropRateHalfWidth: number;
  /** Cut at the limit on one request (5.5 minutes). */
  cutRate: number;
  /** Retries the client sent, per request. */
  retriesPerRequest: number;
  /** Got a worker only on a retry. */
  servedOnRetryRate: number;
}

/** A simulated load-balancing endpoint's drops, cuts and retries; null for a queue endpoint or without a simulation (the fast path). */
export function loadBalancerFiguresOf(outcome: EndpointOutcome): LoadBalancerFigures | null {
  const sim = outcome.simulation;
  if (sim === null || sim.loadBalancer === null) return null;
  const arrived = sim.requests.arrived;
  const share = (count: number) => (arrived > 0 ? count / arrived : 0);
  return {
    dropRate: share(sim.requests.dropped),
    dropRateHalfWidth: sim.precision.dropRateHalfWidth,
    cutRate: share(sim.requests.failed),
    retriesPerRequest: share(sim.loadBalancer.retries),
    servedOnRetryRate: share(sim.loadBalancer.servedOnRetry),
  };
}

/** The monthly cost's 95% half-width relative to it (0 when it is exact or nothing is billed). */
export function relativeHalfWidth(outcome: EndpointOutcome): number {
  return outcome.precision === null || !(outcome.monthlyUsd > 0) ? 0 : outcome.precision.monthlyUsd / outcome.monthlyUsd;
}

/**
 * Simulates until the monthly cost's 95% half-width is within `goal.relative` of it, or the horizon
 * reaches `goal.maxHorizonS`: from config.horizonS, growing in whole multiples of it (so batches stay
 * whole days), each step aiming at the horizon the interval's 1/sqrt(horizon) shrinkage says is enough.
 * An overloaded run stops at once: its cost is the workers' all-busy cost whatever the horizon. The same
 * config and seed give the same steps, so the same output. Null goal: one run at config.horizonS.
 */
export function simulateToPrecision(
  config: SimulationConfig,
  pricing: SimulationPricing,
  goal: { relative: number; maxHorizonS: number } | null,
  tokens: ResolvedTokens | null = null,
): EndpointOutcome {
  let outcome = simulateEndpoint(config, pricing, tokens);
  if (goal === null) return outcome;
  const step = config.horizonS;
  // Traffic so light that no request arrived has an interval of 0 around a cost of 0, which says nothing:
  // such a run grows tenfold (to the cap, sized by requests) until one does.
  const hasTraffic = (offeredRatePerSecond(config.arrivals) ?? 0) > 0;
  for (;;) {
    const empty = hasTraffic && (outcome.simulation?.requests.arrived ?? 1) === 0;
    const relative = relativeHalfWidth(outcome);
    if ((relative <= goal.relative && !empty) || outcome.overload !== null || outcome.horizonS >= goal.maxHorizonS) return outcome;
    // 10% more than the CLT estimate, at least twice the horizon, in whole steps, at most the cap.
    const wanted = outcome.horizonS * (empty ? 10 : Math.max(2, 1.1 * (relative / goal.relative) ** 2));
    const horizonS = Math.min(goal.maxHorizonS, Math.ceil(wanted / step) * step);
    outcome = simulateEndpoint({ ...config, horizonS, precisionBatches: config.precisionBatches ?? 20 }, pricing, tokens);
  }
}


/** The traffic the analytic path understands: Poisson at a rate that may follow a daily profile. */
export interface AnalyticTraffic {
  /** Requests per second in each hour of the day (24 values; all equal for flat Poisson traffic). */
  hourlyRatesPerSecond: number[];
  execMeanS: number;
}

