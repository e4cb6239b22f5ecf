// The catalog projected into plain rate records: the prices and billing rules the cost model reads, without
// the catalog's shape (its nesting, sources and dates). The model (src/model/) takes these records and never
// the Catalog, so a change to the catalog's layout stops here. Each catalog is projected once (a sweep
// prices thousands of points against one catalog).
import { COLD_START_PHASES, type Catalog, type ColdStartPhase } from './schema.js';

export type { ColdStartPhase } from './schema.js';

/** Storage prices of a pod, USD per GB per month (catalog storage.podContainerDisk etc.). */
export interface PodStorageRates {
  /** Container disk while the pod runs (nothing when stopped: it is erased). */
  containerDiskUsdPerGBMonth: number;
  /** Volume disk while the pod runs. */
  volumeRunningUsdPerGBMonth: number;
  /** Volume disk while the pod is stopped. */
  volumeStoppedUsdPerGBMonth: number;
}

/** One price tier of a network volume (catalog storage.networkVolume.tiers). */
export interface NetworkVolumeTier {
  /** The tier covers the GB up to this size (cumulative); null on the last tier (everything above). */
  upToGB: number | null;
  usdPerGBMonth: number;
}

/** Whether each cold-start phase is billed (catalog billing.serverless.billedPhases, without its date and source). */
export type BilledPhases = Readonly<Record<ColdStartPhase, boolean>>;

/** Everything the cost model reads from one catalog. */
export interface CatalogRates {
  podStorage: PodStorageRates;
  /** Network-volume price tiers, ascending. */
  networkVolumeTiers: readonly NetworkVolumeTier[];
  /** Each serverless worker window is rounded up to a multiple of this many seconds. */
  serverlessRoundingS: number;
  /** Pod compute and storage are billed in multiples of this many seconds. */
  podGranularityS: number;
  billedPhases: BilledPhases;
}

const ratesByCatalog = new WeakMap<Catalog, CatalogRates>();

function projectRates(catalog: Catalog): CatalogRates {
  const { storage, billing } = catalog;
  const billedPhases = {} as Record<ColdStartPhase, boolean>;
  for (const phase of COLD_START_PHASES) billedPhases[phase] = billing.serverless.billedPhases[phase];
  return {
    podStorage: {
      containerDiskUsdPerGBMonth: storage.podContainerDisk.usdPerGBMonth,
      volumeRunningUsdPerGBMonth: storage.podVolumeRunning.usdPerGBMonth,
      volumeStoppedUsdPerGBMonth: storage.podVolumeStopped.usdPerGBMonth,
    },
    networkVolumeTiers: storage.networkVolume.tiers.map((tier) => ({ upToGB: tier.upToGB, usdPerGBMonth: tier.usdPerGBMonth })),
    serverlessRoundingS: billing.serverless.rounding.granularityS,
    podGranularityS: billing.pods.granularity.granularityS,
    billedPhases,
  };
}

/** The catalog's rates, projected once per catalog (every comparison and every sweep point shares them). */
export function ratesOf(catalog: Catalog): CatalogRates {
  let rates = ratesByCatalog.get(catalog);
  if (rates === undefined) {
    rates = projectRates(catalog);
    ratesByCatalog.set(catalog, rates);
  }
  return rates;
}

/** The catalog's pod storage prices (one record per catalog, which all its pods share). */
export function podStorageRatesOf(catalog: Catalog): PodStorageRates {
  return ratesOf(catalog).podStorage;
}
