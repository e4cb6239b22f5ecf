// Reading a plan file: parse once with positions, validate with the plan schema, and remember where every
// key is written so later errors (an unknown GPU, a missing trace) point at the plan's own line.
import { dirname, resolve } from 'node:path';
import { InputError, type InputLocation } from '../input/error.js';
import { readInputFile } from '../input/read-file.js';
import { PlanSchema, type Plan } from '../plan/plan-schema.js';
import type { CommonOptions } from './common-options.js';
import type { CliIo } from './io.js';

export interface LoadedPlan {
  plan: Plan;
  /** The plan as parsed, before validation and defaults: what a sweep sets its axes in. */
  raw: unknown;
  file: string;
  /** The plan's folder: its catalog, traces and samples are relative to it. */
  dir: string;
  locate: (path: (string | number)[]) => InputLocation;
}

/** Loads and validates a plan; `text` replaces reading the file (a plan from `git show`). */
export async function loadPlan(file: string, io: CliIo, text?: string): Promise<LoadedPlan> {
  const { parseYamlSource, toInputError, locateInLayers } = await import('../input/yaml.js');
  let content = text;
  if (content === undefined) {
    try {
      content = readInputFile(resolve(io.cwd, file), 'plan');
    } catch (error) {
      // Name the file as the user typed it, not its absolute path.
      if (error instanceof InputError) throw new InputError(error.message, { file });
      throw error;
    }
  }
  const source = parseYamlSource(content, file);
  const parsed = PlanSchema.safeParse(source.value, { reportInput: true });
  if (!parsed.success) throw toInputError(parsed.error, [source]);
  return { plan: parsed.data, raw: source.value, file, dir: dirname(resolve(io.cwd, file)), locate: (path) => locateInLayers([source], path) };
}

/** The common options with the plan's own catalog file (if any) layered first. */
export function withPlanCatalog(options: CommonOptions, loaded: LoadedPlan): CommonOptions {
  if (loaded.plan.catalog === undefined) return options;
  return { ...options, catalog: [resolve(loaded.dir, loaded.plan.catalog), ...options.catalog] };
}
