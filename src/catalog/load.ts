// A catalog is the bundled snapshot with the user's files layered over it: later files override
// earlier ones key by key (lists and values are replaced whole), then the result is validated once.
// Pure: the layers arrive already read, today's date arrives as a string, and a stale catalog is
// reported as a warning (data), worded by src/render/warnings.ts.
import type * as z from 'zod';
import { InputError } from '../input/error.js';
import type { Catalog } from './schema.js';

/** Validates a merged catalog: CatalogSchema.safeParse, passed in so a run on the precompiled catalog never builds the schema. */
export type CatalogValidator = (value: unknown) => { success: true; data: Catalog } | { success: false; error: z.ZodError };

/** One catalog file's plain value. `validated` marks the bundled snapshot checked when it was built. */
export interface CatalogLayer {
  file: string;
  value: unknown;
  validated: boolean;
}

/** How a run loads its catalog: the discount, today's date and how old a catalog may be before a warning. */
export interface CatalogPolicy {
  /** Flat discount on GPU compute prices, as a fraction from 0 to below 1. */
  discount: number;
  /** Today's date, YYYY-MM-DD. */
  today: string;
  /** A catalog dated more than this many seconds before today draws a warning. */
  maxAgeS: number;
  /** Needed only when a layer is not validated yet (a user's file). */
  validate?: CatalogValidator;
}

/** The catalog is older than the run allows: prices may have changed since. */
export interface CatalogAgeWarning {
  code: 'catalog-age';
  /** The catalog's name (`runpod-2026-09`). */
  name: string;
  /** The date its prices were read, YYYY-MM-DD. */
  asOf: string;
  /** Whole days from `asOf` to today. */
  ageDays: number;
  /** The age allowed, in seconds (--max-catalog-age). */
  maxAgeS: number;
}

/** Something a run should tell the user about its catalog; src/render/warnings.ts words it. */
export type CatalogWarning = CatalogAgeWarning;

/** A loaded catalog and its warnings, or the schema's complaint (located in the files by the caller, which has them). */
export type CatalogLoad = { ok: true; loaded: LoadedCatalog; warnings: CatalogWarning[] } | { ok: false; error: z.ZodError };

/** A validated catalog and what went into it, for the assumptions every output shows. */
export interface LoadedCatalog {
  catalog: Catalog;
  /** The files layered, bundled first. */
  files: string[];
  /** Key paths a user's file set over the bundled catalog (`serverless.ADA_24.activeUsdPerSecond`). */
  overrides: string[];
  /** Flat discount on GPU compute prices (serverless and pods), as a fraction; 0 for none. */
  discount: number;
}

/** Layers catalog files (bundled first), validates the result and checks its age against the policy. */
export function loadCatalog(layers: readonly CatalogLayer[], policy: CatalogPolicy): CatalogLoad {
  const build = buildCatalog(layers, policy.discount, policy.validate);
  if (!build.ok) return build;
  const { asOf, name } = build.loaded.catalog;
  const ageDays = catalogAgeDays(asOf, policy.today);
  const warnings: CatalogWarning[] = ageDays * 86_400 > policy.maxAgeS ? [{ code: 'catalog-age', name, asOf, ageDays, maxAgeS: policy.maxAgeS }] : [];
  return { ok: true, loaded: build.loaded, warnings };
}

type CatalogBuild = { ok: true; loaded: LoadedCatalog } | { ok: false; error: z.ZodError };

function buildCatalog(layers: readonly CatalogLayer[], discount: number, validate: CatalogValidator | undefined): CatalogBuild {
  if (!(discount >= 0 && discount < 1)) {
    throw new InputError(`expected a discount from 0% to below 100%, got ${+(discount * 100).toPrecision(10)}%`, { flag: '--discount' });
  }
  const [base, ...overlays] = layers;
  if (base === undefined) throw new Error('loadCatalog needs at least one catalog file');
  let merged: unknown = base.value;
  const overrides: string[] = [];
  for (const overlay of overlays) {
    if (!isPlainObject(overlay.value)) {
      throw new InputError('expected a map of catalog keys (name, serverless, gpus, ...)', { file: overlay.file, line: 1, column: 1 });
    }
    merged = mergeLayer(merged, overlay.value, [], overrides);
  }
  let catalog: Catalog;
  if (overlays.length === 0 && base.validated) {
    // The bundled snapshot was validated by the build (scripts/precompile-catalogs.ts); parsing it
    // again would cost every run ~30 ms of a startup budget measured in bench/startup.
    catalog = merged as Catalog;
  } else {
    if (validate === undefined) throw new Error('internal: loadCatalog was given a catalog file to validate but no validator');
    const parsed = validate(merged);
    if (!parsed.success) return { ok: false, error: parsed.error };
    catalog = parsed.data;
  }
  return {
    ok: true,
    loaded: {
      catalog: discount === 0 ? catalog : applyDiscount(catalog, discount),
      files: layers.map((layer) => layer.file),
      overrides,
      discount,
    },
  };
}

function mergeLayer(base: unknown, overlay: Record<string, unknown>, path: string[], overrides: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = isPlainObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(overlay)) {
    const here = [...path, key];
    const previous = Object.hasOwn(result, key) ? result[key] : undefined;
    const next = isPlainObject(value) && isPlainObject(previous) ? mergeLayer(previous, value, here, overrides) : value;
    if (!isPlainObject(value) || !isPlainObject(previous)) overrides.push(here.join('.'));
    // defineProperty, not assignment: a `__proto__` key in a user's file must stay a plain (and,
    // for the strict schema, unknown) key rather than replace the prototype.
    Object.defineProperty(result, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The catalog with every GPU compute price (serverless flex/active, pod secure/community) discounted. */
export function applyDiscount(catalog: Catalog, discount: number): Catalog {
  const keep = 1 - discount;
  const scale = (price: number | null) => (price === null ? null : price * keep);
  return {
    ...catalog,
    serverless: Object.fromEntries(
      Object.entries(catalog.serverless).map(([id, pool]) => [
        id,
        { ...pool, flexUsdPerSecond: pool.flexUsdPerSecond * keep, activeUsdPerSecond: scale(pool.activeUsdPerSecond) },
      ]),
    ),
    gpus: Object.fromEntries(
      Object.entries(catalog.gpus).map(([name, gpu]) => [
        name,
        gpu.pod === undefined
          ? gpu
          : { ...gpu, pod: { ...gpu.pod, secureUsdPerHour: scale(gpu.pod.secureUsdPerHour), communityUsdPerHour: scale(gpu.pod.communityUsdPerHour) } },
      ]),
    ),
  };
}

/** Whole days from the catalog's `asOf` date to `today` (both YYYY-MM-DD). */
export function catalogAgeDays(asOf: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000);
}
