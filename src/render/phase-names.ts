import type { ColdStartPhase } from '../catalog/schema.js';

/** Cold-start phases in the words a user reads. */
export const PHASE_NAMES: Record<ColdStartPhase, string> = {
  imagePull: 'image pull',
  containerStart: 'container start',
  frameworkImport: 'framework import',
  cudaContext: 'CUDA context',
  hubDownload: 'weight download from a hub',
  cachedModelDownload: 'cached-model download',
  weightLoad: 'weight load',
  engineWarmup: 'engine warm-up',
  flashbootRestore: 'FlashBoot restore',
};
