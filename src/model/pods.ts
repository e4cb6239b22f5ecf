// The pod cost model: pods of one GPU type run some hours a day, billed for compute and storage while running
// and for the volume disk alone (at the stopped rate) the rest of the day; savings plans; and how many pods a
// load needs. Monthly line items in Infracost's shape (./line-items.ts); seconds for time, USD for money.
// Billing rules: the shared reference runpod-billing-facts.md, from https://docs.runpod.io/pods/pricing.
//
// For speed, a fleet's billed quantities are one small fixed-shape object (PodFleet) that the Secure,
// Community and savings-plan prices of one comparison share (objects built by spreads each get their own
// hidden class, and property reads on many shapes turn slow).
import type { PodStorageRates } from '../catalog/rates.js';
import { countToCover, FLEX_TARGET_UTILIZATION } from './capacity.js';
import { requireAtMost, requireFraction, requireNonNegative, requirePositive, requirePositiveFraction } from './guards.js';
import {
  GB_MONTH,
  GPU_HOUR,
  POD_COMPUTE_ITEM,
  POD_CONTAINER_DISK_ITEM,
  POD_VOLUME_RUNNING_ITEM,
  POD_VOLUME_STOPPED_ITEM,
  SECONDS_PER_DAY,
  SECONDS_PER_HOUR,
  pushLineItem,
  type CostEstimate,
  type LineItem,
  type UnbilledItems,
} from './line-items.js';

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
  pushLineItem(target, unbilled, POD_COMPUTE_ITEM, GPU_HOUR, fleet.computeGpuHours, effectiveUsdPerHour);
  pushLineItem(target, unbilled, POD_CONTAINER_DISK_ITEM, GB_MONTH, fleet.containerDiskGBMonths, storage.containerDiskUsdPerGBMonth);
  pushLineItem(target, unbilled, POD_VOLUME_RUNNING_ITEM, GB_MONTH, fleet.volumeRunningGBMonths, storage.volumeRunningUsdPerGBMonth);
  pushLineItem(target, unbilled, POD_VOLUME_STOPPED_ITEM, GB_MONTH, fleet.volumeStoppedGBMonths, storage.volumeStoppedUsdPerGBMonth);
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
