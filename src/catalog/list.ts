// The catalog as rows a user can filter and sort: serverless pools, and GPUs with pod prices.
import { poolOfGpu } from './lookup.js';
import type { Catalog, PodPrice } from './schema.js';
import { byCodeUnits } from '../input/order.js';

/** One serverless price class with its prices and the cheapest pod prices of its GPUs. */
export interface PoolListing {
  poolId: string;
  label: string;
  gpus: string[];
  vramGB: number;
  flexUsdPerSecond: number;
  /** The rate active workers are billed at: the class's own (negotiated) rate, else flex under RunPod's rule; null when neither applies. */
  activeUsdPerSecond: number | null;
  /** Whether the active rate is the class's own (`catalog`), the flex rate by RunPod's rule (`same-as-flex`), or unknown. */
  activeRateSource: 'catalog' | 'same-as-flex' | 'unpublished';
  /** 1 - active / flex; null when no active rate applies. */
  activeDiscount: number | null;
  /** Cheapest Secure Cloud on-demand price among the pool's GPUs; null when none is known. */
  podSecureUsdPerHour: number | null;
  podCommunityUsdPerHour: number | null;
  /** When the older of the two cheapest pod prices was read (YYYY-MM-DD or YYYY-MM); null without pod prices. */
  podPricesRead: string | null;
}

/** One GPU model with its pod prices. */
export interface PodListing {
  gpu: string;
  poolId: string | null;
  vramGB: number;
  secureUsdPerHour: number | null;
  communityUsdPerHour: number | null;
  retrieved: string;
}

export const SORT_KEYS = ['vram', 'flex', 'active', 'pod'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListFilter {
  /** Keep GPUs with at least this much VRAM (GB). */
  minVramGB?: number;
  /** Keep GPUs whose VRAM holds weights of this size (GB) plus `headroom`. */
  fitsGB?: number;
  /** Fraction of the weights added as headroom for `fitsGB` (activations, KV cache, CUDA context). */
  headroom: number;
}

/** The VRAM a model of `weightsGB` needs with `headroom` (0.2 = 20%). */
export function requiredVramGB(weightsGB: number, headroom: number): number {
  return weightsGB * (1 + headroom);
}

function keeps(vramGB: number, filter: ListFilter): boolean {
  if (filter.minVramGB !== undefined && vramGB < filter.minVramGB) return false;
  if (filter.fitsGB !== undefined && vramGB < requiredVramGB(filter.fitsGB, filter.headroom)) return false;
  return true;
}

/** The pod record with the lowest price by `priceOf` (ties: the first), or undefined when none has one. */
function cheapest(pods: PodPrice[], priceOf: (pod: PodPrice) => number | null): PodPrice | undefined {
  let best: PodPrice | undefined;
  for (const pod of pods) {
    const price = priceOf(pod);
    if (price !== null && (best === undefined || price < (priceOf(best) as number))) best = pod;
  }
  return best;
}

function minOf(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : Math.min(...known);
}

// Missing prices sort last; ties fall back to VRAM and the id, so the order never depends on the engine.
function byNullableAscending(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

export function listPools(catalog: Catalog, filter: ListFilter, sort: SortKey = 'vram'): PoolListing[] {
  const rows = Object.entries(catalog.serverless)
    .filter(([, pool]) => keeps(pool.vramGB, filter))
    .map(([poolId, pool]): PoolListing => {
      const pods = pool.gpus.map((name) => catalog.gpus[name]?.pod).filter((pod) => pod !== undefined);
      const secure = cheapest(pods, (pod) => pod.secureUsdPerHour);
      const community = cheapest(pods, (pod) => pod.communityUsdPerHour);
      const dates = [secure, community].filter((pod) => pod !== undefined).map((pod) => pod.retrieved);
      const sameAsFlex = catalog.billing.serverless.activeWorkers.billedAtFlexRate;
      const activeUsdPerSecond = pool.activeUsdPerSecond ?? (sameAsFlex ? pool.flexUsdPerSecond : null);
      return {
        poolId,
        label: pool.label,
        gpus: pool.gpus,
        vramGB: pool.vramGB,
        flexUsdPerSecond: pool.flexUsdPerSecond,
        activeUsdPerSecond,
        activeRateSource: pool.activeUsdPerSecond !== null ? 'catalog' : sameAsFlex ? 'same-as-flex' : 'unpublished',
        activeDiscount: activeUsdPerSecond === null ? null : 1 - activeUsdPerSecond / pool.flexUsdPerSecond,
        podSecureUsdPerHour: secure?.secureUsdPerHour ?? null,
        podCommunityUsdPerHour: community?.communityUsdPerHour ?? null,
        podPricesRead: dates.length === 0 ? null : (dates.sort(byCodeUnits)[0] as string),
      };
    });
  const key: Record<SortKey, (row: PoolListing) => number | null> = {
    vram: (row) => row.vramGB,
    flex: (row) => row.flexUsdPerSecond,
    active: (row) => row.activeUsdPerSecond,
    pod: (row) => minOf([row.podSecureUsdPerHour, row.podCommunityUsdPerHour]),
  };
  return rows.sort(
    (a, b) => byNullableAscending(key[sort](a), key[sort](b)) || a.vramGB - b.vramGB || a.flexUsdPerSecond - b.flexUsdPerSecond || byCodeUnits(a.poolId, b.poolId),
  );
}

export function listPodGpus(catalog: Catalog, filter: ListFilter, sort: SortKey = 'vram'): PodListing[] {
  const rows = Object.entries(catalog.gpus)
    .filter(([, gpu]) => gpu.pod !== undefined && keeps(gpu.vramGB, filter))
    .map(([name, gpu]): PodListing => ({
      gpu: name,
      poolId: poolOfGpu(catalog, name) ?? null,
      vramGB: gpu.vramGB,
      secureUsdPerHour: gpu.pod?.secureUsdPerHour ?? null,
      communityUsdPerHour: gpu.pod?.communityUsdPerHour ?? null,
      retrieved: gpu.pod?.retrieved ?? gpu.retrieved,
    }));
  const flexOf = (row: PodListing) => (row.poolId === null ? null : (catalog.serverless[row.poolId]?.flexUsdPerSecond ?? null));
  const activeOf = (row: PodListing) => (row.poolId === null ? null : (catalog.serverless[row.poolId]?.activeUsdPerSecond ?? null));
  const key: Record<SortKey, (row: PodListing) => number | null> = {
    vram: (row) => row.vramGB,
    flex: flexOf,
    active: activeOf,
    pod: (row) => minOf([row.secureUsdPerHour, row.communityUsdPerHour]),
  };
  return rows.sort((a, b) => byNullableAscending(key[sort](a), key[sort](b)) || a.vramGB - b.vramGB || byCodeUnits(a.gpu, b.gpu));
}
