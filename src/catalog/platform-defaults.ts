// An endpoint's defaults depend on how it is made: the console's (catalog `defaults`) or the REST API v2's
// `POST /v2/serverless` (catalog `apiDefaults`: FlashBoot off, idle timeout 10 s, execution timeout 300 s).
import type { Catalog } from './schema.js';

export type EndpointOrigin = 'console' | 'api';

/** The defaults an endpoint gets where its spec says nothing. */
export interface PlatformDefaults {
  idleTimeoutS: number;
  executionTimeoutS: number;
  maxWorkers: number;
  activeWorkers: number;
  flashboot: boolean;
}

/** Whether FlashBoot is on: as the spec says, else the default of how the endpoint is made. */
export function flashbootOn(catalog: Catalog, origin: EndpointOrigin, given: boolean | undefined): boolean {
  return given ?? platformDefaults(catalog, origin).flashboot;
}

/** The defaults of an endpoint made in the console or with the API. */
export function platformDefaults(catalog: Catalog, origin: EndpointOrigin): PlatformDefaults {
  const d = origin === 'api' ? catalog.apiDefaults : catalog.defaults;
  return {
    idleTimeoutS: d.idleTimeoutS.value,
    executionTimeoutS: d.executionTimeoutS.value,
    maxWorkers: d.maxWorkers.value,
    activeWorkers: d.activeWorkers.value,
    flashboot: d.flashboot.value,
  };
}
