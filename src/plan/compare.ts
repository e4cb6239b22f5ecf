// `compare`: one workload priced every way RunPod sells the GPU: flex only, flex with always-on
// workers, and as many pods (Secure, Community, savings plan) as the traffic needs.
import type { Catalog } from '../catalog/schema.js';
import {
  estimateNetworkVolume,
  estimatePods,
  estimateServerless,
  monthSeconds,
  podsNeeded,
  type LineItem,
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

/** Prices the workload every way: pure function of the catalog and the workload. */
export function compareOptions(catalog: Catalog, workload: Workload): Comparison {
  const month = monthSeconds(workload.monthHours);
  const L = workload.requestsPerSecond;
  const requestsPerMonth = L * month;
  const daysPerMonth = month / SECONDS_PER_DAY;
  const flex = { ...flexProfileOf(workload, catalog), requestsPerSecond: L };
  const volume = workload.networkVolumeGB > 0 ? estimateNetworkVolume({ sizeGB: workload.networkVolumeGB, tiers: catalog.storage.networkVolume.tiers }) : null;
  const perRequest = (monthlyUsd: number) => (requestsPerMonth > 0 ? monthlyUsd / requestsPerMonth : null);

  const options: PricedOption[] = [];
  const unpriced: UnpricedOption[] = [];
  const serverless = (id: OptionId, activeCount: number, shape: string) => {
    const estimate = estimateServerless({ active: { count: activeCount, activeUsdPerSecond: workload.activeUsdPerSecond }, flex });
    const lineItems = [...estimate.lineItems.filter((item) => item.quantity > 0), ...(volume?.lineItems ?? [])];
    const monthlyUsd = estimate.monthlyUsd + (volume?.monthlyUsd ?? 0);
    options.push({
      id,
      shape,
      monthlyUsd,
      dailyUsd: monthlyUsd / daysPerMonth,
      usdPerRequest: perRequest(monthlyUsd),
      usdPer1000Requests: requestsPerMonth > 0 ? (monthlyUsd / requestsPerMonth) * 1000 : null,
      billedGpuHours: estimate.billedGpuSeconds / SECONDS_PER_HOUR,
      utilization: estimate.utilization,
      coldStartRate: estimate.coldStartRate,
      overloaded: estimate.overloaded,
      lineItems,
    });
  };
  serverless('flex', 0, `up to ${workload.maxWorkers} flex workers`);
  const active = Math.max(1, workload.activeWorkers);
  serverless('flex-active', active, `${active} active + up to ${workload.maxWorkers} flex workers`);

  const podCount = podsNeeded(L, workload.execS);
  const pod = (id: OptionId, usdPerHour: number | null, discount: number) => {
    if (usdPerHour === null) {
      unpriced.push({ id, reason: 'no-pod-price' });
      return;
    }
    const estimate = estimatePods({
      count: podCount,
      gpuCount: workload.gpuCount,
      usdPerHour,
      savingsPlanDiscount: discount,
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
    const executionGpuSeconds = requestsPerMonth * workload.execS * workload.gpuCount;
    options.push({
      id,
      shape: `${podCount} pod${podCount === 1 ? '' : 's'} x ${workload.pod.gpuName ?? workload.gpu.poolId}`,
      monthlyUsd: estimate.monthlyUsd,
      dailyUsd: estimate.monthlyUsd / daysPerMonth,
      usdPerRequest: perRequest(estimate.monthlyUsd),
      usdPer1000Requests: requestsPerMonth > 0 ? (estimate.monthlyUsd / requestsPerMonth) * 1000 : null,
      billedGpuHours: estimate.billedGpuSeconds / SECONDS_PER_HOUR,
      utilization: estimate.billedGpuSeconds > 0 ? Math.min(1, executionGpuSeconds / estimate.billedGpuSeconds) : 0,
      coldStartRate: 0,
      overloaded: L * workload.execS >= podCount,
      lineItems: estimate.lineItems.filter((item) => item.quantity > 0),
    });
  };
  pod('pod-secure', workload.pod.secureUsdPerHour, 0);
  pod('pod-community', workload.pod.communityUsdPerHour, 0);
  if (workload.savingsPlanDiscount !== null) pod('pod-savings-plan', workload.pod.secureUsdPerHour, workload.savingsPlanDiscount);

  return { requestsPerMonth, offeredLoad: L * workload.execS, podCount, options, unpriced, cheapest: findCheapest(options) };
}

// Options that cannot serve the traffic are never "cheapest": a cheap bill for dropped requests is no saving.
function findCheapest(options: PricedOption[]): Comparison['cheapest'] {
  const ranked = options.filter((option) => !option.overloaded).sort((a, b) => a.monthlyUsd - b.monthlyUsd);
  const [first, second] = ranked;
  if (first === undefined) return null;
  return { id: first.id, savingUsd: second === undefined ? 0 : second.monthlyUsd - first.monthlyUsd, nextId: second?.id ?? null };
}
