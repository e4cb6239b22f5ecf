// Flex (scale-to-zero) serverless workers: billed per second from worker start (the billed part of the cold
// start) through execution and the idle-timeout tail, each window rounded up. The endpoint model
// (./serverless.ts) prices flex workers on the active workers' overflow with these functions.
//
// Billing rules: the shared reference runpod-billing-facts.md, from https://docs.runpod.io/serverless/pricing
// and https://docs.runpod.io/serverless/endpoints/endpoint-configurations. Queueing formulas: ./queueing.ts.
// The figures are the analytic approximation (Poisson traffic, closed forms); the simulator is exact.
import { countToCover, FLEX_TARGET_UTILIZATION } from './capacity.js';
import { requireAtMost, requireNonNegative, requirePositive, requireWholeCount } from './guards.js';
import {
  FLEX_COLD_STARTS_ITEM,
  FLEX_EXECUTION_ITEM,
  FLEX_IDLE_TAILS_ITEM,
  FLEX_ROUNDING_ITEM,
  GPU_SECOND,
  pushLineItem,
  type CostEstimate,
  type LineItem,
  type UnbilledItems,
} from './line-items.js';
import { singleWorkerPerRequest } from './queueing.js';

// Performance note. The model is evaluated in sweeps (bench/cost counts compare evaluations per second), so
// the figures are computed once into small fixed-shape objects (FlexFigures, ServerlessFigures, PodFleet)
// that compare and the break-even search use directly; the estimate* functions wrap them with line items and
// ratios. Inputs are never rebuilt with a spread such as `{ ...profile, requestsPerSecond }`: in Node 20 an
// object spread that adds a key gets a new hidden class on every call (measured at about 2 us a spread), and
// every later property read on it is then a slow lookup. The traffic rate is passed as its own argument.


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
export function addFlexItemsUsd(total: number, usdPerSecond: number, execution: number, coldStart: number, idle: number, rounding: number): number {
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
  pushLineItem(target, unbilled, FLEX_EXECUTION_ITEM, GPU_SECOND, flex.executionGpuSeconds, price);
  pushLineItem(target, unbilled, FLEX_COLD_STARTS_ITEM, GPU_SECOND, flex.coldStartGpuSeconds, price);
  pushLineItem(target, unbilled, FLEX_IDLE_TAILS_ITEM, GPU_SECOND, flex.idleGpuSeconds, price);
  pushLineItem(target, unbilled, FLEX_ROUNDING_ITEM, GPU_SECOND, flex.roundingGpuSeconds, price);
}

/** The full estimate for flex figures: their line items and the ratios derived from them. */
export function flexEstimateOf(flex: FlexFigures): FlexWorkersEstimate {
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
 * decisions/workload.ts builds them). The public entry points pass this to flexFigures rather than the caller's
 * object: inputs built by spreads each have their own hidden class (see the performance note above), and if
 * flexFigures saw them its property reads would turn megamorphic, slowing every other caller (compare) too.
 */
export function fixedShapeProfile(input: FlexProfile): FlexProfile {
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
