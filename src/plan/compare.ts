// `compare`: one workload priced every way RunPod sells the GPU: flex only, flex with always-on
// workers, and as many pods (Secure, Community, savings plan) as the traffic needs.
import type { Catalog } from '../catalog/schema.js';
import {
  appendPodLineItems,
  appendServerlessLineItems,
  discountedUsdPerHour,
  estimateNetworkVolume,
  monthSeconds,
  podFleet,
  podFleetMonthlyUsd,
  podsNeeded,
  serverlessFigures,
  type CostEstimate,
  type LineItem,
  type PodFleet,
  type ServerlessFigures,
} from '../model/cost.js';
import { flexProfileOf, type Workload } from './workload.js';

export type OptionId = 'flex' | 'flex-active' | 'pod-secure' | 'pod-community' | 'pod-savings-plan';

/** One way to run the workload, priced. */
export interface PricedOption {
  id: OptionId;
  /** Workers or pods it runs: `up to 3 flex workers`, `1 active + up to 3 flex`, `2 pods x RTX 4090`. */
  shape: string;
  monthlyUsd: number;
  /** monthlyUsd over the days in the model month. */
  dailyUsd: number;
  usdPerRequest: number | null;
  usdPer1000Requests: number | null;
  billedGpuHours: number;
  /** Busy share of the billed GPU time. */
  utilization: number;
  /** Share of requests that start a worker (0 for pods and for traffic fully absorbed by active workers). */
  coldStartRate: number;
  /** The traffic is more than the option can serve (flex over max workers). */
  overloaded: boolean;
  lineItems: LineItem[];
}

/** Why an option could not be priced. */
export interface UnpricedOption {
  id: OptionId;
  reason: 'no-pod-price';
}

export interface Comparison {
  requestsPerMonth: number;
  /** Offered load in busy GPUs (Little's law). */
  offeredLoad: number;
  podCount: number;
  options: PricedOption[];
  unpriced: UnpricedOption[];
  /** The cheapest option that serves the traffic, and by how much it beats the next one. */
  cheapest: { id: OptionId; savingUsd: number; nextId: OptionId | null } | null;
}

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;

// compare runs in sweeps (bench/cost), so it builds only what it returns: each estimate is computed once into
// the model's figures (both serverless options share one flex profile, all pod options one fleet) and the
// options' line items are built directly, with no intermediate estimates, spreads, filters or closures.

/** Prices the workload every way: pure function of the catalog and the workload. */
export function compareOptions(catalog: Catalog, workload: Workload): Comparison {
  const month = monthSeconds(workload.monthHours);
  const L = workload.requestsPerSecond;
  const requestsPerMonth = L * month;
  const daysPerMonth = month / SECONDS_PER_DAY;
  const flex = flexProfileOf(workload, catalog);
  const volume = workload.networkVolumeGB > 0 ? estimateNetworkVolume({ sizeGB: workload.networkVolumeGB, tiers: catalog.storage.networkVolume.tiers }) : null;

  const options: PricedOption[] = [];
  const unpriced: UnpricedOption[] = [];
  const flexOnly = serverlessFigures(flex, L, 0, workload.activeUsdPerSecond);
  options.push(serverlessOption('flex', `up to ${workload.maxWorkers} flex workers`, flexOnly, volume, requestsPerMonth, daysPerMonth));
  const active = Math.max(1, workload.activeWorkers);
  const withActive = serverlessFigures(flex, L, active, workload.activeUsdPerSecond);
  const activeShape = `${active} active + up to ${workload.maxWorkers} flex workers`;
  options.push(serverlessOption('flex-active', activeShape, withActive, volume, requestsPerMonth, daysPerMonth));

  const podCount = podsNeeded(L, workload.execS);
  const { secureUsdPerHour, communityUsdPerHour } = workload.pod;
  // Secure, Community and savings-plan pods differ only in price, so the fleet is worked out once (and not
  // at all when no pod price is known, as then nothing about pods is priced or checked).
  const fleet: PodFleet | null =
    secureUsdPerHour === null && communityUsdPerHour === null
      ? null
      : podFleet({
          count: podCount,
          gpuCount: workload.gpuCount,
          hoursPerDay: 24,
          containerDiskGB: workload.podContainerDiskGB,
          volumeDiskGB: workload.podVolumeDiskGB,
          storage: {
            containerDiskUsdPerGBMonth: catalog.storage.podContainerDisk.usdPerGBMonth,
            volumeRunningUsdPerGBMonth: catalog.storage.podVolumeRunning.usdPerGBMonth,
            volumeStoppedUsdPerGBMonth: catalog.storage.podVolumeStopped.usdPerGBMonth,
          },
          granularityS: catalog.billing.pods.granularity.granularityS,
          monthSeconds: month,
        });
  const pods: PodTerms = {
    shape: `${podCount} pod${podCount === 1 ? '' : 's'} x ${workload.pod.gpuName ?? workload.gpu.poolId}`,
    executionGpuSeconds: requestsPerMonth * workload.execS * workload.gpuCount,
    overloaded: L * workload.execS >= podCount,
    requestsPerMonth,
    daysPerMonth,
  };
  if (fleet === null || secureUsdPerHour === null) unpriced.push({ id: 'pod-secure', reason: 'no-pod-price' });
  else options.push(podOption('pod-secure', fleet, discountedUsdPerHour(secureUsdPerHour, 0), pods));
  if (fleet === null || communityUsdPerHour === null) unpriced.push({ id: 'pod-community', reason: 'no-pod-price' });
  else options.push(podOption('pod-community', fleet, discountedUsdPerHour(communityUsdPerHour, 0), pods));
  if (workload.savingsPlanDiscount !== null) {
    if (fleet === null || secureUsdPerHour === null) unpriced.push({ id: 'pod-savings-plan', reason: 'no-pod-price' });
    else options.push(podOption('pod-savings-plan', fleet, discountedUsdPerHour(secureUsdPerHour, workload.savingsPlanDiscount), pods));
  }

  return { requestsPerMonth, offeredLoad: L * workload.execS, podCount, options, unpriced, cheapest: findCheapest(options) };
}

/** Price per request of a monthly cost, or null without requests. */
function perRequest(monthlyUsd: number, requestsPerMonth: number): number | null {
  return requestsPerMonth > 0 ? monthlyUsd / requestsPerMonth : null;
}

/** Price per 1000 requests, or null without requests. */
function per1000Requests(monthlyUsd: number, requestsPerMonth: number): number | null {
  return requestsPerMonth > 0 ? (monthlyUsd / requestsPerMonth) * 1000 : null;
}

/** A serverless option: the endpoint's billed line items, then the network volume's (billed to serverless only). */
function serverlessOption(
  id: OptionId,
  shape: string,
  endpoint: ServerlessFigures,
  volume: CostEstimate | null,
  requestsPerMonth: number,
  daysPerMonth: number,
): PricedOption {
  const lineItems: LineItem[] = [];
  appendServerlessLineItems(lineItems, endpoint, 'omit');
  if (volume !== null) for (const item of volume.lineItems) lineItems.push(item);
  const monthlyUsd = endpoint.monthlyUsd + (volume?.monthlyUsd ?? 0);
  return {
    id,
    shape,
    monthlyUsd,
    dailyUsd: monthlyUsd / daysPerMonth,
    usdPerRequest: perRequest(monthlyUsd, requestsPerMonth),
    usdPer1000Requests: per1000Requests(monthlyUsd, requestsPerMonth),
    billedGpuHours: endpoint.billedGpuSeconds / SECONDS_PER_HOUR,
    utilization: endpoint.utilization,
    coldStartRate: endpoint.coldStartRate,
    overloaded: endpoint.overloaded,
    lineItems,
  };
}

/** What every pod option of one workload shares: all but the price. */
interface PodTerms {
  shape: string;
  /** GPU-seconds the traffic keeps the pods busy per month. */
  executionGpuSeconds: number;
  /** The traffic needs more than the pods (Little's law: L * s >= pods). */
  overloaded: boolean;
  requestsPerMonth: number;
  daysPerMonth: number;
}

/** A pod option: the fleet's billed line items at a GPU-hour price (after any savings plan). */
function podOption(id: OptionId, fleet: PodFleet, effectiveUsdPerHour: number, terms: PodTerms): PricedOption {
  const lineItems: LineItem[] = [];
  appendPodLineItems(lineItems, fleet, effectiveUsdPerHour, 'omit');
  const monthlyUsd = podFleetMonthlyUsd(fleet, effectiveUsdPerHour);
  const { billedGpuSeconds } = fleet;
  return {
    id,
    shape: terms.shape,
    monthlyUsd,
    dailyUsd: monthlyUsd / terms.daysPerMonth,
    usdPerRequest: perRequest(monthlyUsd, terms.requestsPerMonth),
    usdPer1000Requests: per1000Requests(monthlyUsd, terms.requestsPerMonth),
    billedGpuHours: billedGpuSeconds / SECONDS_PER_HOUR,
    utilization: billedGpuSeconds > 0 ? Math.min(1, terms.executionGpuSeconds / billedGpuSeconds) : 0,
    coldStartRate: 0,
    overloaded: terms.overloaded,
    lineItems,
  };
}

/**
 * Options that cannot serve the traffic are never "cheapest": a cheap bill for dropped requests is no saving.
 * One pass keeps the two cheapest; ties go to the earlier option, as a stable sort by monthlyUsd would.
 */
function findCheapest(options: readonly PricedOption[]): Comparison['cheapest'] {
  let first: PricedOption | undefined;
  let second: PricedOption | undefined;
  for (const option of options) {
    if (option.overloaded) continue;
    if (first === undefined || option.monthlyUsd < first.monthlyUsd) {
      second = first;
      first = option;
    } else if (second === undefined || option.monthlyUsd < second.monthlyUsd) {
      second = option;
    }
  }
  if (first === undefined) return null;
  return { id: first.id, savingUsd: second === undefined ? 0 : second.monthlyUsd - first.monthlyUsd, nextId: second?.id ?? null };
}
