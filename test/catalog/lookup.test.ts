import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance, findGpu, normalizeGpuName } from '../../src/catalog/lookup.js';
import { CatalogSchema } from '../../src/catalog/schema.js';
import { parseYamlSource } from '../../src/input/yaml.js';
import { ROOT } from '../helpers/cli.js';

const catalog = CatalogSchema.parse(parseYamlSource(readFileSync(join(ROOT, 'pricing/runpod-2026-11.yaml'), 'utf8'), 'x').value);

describe('findGpu', () => {
  it.each([
    ['ADA_24', 'ADA_24', 'RTX 4090'],
    ['ada_24', 'ADA_24', 'RTX 4090'],
    ['24 GB PRO', 'ADA_24', 'RTX 4090'],
    ['24 GB', 'AMPERE_24', undefined],
    ['RTX 4090', 'ADA_24', 'RTX 4090'],
    ['rtx4090', 'ADA_24', 'RTX 4090'],
    ['4090', 'ADA_24', 'RTX 4090'],
    ['NVIDIA GeForce RTX 4090', 'ADA_24', 'RTX 4090'],
    ['H100 SXM', 'ADA_80_PRO', 'H100 SXM'],
    ['h100-sxm', 'ADA_80_PRO', 'H100 SXM'],
    ['H100', 'ADA_80_PRO', undefined], // three H100 models, one pool
    ['A100', 'AMPERE_80', undefined],
    ['A100 80GB PCIe', 'AMPERE_80', 'A100 PCIe'], // an alias
    ['L4', 'AMPERE_24', 'L4'], // exact beats the partial match of L40/L40S
    ['l40s', 'ADA_48_PRO', 'L40S'],
    ['a6000', 'AMPERE_48', 'RTX A6000'],
    ['B200', 'BLACKWELL_180', 'B200'],
  ])('%s -> pool %s, GPU %s', (query, poolId, gpuName) => {
    const result = findGpu(catalog, query);
    expect(result.ok && { poolId: result.match.poolId, gpuName: result.match.gpuName }).toEqual({ poolId, gpuName });
  });

  it('an unknown name lists the closest matches', () => {
    expect(findGpu(catalog, 'RTX 4080')).toEqual({ ok: false, reason: 'unknown', candidates: ['RTX 4090', 'RTX 3090', 'RTX 5090'] });
    // A partial match never cuts through a number: the A10 is not the A100.
    expect(findGpu(catalog, 'A10')).toMatchObject({ ok: false, reason: 'unknown' });
    expect(findGpu(catalog, '409')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('a name that matches GPUs in several pools is ambiguous and lists them', () => {
    const result = findGpu(catalog, '6000');
    expect(result).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(!result.ok && result.candidates).toEqual(expect.arrayContaining(['RTX A6000', 'RTX 6000 Ada', 'RTX PRO 6000']));
  });

  it('normalizes vendor words, case and punctuation away', () => {
    expect(normalizeGpuName('NVIDIA GeForce RTX-4090')).toBe('rtx4090');
  });

  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['kitten', 'sitting', 3],
    ['rtx4080', 'rtx4090', 1],
  ])('editDistance(%s, %s) = %i', (a, b, distance) => expect(editDistance(a, b)).toBe(distance));
});
