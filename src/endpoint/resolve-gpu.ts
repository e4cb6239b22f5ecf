import { findGpu, type GpuMatch } from '../catalog/lookup.js';
import type { Catalog } from '../catalog/schema.js';
import { InputError } from '../input/error.js';

/**
 * A GPU by pool id, console label or name; an unknown or ambiguous name is an InputError at the path
 * `gpu` with the closest candidates (the edge says where that path was written).
 */
export function resolveGpu(catalog: Catalog, query: string): GpuMatch {
  const result = findGpu(catalog, query);
  if (result.ok) return result.match;
  const list = result.candidates.join(', ');
  const message =
    result.reason === 'ambiguous'
      ? `"${query}" matches GPUs in several classes: ${list}; name one (see runpod-plan gpus)`
      : `unknown GPU "${query}"; closest: ${list} (see runpod-plan gpus)`;
  throw new InputError(message, {}, 'gpu');
}
