// The files a plan's endpoints name (traces, execution-time samples) and the model presets, read once
// where the plan is loaded and kept by the name written in the plan: they travel as data, to sweep
// threads too, and a sweep point that names another file finds it here if the sweep read it.
import type { ModelPresets } from '../catalog/models.js';
import type { ExecSamples } from '../endpoint/execution.js';
import type { EndpointData } from '../endpoint/resolve.js';
import type { EndpointSpec } from '../endpoint/spec.js';
import type { TraceData } from '../endpoint/traffic.js';
import type { TraceFormat } from '../input/trace.js';

export interface PlanFiles {
  /** Traces by format and name as written (`timestamps:traces/day.csv`). */
  traces: Record<string, TraceData>;
  /** Execution-time samples by name as written. */
  samples: Record<string, ExecSamples>;
  /** The model presets, when an endpoint names a model. */
  presets?: ModelPresets;
}

export const NO_FILES: PlanFiles = { traces: {}, samples: {} };

/** The key of a trace read in one format. */
export function traceKey(format: TraceFormat, written: string): string {
  return `${format}:${written}`;
}

/** The data an endpoint's spec needs, from the files the plan's loader read. */
export function endpointDataOf(spec: EndpointSpec, files: PlanFiles): EndpointData {
  const data: EndpointData = {};
  const trace = spec.traffic.trace;
  if (trace !== undefined) {
    const found = files.traces[traceKey(spec.traffic.traceFormat, trace)];
    if (found !== undefined) data.trace = found;
  }
  const execution = spec.execution;
  if (typeof execution === 'object' && 'samples' in execution) {
    const found = files.samples[execution.samples];
    if (found !== undefined) data.execSamples = found;
  }
  if (spec.model !== undefined && files.presets !== undefined) data.presets = files.presets;
  return data;
}
