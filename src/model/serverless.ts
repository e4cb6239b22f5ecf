// Serverless endpoints: active (always-on) workers, and an endpoint with both kinds of worker, where flex
// workers (./flex-workers.ts) take the active workers' overflow. Monthly line items in Infracost's shape
// (./line-items.ts); seconds for time, USD for money.
//
// Billing rules: the shared reference runpod-billing-facts.md, from https://docs.runpod.io/serverless/pricing
// and https://docs.runpod.io/serverless/endpoints/endpoint-configurations. Queueing formulas: ./queueing.ts.
// The figures are the analytic approximation (Poisson traffic, closed forms); the simulator is exact. For
// speed, the endpoint's figures are a small fixed-shape object: see the performance note in ./flex-workers.ts.
import {
  addFlexItemsUsd,
  appendFlexLineItems,
  fixedShapeProfile,
  flexEstimateOf,
  flexFigures,
  type FlexFigures,
  type FlexProfile,
  type FlexWorkersEstimate,
  type FlexWorkersInput,
} from './flex-workers.js';
import { requireNonNegative, requireWholeCount } from './guards.js';
import { ACTIVE_WORKERS_ITEM, GPU_SECOND, makeLineItem, pushLineItem, sumMonthlyUsd, type CostEstimate, type LineItem, type UnbilledItems } from './line-items.js';
import { erlangB } from './queueing.js';

/** Always-on (active, "min") workers of an endpoint and the traffic they see. */
export interface ActiveWorkersInput {
  /** Number of active workers, each taking one job at a time. */
  count: number;
  /** GPUs per worker. */
  gpuCount: number;
  /** Active price, USD per GPU per second (the catalog's activeUsdPerSecond, or the flex rate where it is null). */
  activeUsdPerSecond: number;
  /** Seconds in the model month. */
  monthSeconds: number;
  /** Mean Poisson arrival rate, requests per second. */
  requestsPerSecond: number;
  /** Mean execution time of one request, seconds. */
  execS: number;
}

/** Monthly cost of active workers and how much traffic they leave to flex workers. */
export interface ActiveWorkersEstimate extends CostEstimate {
  /** Requests offered per month. */
  requestsPerMonth: number;
  /** Offered load a = L * s in erlangs. */
  offeredLoad: number;
  /** GPU-seconds billed per month: count * gpuCount * month, busy or idle. */
  billedGpuSeconds: number;
  /** Erlang-B B(count, a): share of arrivals finding every active worker busy (1 when count is 0). */
  overflowProbability: number;
  /** L * B(count, a): the request rate left to flex workers. */
  overflowRequestsPerSecond: number;
  /** Busy share of the active workers: carried load a(1 - B) / count (0 when count is 0). */
  utilization: number;
  /** monthlyUsd spread over all offered requests; null without requests. */
  usdPerRequest: number | null;
}

/** Checks active-worker numbers (shared by estimateActiveWorkers and serverlessFigures, in one order). */
function validateActive(count: number, gpuCount: number, activeUsdPerSecond: number, month: number, L: number, s: number): void {
  requireNonNegative('count', count);
  requireNonNegative('gpuCount', gpuCount);
  requireNonNegative('activeUsdPerSecond', activeUsdPerSecond);
  requireNonNegative('monthSeconds', month);
  requireNonNegative('requestsPerSecond', L);
  requireNonNegative('execS', s);
  requireWholeCount('count', count);
}

/** The active estimate once Erlang-B is known (so estimateServerless need not compute it twice). */
function activeEstimateOf(input: ActiveWorkersInput, overflowProbability: number): ActiveWorkersEstimate {
  const { count, gpuCount, activeUsdPerSecond, monthSeconds: month, requestsPerSecond: L, execS: s } = input;
  const offeredLoad = L * s;
  const billedGpuSeconds = count * gpuCount * month;
  const lineItems = [makeLineItem(ACTIVE_WORKERS_ITEM, GPU_SECOND, billedGpuSeconds, activeUsdPerSecond)];
  const monthlyUsd = sumMonthlyUsd(lineItems);
  const requestsPerMonth = L * month;
  return {
    lineItems,
    monthlyUsd,
    requestsPerMonth,
    offeredLoad,
    billedGpuSeconds,
    overflowProbability,
    overflowRequestsPerSecond: L * overflowProbability,
    utilization: count > 0 ? (offeredLoad * (1 - overflowProbability)) / count : 0,
    usdPerRequest: requestsPerMonth > 0 ? monthlyUsd / requestsPerMonth : null,
  };
}

/**
 * Active workers are billed all the time, busy or idle, at the active rate
 * (https://docs.runpod.io/serverless/endpoints/endpoint-configurations). Overflow is the loss view: an arrival
 * finding every active worker busy goes to a flex worker, with chance Erlang-B B(count, a).
 */
export function estimateActiveWorkers(input: ActiveWorkersInput): ActiveWorkersEstimate {
  validateActive(input.count, input.gpuCount, input.activeUsdPerSecond, input.monthSeconds, input.requestsPerSecond, input.execS);
  return activeEstimateOf(input, erlangB(input.count, input.requestsPerSecond * input.execS));
}

// ------------------------------------------------------------------------------------ serverless endpoint

/** An endpoint: active workers plus flex workers that take the overflow. */
export interface ServerlessInput {
  /** The always-on workers (count 0 for a pure flex endpoint). */
  active: { count: number; activeUsdPerSecond: number };
  /** Flex settings with the endpoint's whole traffic; maxWorkers is the cap on flex workers alone. */
  flex: FlexWorkersInput;
}

/** Monthly cost of an endpoint with both kinds of worker. */
export interface ServerlessEstimate extends CostEstimate {
  /** The active part on its own. */
  active: ActiveWorkersEstimate;
  /** The flex part on its own, priced on the overflow rate. */
  flex: FlexWorkersEstimate;
  /** Requests offered per month. */
  requestsPerMonth: number;
  /** GPU-seconds executing requests per month, on active and flex workers. */
  executionGpuSeconds: number;
  /** All billed GPU-seconds per month. */
  billedGpuSeconds: number;
  /** Expected flex cold starts per month. */
  coldStartsPerMonth: number;
  /** Share of all requests that start a flex worker. */
  coldStartRate: number;
  /** Share of all requests that wait on a flex cold start. */
  delayedRate: number;
  /** Share of billed GPU-time spent executing requests. */
  utilization: number;
  /** True when the flex workers cannot keep up with the overflow. */
  overloaded: boolean;
  /** monthlyUsd / requests served; null without requests. */
  usdPerRequest: number | null;
}

/** An endpoint's figures before line items (the ServerlessEstimate fields that compare and sweeps need). */
export interface ServerlessFigures {
  /** Always-on workers; their line item is listed only when there are some. */
  activeCount: number;
  activeUsdPerSecond: number;
  /** Quantity of the active line item: count * gpuCount * month, busy or idle. */
  activeGpuSeconds: number;
  /** Erlang-B B(count, a): the share of requests left to flex workers. */
  overflowProbability: number;
  /** The flex part, at the overflow rate L * B. */
  flex: FlexFigures;
  requestsPerMonth: number;
  executionGpuSeconds: number;
  billedGpuSeconds: number;
  /** Requests served per month (all but a flex backlog). */
  servedRequestsPerMonth: number;
  /** Sum of the line items' monthly cost. */
  monthlyUsd: number;
  coldStartRate: number;
  delayedRate: number;
  utilization: number;
  overloaded: boolean;
}

/**
 * Combines active and flex workers: the active line item plus flex line items priced on the overflow rate
 * L * B(m, a). Analytic approximation: overflow really queues for the scaler (queue delay, request count)
 * and is burstier than Poisson; the simulator is exact. With no active workers this is flex alone (B = 1).
 */
export function serverlessFigures(
  profile: FlexProfile,
  requestsPerSecond: number,
  activeCount: number,
  activeUsdPerSecond: number,
): ServerlessFigures {
  const { gpuCount, monthSeconds: month, execS: s } = profile;
  const L = requestsPerSecond;
  validateActive(activeCount, gpuCount, activeUsdPerSecond, month, L, s);
  const overflowProbability = erlangB(activeCount, L * s);
  const flex = flexFigures(profile, L * overflowProbability);
  const activeGpuSeconds = activeCount * gpuCount * month;
  const requestsPerMonth = L * month;
  const carriedByActive = requestsPerMonth - flex.requestsPerMonth;
  const executionGpuSeconds = carriedByActive * s * gpuCount + flex.executionGpuSeconds;
  const billedGpuSeconds = activeGpuSeconds + flex.billedGpuSeconds;
  // Summed in line-item order from 0, the active item first when it is listed.
  const monthlyUsd =
    activeCount > 0
      ? addFlexItemsUsd(
          0 + activeGpuSeconds * activeUsdPerSecond,
          flex.flexUsdPerSecond,
          flex.executionGpuSeconds,
          flex.coldStartGpuSeconds,
          flex.idleGpuSeconds,
          flex.roundingGpuSeconds,
        )
      : flex.monthlyUsd;
  return {
    activeCount,
    activeUsdPerSecond,
    activeGpuSeconds,
    overflowProbability,
    flex,
    requestsPerMonth,
    executionGpuSeconds,
    billedGpuSeconds,
    servedRequestsPerMonth: carriedByActive + flex.servedRequestsPerMonth,
    monthlyUsd,
    // B x pCold (= flex cold starts / all requests), written so that with no active workers it is pCold exactly.
    coldStartRate: overflowProbability * flex.coldStartRate,
    delayedRate: overflowProbability * flex.delayedRate,
    utilization: billedGpuSeconds > 0 ? executionGpuSeconds / billedGpuSeconds : 0,
    overloaded: flex.overloaded,
  };
}

/** Appends an endpoint's line items: the active workers (when there are some), then the flex items. */
export function appendServerlessLineItems(target: LineItem[], endpoint: ServerlessFigures, unbilled: UnbilledItems): void {
  if (endpoint.activeCount > 0) {
    pushLineItem(target, unbilled, ACTIVE_WORKERS_ITEM, GPU_SECOND, endpoint.activeGpuSeconds, endpoint.activeUsdPerSecond);
  }
  appendFlexLineItems(target, endpoint.flex, unbilled);
}

/** The endpoint's full estimate, with the active and flex parts on their own: see serverlessFigures. */
export function estimateServerless(input: ServerlessInput): ServerlessEstimate {
  const { flex: flexInput } = input;
  const figures = serverlessFigures(fixedShapeProfile(flexInput), flexInput.requestsPerSecond, input.active.count, input.active.activeUsdPerSecond);
  const active = activeEstimateOf(
    {
      count: figures.activeCount,
      gpuCount: flexInput.gpuCount,
      activeUsdPerSecond: figures.activeUsdPerSecond,
      monthSeconds: flexInput.monthSeconds,
      requestsPerSecond: flexInput.requestsPerSecond,
      execS: flexInput.execS,
    },
    figures.overflowProbability,
  );
  const flex = flexEstimateOf(figures.flex);
  // The same item objects as the parts' (the active item only when there are active workers).
  const lineItems = figures.activeCount > 0 ? active.lineItems.concat(flex.lineItems) : flex.lineItems.slice();
  const { monthlyUsd, servedRequestsPerMonth: served } = figures;
  return {
    lineItems,
    monthlyUsd,
    active,
    flex,
    requestsPerMonth: figures.requestsPerMonth,
    executionGpuSeconds: figures.executionGpuSeconds,
    billedGpuSeconds: figures.billedGpuSeconds,
    coldStartsPerMonth: flex.coldStartsPerMonth,
    coldStartRate: figures.coldStartRate,
    delayedRate: figures.delayedRate,
    utilization: figures.utilization,
    overloaded: figures.overloaded,
    usdPerRequest: served > 0 ? monthlyUsd / served : null,
  };
}
