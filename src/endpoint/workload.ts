// A workload as the cost commands see it: one GPU class, Poisson traffic, a mean execution time, the
// endpoint's settings and the prices that apply, all resolved from the catalog and the user's flags.
import type { GpuMatch } from '../catalog/lookup.js';
import type { Catalog } from '../catalog/schema.js';
import type { FlexProfile } from '../model/flex-workers.js';
import { monthSeconds } from '../model/line-items.js';

/** Everything the cost model needs about one workload, with units in the names. */
export interface Workload {
  gpu: GpuMatch;
  /** GPUs per worker or pod. */
  gpuCount: number;
  /** Mean Poisson arrival rate. */
  requestsPerSecond: number;
  /** Mean execution time of one request. */
  execS: number;
  idleTimeoutS: number;
  /** Most flex workers the endpoint may run. */
  maxWorkers: number;
  /** Always-on workers of the "flex + active" option. */
  activeWorkers: number;
  /** The whole cold start (latency) and its billed part (money). */
  coldStartS: number;
  coldStartBilledS: number;
  monthHours: number;
  /** Active rate per GPU-second: the user's, else the catalog's, else the flex rate (see activeRateSource). */
  activeUsdPerSecond: number;
  activeRateSource: 'user' | 'catalog' | 'flex-fallback';
  /** Pod prices per GPU-hour for the GPU the pods use; null where not offered. */
  pod: PodChoice;
  /** Savings-plan discount on pod compute; null when not asked for. */
  savingsPlanDiscount: number | null;
  podContainerDiskGB: number;
  podVolumeDiskGB: number;
  /** A network volume the endpoint reads weights from (0 for none). */
  networkVolumeGB: number;
}

/** The GPU model pods run on and its prices. */
export interface PodChoice {
  /** The GPU model, or null when no GPU of the class has a pod price. */
  gpuName: string | null;
  secureUsdPerHour: number | null;
  communityUsdPerHour: number | null;
  /** Whether the Secure price is the user's (--pod-rate) rather than the catalog's. */
  secureFromUser: boolean;
}

/**
 * The GPU pods use: the one the user named, else the class's GPU with the cheapest known Secure price
 * (then Community), since a pod is rented as a specific GPU model, not a class.
 */
export function choosePodGpu(catalog: Catalog, gpu: GpuMatch, secureOverrideUsdPerHour: number | undefined): PodChoice {
  const candidates = (gpu.gpuName === undefined ? gpu.pool.gpus : [gpu.gpuName])
    .map((name) => ({ name, pod: catalog.gpus[name]?.pod }))
    .filter((entry) => entry.pod !== undefined);
  const rank = (price: number | null | undefined) => price ?? Number.POSITIVE_INFINITY;
  candidates.sort(
    (a, b) =>
      rank(a.pod?.secureUsdPerHour) - rank(b.pod?.secureUsdPerHour) ||
      rank(a.pod?.communityUsdPerHour) - rank(b.pod?.communityUsdPerHour) ||
      a.name.localeCompare(b.name),
  );
  const best = candidates[0];
  return {
    gpuName: best?.name ?? (gpu.gpuName ?? null),
    secureUsdPerHour: secureOverrideUsdPerHour ?? best?.pod?.secureUsdPerHour ?? null,
    communityUsdPerHour: best?.pod?.communityUsdPerHour ?? null,
    secureFromUser: secureOverrideUsdPerHour !== undefined,
  };
}

/** The active rate that applies: the user's, the catalog's, or (unpublished) the flex rate. */
export function chooseActiveRate(gpu: GpuMatch, userUsdPerSecond: number | undefined): Pick<Workload, 'activeUsdPerSecond' | 'activeRateSource'> {
  if (userUsdPerSecond !== undefined) return { activeUsdPerSecond: userUsdPerSecond, activeRateSource: 'user' };
  if (gpu.pool.activeUsdPerSecond !== null) return { activeUsdPerSecond: gpu.pool.activeUsdPerSecond, activeRateSource: 'catalog' };
  return { activeUsdPerSecond: gpu.pool.flexUsdPerSecond, activeRateSource: 'flex-fallback' };
}

/** The flex settings of a workload without its traffic (for sweeping the traffic). */
export function flexProfileOf(workload: Workload, catalog: Catalog): FlexProfile {
  return {
    execS: workload.execS,
    idleTimeoutS: workload.idleTimeoutS,
    coldStartS: workload.coldStartS,
    coldStartBilledS: workload.coldStartBilledS,
    gpuCount: workload.gpuCount,
    flexUsdPerSecond: workload.gpu.pool.flexUsdPerSecond,
    roundingS: catalog.billing.serverless.rounding.granularityS,
    monthSeconds: monthSeconds(workload.monthHours),
    maxWorkers: workload.maxWorkers,
  };
}
