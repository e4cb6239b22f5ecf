// The cold-start model: a worker's start as a sequence of phases, each with a duration and a billed flag
// from the catalog's billing rules, and FlashBoot as a mixture of snapshot restores and full starts.
// Figures and sources: the catalog's `coldStart` section (shared reference: coldstart-figures.md).
import type { BilledPhases, ColdStartPhase } from '../catalog/rates.js';

/** Where a worker's weights come from at start. */
export const WEIGHT_SOURCES = ['image', 'network-volume', 'download', 'cached'] as const;
export type WeightSource = (typeof WEIGHT_SOURCES)[number];

/** Everything that shapes one full (non-FlashBoot) cold start. Sizes in GB, bandwidths in GB/s. */
export interface ColdStartInput {
  /** The image as pulled: for weights baked in, the image with them. */
  imageGB: number;
  /** The image is already on the host (host image cache): no pull. */
  imageCached: boolean;
  pullGBPerSecond: number;
  containerStartS: number;
  frameworkImportS: number;
  cudaContextS: number;
  gpuCount: number;
  /** Without driver persistence mode each GPU adds an attach delay (ECC scrub). */
  persistenceMode: boolean;
  gpuAttachWithoutPersistenceS: number;
  weightsGB: number;
  weightsFrom: WeightSource;
  /** Read bandwidth of the image's own disk: baked-in weights, and weights downloaded to local disk. */
  localDiskGBPerSecond: number;
  networkVolumeGBPerSecond: number;
  downloadGBPerSecond: number;
  engineWarmupS: number;
  /** Which phases are billed (the catalog's rule, as catalog/rates.ts projects it). */
  billedPhases: BilledPhases;
}

export interface ColdStartPhaseTime {
  phase: ColdStartPhase;
  seconds: number;
  billed: boolean;
}

export interface ColdStart {
  /** The phases in the order a worker goes through them; phases that take no time are left out. */
  phases: ColdStartPhaseTime[];
  totalS: number;
  billedS: number;
}

/** A full cold start, phase by phase (pure arithmetic: size / bandwidth, fixed delays, billed flags). */
export function estimateColdStart(input: ColdStartInput): ColdStart {
  const phases: ColdStartPhaseTime[] = [];
  const add = (phase: ColdStartPhase, seconds: number) => {
    if (seconds > 0) phases.push({ phase, seconds, billed: input.billedPhases[phase] });
  };
  add('imagePull', input.imageCached ? 0 : input.imageGB / input.pullGBPerSecond);
  add('containerStart', input.containerStartS);
  add('frameworkImport', input.frameworkImportS);
  add('cudaContext', input.cudaContextS + (input.persistenceMode ? 0 : input.gpuCount * input.gpuAttachWithoutPersistenceS));
  switch (input.weightsFrom) {
    case 'image':
      add('weightLoad', input.weightsGB / input.localDiskGBPerSecond);
      break;
    case 'network-volume':
      // Network-volume reads happen after the worker starts running: billed (RunPod workers overview).
      add('weightLoad', input.weightsGB / input.networkVolumeGBPerSecond);
      break;
    case 'download':
      add('hubDownload', input.weightsGB / input.downloadGBPerSecond);
      add('weightLoad', input.weightsGB / input.localDiskGBPerSecond);
      break;
    case 'cached':
      // Planning for the worst: the host lacks the model and RunPod downloads it (unbilled), then it
      // loads from local disk like a baked-in checkpoint.
      add('cachedModelDownload', input.weightsGB / input.downloadGBPerSecond);
      add('weightLoad', input.weightsGB / input.localDiskGBPerSecond);
      break;
  }
  add('engineWarmup', input.engineWarmupS);
  let totalS = 0;
  let billedS = 0;
  for (const phase of phases) {
    totalS += phase.seconds;
    if (phase.billed) billedS += phase.seconds;
  }
  return { phases, totalS, billedS };
}

/** A cold start as FlashBoot makes it: a snapshot restore with chance `hitRate`, else the full start. */
export interface FlashBootMixture {
  hitRate: number;
  meanS: number;
  meanBilledS: number;
  p50S: number;
  p95S: number;
  maxS: number;
}

/** A worker start under FlashBoot: a snapshot restore with chance `hitRate`, else the full cold start. */
export interface FlashBootStart {
  /** Seconds of a full cold start. */
  fullS: number;
  /** The billed part of a full cold start, seconds. */
  fullBilledS: number;
  /** Seconds of a snapshot restore. */
  restoreS: number;
  /** Whether a restore's seconds are billed. */
  restoreBilled: boolean;
  /** Share of starts that are restores, 0-1. */
  hitRate: number;
}

/** Mean seconds of a start: hitRate x restore + (1 - hitRate) x full. */
export function meanColdStartS(start: FlashBootStart): number {
  return start.hitRate * start.restoreS + (1 - start.hitRate) * start.fullS;
}

/** Mean billed seconds of a start: the restore's seconds count only when a restore is billed. */
export function meanBilledColdStartS(start: FlashBootStart): number {
  return start.hitRate * (start.restoreBilled ? start.restoreS : 0) + (1 - start.hitRate) * start.fullBilledS;
}

/**
 * The two-point mixture of a restore (with probability h) and a full start. A quantile p is the
 * restore time when p <= h (if the restore is the faster), else the full time; the maximum is the full
 * start unless every start is a restore.
 */
export function mixFlashBoot(full: ColdStart, restoreS: number, restoreBilled: boolean, hitRate: number): FlashBootMixture {
  const fast = Math.min(restoreS, full.totalS);
  const slow = Math.max(restoreS, full.totalS);
  // Share of starts at the faster of the two times.
  const fastShare = restoreS <= full.totalS ? hitRate : 1 - hitRate;
  const quantile = (p: number) => (p <= fastShare ? fast : slow);
  const start: FlashBootStart = { fullS: full.totalS, fullBilledS: full.billedS, restoreS, restoreBilled, hitRate };
  return {
    hitRate,
    meanS: meanColdStartS(start),
    meanBilledS: meanBilledColdStartS(start),
    p50S: quantile(0.5),
    p95S: quantile(0.95),
    maxS: hitRate === 1 ? restoreS : hitRate === 0 ? full.totalS : slow,
  };
}

/** Bytes per parameter of the common weight formats. */
export const BYTES_PER_PARAMETER = { fp32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, int4: 0.5 } as const;
export type WeightDtype = keyof typeof BYTES_PER_PARAMETER;

/** Weight size in GB (decimal) of `parameters` at a dtype: 8e9 x 2 bytes = 16 GB. */
export function weightsGBFromParameters(parameters: number, dtype: WeightDtype): number {
  return (parameters * BYTES_PER_PARAMETER[dtype]) / 1e9;
}
