// RunPod's API price list mapped onto the catalog: hand-worked figures on a small catalog of our own,
// so the cases do not move when the bundled data does.
import { describe, expect, it } from 'vitest';
import { mapApiCatalog, parseApiCatalog, type ApiGpuType } from '../../src/catalog/api-catalog.js';
import { loadCatalog, type CatalogLayer } from '../../src/catalog/load.js';
import { CatalogSchema, type Catalog } from '../../src/catalog/schema.js';
import { InputError } from '../../src/input/error.js';
import { renderRefreshSummary, renderRefreshWarning } from '../../src/render/reports/catalog-refresh.js';
import { bundledCatalog } from '../helpers/catalog.js';

const SOURCE = 'https://api.runpod.io/v2/catalog/gpus';
const TODAY = '2026-11-23';
const OLD = { source: 'https://docs.runpod.io/serverless/pricing', retrieved: '2026-06-08' };

/** Three pools and five GPUs, with the bundled catalog's rules and defaults. */
function smallCatalog(): Catalog {
  return {
    ...bundledCatalog(),
    name: 'small',
    serverless: {
      AMPERE_24: { label: '24 GB', gpus: ['L4', 'RTX 3090'], vramGB: 24, flexUsdPerSecond: 0.00019, activeUsdPerSecond: 0.00013, ...OLD },
      ADA_24: { label: '24 GB PRO', gpus: ['RTX 4090'], vramGB: 24, flexUsdPerSecond: 0.00031, activeUsdPerSecond: 0.00021, ...OLD, note: 'an old note' },
      AMPERE_80: { label: '80 GB', gpus: ['A100 PCIe', 'A100 SXM'], vramGB: 80, flexUsdPerSecond: 0.00076, activeUsdPerSecond: 0.0006, ...OLD },
    },
    gpus: {
      L4: { vramGB: 24, ...OLD },
      'RTX 3090': { vramGB: 24, aliases: ['GeForce RTX 3090'], ...OLD },
      'RTX 4090': { vramGB: 24, aliases: ['GeForce RTX 4090'], pod: { secureUsdPerHour: 0.74, communityUsdPerHour: 0.34, ...OLD }, ...OLD },
      'A100 PCIe': { vramGB: 80, aliases: ['A100 80GB PCIe'], pod: { secureUsdPerHour: 1.59, communityUsdPerHour: 1.19, ...OLD }, ...OLD },
      'A100 SXM': { vramGB: 80, aliases: ['A100 SXM4 80GB'], ...OLD },
    },
  };
}

function gpu(id: string, name: string, pool: string | null, memory: number, price: { secure?: number; community?: number; serverless?: number }, extra: Record<string, unknown> = {}): ApiGpuType & Record<string, unknown> {
  return {
    id,
    name,
    pool,
    manufacturer: 'NVIDIA',
    memory,
    secure: price.secure !== undefined,
    community: price.community !== undefined,
    price: { secure: price.secure ?? 0, community: price.community ?? 0, ...(price.serverless === undefined ? {} : { serverless: price.serverless }) },
    maxCount: { secure: 8, community: 4 },
    ...extra,
  };
}

const FULL = [
  gpu('NVIDIA L4', 'L4', 'AMPERE_24', 24, { secure: 0.43, serverless: 0.68 }),
  gpu('NVIDIA GeForce RTX 3090', 'RTX 3090', 'AMPERE_24', 24, { secure: 0.46, community: 0.22, serverless: 0.68 }),
  gpu('NVIDIA GeForce RTX 4090', 'RTX 4090', 'ADA_24', 24, { secure: 0.79, community: 0.34, serverless: 1.1 }),
  gpu('NVIDIA A100 80GB PCIe', 'A100 80GB PCIe', 'AMPERE_80', 80, { secure: 1.39, community: 1.19, serverless: 2.72 }),
  gpu('NVIDIA A100-SXM4-80GB', 'A100 SXM', 'AMPERE_80', 80, { secure: 1.49, serverless: 2.72 }),
];

function refresh(types: unknown[], catalog: Catalog = smallCatalog()) {
  return mapApiCatalog(parseApiCatalog({ gpus: types }, SOURCE), catalog, { source: SOURCE, today: TODAY });
}

/** The layer merged over the catalog as `--catalog FILE` merges it, validated strictly. */
function merged(layer: unknown, catalog: Catalog = smallCatalog()): Catalog {
  const layers: CatalogLayer[] = [
    { file: 'small.yaml', value: catalog, validated: true },
    { file: 'runpod-2026-11-23.yaml', value: JSON.parse(JSON.stringify(layer)) as unknown, validated: false },
  ];
  const result = loadCatalog(layers, { discount: 0, today: TODAY, maxAgeS: Infinity, validate: (value) => CatalogSchema.safeParse(value) });
  if (!result.ok) throw new Error(result.error.message);
  return result.loaded.catalog;
}

describe('the mapping, by hand', () => {
  it('1.1 $/h per GPU is 1.1 / 3600 = 0.000305555... $/s, unrounded; no active price (null: active bills at flex)', () => {
    const { layer } = refresh(FULL);
    const ada = layer.serverless.ADA_24;
    expect(ada?.flexUsdPerSecond).toBe(1.1 / 3600);
    expect(ada?.flexUsdPerSecond).toBeCloseTo(0.000305555555556, 15);
    expect(ada?.activeUsdPerSecond).toBeNull();
    expect(ada).toMatchObject({ gpus: ['RTX 4090'], source: SOURCE, retrieved: TODAY });
    // The old note described the docs' table; the layer's own replaces it.
    expect(ada?.note).toMatch(/^List price from RunPod's API/);
    // 0.68 $/h -> 0.000188888... $/s
    expect(layer.serverless.AMPERE_24?.flexUsdPerSecond).toBeCloseTo(0.000188888888889, 15);
  });

  it('pod prices per GPU-hour as listed; null in a cloud the GPU is not offered in', () => {
    const { layer } = refresh(FULL);
    expect(layer.gpus['RTX 4090']?.pod).toMatchObject({ secureUsdPerHour: 0.79, communityUsdPerHour: 0.34, source: SOURCE, retrieved: TODAY });
    expect(layer.gpus.L4?.pod).toMatchObject({ secureUsdPerHour: 0.43, communityUsdPerHour: null });
    expect(layer.gpus['A100 SXM']?.pod).toMatchObject({ secureUsdPerHour: 1.49, communityUsdPerHour: null });
    expect(layer.gpus.L4).toMatchObject({ vramGB: 24, source: SOURCE, retrieved: TODAY });
  });

  it('matches API names and ids to the catalog by name, id or alias ("A100 80GB PCIe" is an alias of A100 PCIe)', () => {
    const { layer, gpusAdded } = refresh(FULL);
    expect(Object.keys(layer.gpus)).toEqual(['L4', 'RTX 3090', 'RTX 4090', 'A100 PCIe', 'A100 SXM']);
    expect(gpusAdded).toBe(0);
    // Matched by id alone: the name is one the catalog does not know, the id normalizes to "rtx4090".
    const byId = refresh([gpu('NVIDIA GeForce RTX 4090', 'RTX 4090 (24 GB)', 'ADA_24', 24, { secure: 0.79, serverless: 1.1 })]);
    expect(Object.keys(byId.layer.gpus)).toEqual(['RTX 4090']);
  });

  it('the same layer, key for key and in the same order, whatever order the response lists GPUs in', () => {
    const shuffled = [FULL[3], gpu('NVIDIA B300', 'B300', null, 288, { secure: 7.99 }), FULL[0], gpu('NVIDIA A10', 'A10', null, 24, { secure: 0.3 }), FULL[4], FULL[2], FULL[1]];
    const layer = refresh(shuffled).layer;
    expect(Object.keys(layer.gpus)).toEqual(['L4', 'RTX 3090', 'RTX 4090', 'A100 PCIe', 'A100 SXM', 'A10', 'B300']);
    expect(JSON.stringify(layer)).toBe(JSON.stringify(refresh([...FULL, gpu('NVIDIA A10', 'A10', null, 24, { secure: 0.3 }), gpu('NVIDIA B300', 'B300', null, 288, { secure: 7.99 })]).layer));
  });

  it('names the catalog and dates it today', () => {
    const { layer } = refresh(FULL);
    expect(layer).toMatchObject({ name: 'runpod-2026-11-23', asOf: TODAY });
    expect(layer.description).toContain(SOURCE);
  });

  it('the layer merged over the catalog validates, and every price in it carries the URL and the date', () => {
    const catalog = merged(refresh(FULL).layer);
    expect(catalog.serverless.AMPERE_80).toMatchObject({ label: '80 GB', vramGB: 80, flexUsdPerSecond: 2.72 / 3600, activeUsdPerSecond: null, retrieved: TODAY });
    expect(catalog.gpus['A100 PCIe']?.aliases).toEqual(['A100 80GB PCIe']);
  });
});

describe('what the response leaves out or adds', () => {
  it('a pool missing from the response keeps its bundled figure and date, with a warning naming it', () => {
    const result = refresh(FULL.filter((type) => type.pool !== 'AMPERE_80'));
    expect(result.layer.serverless.AMPERE_80).toBeUndefined();
    expect(result.warnings).toEqual([{ code: 'pools-kept', pools: [{ poolId: 'AMPERE_80', retrieved: '2026-06-08' }] }]);
    expect(merged(result.layer).serverless.AMPERE_80).toMatchObject({ flexUsdPerSecond: 0.00076, retrieved: '2026-06-08' });
  });

  it('a GPU in a pool the response lists without a price (not available to the caller) counts as missing too', () => {
    const types = [...FULL.filter((type) => type.pool !== 'AMPERE_80'), gpu('NVIDIA A100 80GB PCIe', 'A100 PCIe', 'AMPERE_80', 80, { secure: 1.39 })];
    expect(refresh(types).warnings).toEqual([{ code: 'pools-kept', pools: [{ poolId: 'AMPERE_80', retrieved: '2026-06-08' }] }]);
  });

  it('an unknown GPU becomes a new entry under its API name, its id an alias; an unknown pool gets a label and VRAM from memory', () => {
    const types = [...FULL, gpu('NVIDIA RTX PRO 4500 Blackwell', 'RTX PRO 4500', 'BLACKWELL_32', 32, { secure: 0.64, serverless: 1.3 })];
    const result = refresh(types);
    expect(result.gpusAdded).toBe(1);
    expect(result.layer.gpus['RTX PRO 4500']).toMatchObject({ vramGB: 32, aliases: ['NVIDIA RTX PRO 4500 Blackwell'], pod: { secureUsdPerHour: 0.64, communityUsdPerHour: null } });
    expect(result.layer.serverless.BLACKWELL_32).toMatchObject({ label: '32 GB', vramGB: 32, gpus: ['RTX PRO 4500'], flexUsdPerSecond: 1.3 / 3600 });
    expect(result.layer.serverless.BLACKWELL_32?.note).toContain("derived from the API's GPU memory");
    expect(merged(result.layer).serverless.BLACKWELL_32?.gpus).toEqual(['RTX PRO 4500']);
  });

  it('a new pool whose label another pool has is told apart by its id ("24 GB" is AMPERE_24\'s)', () => {
    const types = [...FULL, gpu('NVIDIA A10', 'A10', 'AMPERE_24_NEW', 24, { secure: 0.5, serverless: 0.6 })];
    expect(refresh(types).layer.serverless.AMPERE_24_NEW).toMatchObject({ label: '24 GB AMPERE_24_NEW', vramGB: 24 });
  });

  it('a GPU that moved pools: both pools restate their lists, so it is in exactly one pool once merged', () => {
    // RTX 3090 moves from AMPERE_24 to ADA_24.
    const types = FULL.map((type) => (type.name === 'RTX 3090' ? { ...type, pool: 'ADA_24', price: { ...type.price, serverless: 1.1 } } : type));
    const { layer } = refresh(types);
    expect(layer.serverless.AMPERE_24?.gpus).toEqual(['L4']);
    expect(layer.serverless.ADA_24?.gpus).toEqual(['RTX 4090', 'RTX 3090']);
    const catalog = merged(layer);
    expect(catalog.serverless.AMPERE_24?.gpus).toEqual(['L4']);
    expect(catalog.serverless.ADA_24?.gpus).toEqual(['RTX 4090', 'RTX 3090']);
  });

  it('a GPU moved out of a pool the response does not price: that pool keeps its price and restates its list', () => {
    // AMPERE_80 is missing, but A100 SXM now sits in AMPERE_24 (an odd move, to test the bookkeeping).
    const types = [...FULL.filter((type) => type.pool !== 'AMPERE_80'), gpu('NVIDIA A100-SXM4-80GB', 'A100 SXM', 'AMPERE_24', 80, { secure: 1.49, serverless: 0.68 })];
    const { layer } = refresh(types);
    expect(layer.serverless.AMPERE_80).toEqual({ gpus: ['A100 PCIe'] });
    expect(merged(layer).serverless.AMPERE_24?.gpus).toEqual(['L4', 'RTX 3090', 'A100 SXM']);
  });

  it('a GPU the response puts in no pool (pool: null) leaves its bundled pool', () => {
    const types = FULL.map((type) => (type.name === 'L4' ? { ...type, pool: null, price: { secure: 0.43, community: 0 } } : type));
    expect(merged(refresh(types).layer).serverless.AMPERE_24?.gpus).toEqual(['RTX 3090']);
  });

  it('a GPU in a pool that is neither priced nor bundled is left out of serverless, with a warning', () => {
    const types = [...FULL, gpu('NVIDIA B300', 'B300', 'BLACKWELL_288', 288, { secure: 7.99 })];
    const result = refresh(types);
    expect(result.warnings).toEqual([{ code: 'pools-unpriced', pools: ['BLACKWELL_288'], gpus: ['B300'] }]);
    expect(merged(result.layer).gpus.B300?.pod?.secureUsdPerHour).toBe(7.99);
  });

  it('a bundled GPU offered in neither cloud now: its old pod prices are cleared, not kept', () => {
    const types = FULL.map((type) => (type.name === 'RTX 4090' ? { ...type, secure: false, community: false } : type));
    expect(refresh(types).layer.gpus['RTX 4090']?.pod).toMatchObject({ secureUsdPerHour: null, communityUsdPerHour: null });
    // A GPU without bundled pod prices and offered in neither cloud gets none.
    const l4 = FULL.map((type) => (type.name === 'L4' ? { ...type, secure: false } : type));
    expect(refresh(l4).layer.gpus.L4?.pod).toBeUndefined();
  });

  it('unknown extra fields, in the body and in each GPU type, are accepted and ignored', () => {
    const body = {
      gpus: FULL.map((type) => ({ ...type, availability: 'HIGH', dataCenters: [{ id: 'US-KS-2' }], price: { ...type.price, spot: 0.2 }, futureField: { a: 1 } })),
      nextCursor: null,
    };
    const result = mapApiCatalog(parseApiCatalog(body, SOURCE), smallCatalog(), { source: SOURCE, today: TODAY });
    expect(result.layer).toEqual(refresh(FULL).layer);
  });
});

describe('a body the tool cannot use is an error naming what is wrong', () => {
  const fails = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof InputError) return { file: error.where.file, path: error.path, message: error.message };
      throw error;
    }
    throw new Error('expected an InputError');
  };

  it.each([
    ['an empty object', {}, 'gpus', 'unexpected response: missing: expected a list'],
    ['an empty list', { gpus: [] }, 'gpus', 'unexpected response: expected at least 1 item(s), got an empty list'],
    ['a GPU type without memory', { gpus: [{ ...FULL[0], memory: undefined }] }, 'gpus.0.memory', 'unexpected response: missing: expected a number'],
    ['a price as text', { gpus: [{ ...FULL[0], price: { secure: '0.43', community: 0 } }] }, 'gpus.0.price.secure', 'unexpected response: expected a number, got "0.43"'],
    ['not an object', [1, 2], '', 'unexpected response: expected a map of keys, got a list of 2'],
  ])('%s', (_name, body, path, message) => {
    expect(fails(() => parseApiCatalog(body, SOURCE))).toEqual({ file: SOURCE, path, message });
  });

  it('members of one pool giving different serverless prices', () => {
    const types = FULL.map((type) => (type.name === 'L4' ? { ...type, price: { ...type.price, serverless: 0.7 } } : type));
    expect(fails(() => refresh(types)).message).toBe('pool AMPERE_24: its GPU types give different serverless prices (0.7 and 0.68 USD per GPU-hour)');
  });

  it('two GPU types naming one GPU of the catalog', () => {
    const types = [...FULL, gpu('NVIDIA A100 PCIe', 'A100 PCIe', 'AMPERE_80', 80, { secure: 1.39, serverless: 2.72 })];
    expect(fails(() => refresh(types)).message).toBe('GPU types "NVIDIA A100 80GB PCIe" and "NVIDIA A100 PCIe" both name the GPU "A100 PCIe"; cannot tell their prices apart');
  });

  it('a pool missing from the response whose every GPU moved elsewhere (a layer cannot remove it)', () => {
    const types = [...FULL.filter((type) => type.pool !== 'ADA_24'), gpu('NVIDIA GeForce RTX 4090', 'RTX 4090', 'ADA_24_NEW', 24, { secure: 0.79, serverless: 1.1 })];
    expect(fails(() => refresh(types)).message).toMatch(/^pool ADA_24 is not in the response, and every GPU of it now belongs to another pool or none/);
  });
});

describe('the refresh in words', () => {
  it('names every kept pool with its old date, and the GPUs left out of serverless', () => {
    expect(renderRefreshWarning({ code: 'pools-kept', pools: [{ poolId: 'AMPERE_80', retrieved: '2026-06-08' }, { poolId: 'ADA_24', retrieved: '2026-06-08' }] })).toBe(
      'no price in the response for AMPERE_80 (read 2026-06-08), ADA_24 (read 2026-06-08): kept from the bundled catalog, with their old dates',
    );
    expect(renderRefreshWarning({ code: 'pools-unpriced', pools: ['BLACKWELL_288'], gpus: ['B300'] })).toBe(
      'the response puts B300 in BLACKWELL_288, which it gives no price for and the bundled catalog lacks: left out of serverless',
    );
  });

  it('the summary counts pools, GPU types and new ones, and retries', () => {
    const types = [...FULL, gpu('NVIDIA B300', 'B300', null, 288, { secure: 7.99 })];
    expect(renderRefreshSummary(refresh(types), 'pricing/runpod-2026-11-23.yaml', SOURCE, 3)).toBe(
      `wrote pricing/runpod-2026-11-23.yaml: 3 serverless pools and 6 GPU types (1 new) from ${SOURCE} after 2 retries, as of 2026-11-23; use it with --catalog pricing/runpod-2026-11-23.yaml`,
    );
  });
});
