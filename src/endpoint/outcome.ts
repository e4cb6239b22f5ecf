// Simulated (or analytic) months of an endpoint, priced: the simulator counts billed seconds by kind,
// this turns them into monthly line items, and sweeps the settings `minworkers` and `idle-timeout` vary.
import { meanBilledColdStartS, meanColdStartS } from '../model/cold-start.js';
import { flexFigures } from '../model/flex-workers.js';
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
import { erlangB } from '../model/queueing.js';
import { simulate, type SimulationConfig, type SimulationResult } from '../sim/simulate.js';

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
  latency: { p50: number | null; p90: number | null; p95: number | null; p99: number | null; max: number | null; mean: number };
  /** The raw simulation, when simulated. */
  simulation: SimulationResult | null;
}

/** Scales a simulation's billed seconds to a month and prices them. */
export function priceSimulation(config: SimulationConfig, result: SimulationResult, pricing: SimulationPricing): EndpointOutcome {
  const scale = toMonthSeconds(pricing.monthHours) / config.horizonS;
  const gpuSeconds = (seconds: number) => seconds * scale * pricing.gpuCount;
  const { billedSeconds: billed } = result;
  const candidates: LineItem[] = [
    makeLineItem(ACTIVE_WORKERS_ITEM, GPU_SECOND, gpuSeconds(billed.active), pricing.activeUsdPerSecond),
    makeLineItem(FLEX_EXECUTION_ITEM, GPU_SECOND, gpuSeconds(billed.flexExecution), pricing.flexUsdPerSecond),
    makeLineItem(FLEX_COLD_STARTS_ITEM, GPU_SECOND, gpuSeconds(billed.flexStart), pricing.flexUsdPerSecond),
    makeLineItem(FLEX_IDLE_TAILS_ITEM, GPU_SECOND, gpuSeconds(billed.flexIdle), pricing.flexUsdPerSecond),
    makeLineItem(FLEX_ROUNDING_ITEM, GPU_SECOND, gpuSeconds(billed.flexRounding), pricing.flexUsdPerSecond),
  ];
  const lineItems = candidates.filter((item) => item.quantity > 0);
  const monthlyUsd = lineItems.reduce((sum, item) => sum + item.monthlyUsd, 0);
  const requestsPerMonth = result.requests.arrived * scale;
  const total = result.latency.total;
  return {
    method: 'sim',
    activeWorkers: config.workers.active,
    idleTimeoutS: config.workers.idleTimeoutS,
    lineItems,
    monthlyUsd,
    requestsPerMonth,
    usdPer1000Requests: requestsPerMonth > 0 ? (monthlyUsd / requestsPerMonth) * 1000 : null,
    billedGpuHoursPerMonth: lineItems.reduce((sum, item) => sum + item.quantity, 0) / 3600,
    coldStartRate: result.coldStarts.rate,
    workerStartsPerMonth: result.coldStarts.workerStarts * scale,
    latency: { p50: total.p50, p90: total.p90, p95: total.p95, p99: total.p99, max: total.max, mean: total.mean },
    simulation: result,
  };
}

/** Simulates and prices one configuration. */
export function simulateEndpoint(config: SimulationConfig, pricing: SimulationPricing): EndpointOutcome {
  return priceSimulation(config, simulate(config), pricing);
}

/** The traffic the analytic path understands: Poisson at a rate that may follow a daily profile. */
export interface AnalyticTraffic {
  /** Requests per second in each hour of the day (24 values; all equal for flat Poisson traffic). */
  hourlyRatesPerSecond: number[];
  execMeanS: number;
}

/**
 * The closed forms instead of a simulation: active workers with Erlang-B overflow to flex workers, each
 * flex worker an M/G/1 queue with setup and idle timeout. A daily profile is handled by averaging the
 * per-rate results over the hours, weighted by time (valid while the rate changes slowly relative to the
 * idle timeout and the cold start; coldstart-figures.md section 3). Latency: only the mean is known here.
 */
export function analyzeEndpoint(config: SimulationConfig, traffic: AnalyticTraffic, pricing: SimulationPricing): EndpointOutcome {
  const month = toMonthSeconds(pricing.monthHours);
  const hourShare = 1 / traffic.hourlyRatesPerSecond.length;
  const active = config.workers.active;
  const cold = config.coldStart;
  const coldStartS = meanColdStartS(cold);
  const coldStartBilledS = meanBilledColdStartS(cold);
  let execution = 0;
  let starts = 0;
  let idle = 0;
  let rounding = 0;
  let requests = 0;
  let delayed = 0;
  let coldStarts = 0;
  for (const rate of traffic.hourlyRatesPerSecond) {
    const seconds = month * hourShare;
    const overflow = rate * erlangB(active, rate * traffic.execMeanS);
    const flex = flexFigures(
      {
        execS: traffic.execMeanS,
        idleTimeoutS: config.workers.idleTimeoutS,
        coldStartS,
        coldStartBilledS,
        gpuCount: 1,
        flexUsdPerSecond: pricing.flexUsdPerSecond,
        roundingS: pricing.roundingS,
        monthSeconds: seconds,
        maxWorkers: config.workers.max,
      },
      overflow,
    );
    requests += rate * seconds;
    execution += flex.executionGpuSeconds;
    starts += flex.coldStartGpuSeconds;
    idle += flex.idleGpuSeconds;
    rounding += flex.roundingGpuSeconds;
    delayed += flex.delayedRate * overflow * seconds;
    coldStarts += flex.coldStartsPerMonth;
  }
  const g = pricing.gpuCount;
  const candidates: LineItem[] = [
    makeLineItem(ACTIVE_WORKERS_ITEM, GPU_SECOND, active * month * g, pricing.activeUsdPerSecond),
    makeLineItem(FLEX_EXECUTION_ITEM, GPU_SECOND, execution * g, pricing.flexUsdPerSecond),
    makeLineItem(FLEX_COLD_STARTS_ITEM, GPU_SECOND, starts * g, pricing.flexUsdPerSecond),
    makeLineItem(FLEX_IDLE_TAILS_ITEM, GPU_SECOND, idle * g, pricing.flexUsdPerSecond),
    makeLineItem(FLEX_ROUNDING_ITEM, GPU_SECOND, rounding * g, pricing.flexUsdPerSecond),
  ];
  const lineItems = candidates.filter((item) => item.quantity > 0);
  const monthlyUsd = lineItems.reduce((sum, item) => sum + item.monthlyUsd, 0);
  const coldStartRate = requests > 0 ? delayed / requests : 0;
  return {
    method: 'analytic',
    activeWorkers: active,
    idleTimeoutS: config.workers.idleTimeoutS,
    lineItems,
    monthlyUsd,
    requestsPerMonth: requests,
    usdPer1000Requests: requests > 0 ? (monthlyUsd / requests) * 1000 : null,
    billedGpuHoursPerMonth: lineItems.reduce((sum, item) => sum + item.quantity, 0) / 3600,
    coldStartRate,
    workerStartsPerMonth: coldStarts,
    // A delayed request waits for (on average) the rest of a start; bounded above by a whole start.
    latency: { p50: null, p90: null, p95: null, p99: null, max: null, mean: traffic.execMeanS + coldStartRate * coldStartS },
    simulation: null,
  };
}
