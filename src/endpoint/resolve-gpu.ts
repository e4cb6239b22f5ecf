import { findGpu, type GpuMatch } from '../catalog/lookup.js';
import type { Catalog } from '../catalog/schema.js';
import { InputError } from '../input/error.js';

/** Resolves a GPU name from a flag or argument; an unknown or ambiguous name is an InputError with candidates. */
export function resolveGpu(catalog: Catalog, query: string, where: string): GpuMatch {
  const result = findGpu(catalog, query);
  if (result.ok) return result.match;
  const list = result.candidates.join(', ');
  const message =
    result.reason === 'ambiguous'
      ? `"${query}" matches GPUs in several classes: ${list}; name one (see runpod-plan gpus)`
      : `unknown GPU "${query}"; closest: ${list} (see runpod-plan gpus)`;
  throw new InputError(message, { flag: where });
}
