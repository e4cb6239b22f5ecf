// RunPod's live price list (REST API v2, `GET /v2/catalog/gpus`) as a catalog layer: the response's
// schema, and the mapping of a parsed response onto the keys of the bundled catalog. Pure: the body
// arrives parsed, the URL and today's date arrive as strings; fetching and writing are src/cli/'s.
// The response's shape: runpod/docs api-reference-v2/openapi.json, schemas ListGpuTypesResponse and GpuType.
import * as z from 'zod';
import { InputError } from '../input/error.js';
import { byCodeUnits } from '../input/order.js';
import { describeIssue } from '../input/zod-issue.js';
import { normalizeGpuName } from './lookup.js';
import type { Catalog, Gpu, PodPrice, ServerlessClass } from './schema.js';

// Objects are not strict: the API adds fields (availability, dataCenters, cudaVersions, ...) and a
// field this tool does not read must not break a refresh. The fields it reads are checked strictly.
// `manufacturer` and `maxCount`, required by the spec, are not read, so not required here either.
const usdPerGpuHour = z.number().nonnegative();

/** One GPU type of the response. Prices are USD per single GPU per hour. */
export const ApiGpuTypeSchema = z.object({
  /** RunPod's id, used to create pods (`NVIDIA GeForce RTX 4090`). */
  id: z.string().min(1),
  /** The display name (`RTX 4090`). */
  name: z.string().min(1),
  /** The serverless pool the GPU belongs to (`ADA_24`); null when it is in none. */
  pool: z.string().min(1).nullable(),
  /** VRAM in GB. */
  memory: z.number().int().positive(),
  /** Offered in Secure Cloud. */
  secure: z.boolean(),
  /** Offered in Community Cloud. */
  community: z.boolean(),
  price: z.object({
    secure: usdPerGpuHour,
    community: usdPerGpuHour,
    /** The pool's serverless list price; absent when the GPU is in no pool available to the caller. */
    serverless: usdPerGpuHour.optional(),
  }),
});

/** The response of `GET /v2/catalog/gpus`: at least one GPU type. */
export const ApiGpuCatalogSchema = z.object({ gpus: z.array(ApiGpuTypeSchema).min(1) });

export type ApiGpuType = z.infer<typeof ApiGpuTypeSchema>;
export type ApiGpuCatalog = z.infer<typeof ApiGpuCatalogSchema>;

/** A response body (already parsed as JSON) checked against the schema; `source` (the URL) names it in an error. */
export function parseApiCatalog(body: unknown, source: string): ApiGpuCatalog {
  const parsed = ApiGpuCatalogSchema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue === undefined ? '' : issue.path.map(String).join('.');
  throw new InputError(issue === undefined ? 'unexpected response' : `unexpected response: ${describeIssue(issue)}`, { file: source }, path);
}

/** What a refresh writes: the keys it sets over the bundled catalog (a catalog layer, as in a YAML file). */
export interface RefreshLayer {
  name: string;
  asOf: string;
  description: string;
  serverless: Record<string, Partial<ServerlessClass>>;
  gpus: Record<string, Partial<Gpu>>;
}

/** Something a refresh should tell the user; src/render/reports/catalog-refresh.ts words it. */
export type RefreshWarning =
  /** Bundled pools the response gives no serverless price for: their bundled figures and dates stay. */
  | { code: 'pools-kept'; pools: { poolId: string; retrieved: string }[] }
  /** GPU types the response puts in a pool it gives no price for and the bundled catalog lacks: in no pool now. */
  | { code: 'pools-unpriced'; pools: string[]; gpus: string[] };

/** A refresh's layer and what it counted, for the summary line. */
export interface RefreshResult {
  layer: RefreshLayer;
  warnings: RefreshWarning[];
  /** Pools priced from the response. */
  poolsPriced: number;
  /** GPU types read from the response, and how many of them the bundled catalog did not know. */
  gpusRead: number;
  gpusAdded: number;
}

/** Where the figures come from and when they were read. */
export interface RefreshSource {
  /** The URL called (never with the key, which travels in a header). */
  source: string;
  /** Today's date, YYYY-MM-DD. */
  today: string;
}

// Notes replace the bundled ones on every figure a refresh restates, since those describe other sources.
const POOL_NOTE =
  "List price from RunPod's API (USD per GPU-hour / 3600). The API publishes no active price: null means active " +
  'workers are billed at the flex rate, as RunPod bills them since 2026-05-13 (a negotiated rate goes in a catalog of your own).';
const NEW_POOL_NOTE = `${POOL_NOTE} Label and VRAM derived from the API's GPU memory; the console may name the class differently.`;
const POD_NOTE = "On-demand list price from RunPod's API; null where the API says the GPU is not offered in that cloud.";
const GPU_NOTE = "VRAM from RunPod's API (memory, whole GB).";

/**
 * The response mapped onto the bundled catalog's keys: each pool priced in the response gets its flex
 * rate (serverless / 3600, unrounded), no active rate and its member list; each GPU type its VRAM and pod
 * prices. A GPU is matched to a bundled one by name, id or alias (normalizeGpuName); an unknown one
 * becomes a new entry under its API name. Pool lists are restated wherever membership changed, so a
 * GPU stays in exactly one pool once the layer is merged.
 */
export function mapApiCatalog(api: ApiGpuCatalog, bundled: Catalog, from: RefreshSource): RefreshResult {
  const { source, today } = from;
  const keys = matchGpuKeys(api.gpus, bundled, source);
  const prices = poolPrices(api.gpus, source);

  const bundledPoolOf = new Map<string, string>();
  for (const [poolId, pool] of Object.entries(bundled.serverless)) for (const gpu of pool.gpus) bundledPoolOf.set(gpu, poolId);
  const poolOf = new Map(bundledPoolOf);
  api.gpus.forEach((gpu, index) => {
    const key = keys[index] as string;
    if (gpu.pool === null) poolOf.delete(key);
    else poolOf.set(key, gpu.pool);
  });
  const unpriced = new Set<string>();
  const leftOut: string[] = [];
  for (const [gpu, poolId] of poolOf) {
    if (!(poolId in bundled.serverless) && !prices.has(poolId)) {
      unpriced.add(poolId);
      leftOut.push(gpu);
      poolOf.delete(gpu);
    }
  }
  const membersOf = (poolId: string): string[] => {
    const kept = (bundled.serverless[poolId]?.gpus ?? []).filter((gpu) => poolOf.get(gpu) === poolId);
    const joined = [...poolOf].filter(([gpu, pool]) => pool === poolId && !kept.includes(gpu)).map(([gpu]) => gpu);
    return [...kept, ...joined.sort(byCodeUnits)];
  };

  // No prototype: a pool id from the API is data, even "__proto__" (which the schema then refuses by name).
  const serverless: Record<string, Partial<ServerlessClass>> = Object.create(null) as Record<string, Partial<ServerlessClass>>;
  const kept: { poolId: string; retrieved: string }[] = [];
  // A new pool's label must not repeat another's: a label is a name users look GPUs up by.
  const labels = new Set(Object.values(bundled.serverless).map((pool) => normalizeGpuName(pool.label)));
  const newPools = [...prices.keys()].filter((poolId) => !(poolId in bundled.serverless)).sort(byCodeUnits);
  for (const poolId of [...Object.keys(bundled.serverless), ...newPools]) {
    const members = membersOf(poolId);
    const usdPerHour = prices.get(poolId);
    const old = bundled.serverless[poolId];
    if (usdPerHour === undefined) {
      // In the bundled catalog, not priced in the response: its figure (and its date) stays.
      if (old === undefined) continue;
      kept.push({ poolId, retrieved: old.retrieved });
      if (members.length === 0) {
        throw new InputError(
          `pool ${poolId} is not in the response, and every GPU of it now belongs to another pool or none; a catalog layer cannot remove a pool, so ${poolId} would be left empty`,
          { file: source },
        );
      }
      if (!sameList(members, old.gpus)) serverless[poolId] = { gpus: members };
      continue;
    }
    let label: string | undefined;
    let vramGB: number | undefined;
    if (old === undefined) {
      // The VRAM every worker of the class is guaranteed: its smallest member's.
      vramGB = Math.min(...members.map((gpu) => vramOf(gpu, api.gpus, keys, bundled)));
      label = labels.has(normalizeGpuName(`${vramGB} GB`)) ? `${vramGB} GB ${poolId}` : `${vramGB} GB`;
      labels.add(normalizeGpuName(label));
    }
    // Keys in the bundled file's order, so the YAML reads like it.
    serverless[poolId] = {
      ...(label === undefined ? {} : { label }),
      gpus: members,
      ...(vramGB === undefined ? {} : { vramGB }),
      // Per second, as the catalog holds it, never rounded: 1.1 $/h is 0.000305555... $/s.
      flexUsdPerSecond: usdPerHour / 3600,
      activeUsdPerSecond: null,
      source,
      retrieved: today,
      note: old === undefined ? NEW_POOL_NOTE : POOL_NOTE,
    };
  }

  const gpuEntries = new Map<string, Partial<Gpu>>();
  let gpusAdded = 0;
  api.gpus.forEach((gpu, index) => {
    const key = keys[index] as string;
    const old = bundled.gpus[key];
    if (old === undefined) gpusAdded += 1;
    const entry: Partial<Gpu> = { vramGB: gpu.memory };
    if (old === undefined && normalizeGpuName(gpu.id) !== normalizeGpuName(gpu.name)) entry.aliases = [gpu.id];
    // A GPU offered in neither cloud gets no pod prices, unless the bundled ones must be cleared.
    if (gpu.secure || gpu.community || old?.pod !== undefined) {
      const pod: PodPrice = {
        secureUsdPerHour: gpu.secure ? gpu.price.secure : null,
        communityUsdPerHour: gpu.community ? gpu.price.community : null,
        source,
        retrieved: today,
        note: POD_NOTE,
      };
      entry.pod = pod;
    }
    gpuEntries.set(key, { ...entry, source, retrieved: today, ...(old?.note === undefined ? {} : { note: GPU_NOTE }) });
  });
  // The bundled catalog's order, then new GPUs by name: the same file whatever order the API lists them in.
  const gpuOrder = [...Object.keys(bundled.gpus).filter((key) => gpuEntries.has(key)), ...[...gpuEntries.keys()].filter((key) => !(key in bundled.gpus)).sort(byCodeUnits)];
  const gpus: Record<string, Partial<Gpu>> = Object.fromEntries(gpuOrder.map((key) => [key, gpuEntries.get(key) as Partial<Gpu>]));

  const warnings: RefreshWarning[] = [];
  if (kept.length > 0) warnings.push({ code: 'pools-kept', pools: kept });
  if (leftOut.length > 0) warnings.push({ code: 'pools-unpriced', pools: [...unpriced].sort(byCodeUnits), gpus: leftOut.sort(byCodeUnits) });
  return {
    layer: {
      name: `runpod-${today}`,
      asOf: today,
      description:
        `RunPod's GPU prices read from ${source} on ${today}, layered over the bundled catalog ${bundled.name}: ` +
        "serverless pools and GPU types missing from the response keep that catalog's figures and dates.",
      serverless,
      gpus,
    },
    warnings,
    poolsPriced: prices.size,
    gpusRead: api.gpus.length,
    gpusAdded,
  };
}

/** Each API GPU type's key in the catalog: the bundled GPU its name, id or an alias names, else its API name. */
function matchGpuKeys(types: readonly ApiGpuType[], bundled: Catalog, source: string): string[] {
  const byName = new Map<string, string>();
  for (const [key, gpu] of Object.entries(bundled.gpus)) {
    for (const name of [key, ...(gpu.aliases ?? [])]) if (!byName.has(normalizeGpuName(name))) byName.set(normalizeGpuName(name), key);
  }
  const claimedBy = new Map<string, string>();
  return types.map((gpu) => {
    const key = byName.get(normalizeGpuName(gpu.name)) ?? byName.get(normalizeGpuName(gpu.id)) ?? gpu.name;
    const normalized = normalizeGpuName(key);
    const other = claimedBy.get(normalized);
    if (other !== undefined) {
      throw new InputError(`GPU types "${other}" and "${gpu.id}" both name the GPU "${key}"; cannot tell their prices apart`, { file: source });
    }
    claimedBy.set(normalized, gpu.id);
    return key;
  });
}

/** Each pool's serverless price (USD per GPU-hour), from its members; members must agree. */
function poolPrices(types: readonly ApiGpuType[], source: string): Map<string, number> {
  const prices = new Map<string, number>();
  for (const gpu of types) {
    const price = gpu.price.serverless;
    if (gpu.pool === null || price === undefined) continue;
    const known = prices.get(gpu.pool);
    if (known !== undefined && known !== price) {
      throw new InputError(`pool ${gpu.pool}: its GPU types give different serverless prices (${known} and ${price} USD per GPU-hour)`, { file: source });
    }
    prices.set(gpu.pool, price);
  }
  return prices;
}

function vramOf(key: string, types: readonly ApiGpuType[], keys: readonly string[], bundled: Catalog): number {
  const index = keys.indexOf(key);
  return index >= 0 ? (types[index] as ApiGpuType).memory : (bundled.gpus[key]?.vramGB ?? 0);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
