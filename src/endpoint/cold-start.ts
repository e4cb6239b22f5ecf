// The cold start of an endpoint, from the spec: a whole duration the user gives, the catalog's default
// phases, or the cold-start model (image, weights and their source, FlashBoot, measured phases). Every
// default comes from the catalog's `coldStart` section and is reported as an assumption (as data).
import { findModel, type ModelPresets } from '../catalog/models.js';
import { flashbootOn } from '../catalog/platform-defaults.js';
import { COLD_START_PHASES, type Catalog, type ColdStartPhase } from '../catalog/schema.js';
import { formatDuration, formatPercent, formatSize } from '../input/units.js';
import { estimateColdStart, meanBilledColdStartS, meanColdStartS, mixFlashBoot, weightsGBFromParameters, type ColdStart, type ColdStartInput, type WeightDtype, type WeightSource } from '../model/cold-start.js';
import { nameOf, specError, type FieldNames } from './field-names.js';
import { usesColdStartModel, type ColdStartSpec } from './spec.js';

/** Where the weights' size came from, as data for its assumption. */
export type WeightsFacts =
  | { kind: 'preset'; id: string; name: string; weightsGB: number; source: string; retrieved: string }
  | { kind: 'parameters'; parameters: number; dtype: WeightDtype; weightsGB: number }
  | { kind: 'size'; weightsGB: number }
  | { kind: 'none' };

/** The cold-start model's inputs for one weight source, with what the user gave and how to vary it. */
export interface ColdStartSetup {
  input: ColdStartInput;
  /** The slim image and the baked image, to build the other weight strategies. */
  slimImageGB: number;
  bakedImageGB: number;
  weightsGB: number;
  weights: WeightsFacts;
  flashbootHitRate: number;
  restoreS: number;
  /** FlashBoot on (as given, else the default of how the endpoint is made); off means no restores. */
  flashboot: boolean;
  /** Which of the model's settings the user gave (the rest are catalog defaults). */
  given: Readonly<Record<'image' | 'bakedImage' | 'pullBandwidth' | 'containerStart' | 'import' | 'cuda' | 'diskBandwidth' | 'volumeBandwidth' | 'downloadBandwidth' | 'warmup', boolean>>;
  /** When the catalog's billing rules took effect, and the phases they leave unbilled. */
  billing: { effective: string; unbilledPhases: ColdStartPhase[] };
}

/** The cold start the simulator and the cost model use, and where it came from. */
export interface ResolvedColdStart {
  /** A full (non-FlashBoot) start and its billed part. */
  fullS: number;
  fullBilledS: number;
  restoreS: number;
  restoreBilled: boolean;
  hitRate: number;
  /** The mean over FlashBoot restores and full starts, and its billed part. */
  meanS: number;
  meanBilledS: number;
  source:
    | { kind: 'model'; setup: ColdStartSetup; full: ColdStart }
    | { kind: 'given'; billedGiven: boolean }
    | { kind: 'default'; containerStartS: number; frameworkImportS: number; cudaContextS: number };
}

/** The cold start an endpoint's spec describes. */
export function resolveColdStart(catalog: Catalog, spec: ColdStartSpec, gpuCount: number, presets: ModelPresets | undefined, names: FieldNames): ResolvedColdStart {
  const restoreBilled = catalog.billing.serverless.billedPhases.flashbootRestore;
  if (usesColdStartModel(spec)) {
    if (spec.coldStart !== undefined || spec.coldStartBilled !== undefined) {
      throw specError(
        `give either ${nameOf(names, 'coldStart')} or the cold-start model ${names.noun} (${nameOf(names, 'image')}, ${nameOf(names, 'weights')}, ${nameOf(names, 'model')}, ...), not both`,
        'coldStart',
      );
    }
    const setup = resolveColdStartModel(catalog, spec, gpuCount, 'image', presets, names);
    const full = estimateColdStart(setup.input);
    const mixture = mixFlashBoot(full, setup.restoreS, restoreBilled, setup.flashbootHitRate);
    return {
      fullS: full.totalS,
      fullBilledS: full.billedS,
      restoreS: setup.restoreS,
      restoreBilled,
      hitRate: setup.flashbootHitRate,
      meanS: mixture.meanS,
      meanBilledS: mixture.meanBilledS,
      source: { kind: 'model', setup, full },
    };
  }
  const phases = catalog.coldStart;
  const billedPhases = catalog.billing.serverless.billedPhases;
  // Without a cold start given, the phases every start goes through, from the catalog, billed by its
  // rules; loading weights is not included.
  const defaultS = phases.containerStartS.value + phases.frameworkImportS.value + phases.cudaContextS.value;
  const defaultBilledS =
    (billedPhases.containerStart ? phases.containerStartS.value : 0) +
    (billedPhases.frameworkImport ? phases.frameworkImportS.value : 0) +
    (billedPhases.cudaContext ? phases.cudaContextS.value : 0);
  const fullS = spec.coldStart ?? defaultS;
  const fullBilledS = spec.coldStartBilled ?? (spec.coldStart === undefined ? defaultBilledS : fullS);
  if (fullBilledS > fullS) throw specError(`the billed part (${formatDuration(fullBilledS)}) exceeds the cold start (${formatDuration(fullS)})`, 'coldStartBilled');
  // A whole cold start may come with a share of FlashBoot restores (a measured start: calibrate).
  const hitRate = checkHitRate(catalog, spec, names);
  const restoreS = spec.restore ?? phases.flashbootRestoreS.value;
  const start = { fullS, fullBilledS, restoreS, restoreBilled, hitRate };
  return {
    fullS,
    fullBilledS,
    restoreS,
    restoreBilled,
    hitRate,
    meanS: meanColdStartS(start),
    meanBilledS: meanBilledColdStartS(start),
    source:
      spec.coldStart === undefined
        ? { kind: 'default', containerStartS: phases.containerStartS.value, frameworkImportS: phases.frameworkImportS.value, cudaContextS: phases.cudaContextS.value }
        : { kind: 'given', billedGiven: spec.coldStartBilled !== undefined },
  };
}

/** The share of FlashBoot restores: up to 100%, and none unless FlashBoot is on. */
function checkHitRate(catalog: Catalog, spec: ColdStartSpec, names: FieldNames): number {
  const hitRate = spec.flashbootHit ?? 0;
  if (hitRate > 1) throw specError(`expected a hit rate up to 100%, got ${formatPercent(hitRate)}`, 'flashbootHit');
  if (hitRate > 0 && !flashbootOn(catalog, spec.createdWith, spec.flashboot)) {
    const why = spec.flashboot === false ? `${nameOf(names, 'flashboot')} is off` : `FlashBoot is off by default for an endpoint made with the API (${nameOf(names, 'createdWith')} api)`;
    throw specError(`${why}: no start can be a FlashBoot restore; turn it on with ${nameOf(names, 'flashboot')}`, 'flashbootHit');
  }
  return hitRate;
}

function resolveWeights(spec: ColdStartSpec, presets: ModelPresets | undefined, names: FieldNames): WeightsFacts {
  const given = [spec.weights !== undefined, spec.params !== undefined, spec.model !== undefined].filter(Boolean).length;
  if (given > 1) throw specError(`give one of ${nameOf(names, 'weights')}, ${nameOf(names, 'params')} (with ${nameOf(names, 'dtype')}) or ${nameOf(names, 'model')}`, 'weights');
  if (spec.model !== undefined) {
    if (presets === undefined) throw new Error('internal: the model presets were not read where the spec was loaded');
    const found = findModel(presets, spec.model);
    if (!found.ok) throw specError(`unknown model "${spec.model}"; closest presets: ${found.candidates.join(', ')}`, 'model');
    const { preset } = found;
    return { kind: 'preset', id: found.id, name: preset.name, weightsGB: preset.weightsGB, source: preset.source, retrieved: preset.retrieved };
  }
  if (spec.params !== undefined) {
    if (spec.dtype === undefined) throw specError(`${nameOf(names, 'params')} needs ${nameOf(names, 'dtype')} (bf16, fp16, fp8, int4, ...)`, 'dtype');
    return { kind: 'parameters', parameters: spec.params, dtype: spec.dtype, weightsGB: weightsGBFromParameters(spec.params, spec.dtype) };
  }
  return spec.weights === undefined ? { kind: 'none' } : { kind: 'size', weightsGB: spec.weights };
}

/** The cold-start model's input for the spec, every default taken from the catalog. */
export function resolveColdStartModel(
  catalog: Catalog,
  spec: ColdStartSpec,
  gpuCount: number,
  defaultSource: WeightSource,
  presets: ModelPresets | undefined,
  names: FieldNames,
): ColdStartSetup {
  const d = catalog.coldStart;
  const weights = resolveWeights(spec, presets, names);
  const weightsGB = weights.kind === 'none' ? 0 : weights.weightsGB;
  const slimImageGB = spec.image ?? 0;
  const bakedImageGB = spec.bakedImage ?? slimImageGB + weightsGB;
  if (spec.bakedImage !== undefined && spec.bakedImage < weightsGB) {
    throw specError(`the baked image (${formatSize(spec.bakedImage)}) is smaller than the weights it holds (${formatSize(weightsGB)})`, 'bakedImage');
  }
  const weightsFrom = spec.weightsFrom ?? defaultSource;
  const positive = (value: number, path: string) => {
    if (!(value > 0)) throw specError('expected a bandwidth above 0', path);
    return value;
  };
  const input: ColdStartInput = {
    imageGB: weightsFrom === 'image' ? bakedImageGB : slimImageGB,
    imageCached: spec.imageCached === true,
    pullGBPerSecond: positive(spec.pullBandwidth ?? d.imagePullGBPerSecond.value, 'pullBandwidth'),
    containerStartS: spec.containerStart ?? d.containerStartS.value,
    frameworkImportS: spec.import ?? d.frameworkImportS.value,
    cudaContextS: spec.cuda ?? d.cudaContextS.value,
    gpuCount,
    persistenceMode: spec.persistence ?? true,
    gpuAttachWithoutPersistenceS: d.gpuAttachWithoutPersistenceS.value,
    weightsGB,
    weightsFrom,
    localDiskGBPerSecond: positive(spec.diskBandwidth ?? d.weightsFromImageGBPerSecond.value, 'diskBandwidth'),
    networkVolumeGBPerSecond: positive(spec.volumeBandwidth ?? d.weightsFromNetworkVolumeGBPerSecond.value, 'volumeBandwidth'),
    downloadGBPerSecond: positive(spec.downloadBandwidth ?? d.weightsDownloadGBPerSecond.value, 'downloadBandwidth'),
    engineWarmupS: spec.warmup ?? d.engineWarmupS.value,
    billedPhases: catalog.billing.serverless.billedPhases,
  };
  const flashbootHitRate = checkHitRate(catalog, spec, names);
  const flashboot = flashbootOn(catalog, spec.createdWith, spec.flashboot);
  const rules = catalog.billing.serverless.billedPhases;
  return {
    input,
    slimImageGB,
    bakedImageGB,
    weightsGB,
    weights,
    flashbootHitRate,
    restoreS: spec.restore ?? d.flashbootRestoreS.value,
    flashboot,
    given: {
      image: spec.image !== undefined,
      bakedImage: spec.bakedImage !== undefined,
      pullBandwidth: spec.pullBandwidth !== undefined,
      containerStart: spec.containerStart !== undefined,
      import: spec.import !== undefined,
      cuda: spec.cuda !== undefined,
      diskBandwidth: spec.diskBandwidth !== undefined,
      volumeBandwidth: spec.volumeBandwidth !== undefined,
      downloadBandwidth: spec.downloadBandwidth !== undefined,
      warmup: spec.warmup !== undefined,
    },
    billing: { effective: rules.effective, unbilledPhases: COLD_START_PHASES.filter((phase) => !rules[phase]) },
  };
}

/** The image a weight strategy pulls: weights baked in mean the baked image. */
export function imageFor(setup: ColdStartSetup, source: WeightSource): number {
  return source === 'image' ? setup.bakedImageGB : setup.slimImageGB;
}
