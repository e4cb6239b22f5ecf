// Reading a plan file: parse once with positions, validate with the plan schema, remember where every key
// is written so later errors (an unknown GPU, a missing trace) point at the plan's own line, and read the
// files its endpoints name once, here, so they travel as data.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { EndpointSpec } from '../endpoint/spec.js';
import { InputError, type InputLocation } from '../input/error.js';
import { readInputFile } from '../input/read-file.js';
import { traceKey, type PlanFiles } from '../plan/files.js';
import { PlanSchema, type Plan } from '../plan/schema.js';
import type { CommonOptions } from './common-options.js';
import { loadModelPresets, readEndpointData } from './endpoint-files.js';
import type { CliIo } from './io.js';

export interface LoadedPlan {
  plan: Plan;
  /** The plan as parsed, before validation and defaults: what a sweep sets its axes in. */
  raw: unknown;
  file: string;
  /** The plan's folder: its catalog, traces and samples are relative to it. */
  dir: string;
  locate: (path: (string | number)[]) => InputLocation;
  /** The files its endpoints name, read. */
  files: PlanFiles;
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
  const dir = dirname(resolve(io.cwd, file));
  const locate = (path: (string | number)[]) => locateInLayers([source], path);
  const files = await readPlanFiles(Object.entries(parsed.data.endpoints), dir, locate, undefined, dirname(file));
  return { plan: parsed.data, raw: source.value, file, dir, locate, files };
}

/**
 * A file a plan names, as outputs and messages name it: from where the plan was named (`examples/plan.yaml`
 * names `traces/day.txt` as `examples/traces/day.txt`), never by a machine's absolute path unless written so.
 */
export function planRelativeName(planDir: string, written: string): string {
  return isAbsolute(written) ? written : join(planDir, written);
}

/**
 * Reads the traces and samples the endpoints name (each once), and the presets when a model is named.
 * `dir` is the plan's folder; `shownDir` the same folder as the user named it (for names in outputs).
 */
export async function readPlanFiles(
  endpoints: [string, EndpointSpec][],
  dir: string,
  locate: LoadedPlan['locate'],
  into: PlanFiles = { traces: {}, samples: {} },
  shownDir: string = dir,
): Promise<PlanFiles> {
  for (const [name, spec] of endpoints) {
    const trace = spec.traffic.trace;
    const execution = spec.execution;
    const samples = typeof execution === 'object' && 'samples' in execution ? execution.samples : undefined;
    const needed = (trace !== undefined && into.traces[traceKey(spec.traffic.traceFormat, trace)] === undefined) || (samples !== undefined && into.samples[samples] === undefined);
    if (needed) {
      const data = await readEndpointData(spec, {
        baseDir: dir,
        // Traces and samples are read relative to the plan's folder, and named from where the plan was.
        display: (written) => planRelativeName(shownDir, written),
        unreadable: (error, specPath) => {
          const path = ['endpoints', name, ...specPath.split('.')];
          return new InputError(error.message, locate(path), path.join('.'));
        },
      });
      if (trace !== undefined && data.trace !== undefined) into.traces[traceKey(spec.traffic.traceFormat, trace)] = data.trace;
      if (samples !== undefined && data.execSamples !== undefined) into.samples[samples] = data.execSamples;
    }
    if (spec.model !== undefined && into.presets === undefined) into.presets = await loadModelPresets();
  }
  return into;
}

/** The common options with the plan's own catalog file (if any) layered first. */
export function withPlanCatalog(options: CommonOptions, loaded: LoadedPlan): CommonOptions {
  if (loaded.plan.catalog === undefined) return options;
  return { ...options, catalog: [planRelativeName(dirname(loaded.file), loaded.plan.catalog), ...options.catalog] };
}
