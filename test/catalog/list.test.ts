import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPodGpus, listPools, requiredVramGB } from '../../src/catalog/list.js';
import { CatalogSchema } from '../../src/catalog/schema.js';
import { parseYamlSource } from '../../src/input/yaml.js';
import { ROOT } from '../helpers/cli.js';

const catalog = CatalogSchema.parse(parseYamlSource(readFileSync(join(ROOT, 'pricing/runpod-2026-09.yaml'), 'utf8'), 'x').value);
const ids = (rows: { poolId: string | null }[]) => rows.map((row) => row.poolId);

describe('listPools', () => {
  it('16 GB of weights + 20% = 19.2 GB: the 16 GB class is out, the 24 GB classes are in', () => {
    expect(requiredVramGB(16, 0.2)).toBeCloseTo(19.2, 12);
    const rows = listPools(catalog, { fitsGB: 16, headroom: 0.2 });
    expect(ids(rows)).not.toContain('AMPERE_16');
    expect(ids(rows).slice(0, 2)).toEqual(['AMPERE_24', 'ADA_24']);
  });

  it('70 GB of weights + 20% = 84 GB needs a 96 GB class or larger', () => {
    expect(ids(listPools(catalog, { fitsGB: 70, headroom: 0.2 }))).toEqual(['BLACKWELL_96', 'HOPPER_141', 'BLACKWELL_180']);
  });

  it('--min-vram 80GB keeps classes with at least 80 GB', () => {
    expect(ids(listPools(catalog, { minVramGB: 80, headroom: 0.2 }))).toEqual(['AMPERE_80', 'ADA_80_PRO', 'BLACKWELL_96', 'HOPPER_141', 'BLACKWELL_180']);
  });

  it('sorts by flex price, by active price with unpublished rates last, and by pod price', () => {
    const all = { headroom: 0.2 };
    expect(ids(listPools(catalog, all, 'flex')).slice(0, 3)).toEqual(['AMPERE_16', 'AMPERE_24', 'ADA_24']);
    expect(ids(listPools(catalog, all, 'active')).at(-1)).toBe('BLACKWELL_96');
    expect(ids(listPools(catalog, all, 'pod')).slice(0, 2)).toEqual(['AMPERE_48', 'ADA_24']); // min(0.40, 0.33) then min(0.74, 0.34)
  });

  it('active discount = 1 - active / flex (ADA_24: 1 - 0.00021 / 0.00031 = 32.26%)', () => {
    const ada = listPools(catalog, { headroom: 0.2 }).find((row) => row.poolId === 'ADA_24');
    expect(ada?.activeDiscount).toBeCloseTo(1 - 0.00021 / 0.00031, 12);
  });

  it("a pool's pod prices are the cheapest of its GPUs (A100 PCIe 1.59/1.19, A100 SXM 1.59/1.39)", () => {
    const a100 = listPools(catalog, { headroom: 0.2 }).find((row) => row.poolId === 'AMPERE_80');
    expect([a100?.podSecureUsdPerHour, a100?.podCommunityUsdPerHour]).toEqual([1.59, 1.19]);
  });
});

describe('listPodGpus', () => {
  it('lists only GPUs with pod prices, each with its pool', () => {
    const rows = listPodGpus(catalog, { minVramGB: 141, headroom: 0.2 });
    expect(rows.map((row) => [row.gpu, row.poolId, row.secureUsdPerHour, row.communityUsdPerHour])).toEqual([
      ['H200', 'HOPPER_141', 4.59, 3.59],
      ['B200', 'BLACKWELL_180', 6.79, 5.98],
    ]);
  });
});
