// The pure cost model: monthly line items (Infracost's shape: name, unit, quantity, unit price, monthly
// cost) for the four RunPod resource kinds, flex and active serverless workers, pods and network volumes,
// plus break-even helpers. Seconds for time, USD for money, decimal GB for sizes. Money is never rounded
// here: rounding is the renderer's job, so totals always equal the sum of their parts.
//
// Billing rules: /work/shared/reference/runpod-billing-facts.md, from https://docs.runpod.io/serverless/pricing,
// https://docs.runpod.io/serverless/endpoints/endpoint-configurations, https://docs.runpod.io/pods/pricing and
// https://docs.runpod.io/storage/network-volumes. Queueing formulas: ./queueing.ts.
//
// The serverless figures here are the analytic approximation (Poisson traffic, closed forms); a
// discrete-event simulation is the exact reference for them.
import type { Catalog } from '../catalog/schema.js';
import { requireAtMost, requireFraction, requireNonNegative, requirePositive, requirePositiveFraction, requireWholeCount } from './guards.js';
import { erlangB, singleWorkerPerRequest } from './queueing.js';

/**
 * Hours in a model month: Infracost's 730 (= 8760 / 12; HourToMonthUnitMultiplier in
 * https://github.com/infracost/infracost/blob/master/internal/schema/cost_component.go).
 */
export const DEFAULT_MONTH_HOURS = 730;

/** A 30-day month (720 h), which RunPod users quote ("$316.80 per 30-day month"); used on request. */
export const THIRTY_DAY_MONTH_HOURS = 720;

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;

/** Seconds in a month of the given hours (730 by default), the model's unit for "per month". */
export function monthSeconds(hours: number = DEFAULT_MONTH_HOURS): number {
  requireNonNegative('hours', hours);
  return hours * SECONDS_PER_HOUR;
}

/**
 * Planning target for a flex worker's busy share: RunPod advises about 20% headroom over peak concurrency
 * (https://docs.runpod.io/serverless/endpoints/endpoint-configurations, max workers), i.e. 80% busy.
 */
export const FLEX_TARGET_UTILIZATION = 0.8;

/** One priced quantity, as Infracost prints a cost component. */
export interface LineItem {
  /** What is billed, e.g. `Flex execution`. */
  name: string;
  /** Unit of the quantity, e.g. `GPU-second`, `GPU-hour`, `GB-month`. */
  unit: string;
  /** Units billed per month. */
  quantity: number;
  /** USD per unit. */
  unitPriceUsd: number;
  /** quantity * unitPriceUsd exactly (never rounded). */
  monthlyUsd: number;
}

/** A priced option: its line items and their sum. */
export interface CostEstimate {
  /** The parts of the bill, in display order. */
  lineItems: LineItem[];
  /** Sum of the line items' monthlyUsd. */
  monthlyUsd: number;
}

/** Builds a line item whose monthly cost is exactly quantity times unit price. */
export function makeLineItem(name: string, unit: string, quantity: number, unitPriceUsd: number): LineItem {
  return { name, unit, quantity, unitPriceUsd, monthlyUsd: quantity * unitPriceUsd };
}

/** Sums the line items' monthly cost, the estimate's total (a plain loop: this runs on every evaluation of a sweep). */
function sumMonthlyUsd(lineItems: readonly LineItem[]): number {
  let total = 0;
  for (const item of lineItems) total += item.monthlyUsd;
  return total;
}

/**
 * Whether to keep line items that bill nothing (quantity 0). The estimate* functions keep them, so every
 * estimate of one kind lists the same items; reports (compare) omit them. Totals always count every item.
 */
export type UnbilledItems = 'keep' | 'omit';

/** Appends a line item to `target`, unless it bills nothing and the caller omits such items. */
function pushLineItem(target: LineItem[], unbilled: UnbilledItems, name: string, unit: string, quantity: number, unitPriceUsd: number): void {
  if (unbilled === 'omit' && !(quantity > 0)) return;
  target.push(makeLineItem(name, unit, quantity, unitPriceUsd));
}

/**
 * Smallest whole k >= 0 with k * perUnit >= load, judged in floating point: ceil(load / perUnit) alone can
 * be one too many (2.4000000000000004 / 0.8 = 3.0000000000000004) or, by cancellation, one too few.
 */
function countToCover(load: number, perUnit: number): number {
  let k = Math.ceil(load / perUnit);
  if (k > 0 && (k - 1) * perUnit >= load) k -= 1;
  if (k * perUnit < load) k += 1;
  return k;
}

const GPU_SECOND = 'GPU-second';

// Performance note. The model is evaluated in sweeps (bench/cost counts compare evaluations per second), so
// the figures are computed once into small fixed-shape objects (FlexFigures, ServerlessFigures, PodFleet)
// that compare and the break-even search use directly; the estimate* functions wrap them with line items and
// ratios. Inputs are never rebuilt with a spread such as `{ ...profile, requestsPerSecond }`: in Node 20 an
// object spread that adds a key gets a new hidden class on every call (measured at about 2 us a spread), and
// every later property read on it is then a slow lookup. The traffic rate is passed as its own argument.

// ------------------------------------------------------------------------------------------ flex workers

/** Traffic and settings of a flex (scale-to-zero) worker fleet on one endpoint. */
export interface FlexWorkersInput {
  /** Mean Poisson arrival rate, requests per second. */
  requestsPerSecond: number;
  /** Mean execution time of one request, seconds. */
  execS: number;
  /** Idle timeout, seconds (RunPod default 5 s, range 1-3600 s; billed). */
  idleTimeoutS: number;
  /** Whole cold start, seconds: requests wait for all of it, so it drives latency and queueing. */
  coldStartS: number;
  /** The billed part of the cold start, seconds (since 2026-06-29 image and cached-model downloads are not billed). */
  coldStartBilledS: number;
  /** GPUs per worker; the per-GPU price is multiplied by it. */
  gpuCount: number;
  /** Flex price, USD per GPU per second. */
  flexUsdPerSecond: number;
  /** Each worker window is rounded up to a multiple of this (catalog billing.serverless.rounding.granularityS, 1 s). */
  roundingS: number;
  /** Seconds in the model month (see monthSeconds). */
  monthSeconds: number;
  /** Most flex workers the endpoint may run. */
  maxWorkers: number;
}

/** A flex endpoint's settings without its traffic, for sweeping the traffic. */
export type FlexProfile = Omit<FlexWorkersInput, 'requestsPerSecond'>;

/**
 * The flex model's figures at one traffic rate, before line items and ratios are built: the part of a
 * FlexWorkersEstimate (same names, same meaning) that estimateFlexWorkers, estimateServerless, compare and
 * the break-even search share.
 */
export interface FlexFigures {
  requestsPerMonth: number;
  servedRequestsPerMonth: number;
  offeredLoad: number;
  workersNeeded: number;
  workers: number;
  cappedByMaxWorkers: boolean;
  overloaded: boolean;
  workerUtilization: number;
  /** Quantity of the `Flex execution` line item (GPU-seconds per month). */
  executionGpuSeconds: number;
  /** Quantity of the `Flex cold starts (billed part)` line item. */
  coldStartGpuSeconds: number;
  /** Quantity of the `Flex idle-timeout tails` line item. */
  idleGpuSeconds: number;
  /** Quantity of the `Flex rounding to whole seconds` line item. */
  roundingGpuSeconds: number;
  /** Sum of the four quantities. */
  billedGpuSeconds: number;
  coldStartsPerMonth: number;
  coldStartRate: number;
  delayedRate: number;
  /** Unit price of every flex line item, USD per GPU-second. */
  flexUsdPerSecond: number;
  /** Sum of the line items' monthly cost. */
  monthlyUsd: number;
}

/** Monthly cost and behaviour of a flex worker fleet. */
export interface FlexWorkersEstimate extends CostEstimate {
  /** Requests offered per month (rate x month). */
  requestsPerMonth: number;
  /** Requests served per month: all of them unless overloaded, then what the workers can execute. */
  servedRequestsPerMonth: number;
  /** Offered load a = L * s in erlangs: workers busy on average (Little's law). */
  offeredLoad: number;
  /** Workers the traffic keeps up at the planning target: max(1, ceil(a / 0.8)); 0 without traffic. */
  workersNeeded: number;
  /** Workers modelled: workersNeeded capped at maxWorkers. */
  workers: number;
  /** True when maxWorkers is below workersNeeded (workers run above the 80% target). */
  cappedByMaxWorkers: boolean;
  /** True when a >= maxWorkers: the queue grows without bound; costs are then every worker busy all month. */
  overloaded: boolean;
  /** Busy share of each worker, a / workers (1 when overloaded). */
  workerUtilization: number;
  /** GPU-seconds executing requests per month. */
  executionGpuSeconds: number;
  /** All billed GPU-seconds per month (the sum of the line items' quantities). */
  billedGpuSeconds: number;
  /** Expected cold starts per month; each opens one billed worker window. */
  coldStartsPerMonth: number;
  /** Share of requests that start a worker (pCold). */
  coldStartRate: number;
  /** Share of requests that wait on a cold start (pDelayed); 0 when overloaded, where waiting is on the queue instead. */
  delayedRate: number;
  /** Share of billed GPU-time spent executing requests (executionGpuSeconds / billedGpuSeconds; 0 when nothing is billed). */
  utilization: number;
  /** monthlyUsd / servedRequestsPerMonth; null without requests. */
  usdPerRequest: number | null;
}

/**
 * Adds the four flex line items' monthly costs to a running total one item at a time, in display order,
 * exactly as summing the built line items does: floating-point addition is not associative, so the order
 * is part of the result (and a total that starts at 0 turns a -0 into 0).
 */
function addFlexItemsUsd(total: number, usdPerSecond: number, execution: number, coldStart: number, idle: number, rounding: number): number {
  return total + execution * usdPerSecond + coldStart * usdPerSecond + idle * usdPerSecond + rounding * usdPerSecond;
}

/**
 * Flex workers: billed per second from worker start (billed part of the cold start) through execution and
 * the idle-timeout tail, each window rounded up (https://docs.runpod.io/serverless/pricing).
 *
 * Model: the traffic keeps n = max(1, ceil(a / 0.8)) workers up (capped at maxWorkers) and is split evenly,
 * each worker an M/G/1 queue with setup and idle timeout at rate L / n (analyzeSingleWorker, via singleWorkerPerRequest) using the whole
 * cold start C. Money uses only the billed part: billed seconds = alive seconds minus (C - billed C) per
 * cold start. Each cold start opens one window, and a window rounded up to roundingS adds roundingS / 2 on
 * average (assuming its length's fractional part is uniform): rounding is per window, not per request.
 *
 * Checks the numbers first: non-negative, billed cold start within the cold start, a positive rounding step.
 */
export function flexFigures(profile: FlexProfile, requestsPerSecond: number): FlexFigures {
  // Each field is read once, into a local: the profile may be a caller's spread with a one-off hidden class
  // (see the performance note above), where every read is a slow lookup.
  const L = requestsPerSecond;
  const {
    execS: s,
    idleTimeoutS: T,
    coldStartS: C,
    coldStartBilledS: billedC,
    gpuCount,
    flexUsdPerSecond,
    roundingS,
    monthSeconds: month,
    maxWorkers,
  } = profile;
  requireNonNegative('requestsPerSecond', L);
  requireNonNegative('execS', s);
  requireNonNegative('idleTimeoutS', T);
  requireNonNegative('coldStartS', C);
  requireNonNegative('coldStartBilledS', billedC);
  requireNonNegative('gpuCount', gpuCount);
  requireNonNegative('flexUsdPerSecond', flexUsdPerSecond);
  requireNonNegative('monthSeconds', month);
  requireNonNegative('maxWorkers', maxWorkers);
  requireAtMost('coldStartBilledS', billedC, C, 'at most coldStartS');
  requirePositive('roundingS', roundingS);
  requireWholeCount('maxWorkers', maxWorkers);

  const offeredLoad = L * s;
  const requestsPerMonth = L * month;
  const workersNeeded = L > 0 ? Math.max(1, countToCover(offeredLoad, FLEX_TARGET_UTILIZATION)) : 0;
  const workers = Math.min(workersNeeded, maxWorkers);
  const overloaded = L > 0 && offeredLoad >= maxWorkers;

  let executionGpuSeconds = 0;
  let coldStartGpuSeconds = 0;
  let idleGpuSeconds = 0;
  let roundingGpuSeconds = 0;
  let coldStartsPerMonth = 0;
  let coldStartRate = 0;
  let delayedRate = 0;
  let servedRequestsPerMonth = requestsPerMonth;
  let workerUtilization = 0;

  if (overloaded) {
    // No steady state: every allowed worker stays up executing all month (no idle, no further starts),
    // and the backlog beyond that is never served. This is also the limit of the stable case as a -> n.
    executionGpuSeconds = workers * month * gpuCount;
    servedRequestsPerMonth = workers === 0 ? 0 : (workers * month) / s;
    workerUtilization = 1;
  } else if (L > 0) {
    // a < maxWorkers and a <= 0.8 n when not capped, so each worker's rho = a / n < 1 (stable).
    const perWorkerRate = L / workers;
    const worker = singleWorkerPerRequest(perWorkerRate, s, C, T);
    workerUtilization = perWorkerRate * s;
    coldStartRate = worker.pCold;
    delayedRate = worker.pDelayed;
    coldStartsPerMonth = requestsPerMonth * worker.pCold;
    executionGpuSeconds = requestsPerMonth * s * gpuCount;
    coldStartGpuSeconds = coldStartsPerMonth * billedC * gpuCount;
    idleGpuSeconds = requestsPerMonth * worker.idleSecondsPerRequest * gpuCount;
    roundingGpuSeconds = coldStartsPerMonth * (roundingS / 2) * gpuCount;
  }

  return {
    requestsPerMonth,
    servedRequestsPerMonth,
    offeredLoad,
    workersNeeded,
    workers,
    cappedByMaxWorkers: workersNeeded > maxWorkers,
    overloaded,
    workerUtilization,
    executionGpuSeconds,
    coldStartGpuSeconds,
    idleGpuSeconds,
    roundingGpuSeconds,
    // Summed from 0 in line-item order, as adding up the items' quantities does.
    billedGpuSeconds: 0 + executionGpuSeconds + coldStartGpuSeconds + idleGpuSeconds + roundingGpuSeconds,
    coldStartsPerMonth,
    coldStartRate,
    delayedRate,
    flexUsdPerSecond,
    monthlyUsd: addFlexItemsUsd(0, flexUsdPerSecond, executionGpuSeconds, coldStartGpuSeconds, idleGpuSeconds, roundingGpuSeconds),
  };
}

/** Appends the four flex line items (execution, cold starts, idle tails, rounding), in display order. */
export function appendFlexLineItems(target: LineItem[], flex: FlexFigures, unbilled: UnbilledItems): void {
  const price = flex.flexUsdPerSecond;
  pushLineItem(target, unbilled, 'Flex execution', GPU_SECOND, flex.executionGpuSeconds, price);
  pushLineItem(target, unbilled, 'Flex cold starts (billed part)', GPU_SECOND, flex.coldStartGpuSeconds, price);
  pushLineItem(target, unbilled, 'Flex idle-timeout tails', GPU_SECOND, flex.idleGpuSeconds, price);
  pushLineItem(target, unbilled, 'Flex rounding to whole seconds', GPU_SECOND, flex.roundingGpuSeconds, price);
}

/** The full estimate for flex figures: their line items and the ratios derived from them. */
function flexEstimateOf(flex: FlexFigures): FlexWorkersEstimate {
  const lineItems: LineItem[] = [];
  appendFlexLineItems(lineItems, flex, 'keep');
  const { monthlyUsd, servedRequestsPerMonth, executionGpuSeconds, billedGpuSeconds } = flex;
  return {
    lineItems,
    monthlyUsd,
    requestsPerMonth: flex.requestsPerMonth,
    servedRequestsPerMonth,
    offeredLoad: flex.offeredLoad,
    workersNeeded: flex.workersNeeded,
    workers: flex.workers,
    cappedByMaxWorkers: flex.cappedByMaxWorkers,
    overloaded: flex.overloaded,
    workerUtilization: flex.workerUtilization,
    executionGpuSeconds,
    billedGpuSeconds,
    coldStartsPerMonth: flex.coldStartsPerMonth,
    coldStartRate: flex.coldStartRate,
    delayedRate: flex.delayedRate,
    utilization: billedGpuSeconds > 0 ? executionGpuSeconds / billedGpuSeconds : 0,
    usdPerRequest: servedRequestsPerMonth > 0 ? monthlyUsd / servedRequestsPerMonth : null,
  };
}

/**
 * A caller's flex settings copied into one fixed shape (FlexProfile's keys in order, as flexProfileOf in
 * endpoint/workload.ts builds them). The public entry points pass this to flexFigures rather than the caller's
 * object: inputs built by spreads each have their own hidden class (see the performance note above), and if
 * flexFigures saw them its property reads would turn megamorphic, slowing every other caller (compare) too.
 */
function fixedShapeProfile(input: FlexProfile): FlexProfile {
  return {
    execS: input.execS,
    idleTimeoutS: input.idleTimeoutS,
    coldStartS: input.coldStartS,
    coldStartBilledS: input.coldStartBilledS,
    gpuCount: input.gpuCount,
    flexUsdPerSecond: input.flexUsdPerSecond,
    roundingS: input.roundingS,
    monthSeconds: input.monthSeconds,
    maxWorkers: input.maxWorkers,
  };
}

/** Flex workers' monthly cost and behaviour: see flexFigures for the model. */
export function estimateFlexWorkers(input: FlexWorkersInput): FlexWorkersEstimate {
  return flexEstimateOf(flexFigures(fixedShapeProfile(input), input.requestsPerSecond));
}

// ---------------------------------------------------------------------------------------- active workers

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
  const lineItems = [makeLineItem('Active workers (always on)', GPU_SECOND, billedGpuSeconds, activeUsdPerSecond)];
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
    pushLineItem(target, unbilled, 'Active workers (always on)', GPU_SECOND, endpoint.activeGpuSeconds, endpoint.activeUsdPerSecond);
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

// ------------------------------------------------------------------------------------------------- pods

/** Storage prices of a pod, USD per GB per month (catalog storage.podContainerDisk etc.). */
export interface PodStorageRates {
  /** Container disk while the pod runs (nothing when stopped: it is erased). */
  containerDiskUsdPerGBMonth: number;
  /** Volume disk while the pod runs. */
  volumeRunningUsdPerGBMonth: number;
  /** Volume disk while the pod is stopped. */
  volumeStoppedUsdPerGBMonth: number;
}

const podStorageRatesByCatalog = new WeakMap<Catalog, PodStorageRates>();

/** The catalog's pod storage prices, gathered once per catalog (every comparison's pods share them). */
export function podStorageRatesOf(catalog: Catalog): PodStorageRates {
  let rates = podStorageRatesByCatalog.get(catalog);
  if (rates === undefined) {
    rates = {
      containerDiskUsdPerGBMonth: catalog.storage.podContainerDisk.usdPerGBMonth,
      volumeRunningUsdPerGBMonth: catalog.storage.podVolumeRunning.usdPerGBMonth,
      volumeStoppedUsdPerGBMonth: catalog.storage.podVolumeStopped.usdPerGBMonth,
    };
    podStorageRatesByCatalog.set(catalog, rates);
  }
  return rates;
}

/** Pods of one GPU type, run for some hours every day. */
export interface PodsInput {
  /** Number of pods. */
  count: number;
  /** GPUs per pod. */
  gpuCount: number;
  /** On-demand price per GPU-hour, Secure or Community as chosen by the caller. */
  usdPerHour: number;
  /** Savings-plan discount on GPU compute (fraction; 0 = none). */
  savingsPlanDiscount: number;
  /** Hours each pod runs per day, 0-24; one session a day. */
  hoursPerDay: number;
  /** Container disk per pod, GB. */
  containerDiskGB: number;
  /** Volume disk per pod, GB. */
  volumeDiskGB: number;
  /** Storage prices. */
  storage: PodStorageRates;
  /** Pod billing granularity, seconds (catalog billing.pods.granularity.granularityS). */
  granularityS: number;
  /** Seconds in the model month. */
  monthSeconds: number;
}

/** Monthly cost of pods. */
export interface PodsEstimate extends CostEstimate {
  /** Seconds each pod is billed as running per month (daily sessions rounded up to the granularity). */
  runningSecondsPerMonth: number;
  /** Share of the month each pod runs (the rest it is stopped and pays only the stopped volume rate). */
  runningFraction: number;
  /** GPU-seconds billed per month across all pods. */
  billedGpuSeconds: number;
  /** Effective compute price per GPU-hour after the savings plan. */
  effectiveUsdPerHour: number;
}

/** Pods without their GPU price: Secure, Community and savings-plan pods of one workload share all of it. */
export type PodFleetInput = Omit<PodsInput, 'usdPerHour' | 'savingsPlanDiscount'>;

/** A pod fleet's billed quantities, which do not depend on the GPU price (see discountedUsdPerHour). */
export interface PodFleet {
  /** Quantity of `Pod compute`, GPU-hours per month. */
  computeGpuHours: number;
  /** Quantity of `Pod container disk`, GB-months. */
  containerDiskGBMonths: number;
  /** Quantity of `Pod volume disk (running)`, GB-months. */
  volumeRunningGBMonths: number;
  /** Quantity of `Pod volume disk (stopped)`, GB-months. */
  volumeStoppedGBMonths: number;
  storage: PodStorageRates;
  runningSecondsPerMonth: number;
  runningFraction: number;
  billedGpuSeconds: number;
}

/**
 * Pods bill compute and storage while running, and only the volume disk (at a higher rate) while
 * stopped (https://docs.runpod.io/pods/pricing). Each day's session is rounded up to the billing
 * granularity; the month has monthSeconds / 86400 days. Storage prices are per GB per model month.
 */
export function podFleet(input: PodFleetInput): PodFleet {
  const { count, gpuCount, hoursPerDay, containerDiskGB, volumeDiskGB, storage, granularityS, monthSeconds: month } = input;
  requireNonNegative('count', count);
  requireNonNegative('gpuCount', gpuCount);
  requireNonNegative('hoursPerDay', hoursPerDay);
  requireNonNegative('containerDiskGB', containerDiskGB);
  requireNonNegative('volumeDiskGB', volumeDiskGB);
  requireNonNegative('monthSeconds', month);
  requireNonNegative('containerDiskUsdPerGBMonth', storage.containerDiskUsdPerGBMonth);
  requireNonNegative('volumeRunningUsdPerGBMonth', storage.volumeRunningUsdPerGBMonth);
  requireNonNegative('volumeStoppedUsdPerGBMonth', storage.volumeStoppedUsdPerGBMonth);
  requireAtMost('hoursPerDay', hoursPerDay, 24, 'at most 24');
  requirePositive('granularityS', granularityS);

  const sessionS = hoursPerDay * SECONDS_PER_HOUR;
  // A pod up all day never stops, so there is no daily session to round (and a day cannot exceed 24 h).
  const billedSessionS = Math.min(countToCover(sessionS, granularityS) * granularityS, SECONDS_PER_DAY);
  const runningFraction = billedSessionS / SECONDS_PER_DAY;
  const runningSecondsPerMonth = runningFraction * month;
  return {
    computeGpuHours: (count * gpuCount * runningSecondsPerMonth) / SECONDS_PER_HOUR,
    containerDiskGBMonths: count * containerDiskGB * runningFraction,
    volumeRunningGBMonths: count * volumeDiskGB * runningFraction,
    volumeStoppedGBMonths: count * volumeDiskGB * (1 - runningFraction),
    storage,
    runningSecondsPerMonth,
    runningFraction,
    billedGpuSeconds: count * gpuCount * runningSecondsPerMonth,
  };
}

/** The GPU-hour price after a savings plan, which discounts GPU compute only (not storage). */
export function discountedUsdPerHour(usdPerHour: number, savingsPlanDiscount: number): number {
  requireNonNegative('usdPerHour', usdPerHour);
  requireFraction('savingsPlanDiscount', savingsPlanDiscount);
  return usdPerHour * (1 - savingsPlanDiscount);
}

/** Appends a fleet's four line items (compute, container disk, volume running, volume stopped) at a GPU-hour price. */
export function appendPodLineItems(target: LineItem[], fleet: PodFleet, effectiveUsdPerHour: number, unbilled: UnbilledItems): void {
  const { storage } = fleet;
  pushLineItem(target, unbilled, 'Pod compute', 'GPU-hour', fleet.computeGpuHours, effectiveUsdPerHour);
  pushLineItem(target, unbilled, 'Pod container disk', 'GB-month', fleet.containerDiskGBMonths, storage.containerDiskUsdPerGBMonth);
  pushLineItem(target, unbilled, 'Pod volume disk (running)', 'GB-month', fleet.volumeRunningGBMonths, storage.volumeRunningUsdPerGBMonth);
  pushLineItem(target, unbilled, 'Pod volume disk (stopped)', 'GB-month', fleet.volumeStoppedGBMonths, storage.volumeStoppedUsdPerGBMonth);
}

/** A fleet's monthly cost at a GPU-hour price: all four items (listed or not), summed from 0 in line-item order. */
export function podFleetMonthlyUsd(fleet: PodFleet, effectiveUsdPerHour: number): number {
  const { storage } = fleet;
  return (
    0 +
    fleet.computeGpuHours * effectiveUsdPerHour +
    fleet.containerDiskGBMonths * storage.containerDiskUsdPerGBMonth +
    fleet.volumeRunningGBMonths * storage.volumeRunningUsdPerGBMonth +
    fleet.volumeStoppedGBMonths * storage.volumeStoppedUsdPerGBMonth
  );
}

/** Monthly cost of pods: podFleet's quantities at the input's price after any savings plan. */
export function estimatePods(input: PodsInput): PodsEstimate {
  const fleet = podFleet(input);
  const effectiveUsdPerHour = discountedUsdPerHour(input.usdPerHour, input.savingsPlanDiscount);
  const lineItems: LineItem[] = [];
  appendPodLineItems(lineItems, fleet, effectiveUsdPerHour, 'keep');
  return {
    lineItems,
    monthlyUsd: podFleetMonthlyUsd(fleet, effectiveUsdPerHour),
    runningSecondsPerMonth: fleet.runningSecondsPerMonth,
    runningFraction: fleet.runningFraction,
    billedGpuSeconds: fleet.billedGpuSeconds,
    effectiveUsdPerHour,
  };
}

/** Pods needed to carry the traffic at a target busy share (Little's law with headroom): max(1, ceil(L s / target)). */
export function podsNeeded(
  requestsPerSecond: number,
  execS: number,
  targetUtilization: number = FLEX_TARGET_UTILIZATION,
): number {
  requireNonNegative('requestsPerSecond', requestsPerSecond);
  requireNonNegative('execS', execS);
  requirePositiveFraction('targetUtilization', targetUtilization);
  return Math.max(1, countToCover(requestsPerSecond * execS, targetUtilization));
}

// ------------------------------------------------------------------------------------------ network volume

/** One price tier of a network volume, as in the catalog (storage.networkVolume.tiers). */
export type NetworkVolumeTier = Pick<Catalog['storage']['networkVolume']['tiers'][number], 'upToGB' | 'usdPerGBMonth'>;

/** A network volume's size and the catalog's price tiers. */
export interface NetworkVolumeInput {
  /** Provisioned size, GB (billed whether or not anything is attached). */
  sizeGB: number;
  /** Price tiers, ascending; upToGB is cumulative and null on the last tier. */
  tiers: readonly NetworkVolumeTier[];
}

/** Names a tier by its GB range, e.g. `first 1000 GB`, `1000-2000 GB`, `over 1000 GB`. */
function describeTier(fromGB: number, upToGB: number | null): string {
  if (upToGB === null) return fromGB === 0 ? 'all GB' : `over ${fromGB} GB`;
  return fromGB === 0 ? `first ${upToGB} GB` : `${fromGB}-${upToGB} GB`;
}

/**
 * Network volumes are priced in tiers on the provisioned size: $0.07/GB/month for the first 1000 GB and
 * $0.05 beyond (https://docs.runpod.io/storage/network-volumes). One line item per tier the size reaches.
 */
export function estimateNetworkVolume(input: NetworkVolumeInput): CostEstimate {
  requireNonNegative('sizeGB', input.sizeGB);
  const lineItems: LineItem[] = [];
  let fromGB = 0;
  for (const tier of input.tiers) {
    const toGB = tier.upToGB === null ? input.sizeGB : Math.min(input.sizeGB, tier.upToGB);
    const quantity = toGB - fromGB;
    if (quantity > 0) {
      const name = `Network volume (${describeTier(fromGB, tier.upToGB)})`;
      lineItems.push(makeLineItem(name, 'GB-month', quantity, tier.usdPerGBMonth));
    }
    if (tier.upToGB === null || input.sizeGB <= tier.upToGB) break;
    fromGB = tier.upToGB;
  }
  return { lineItems, monthlyUsd: sumMonthlyUsd(lineItems) };
}

// ------------------------------------------------------------------------------------------- break-even

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
 * bisection over [0, max] alone) matters because the flex cost curve is not strictly monotone: it jumps up
 * where the worker count steps (a crosses a multiple of 0.8), and more traffic can keep workers warm and so
 * save per-window rounding. Without rounding it is non-decreasing (a property the tests check).
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

/** Monthly flex cost of a profile at a daily request count. */
function flexMonthlyUsdAt(flex: FlexProfile, requestsPerDay: number): number {
  return flexFigures(flex, requestsPerDay / SECONDS_PER_DAY).monthlyUsd;
}

/**
 * Requests per day at which the flex endpoint's full monthly cost (cold starts, tails, rounding included)
 * first reaches a constant monthly cost such as a pod's; null if it does not within [0, maxRequestsPerDay].
 */
export function breakEvenRequestsPerDay(flex: FlexProfile, otherMonthlyUsd: number, maxRequestsPerDay: number): number | null {
  requireNonNegative('otherMonthlyUsd', otherMonthlyUsd);
  requireNonNegative('maxRequestsPerDay', maxRequestsPerDay);
  const profile = fixedShapeProfile(flex);
  return findFirstCrossing((x) => flexMonthlyUsdAt(profile, x) - otherMonthlyUsd, maxRequestsPerDay);
}

/**
 * Requests per day at which a pure flex endpoint first costs as much as the same endpoint with `active`
 * always-on workers (whose overflow still goes to flex); null if not within [0, maxRequestsPerDay].
 */
export function breakEvenRequestsPerDayVsActive(
  flex: FlexProfile,
  active: ServerlessInput['active'],
  maxRequestsPerDay: number,
): number | null {
  requireNonNegative('maxRequestsPerDay', maxRequestsPerDay);
  const profile = fixedShapeProfile(flex);
  const withActiveAt = (requestsPerDay: number): number =>
    serverlessFigures(profile, requestsPerDay / SECONDS_PER_DAY, active.count, active.activeUsdPerSecond).monthlyUsd;
  return findFirstCrossing((x) => flexMonthlyUsdAt(profile, x) - withActiveAt(x), maxRequestsPerDay);
}
