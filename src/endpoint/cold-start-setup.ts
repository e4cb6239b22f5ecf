// Flags that describe a cold start, shared by `coldstart`, `compare` and `breakeven`: the image, the
// weights and where they come from, FlashBoot, and any phase the user measured themselves. Every
// default comes from the catalog's `coldStart` section and is reported as an assumption.
import * as z from 'zod';
import { bundledCatalogPath, readPrecompiledCatalog } from '../cli/catalog-files.js';
import { findModel, ModelPresetsSchema, type ModelPresets } from '../catalog/models.js';
import { COLD_START_PHASES, type Catalog } from '../catalog/schema.js';
import { InputError } from '../input/error.js';
import { readInputFile } from '../input/read-file.js';
import { BandwidthSchema, CountSchema, DurationSchema, PercentSchema, SizeSchema } from '../input/unit-schemas.js';
import { BYTES_PER_PARAMETER, WEIGHT_SOURCES, weightsGBFromParameters, type ColdStartInput, type WeightDtype, type WeightSource } from '../model/cold-start.js';
import { formatBandwidth, formatDuration, formatPercent, formatSize } from '../input/units.js';
import { PHASE_NAMES } from '../catalog/phase-names.js';
import type { Assumption } from './assumption.js';

const DTYPES = Object.keys(BYTES_PER_PARAMETER) as WeightDtype[];

export const ColdStartFlagsSchema = z.object({
  image: SizeSchema.optional(),
  bakedImage: SizeSchema.optional(),
  imageCached: z.boolean().optional(),
  weights: SizeSchema.optional(),
  params: CountSchema.optional(),
  dtype: z.enum(DTYPES).optional(),
  model: z.string().optional(),
  weightsFrom: z.enum(WEIGHT_SOURCES).optional(),
  flashbootHit: PercentSchema.optional(),
  pullBandwidth: BandwidthSchema.optional(),
  containerStart: DurationSchema.optional(),
  import: DurationSchema.optional(),
  cuda: DurationSchema.optional(),
  persistence: z.boolean(),
  diskBandwidth: BandwidthSchema.optional(),
  volumeBandwidth: BandwidthSchema.optional(),
  downloadBandwidth: BandwidthSchema.optional(),
  warmup: DurationSchema.optional(),
  restore: DurationSchema.optional(),
});
export type ColdStartFlags = z.output<typeof ColdStartFlagsSchema>;

/** Whether any flag asks for the cold-start model (rather than a bare --cold-start number). */
export function usesColdStartModel(flags: ColdStartFlags): boolean {
  return [flags.image, flags.bakedImage, flags.weights, flags.params, flags.model, flags.weightsFrom, flags.flashbootHit].some((value) => value !== undefined);
}

/** A resolved cold-start description: the model's input for one weight source, and how to vary it. */
export interface ColdStartSetup {
  /** Input for the chosen weight source. */
  input: ColdStartInput;
  /** The slim image and the baked image, to build the other strategies. */
  slimImageGB: number;
  bakedImageGB: number;
  weightsGB: number;
  weightsLabel: string;
  flashbootHitRate: number;
  restoreS: number;
  assumptions: Assumption[];
}

/** The image a strategy pulls: weights baked in mean the baked image. */
export function imageFor(setup: ColdStartSetup, source: WeightSource): number {
  return source === 'image' ? setup.bakedImageGB : setup.slimImageGB;
}

/** Loads the model presets (validated by the build) only when --model is used. */
async function loadPresets(): Promise<ModelPresets> {
  const path = bundledCatalogPath('models.yaml');
  const precompiled = readPrecompiledCatalog(path);
  if (precompiled !== undefined) return precompiled as ModelPresets;
  const { parseYamlSource } = await import('../input/yaml.js');
  return ModelPresetsSchema.parse(parseYamlSource(readInputFile(path, 'model presets'), 'pricing/models.yaml').value);
}

async function resolveWeights(flags: ColdStartFlags): Promise<{ weightsGB: number; label: string; assumption: string }> {
  const given = [flags.weights !== undefined, flags.params !== undefined, flags.model !== undefined].filter(Boolean).length;
  if (given > 1) throw new InputError('give one of --weights, --params (with --dtype) or --model', { flag: '--weights' });
  if (flags.model !== undefined) {
    const found = findModel(await loadPresets(), flags.model);
    if (!found.ok) throw new InputError(`unknown model "${flags.model}"; closest presets: ${found.candidates.join(', ')}`, { flag: '--model' });
    const { preset } = found;
    return { weightsGB: preset.weightsGB, label: `${found.id} (${formatSize(preset.weightsGB)})`, assumption: `Weights: ${preset.name}, ${formatSize(preset.weightsGB)} (${preset.source}, read ${preset.retrieved}).` };
  }
  if (flags.params !== undefined) {
    if (flags.dtype === undefined) throw new InputError('--params needs --dtype (bf16, fp16, fp8, int4, ...)', { flag: '--dtype' });
    const weightsGB = weightsGBFromParameters(flags.params, flags.dtype);
    return { weightsGB, label: `${flags.params / 1e9}B in ${flags.dtype} (${formatSize(weightsGB)})`, assumption: `Weights: ${flags.params / 1e9}B parameters x ${BYTES_PER_PARAMETER[flags.dtype]} byte(s) (${flags.dtype}) = ${formatSize(weightsGB)}.` };
  }
  const weightsGB = flags.weights ?? 0;
  return { weightsGB, label: flags.weights === undefined ? 'none given' : formatSize(weightsGB), assumption: flags.weights === undefined ? 'No weights given (--weights, --params or --model): no weight load counted.' : `Weights: ${formatSize(weightsGB)}.` };
}

/** Turns the flags into the model's input, with every default named as an assumption. */
export async function resolveColdStart(catalog: Catalog, flags: ColdStartFlags, gpuCount: number, defaultSource: WeightSource): Promise<ColdStartSetup> {
  const d = catalog.coldStart;
  const weights = await resolveWeights(flags);
  const slimImageGB = flags.image ?? 0;
  const bakedImageGB = flags.bakedImage ?? slimImageGB + weights.weightsGB;
  if (flags.bakedImage !== undefined && flags.bakedImage < weights.weightsGB) {
    throw new InputError(`the baked image (${formatSize(flags.bakedImage)}) is smaller than the weights it holds (${formatSize(weights.weightsGB)})`, { flag: '--baked-image' });
  }
  const weightsFrom = flags.weightsFrom ?? defaultSource;
  const positive = (value: number, flag: string) => {
    if (!(value > 0)) throw new InputError('expected a bandwidth above 0', { flag });
    return value;
  };
  const input: ColdStartInput = {
    imageGB: weightsFrom === 'image' ? bakedImageGB : slimImageGB,
    imageCached: flags.imageCached === true,
    pullGBPerSecond: positive(flags.pullBandwidth ?? d.imagePullGBPerSecond.value, '--pull-bandwidth'),
    containerStartS: flags.containerStart ?? d.containerStartS.value,
    frameworkImportS: flags.import ?? d.frameworkImportS.value,
    cudaContextS: flags.cuda ?? d.cudaContextS.value,
    gpuCount,
    persistenceMode: flags.persistence,
    gpuAttachWithoutPersistenceS: d.gpuAttachWithoutPersistenceS.value,
    weightsGB: weights.weightsGB,
    weightsFrom,
    localDiskGBPerSecond: positive(flags.diskBandwidth ?? d.weightsFromImageGBPerSecond.value, '--disk-bandwidth'),
    networkVolumeGBPerSecond: positive(flags.volumeBandwidth ?? d.weightsFromNetworkVolumeGBPerSecond.value, '--volume-bandwidth'),
    downloadGBPerSecond: positive(flags.downloadBandwidth ?? d.weightsDownloadGBPerSecond.value, '--download-bandwidth'),
    engineWarmupS: flags.warmup ?? d.engineWarmupS.value,
    billedPhases: catalog.billing.serverless.billedPhases,
  };
  const flashbootHitRate = flags.flashbootHit ?? 0;
  if (flashbootHitRate > 1) throw new InputError(`expected a hit rate up to 100%, got ${formatPercent(flashbootHitRate)}`, { flag: '--flashboot-hit' });
  const restoreS = flags.restore ?? d.flashbootRestoreS.value;

  const named = (value: number, user: boolean, text: string) => `${text}${user ? '' : ' (catalog default)'}`;
  const assumptions: Assumption[] = [
    { key: 'weightsGB', value: weights.weightsGB, text: weights.assumption },
    {
      key: 'imageGB',
      value: input.imageGB,
      text: `Image: ${formatSize(slimImageGB)} without the weights${flags.image === undefined ? ' (--image not given)' : ''}, ${formatSize(bakedImageGB)} with them baked in${flags.bakedImage === undefined ? ' (image + weights; --baked-image)' : ''}${input.imageCached ? '; cached on the host, no pull' : ''}.`,
    },
    {
      key: 'phases',
      value: null,
      text: [
        named(input.pullGBPerSecond, flags.pullBandwidth !== undefined, `pull ${formatBandwidth(input.pullGBPerSecond)}`),
        named(input.containerStartS, flags.containerStart !== undefined, `container start ${formatDuration(input.containerStartS)}`),
        named(input.frameworkImportS, flags.import !== undefined, `framework import ${formatDuration(input.frameworkImportS)}`),
        named(input.cudaContextS, flags.cuda !== undefined, `CUDA context ${formatDuration(input.cudaContextS)}`),
        `driver persistence ${input.persistenceMode ? 'on' : `off (+${formatDuration(input.gpuAttachWithoutPersistenceS)} per GPU)`}`,
        named(input.localDiskGBPerSecond, flags.diskBandwidth !== undefined, `image disk ${formatBandwidth(input.localDiskGBPerSecond)}`),
        named(input.networkVolumeGBPerSecond, flags.volumeBandwidth !== undefined, `network volume ${formatBandwidth(input.networkVolumeGBPerSecond)}`),
        named(input.downloadGBPerSecond, flags.downloadBandwidth !== undefined, `hub download ${formatBandwidth(input.downloadGBPerSecond)}`),
        named(input.engineWarmupS, flags.warmup !== undefined, `engine warm-up ${formatDuration(input.engineWarmupS)}`),
      ].join('; ').replace(/^/, 'Phases: ') + '. `runpod-plan catalog` lists each default with its source.',
    },
    {
      key: 'flashbootHitRate',
      value: flashbootHitRate,
      text:
        flashbootHitRate === 0
          ? 'FlashBoot hit rate 0%: every start is a full cold start (planning for the worst; --flashboot-hit to change).'
          : `FlashBoot: ${formatPercent(flashbootHitRate)} of starts are snapshot restores of ${formatDuration(restoreS)}, the rest full cold starts.`,
    },
    {
      key: 'billedPhasesEffective',
      value: catalog.billing.serverless.billedPhases.effective,
      text: `Billing rules since ${catalog.billing.serverless.billedPhases.effective}: not billed: ${unbilledPhases(catalog).join(', ') || 'nothing, every phase is billed'}.`,
    },
  ];
  return { input, slimImageGB, bakedImageGB, weightsGB: weights.weightsGB, weightsLabel: weights.label, flashbootHitRate, restoreS, assumptions };
}

function unbilledPhases(catalog: Catalog): string[] {
  const rules = catalog.billing.serverless.billedPhases;
  return COLD_START_PHASES.filter((phase) => !rules[phase]).map((phase) => PHASE_NAMES[phase]);
}
