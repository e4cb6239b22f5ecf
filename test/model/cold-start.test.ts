import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColdStartPhase } from '../../src/catalog/schema.js';
import {
  estimateColdStart,
  meanBilledColdStartS,
  meanColdStartS,
  mixFlashBoot,
  weightsGBFromParameters,
  type ColdStartInput,
} from '../../src/model/cold-start.js';

// Billing rules since 2026-06-29: image pull and cached-model download are not billed.
const BILLED_SINCE_2026_06_29: Record<ColdStartPhase, boolean> = {
  imagePull: false,
  containerStart: true,
  frameworkImport: true,
  cudaContext: true,
  hubDownload: true,
  cachedModelDownload: false,
  weightLoad: true,
  engineWarmup: true,
  flashbootRestore: true,
};
// Before 2026-06-29 billing ran from the wake-up signal: everything billed.
const BILLED_BEFORE: Record<ColdStartPhase, boolean> = Object.fromEntries(Object.keys(BILLED_SINCE_2026_06_29).map((phase) => [phase, true])) as Record<
  ColdStartPhase,
  boolean
>;

// The catalog's defaults: pull 0.1 GB/s, container 3 s, import 5 s, CUDA 0.5 s, local disk 1.3 GB/s,
// network volume 0.3 GB/s, hub download 0.25 GB/s.
const base: ColdStartInput = {
  imageGB: 2,
  imageCached: false,
  pullGBPerSecond: 0.1,
  containerStartS: 3,
  frameworkImportS: 5,
  cudaContextS: 0.5,
  gpuCount: 1,
  persistenceMode: true,
  gpuAttachWithoutPersistenceS: 2,
  weightsGB: 6.9,
  weightsFrom: 'network-volume',
  localDiskGBPerSecond: 1.3,
  networkVolumeGBPerSecond: 0.3,
  downloadGBPerSecond: 0.25,
  engineWarmupS: 0,
  billedPhases: BILLED_SINCE_2026_06_29,
};

describe('estimateColdStart', () => {
  it.each([
    // [case, input, total, billed]
    ['SDXL baked into a 15 GB image: pull 150 s + 3 + 5 + 0.5 + 6.9/1.3 = 163.81 s; 13.81 s billed', { imageGB: 15, weightsFrom: 'image' }, 150 + 8.5 + 6.9 / 1.3, 8.5 + 6.9 / 1.3],
    ['slim 2 GB image, SDXL on a network volume: 20 + 8.5 + 6.9/0.3 = 51.5 s; 31.5 s billed', {}, 20 + 8.5 + 23, 8.5 + 23],
    ['hub download at start: 20 + 8.5 + 6.9/0.25 + 6.9/1.3 s; download and load billed', { weightsFrom: 'download' }, 20 + 8.5 + 27.6 + 6.9 / 1.3, 8.5 + 27.6 + 6.9 / 1.3],
    ['RunPod cached model: the download (27.6 s) is not billed, the local load is', { weightsFrom: 'cached' }, 20 + 8.5 + 27.6 + 6.9 / 1.3, 8.5 + 6.9 / 1.3],
    ['image cached on the host: no pull', { imageCached: true }, 8.5 + 23, 8.5 + 23],
    ['two GPUs without persistence mode: +2 x 2 s of CUDA attach', { gpuCount: 2, persistenceMode: false }, 20 + 8.5 + 4 + 23, 8.5 + 4 + 23],
    ['a 30 s engine warm-up is billed', { engineWarmupS: 30 }, 20 + 8.5 + 23 + 30, 8.5 + 23 + 30],
  ] as [string, Partial<ColdStartInput>, number, number][])('%s', (_name, overrides, totalS, billedS) => {
    const start = estimateColdStart({ ...base, ...overrides });
    expect(start.totalS).toBeCloseTo(totalS, 9);
    expect(start.billedS).toBeCloseTo(billedS, 9);
  });

  it('lists the phases in order, with their billed flags', () => {
    expect(estimateColdStart({ ...base, weightsFrom: 'cached' }).phases.map((phase) => [phase.phase, phase.billed])).toEqual([
      ['imagePull', false],
      ['containerStart', true],
      ['frameworkImport', true],
      ['cudaContext', true],
      ['cachedModelDownload', false],
      ['weightLoad', true],
    ]);
  });

  it('under the pre-2026-06-29 rules every phase is billed', () => {
    const start = estimateColdStart({ ...base, weightsFrom: 'cached', billedPhases: BILLED_BEFORE });
    expect(start.billedS).toBeCloseTo(start.totalS, 12);
  });

  it('billed seconds never exceed the total, and the phases add up to it', () => {
    fc.assert(
      fc.property(
        fc.record({
          imageGB: fc.double({ min: 0, max: 50, noNaN: true }),
          weightsGB: fc.double({ min: 0, max: 200, noNaN: true }),
          weightsFrom: fc.constantFrom('image', 'network-volume', 'download', 'cached' as const),
          imageCached: fc.boolean(),
          engineWarmupS: fc.double({ min: 0, max: 90, noNaN: true }),
        }),
        (overrides) => {
          const start = estimateColdStart({ ...base, ...overrides });
          expect(start.billedS).toBeLessThanOrEqual(start.totalS + 1e-9);
          expect(start.phases.reduce((sum, phase) => sum + phase.seconds, 0)).toBeCloseTo(start.totalS, 6);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('mixFlashBoot', () => {
  const full = estimateColdStart(base); // 51.5 s, 31.5 s billed

  it.each([
    // [hit rate, mean, p50, p95, max]
    [0, 51.5, 51.5, 51.5, 51.5],
    [0.5, 0.5 * 2 + 0.5 * 51.5, 2, 51.5, 51.5], // half restores: the median is a restore, the p95 a full start
    [0.96, 0.96 * 2 + 0.04 * 51.5, 2, 2, 51.5], // 96% restores: even the p95 is a restore, the max is not
    [1, 2, 2, 2, 2],
  ])('hit rate %f: mean %f s, p50 %f s, p95 %f s, max %f s', (hitRate, mean, p50, p95, max) => {
    const mixture = mixFlashBoot(full, 2, true, hitRate);
    expect(mixture.meanS).toBeCloseTo(mean, 9);
    expect([mixture.p50S, mixture.p95S, mixture.maxS]).toEqual([p50, p95, max]);
  });

  it('bills a restore as a start: mean billed = h x 2 + (1 - h) x 31.5', () => {
    expect(mixFlashBoot(full, 2, true, 0.8).meanBilledS).toBeCloseTo(0.8 * 2 + 0.2 * 31.5, 9);
  });
});

describe('meanColdStartS and meanBilledColdStartS', () => {
  // A 51.5 s start (31.5 s billed) and a 2 s restore.
  const start = { fullS: 51.5, fullBilledS: 31.5, restoreS: 2, restoreBilled: true, hitRate: 0.8 };

  it('mean = 0.8 x 2 + 0.2 x 51.5 = 11.9 s; billed = 0.8 x 2 + 0.2 x 31.5 = 7.9 s', () => {
    expect(meanColdStartS(start)).toBeCloseTo(11.9, 9);
    expect(meanBilledColdStartS(start)).toBeCloseTo(7.9, 9);
  });

  it('an unbilled restore bills only the full starts: 0.2 x 31.5 = 6.3 s, the mean is unchanged', () => {
    const unbilled = { ...start, restoreBilled: false };
    expect(meanBilledColdStartS(unbilled)).toBeCloseTo(6.3, 9);
    expect(meanColdStartS(unbilled)).toBe(meanColdStartS(start));
  });
});

describe('weightsGBFromParameters', () => {
  it.each([
    [8e9, 'bf16', 16],
    [8e9, 'fp8', 8],
    [70e9, 'int4', 35],
    [1.55e9, 'fp16', 3.1],
    [7e9, 'fp32', 28],
  ] as const)('%d parameters in %s = %f GB', (parameters, dtype, gb) => expect(weightsGBFromParameters(parameters, dtype)).toBeCloseTo(gb, 9));
});
