// A command's endpoint flags -> the one endpoint spec -> the one resolver, with every error reported as
// the flag that caused it.
import type { Catalog } from '../catalog/schema.js';
import { resolveEndpoint, type ResolvedEndpoint, type RunSettings } from '../endpoint/resolve.js';
import type { EndpointSpec } from '../endpoint/spec.js';
import { readEndpointData } from './endpoint-files.js';
import type { EndpointOptions, FixedValues } from './endpoint-options.js';

/** The endpoint a command's flags describe, resolved; `fixed` sets spec values the command implies. */
export async function endpointFromFlags(
  catalog: Catalog,
  options: EndpointOptions,
  raw: unknown,
  run: RunSettings,
  cwd: string,
  fixed: FixedValues = {},
): Promise<{ spec: EndpointSpec; endpoint: ResolvedEndpoint }> {
  try {
    const spec = options.toSpec(raw as Record<string, unknown>, fixed);
    const data = await readEndpointData(spec, { baseDir: cwd, display: (written) => written, unreadable: (error) => error });
    return { spec, endpoint: resolveEndpoint(catalog, spec, run, data, options) };
  } catch (error) {
    throw options.inFlagTerms(error);
  }
}

/** Runs `work` with its errors against spec paths reported as the command's flags. */
export function inFlagTerms<T>(options: EndpointOptions, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw options.inFlagTerms(error);
  }
}
