// `catalog diff`: what moved between two catalogs, per serverless pool (flex and active) and per GPU (pod
// Secure and Community), plus GPUs that changed pool. Every price in USD per GPU-hour, serverless ones
// too (per second x 3600), so a pool and a pod read side by side and match RunPod's API figures.
import { byCodeUnits } from '../input/order.js';
import type { Catalog } from './schema.js';

/** Which price of a pool or GPU. */
export type CatalogPrice = 'flex' | 'active' | 'podSecure' | 'podCommunity';

/** One price that is new, gone or different. */
export interface CatalogPriceChange {
  /** The pool id or GPU name. */
  item: string;
  itemKind: 'pool' | 'gpu';
  /** Which price; null for a GPU added or removed without any pod price. */
  price: CatalogPrice | null;
  /** `added`/`removed`: the pool, the GPU or this price exists on one side only. */
  status: 'added' | 'removed' | 'changed';
  oldUsdPerGpuHour: number | null;
  newUsdPerGpuHour: number | null;
  /** (new - old) / old; null when added, removed, or the old price was 0. */
  change: number | null;
  /** For `active`: the pool has no active price, so active workers bill at the flex rate shown. */
  oldAtFlexRate: boolean;
  newAtFlexRate: boolean;
  oldRetrieved: string | null;
  newRetrieved: string | null;
}

/** A GPU whose serverless pool differs between the catalogs (null: in no pool). */
export interface PoolMove {
  gpu: string;
  oldPool: string | null;
  newPool: string | null;
}

export interface CatalogDiff {
  changes: CatalogPriceChange[];
  moves: PoolMove[];
  /** Prices present and equal on both sides. */
  unchanged: number;
}

// Prices equal to 1e-9 of their size are the same price: 1.116 / 3600 and 0.00031 differ in the last bit.
const RELATIVE_EPSILON = 1e-9;

interface Figure {
  usdPerGpuHour: number;
  atFlexRate: boolean;
  retrieved: string;
}

/** A pool's prices per GPU-hour; a missing active price is the flex rate (RunPod bills active workers at it). */
function poolFigures(catalog: Catalog, poolId: string): Partial<Record<CatalogPrice, Figure>> {
  const pool = catalog.serverless[poolId];
  if (pool === undefined) return {};
  const flex = pool.flexUsdPerSecond * 3600;
  return {
    flex: { usdPerGpuHour: flex, atFlexRate: false, retrieved: pool.retrieved },
    active: { usdPerGpuHour: pool.activeUsdPerSecond === null ? flex : pool.activeUsdPerSecond * 3600, atFlexRate: pool.activeUsdPerSecond === null, retrieved: pool.retrieved },
  };
}

function gpuFigures(catalog: Catalog, name: string): Partial<Record<CatalogPrice, Figure>> {
  const pod = catalog.gpus[name]?.pod;
  if (pod === undefined) return {};
  const figures: Partial<Record<CatalogPrice, Figure>> = {};
  if (pod.secureUsdPerHour !== null) figures.podSecure = { usdPerGpuHour: pod.secureUsdPerHour, atFlexRate: false, retrieved: pod.retrieved };
  if (pod.communityUsdPerHour !== null) figures.podCommunity = { usdPerGpuHour: pod.communityUsdPerHour, atFlexRate: false, retrieved: pod.retrieved };
  return figures;
}

/** The prices that moved from `old` to `next`, pools first (in the new catalog's order, then removed ones), then GPUs. */
export function diffCatalogs(old: Catalog, next: Catalog): CatalogDiff {
  const changes: CatalogPriceChange[] = [];
  let unchanged = 0;
  const compare = (item: string, itemKind: 'pool' | 'gpu', prices: readonly CatalogPrice[], before: Partial<Record<CatalogPrice, Figure>>, after: Partial<Record<CatalogPrice, Figure>>, presence: 'both' | 'added' | 'removed') => {
    let rows = 0;
    for (const price of prices) {
      const a = before[price];
      const b = after[price];
      if (a === undefined && b === undefined) continue;
      const base = {
        item,
        itemKind,
        price,
        oldUsdPerGpuHour: a?.usdPerGpuHour ?? null,
        newUsdPerGpuHour: b?.usdPerGpuHour ?? null,
        oldAtFlexRate: a?.atFlexRate ?? false,
        newAtFlexRate: b?.atFlexRate ?? false,
        oldRetrieved: a?.retrieved ?? null,
        newRetrieved: b?.retrieved ?? null,
      };
      rows += 1;
      if (a === undefined) changes.push({ ...base, status: 'added', change: null });
      else if (b === undefined) changes.push({ ...base, status: 'removed', change: null });
      else if (samePrice(a.usdPerGpuHour, b.usdPerGpuHour)) unchanged += 1;
      else changes.push({ ...base, status: 'changed', change: a.usdPerGpuHour === 0 ? null : (b.usdPerGpuHour - a.usdPerGpuHour) / a.usdPerGpuHour });
    }
    // A GPU that comes or goes without a pod price still is a change.
    if (rows === 0 && presence !== 'both') {
      changes.push({ item, itemKind, price: null, status: presence, oldUsdPerGpuHour: null, newUsdPerGpuHour: null, change: null, oldAtFlexRate: false, newAtFlexRate: false, oldRetrieved: null, newRetrieved: null });
    }
  };
  const presence = (inOld: boolean, inNew: boolean) => (inOld && inNew ? 'both' : inNew ? 'added' : 'removed');

  for (const poolId of union(Object.keys(next.serverless), Object.keys(old.serverless))) {
    compare(poolId, 'pool', ['flex', 'active'], poolFigures(old, poolId), poolFigures(next, poolId), presence(poolId in old.serverless, poolId in next.serverless));
  }
  const gpus = union(Object.keys(next.gpus), Object.keys(old.gpus));
  for (const name of gpus) {
    compare(name, 'gpu', ['podSecure', 'podCommunity'], gpuFigures(old, name), gpuFigures(next, name), presence(name in old.gpus, name in next.gpus));
  }

  const oldPoolOf = poolsOfGpus(old);
  const newPoolOf = poolsOfGpus(next);
  const moves = gpus
    .map((gpu): PoolMove => ({ gpu, oldPool: oldPoolOf.get(gpu) ?? null, newPool: newPoolOf.get(gpu) ?? null }))
    .filter((move) => move.oldPool !== move.newPool);
  return { changes, moves, unchanged };
}

/**
 * The changes a `--fail-on-change` limit (a fraction: 0.05 for 5%) catches: a price that moved by more
 * than the limit either way, and anything added, removed or moved between pools, which counts as a
 * change beyond any limit.
 */
export function changesBeyond(diff: CatalogDiff, limit: number): { changes: CatalogPriceChange[]; moves: PoolMove[] } {
  return {
    changes: diff.changes.filter((change) => change.status !== 'changed' || change.change === null || Math.abs(change.change) > limit),
    moves: diff.moves,
  };
}

function samePrice(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE_EPSILON * Math.max(Math.abs(a), Math.abs(b));
}

/** The names of `first`, then those of `second` it lacks, sorted. */
function union(first: readonly string[], second: readonly string[]): string[] {
  const extra = second.filter((name) => !first.includes(name)).sort(byCodeUnits);
  return [...first, ...extra];
}

function poolsOfGpus(catalog: Catalog): Map<string, string> {
  const poolOf = new Map<string, string>();
  for (const [poolId, pool] of Object.entries(catalog.serverless)) for (const gpu of pool.gpus) poolOf.set(gpu, poolId);
  return poolOf;
}
