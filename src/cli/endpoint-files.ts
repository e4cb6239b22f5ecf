// The files an endpoint's spec names (a trace, execution-time samples) and the model presets, read once
// where the spec is loaded (the CLI's flags or a plan) so the core never reads a file: they travel as data,
// to sweep threads too.
import { resolve } from 'node:path';
import { bundledCatalogPath, readPrecompiledCatalog } from './catalog-files.js';
import { MODEL_PRESETS_FILE } from '../catalog/bundled.js';
import { ModelPresetsSchema, type ModelPresets } from '../catalog/models.js';
import type { EndpointData } from '../endpoint/resolve.js';
import type { ColdStartSpec, EndpointSpec } from '../endpoint/spec.js';
import { InputError } from '../input/error.js';
import { readInputFile } from '../input/read-file.js';
import { parseTrace, readTrace } from '../input/trace.js';

/** Where a spec's relative file names start, and how files are named in messages. */
export interface SpecFiles {
  baseDir: string;
  /** The name of a file in messages and assumptions, from the name written in the spec. */
  display: (written: string) => string;
  /** A file that cannot be read at all (no line to point at) is the mistake of the spec path that names it. */
  unreadable: (error: InputError, path: string) => InputError;
}

let presets: ModelPresets | undefined;

/** The model presets the tool ships (validated by the build), read once per process. */
export async function loadModelPresets(): Promise<ModelPresets> {
  if (presets !== undefined) return presets;
  const path = bundledCatalogPath(MODEL_PRESETS_FILE);
  const precompiled = readPrecompiledCatalog(path);
  if (precompiled !== undefined) return (presets = precompiled as ModelPresets);
  const { parseYamlSource } = await import('../input/yaml.js');
  return (presets = ModelPresetsSchema.parse(parseYamlSource(readInputFile(path, 'model presets'), 'pricing/models.yaml').value));
}

/** The data a cold-start spec needs: the presets when it names a model. */
export async function readColdStartData(spec: ColdStartSpec): Promise<EndpointData> {
  return spec.model === undefined ? {} : { presets: await loadModelPresets() };
}

/** Reads the files an endpoint spec names. */
export async function readEndpointData(spec: EndpointSpec, files: SpecFiles): Promise<EndpointData> {
  const data: EndpointData = await readColdStartData(spec);
  const trace = spec.traffic.trace;
  if (trace !== undefined) {
    const name = files.display(trace);
    const text = readNamed(resolve(files.baseDir, trace), name, 'trace', 'traffic.trace', files);
    const { timestampsS, minutes, startsAt } = readTrace(text, name, spec.traffic.traceFormat);
    data.trace = { name, timestampsS, minutes, startsAt };
  }
  const execution = spec.execution;
  if (typeof execution === 'object' && 'samples' in execution) {
    const name = files.display(execution.samples);
    const text = readNamed(resolve(files.baseDir, execution.samples), name, 'execution-time samples', 'execution.samples', files);
    data.execSamples = { name, seconds: parseTrace(text, name, 'timestamps', 'samples') };
  }
  return data;
}

function readNamed(path: string, name: string, what: string, specPath: string, files: SpecFiles): string {
  try {
    return readInputFile(path, what);
  } catch (error) {
    if (error instanceof InputError) throw files.unreadable(new InputError(error.message, { file: name }), specPath);
    throw error;
  }
}
