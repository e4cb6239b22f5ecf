// The catalog's single source of truth: the YAML files in pricing/ are validated against these schemas
// and every type the rest of the code uses is inferred from them. Objects are strict so a typo in a
// user's catalog is an error naming the key, never a silently ignored line.
import * as z from 'zod';
import { within, type LimitName } from '../input/limits.js';

/** A calendar date (`2026-09-25`) or, for month-level snapshots, a month (`2025-07`). */
export const RetrievedDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, { error: 'expected a date like 2026-09-25 or 2025-07' })
  .describe('When the figure was read from its source: YYYY-MM-DD, or YYYY-MM for a month-level snapshot.');

const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'expected a date like 2026-09-25' });

/** Where a figure comes from. Every price and rule in a catalog carries one. */
const provenance = {
  /** A URL (or, for a negotiated rate, a reference such as a contract id) for the figure. */
  source: z.string().min(1).describe('URL or reference the figure comes from.'),
  /** When the figure was read from its source. */
  retrieved: RetrievedDateSchema,
  /** Anything a reader should know about the figure (a disagreement between sources, a caveat). */
  note: z.string().optional().describe('A caveat about the figure.'),
};

// Prices past these ranges are typos or overflow ($Infinity), never a RunPod price (src/input/limits.ts).
const usdPerSecond = within(z.number(), 'activeRate').describe('USD per GPU per second.');
const usdPerHour = within(z.number(), 'podRate').describe('USD per GPU per hour.');
const usdPerGBMonth = within(z.number(), 'storagePrice').describe('USD per GB per month.');

/** A sourced number: a default or limit of the platform, within its range where it has one. */
const sourcedNumber = (description: string, limit?: LimitName) =>
  z.strictObject({ value: (limit === undefined ? z.number().nonnegative() : within(z.number(), limit)).describe(description), ...provenance });

/** A sourced yes/no: a default of the platform. */
const sourcedBoolean = (description: string) => z.strictObject({ value: z.boolean().describe(description), ...provenance });

/** One serverless price class (a GPU pool), as the console and the API name it. */
export const ServerlessClassSchema = z.strictObject({
  /** The console's name for the class, e.g. `24 GB PRO`. */
  label: z.string().min(1).describe('Console label, e.g. "24 GB PRO".'),
  /** Names of the GPUs in the pool; each must be a key of `gpus`. */
  gpus: z.array(z.string().min(1)).min(1).describe('GPU names in the pool (keys of `gpus`).'),
  /** The VRAM every worker of the class is guaranteed, per GPU. */
  vramGB: z.number().positive().describe('VRAM per GPU in GB (decimal).'),
  flexUsdPerSecond: usdPerSecond.describe('Flex (scale-to-zero) worker price, USD per GPU per second.'),
  /**
   * A rate active workers are billed at that differs from flex: a negotiated one, in a user's catalog.
   * `null` (the bundled catalog): active workers pay the flex rate, RunPod's rule since 2026-05-13
   * (billing.serverless.activeWorkers).
   */
  activeUsdPerSecond: usdPerSecond
    .nullable()
    .describe('Active (always-on) worker price, USD per GPU per second, where it differs from flex (a negotiated rate); null: the flex rate.'),
  /** The discounted active price RunPod last published (until 2026-05-13): history, and an example of a negotiated rate. */
  lastPublishedActive: z
    .strictObject({ usdPerSecond, ...provenance })
    .optional()
    .describe('The active price RunPod last published before unifying flex and active prices (history only).'),
  ...provenance,
});

/** Pod on-demand prices for one GPU model. */
export const PodPriceSchema = z.strictObject({
  secureUsdPerHour: usdPerHour.nullable().describe('Secure Cloud on-demand USD per GPU-hour; null if not offered.'),
  communityUsdPerHour: usdPerHour.nullable().describe('Community Cloud on-demand USD per GPU-hour; null if not offered.'),
  ...provenance,
});

/** One GPU model: its memory, other spellings of its name, and its pod prices where known. */
export const GpuSchema = z.strictObject({
  vramGB: z.number().positive().describe('VRAM in GB (decimal).'),
  /** Other spellings users type, e.g. `GeForce RTX 4090`, `A100 80GB PCIe`. */
  aliases: z.array(z.string().min(1)).optional().describe('Other names for the GPU.'),
  pod: PodPriceSchema.optional().describe('Pod on-demand prices; absent when not known.'),
  ...provenance,
});

const StorageRateSchema = z.strictObject({ usdPerGBMonth, ...provenance });

const NetworkVolumeTierSchema = z.strictObject({
  /** The tier applies to the GB up to this size; `null` for the last tier (everything above). */
  upToGB: z.number().positive().nullable().describe('Upper bound of the tier in GB; null for the last tier.'),
  usdPerGBMonth,
});

export const StorageSchema = z.strictObject({
  podContainerDisk: StorageRateSchema.describe('Pod container disk while the pod runs (erased when stopped).'),
  podVolumeRunning: StorageRateSchema.describe('Pod volume disk while the pod runs.'),
  podVolumeStopped: StorageRateSchema.describe('Pod volume disk while the pod is stopped.'),
  serverlessContainerDisk: StorageRateSchema.describe('Serverless worker container disk.'),
  networkVolume: z
    .strictObject({
      tiers: z.array(NetworkVolumeTierSchema).min(1),
      minGB: z.number().positive(),
      maxGB: z.number().positive(),
      ...provenance,
    })
    .describe('Network volume price tiers (billed hourly, attached or not).'),
  highPerformanceNetworkVolume: z
    .strictObject({ usdPerGBMonth: usdPerGBMonth.nullable(), ...provenance })
    .describe('High-performance network volume; null where RunPod publishes no price.'),
});

/** Cold-start phases a worker goes through; the billing rules say which of them are billed. */
export const COLD_START_PHASES = [
  'imagePull',
  'containerStart',
  'frameworkImport',
  'cudaContext',
  'hubDownload',
  'cachedModelDownload',
  'weightLoad',
  'engineWarmup',
  'flashbootRestore',
] as const;
export type ColdStartPhase = (typeof COLD_START_PHASES)[number];

const billedPhasesShape = Object.fromEntries(COLD_START_PHASES.map((phase) => [phase, z.boolean()])) as Record<
  ColdStartPhase,
  z.ZodBoolean
>;

export const BillingSchema = z.strictObject({
  serverless: z.strictObject({
    rounding: z
      .strictObject({
        /** Each worker's billed window (start to stop) is rounded up to a multiple of this. */
        granularityS: z.number().positive(),
        ...provenance,
      })
      .describe('How a worker window is rounded: up, per window, to granularityS.'),
    billedPhases: z
      .strictObject({
        ...billedPhasesShape,
        /** The date these rules took effect. */
        effective: IsoDateSchema,
        ...provenance,
      })
      .describe('Which cold-start phases are billed.'),
    idleTimeoutBilled: z.strictObject({ value: z.boolean(), ...provenance }),
    activeWorkers: z
      .strictObject({
        /** Active workers pay the flex rate unless a class states a (negotiated) active rate. */
        billedAtFlexRate: z.boolean(),
        /** The date the rule took effect. */
        effective: IsoDateSchema,
        ...provenance,
      })
      .describe('The rate active workers are billed at.'),
  }),
  pods: z.strictObject({
    granularity: z.strictObject({
      /** Pod compute and storage are billed in multiples of this many seconds. */
      granularityS: z.number().positive(),
      ...provenance,
    }),
  }),
});

export const DefaultsSchema = z.strictObject({
  idleTimeoutS: sourcedNumber('Seconds a flex worker stays up after its last job.', 'idleTimeout'),
  executionTimeoutS: sourcedNumber('Seconds after which a job is stopped.', 'executionTimeout'),
  maxWorkers: sourcedNumber('Maximum workers of an endpoint.', 'workers'),
  activeWorkers: sourcedNumber('Always-on workers of an endpoint.', 'workers'),
  queueDelayThresholdS: sourcedNumber('Queue-delay scaler: seconds a job waits before a worker is added.', 'queueDelayThreshold'),
  requestCountScalerValue: sourcedNumber('Request-count scaler: jobs per worker it aims for.', 'scalerValue'),
  flashboot: sourcedBoolean('FlashBoot on for a new endpoint.'),
  maxWorkersHeadroom: sourcedNumber('Headroom over peak concurrency the docs advise for max workers (fraction).'),
  vramHeadroom: sourcedNumber('Headroom over the weights a GPU should have (fraction).'),
});

/** The defaults of an endpoint made with the REST API v2 (`POST /v2/serverless`) where they differ from the console's. */
export const ApiDefaultsSchema = z.strictObject({
  idleTimeoutS: sourcedNumber('Seconds a flex worker stays up after its last job.', 'idleTimeout'),
  executionTimeoutS: sourcedNumber('Seconds after which a job is stopped.', 'executionTimeout'),
  maxWorkers: sourcedNumber('Maximum workers of an endpoint.', 'workers'),
  activeWorkers: sourcedNumber('Always-on workers of an endpoint.', 'workers'),
  flashboot: sourcedBoolean('FlashBoot on for a new endpoint.'),
});

/** Cold-start phase defaults: starting points a user overrides per run, each with its source. */
export const ColdStartDefaultsSchema = z.strictObject({
  imagePullGBPerSecond: sourcedNumber('Registry-to-host image pull bandwidth, GB/s.'),
  containerStartS: sourcedNumber('Seconds from image on host to the container running.'),
  frameworkImportS: sourcedNumber('Seconds to import the ML framework (PyTorch).'),
  cudaContextS: sourcedNumber('Seconds to create the CUDA context.'),
  gpuAttachWithoutPersistenceS: sourcedNumber('Extra seconds per GPU when driver persistence mode is off.'),
  weightsFromImageGBPerSecond: sourcedNumber("Weight load bandwidth from the image's own disk, GB/s."),
  weightsFromNetworkVolumeGBPerSecond: sourcedNumber('Weight load bandwidth from a RunPod network volume, GB/s.'),
  weightsDownloadGBPerSecond: sourcedNumber('Hub download bandwidth at start, GB/s.'),
  flashbootRestoreS: sourcedNumber('Seconds for a FlashBoot snapshot restore.'),
  engineWarmupS: sourcedNumber('Seconds of engine warm-up (compile, CUDA graphs).'),
});

export const LimitsSchema = z.strictObject({
  workerQuota: z.strictObject({
    tiers: z.array(z.strictObject({ minBalanceUsd: z.number().nonnegative(), workers: z.number().int().positive() })).min(1),
    ...provenance,
  }),
  coldStartHealthLimitS: sourcedNumber('A worker whose start takes longer is marked unhealthy.'),
  spendLimitUsdPerHour: sourcedNumber('Default account spend limit across all resources.'),
  podDeployMinimumHours: sourcedNumber("Hours of a pod's cost the balance must hold to deploy it."),
  loadBalancerMaxWaitS: sourcedNumber('Seconds a load-balancing request waits for a worker before it fails.'),
  loadBalancerMaxRequestS: sourcedNumber('Seconds one load-balancing request may run.'),
  idleEndpointScaleDown: z
    .strictObject({
      tiers: z.array(z.strictObject({ idleDays: z.number().positive(), maxWorkers: z.number().int().nonnegative() })).min(1),
      ...provenance,
    })
    .describe("Max workers RunPod sets on an endpoint after days without requests."),
  spikeWorkers: sourcedNumber('Extra workers RunPod may start during traffic spikes (not modelled).'),
});

export const SavingsPlansSchema = z.strictObject({
  termsMonths: z.array(z.number().int().positive()).describe('Plan lengths offered, in months.'),
  /** The discount is not published; this is the example RunPod shows. `null` when even that is unknown. */
  exampleDiscount: z.number().min(0).max(1).nullable().describe('Example discount (fraction) shown by RunPod.'),
  ...provenance,
});

const PoolIdSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: 'expected a pool id like ADA_24' });

export const CatalogSchema = z
  .strictObject({
    /** The snapshot's name, e.g. `runpod-2026-09`. */
    name: z.string().min(1),
    /** The date the snapshot describes; a catalog older than the allowed age draws a warning. */
    asOf: IsoDateSchema,
    currency: z.literal('USD'),
    description: z.string().optional(),
    serverless: z.record(PoolIdSchema, ServerlessClassSchema),
    gpus: z.record(z.string().min(1), GpuSchema),
    savingsPlans: SavingsPlansSchema,
    storage: StorageSchema,
    billing: BillingSchema,
    defaults: DefaultsSchema,
    apiDefaults: ApiDefaultsSchema,
    cpuServerless: z
      .strictObject({ usdPerVcpuHour: z.number().nonnegative().nullable(), ...provenance })
      .describe('CPU serverless workers, USD per vCPU-hour (not modelled yet).'),
    coldStart: ColdStartDefaultsSchema,
    limits: LimitsSchema,
  })
  .superRefine((catalog, ctx) => {
    // Cross-references: a pool member must be a known GPU, and in one pool only, so a GPU name
    // leads to one serverless price.
    const poolOf = new Map<string, string>();
    for (const [poolId, pool] of Object.entries(catalog.serverless)) {
      pool.gpus.forEach((gpu, index) => {
        if (!(gpu in catalog.gpus)) {
          ctx.addIssue({
            code: 'custom',
            path: ['serverless', poolId, 'gpus', index],
            message: `unknown GPU "${gpu}": add it under gpus`,
          });
        } else if (poolOf.has(gpu)) {
          ctx.addIssue({
            code: 'custom',
            path: ['serverless', poolId, 'gpus', index],
            message: `GPU "${gpu}" is already in pool ${poolOf.get(gpu)}`,
          });
        } else {
          poolOf.set(gpu, poolId);
        }
      });
    }
    const tiers = catalog.storage.networkVolume.tiers;
    tiers.forEach((tier, index) => {
      const last = index === tiers.length - 1;
      if (last !== (tier.upToGB === null)) {
        ctx.addIssue({
          code: 'custom',
          path: ['storage', 'networkVolume', 'tiers', index, 'upToGB'],
          message: last ? 'the last tier must have upToGB: null' : 'only the last tier may have upToGB: null',
        });
      }
      const previous = tiers[index - 1]?.upToGB;
      if (previous != null && tier.upToGB !== null && tier.upToGB <= previous) {
        ctx.addIssue({
          code: 'custom',
          path: ['storage', 'networkVolume', 'tiers', index, 'upToGB'],
          message: `tiers must grow: ${tier.upToGB} is not above ${previous}`,
        });
      }
    });
  });

export type Catalog = z.infer<typeof CatalogSchema>;
export type ServerlessClass = z.infer<typeof ServerlessClassSchema>;
export type Gpu = z.infer<typeof GpuSchema>;
export type PodPrice = z.infer<typeof PodPriceSchema>;
