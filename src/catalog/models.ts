// Model presets (`--model sdxl-base`): real checkpoint sizes with their sources, from pricing/models.yaml.
import * as z from 'zod';
import { editDistance } from './lookup.js';
import { RetrievedDateSchema } from './schema.js';
import { byCodeUnits } from '../input/order.js';

/** The weight formats a preset is stored in: those the cold-start model knows the size of (a test keeps them equal). */
export const PRESET_DTYPES = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'] as const;

export const ModelPresetSchema = z.strictObject({
  /** The model's full name. */
  name: z.string().min(1),
  /** Other names users type. */
  aliases: z.array(z.string().min(1)).optional(),
  parameters: z.number().positive(),
  dtype: z.enum(PRESET_DTYPES),
  /** Size of the checkpoint files a worker loads, GB (decimal). */
  weightsGB: z.number().positive(),
  source: z.string().min(1),
  retrieved: RetrievedDateSchema,
  note: z.string().optional(),
});

export const ModelPresetsSchema = z.strictObject({ models: z.record(z.string().min(1), ModelPresetSchema) });

export type ModelPreset = z.infer<typeof ModelPresetSchema>;
export type ModelPresets = z.infer<typeof ModelPresetsSchema>;

const normalize = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A preset by id or alias, in any spelling; else the closest ids. */
export function findModel(presets: ModelPresets, query: string): { ok: true; id: string; preset: ModelPreset } | { ok: false; candidates: string[] } {
  const key = normalize(query);
  for (const [id, preset] of Object.entries(presets.models)) {
    if ([id, ...(preset.aliases ?? [])].some((name) => normalize(name) === key)) return { ok: true, id, preset };
  }
  const scored = Object.entries(presets.models).map(([id, preset]) => ({
    id,
    distance: Math.min(...[id, ...(preset.aliases ?? [])].map((name) => editDistance(key, normalize(name)))),
  }));
  scored.sort((a, b) => a.distance - b.distance || byCodeUnits(a.id, b.id));
  return { ok: false, candidates: scored.slice(0, 3).map((entry) => entry.id) };
}
