// Users name GPUs every way the console, the API and forums do: `ADA_24`, `24 GB PRO`, `RTX 4090`,
// `rtx4090`, `4090`, `H100 SXM`. All of them resolve here to one serverless pool (and, where the name is
// specific enough, one GPU model with its pod prices).
import type { Catalog, Gpu, PodPrice, ServerlessClass } from './schema.js';
import { InputError } from '../input/error.js';
import { LIMITS } from '../input/limits.js';
import { byCodeUnits } from '../input/order.js';

/** A GPU name resolved against the catalog. */
export interface GpuMatch {
  poolId: string;
  pool: ServerlessClass;
  /** The GPU model, when the query named one (or the pool has only one). */
  gpuName: string | undefined;
  gpu: Gpu | undefined;
}

export type GpuLookup = { ok: true; match: GpuMatch } | { ok: false; reason: 'unknown' | 'ambiguous'; candidates: string[] };

/** Lowercase letters and digits only, without vendor words: `NVIDIA GeForce RTX 4090` -> `rtx4090`. */
export function normalizeGpuName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\b(nvidia|geforce)\b/g, '')
    .replace(/[^a-z0-9]/g, '');
}

interface Entry {
  key: string;
  display: string;
  poolId: string;
  gpuName: string | undefined;
}

// Sweeps look the same names up thousands of times in one catalog: build its index once.
const entriesByCatalog = new WeakMap<Catalog, Entry[]>();
const lookupsByCatalog = new WeakMap<Catalog, Map<string, GpuLookup>>();

function entriesOf(catalog: Catalog): Entry[] {
  const cached = entriesByCatalog.get(catalog);
  if (cached !== undefined) return cached;
  const entries = buildEntries(catalog);
  entriesByCatalog.set(catalog, entries);
  return entries;
}

function buildEntries(catalog: Catalog): Entry[] {
  const entries: Entry[] = [];
  for (const [poolId, pool] of Object.entries(catalog.serverless)) {
    const single = pool.gpus.length === 1 ? pool.gpus[0] : undefined;
    entries.push({ key: normalizeGpuName(poolId), display: poolId, poolId, gpuName: single });
    entries.push({ key: normalizeGpuName(pool.label), display: pool.label, poolId, gpuName: single });
    for (const gpuName of pool.gpus) {
      const gpu = catalog.gpus[gpuName];
      for (const name of [gpuName, ...(gpu?.aliases ?? [])]) {
        entries.push({ key: normalizeGpuName(name), display: gpuName, poolId, gpuName });
      }
    }
  }
  return entries;
}

/** Resolves a GPU query: exact names first, then a unique partial match (`4090`, `a6000`). */
export function findGpu(catalog: Catalog, query: string): GpuLookup {
  let lookups = lookupsByCatalog.get(catalog);
  if (lookups === undefined) {
    lookups = new Map();
    lookupsByCatalog.set(catalog, lookups);
  }
  const known = lookups.get(query);
  if (known !== undefined) return known;
  const result = lookUp(catalog, query);
  lookups.set(query, result);
  return result;
}

function lookUp(catalog: Catalog, query: string): GpuLookup {
  const key = normalizeGpuName(query);
  const entries = entriesOf(catalog);
  if (key === '') return { ok: false, reason: 'unknown', candidates: closestNames(entries, key) };

  const exact = entries.filter((entry) => entry.key === key);
  const partial = exact.length > 0 ? exact : entries.filter((entry) => containsWhole(entry.key, key));
  const pools = new Set(partial.map((entry) => entry.poolId));
  if (pools.size === 1) {
    const [poolId] = pools;
    const gpuNames = new Set(partial.map((entry) => entry.gpuName));
    const gpuName = gpuNames.size === 1 ? [...gpuNames][0] : undefined;
    return { ok: true, match: toMatch(catalog, poolId as string, gpuName) };
  }
  if (pools.size > 1) {
    return { ok: false, reason: 'ambiguous', candidates: unique(partial.map((entry) => entry.display)).slice(0, 8) };
  }
  return { ok: false, reason: 'unknown', candidates: closestNames(entries, key) };
}

// A partial match may not cut through a number: `4090` is in `rtx4090`, but `a10` (a real GPU, not
// in the catalog) must not silently become the A100 by matching the start of `a100pcie`.
function containsWhole(name: string, part: string): boolean {
  const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
  for (let at = name.indexOf(part); at !== -1; at = name.indexOf(part, at + 1)) {
    const cutsBefore = isDigit(part[0]) && isDigit(name[at - 1]);
    const cutsAfter = isDigit(part[part.length - 1]) && isDigit(name[at + part.length]);
    if (!cutsBefore && !cutsAfter) return true;
  }
  return false;
}

function toMatch(catalog: Catalog, poolId: string, gpuName: string | undefined): GpuMatch {
  const pool = catalog.serverless[poolId] as ServerlessClass;
  return { poolId, pool, gpuName, gpu: gpuName === undefined ? undefined : catalog.gpus[gpuName] };
}

/** The pool a GPU model belongs to, if any. */
export function poolOfGpu(catalog: Catalog, gpuName: string): string | undefined {
  return Object.entries(catalog.serverless).find(([, pool]) => pool.gpus.includes(gpuName))?.[0];
}

function closestNames(entries: Entry[], key: string, count = 3): string[] {
  const scored = new Map<string, number>();
  for (const entry of entries) {
    const distance = editDistance(key, entry.key);
    const best = scored.get(entry.display);
    if (best === undefined || distance < best) scored.set(entry.display, distance);
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || byCodeUnits(a[0], b[0]))
    .slice(0, count)
    .map(([display]) => display);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Levenshtein distance: small inputs only (GPU names), so the plain O(n*m) table is fine. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * A GPU by pool id, console label or name; an unknown or ambiguous name is an InputError at the path
 * `gpu` with the closest candidates (the edge says where that path was written).
 */
export function resolveGpu(catalog: Catalog, query: string): GpuMatch {
  // A name is matched on its letters and digits alone, so a broken byte (U+FFFD) or a control character
  // would vanish and still find a GPU: refused, like a name long past any GPU's (the closest-name search
  // is quadratic in the length).
  if (query.length > LIMITS.nameLength.max) throw new InputError(`expected a GPU name of at most ${LIMITS.nameLength.max} characters, got ${query.length}`, {}, 'gpu');
  if (/[\u0000-\u001f\u007f-\u009f\ufffd]/.test(query)) {
    throw new InputError('expected a GPU name of printable characters; this one holds a control character or an invalid byte', {}, 'gpu');
  }
  const result = findGpu(catalog, query);
  if (result.ok) return result.match;
  const list = result.candidates.join(', ');
  const message =
    result.reason === 'ambiguous'
      ? `"${query}" matches GPUs in several classes: ${list}; name one (see runpod-plan gpus)`
      : `unknown GPU "${query}"; closest: ${list} (see runpod-plan gpus)`;
  throw new InputError(message, {}, 'gpu');
}

/** The GPU a pod option of one cloud runs on, and its price. */
export interface PodCloudChoice {
  gpuName: string;
  usdPerHour: number;
  /** When the price was read (YYYY-MM-DD or YYYY-MM); for the user's price, the catalog's date of the GPU's record. */
  retrieved: string;
  /** The user's price (--pod-rate) rather than the catalog's. */
  fromUser: boolean;
}

/** The pod options of a GPU class, one per cloud; null where no GPU of the class has a price in that cloud. */
export interface PodChoice {
  secure: PodCloudChoice | null;
  community: PodCloudChoice | null;
}

/**
 * The GPU pods run on in each cloud: the one the user named, else the class's GPU with the cheapest
 * known price in that cloud (a pod is rented as a specific GPU model, and the cheapest one differs by
 * cloud: a class keeps its Community option when its cheapest Secure GPU has none). A Secure price the
 * user gives (--pod-rate) applies to the GPU named, else to the class's cheapest Secure GPU (else its first).
 */
export function choosePodGpu(catalog: Catalog, gpu: GpuMatch, secureOverrideUsdPerHour: number | undefined): PodChoice {
  const names = gpu.gpuName === undefined ? gpu.pool.gpus : [gpu.gpuName];
  const priced = names.map((name) => ({ name, pod: catalog.gpus[name]?.pod })).filter((entry) => entry.pod !== undefined) as { name: string; pod: PodPrice }[];
  const cheapestIn = (priceOf: (pod: PodPrice) => number | null): PodCloudChoice | null => {
    let best: PodCloudChoice | null = null;
    for (const { name, pod } of priced) {
      const usdPerHour = priceOf(pod);
      if (usdPerHour === null) continue;
      if (best === null || usdPerHour < best.usdPerHour || (usdPerHour === best.usdPerHour && byCodeUnits(name, best.gpuName) < 0)) {
        best = { gpuName: name, usdPerHour, retrieved: pod.retrieved, fromUser: false };
      }
    }
    return best;
  };
  const secure = cheapestIn((pod) => pod.secureUsdPerHour);
  const community = cheapestIn((pod) => pod.communityUsdPerHour);
  if (secureOverrideUsdPerHour === undefined) return { secure, community };
  const gpuName = secure?.gpuName ?? gpu.gpuName ?? (names[0] as string);
  const retrieved = catalog.gpus[gpuName]?.pod?.retrieved ?? catalog.gpus[gpuName]?.retrieved ?? catalog.asOf;
  return { secure: { gpuName, usdPerHour: secureOverrideUsdPerHour, retrieved, fromUser: true }, community };
}
