import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPodGpus, listPools, requiredVramGB } from '../../src/catalog/list.js';
import { CatalogSchema } from '../../src/catalog/schema.js';
import { parseYamlSource } from '../../src/input/yaml.js';
import { ROOT } from '../helpers/cli.js';

const catalog = CatalogSchema.parse(parseYamlSource(readFileSync(join(ROOT, 'pricing/runpod-2026-11.yaml'), 'utf8'), 'x').value);
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

  it('sorts by flex price, by active price, and by pod price', () => {
    const all = { headroom: 0.2 };
    expect(ids(listPools(catalog, all, 'flex')).slice(0, 3)).toEqual(['AMPERE_16', 'AMPERE_24', 'ADA_24']);
    // Active = flex: the order of the flex prices, BLACKWELL_96 ($0.00111) before ADA_80_PRO ($0.00116).
    expect(ids(listPools(catalog, all, 'active')).slice(-4)).toEqual(['BLACKWELL_96', 'ADA_80_PRO', 'HOPPER_141', 'BLACKWELL_180']);
    // min(0.26, 0.16) for the RTX A5000, then min(0.28.., 0.17) for the RTX A4000
    expect(ids(listPools(catalog, all, 'pod')).slice(0, 2)).toEqual(['AMPERE_24', 'AMPERE_16']);
  });

  it('active workers pay the flex rate under RunPod\'s rule (discount 0%); a negotiated rate shows its discount (ADA_24: 1 - 0.00021 / 0.00031 = 32.26%)', () => {
    const ada = listPools(catalog, { headroom: 0.2 }).find((row) => row.poolId === 'ADA_24');
    expect([ada?.activeUsdPerSecond, ada?.activeRateSource, ada?.activeDiscount]).toEqual([0.00031, 'same-as-flex', 0]);
    const negotiated = structuredClone(catalog);
    (negotiated.serverless.ADA_24 as { activeUsdPerSecond: number | null }).activeUsdPerSecond = 0.00021;
    const row = listPools(negotiated, { headroom: 0.2 }).find((entry) => entry.poolId === 'ADA_24');
    expect(row?.activeRateSource).toBe('catalog');
    expect(row?.activeDiscount).toBeCloseTo(1 - 0.00021 / 0.00031, 12);
  });

  it("a class's pod prices are dated by the older of the two it shows (AMPERE_16: July 2025; HOPPER_141: 2026-10-07)", () => {
    const rows = listPools(catalog, { headroom: 0.2 });
    expect(rows.find((row) => row.poolId === 'AMPERE_16')?.podPricesRead).toBe('2025-07');
    expect(rows.find((row) => row.poolId === 'HOPPER_141')?.podPricesRead).toBe('2026-10-07');
    expect(rows.find((row) => row.poolId === 'BLACKWELL_96')?.podPricesRead).toBeNull();
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
      ['B300', null, 7.89, null],
    ]);
  });
});
