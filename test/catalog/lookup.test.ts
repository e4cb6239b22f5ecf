import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choosePodGpu, editDistance, findGpu, normalizeGpuName, type PodCloudChoice } from '../../src/catalog/lookup.js';
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

describe('choosePodGpu: each cloud runs the class cheapest GPU in that cloud', () => {
  const choose = (query: string, rate?: number) => {
    const result = findGpu(catalog, query);
    if (!result.ok) throw new Error(`unknown ${query}`);
    const choice = choosePodGpu(catalog, result.match, rate);
    const cloud = (pick: PodCloudChoice | null) => (pick === null ? null : [pick.gpuName, pick.usdPerHour, pick.retrieved, pick.fromUser]);
    return [cloud(choice.secure), cloud(choice.community)];
  };

  it('48 GB: Secure A40 $0.40 (no Community price), Community RTX A6000 $0.33; one pick by Secure price alone lost Community', () => {
    expect(choose('AMPERE_48')).toEqual([
      ['A40', 0.4, '2025-07', false],
      ['RTX A6000', 0.33, '2025-07', false],
    ]);
  });

  it('48 GB PRO: Secure RTX 6000 Ada $0.77, Community L40 $0.69 (below the RTX 6000 Ada at $0.74)', () => {
    expect(choose('ADA_48_PRO')).toEqual([
      ['RTX 6000 Ada', 0.77, '2025-07', false],
      ['L40', 0.69, '2025-07', false],
    ]);
  });

  it('the two cheapest serverless classes have pod options: 16 GB (RTX 2000 Ada $0.28 / RTX A4000 $0.17), 24 GB (RTX A5000 $0.26 / $0.16)', () => {
    expect(choose('AMPERE_16')).toEqual([
      ['RTX 2000 Ada', 0.28, '2025-07', false],
      ['RTX A4000', 0.17, '2025-07', false],
    ]);
    expect(choose('AMPERE_24')).toEqual([
      ['RTX A5000', 0.26, '2025-07', false],
      ['RTX A5000', 0.16, '2025-07', false],
    ]);
  });

  it('a GPU named is the only candidate; a Secure price given applies to it, or to the class cheapest Secure GPU', () => {
    expect(choose('L4')).toEqual([['L4', 0.43, '2025-07', false], null]);
    expect(choose('A100 SXM', 1.89)).toEqual([
      ['A100 SXM', 1.89, '2026-09-25', true],
      ['A100 SXM', 1.39, '2026-09-25', false],
    ]);
    expect(choose('BLACKWELL_96', 2.5)).toEqual([['RTX PRO 6000', 2.5, '2026-08-20', true], null]);
    expect(choose('BLACKWELL_96')).toEqual([null, null]);
  });
});
