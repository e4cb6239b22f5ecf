// The plan file: a team's RunPod setup (endpoints, pods, network volumes), its budget and its latency
// targets, kept next to their code. This zod schema is the single source of truth: it validates plans
// (strictly: an unknown key is an error with its line), gives their types, and generates the JSON Schema
// editors use (`runpod-plan schema`), so every field a user writes carries a description here.
import * as z from 'zod';
import { WEIGHT_SOURCES } from '../model/cold-start.js';
import { TRACE_FORMATS } from '../input/trace.js';
import { BandwidthSchema, CountSchema, DurationSchema, MoneySchema, PercentSchema, RateSchema, SizeSchema } from '../input/unit-schemas.js';

// Values with units are written as strings (`4s`, `6.9GB`, `$500`, `20%`); the schema turns them into
// seconds, GB, USD and fractions. The JSON Schema shows them as strings with a pattern-free description.
const duration = (description: string) => DurationSchema.describe(`${description} A duration such as 250ms, 4s, 2m, 1.5h.`);
const size = (description: string) => SizeSchema.describe(`${description} A size such as 500MB, 6.9GB, 1TB.`);
const money = (description: string) => MoneySchema.describe(`${description} An amount such as $500.`);
const percent = (description: string) => PercentSchema.describe(`${description} A percentage such as 20% (or 0.2).`);
const whole = (description: string) => z.number().int().nonnegative().describe(description);

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const nameKey = z.string().regex(NAME, { error: 'expected a name of letters, digits, - and _' });

export const ExecutionSchema = z
  .union([
    duration('Mean execution time (exponentially distributed).'),
    z.strictObject({
      mean: duration('Mean execution time.'),
      distribution: z.enum(['exponential', 'constant']).default('exponential').describe('How execution times vary around the mean.'),
    }),
    z.strictObject({ p50: duration('Median execution time (lognormal).'), p95: duration('95th percentile execution time (lognormal).') }),
    z.strictObject({ samples: z.string().min(1).describe('A file of execution times in seconds, one per line, relative to the plan.') }),
  ])
  .describe('Execution time of one request: a mean (`4s`), `{ p50, p95 }` for a lognormal, or `{ samples: file }`.');

export const TrafficSchema = z
  .strictObject({
    requestsPerDay: CountSchema.optional().describe('Mean requests per day, e.g. 50000 or 50k.'),
    rps: z.number().nonnegative().optional().describe('Mean requests per second.'),
    profile: z
      .union([z.enum(['flat', 'business-hours']), z.array(z.number().nonnegative()).length(24)])
      .optional()
      .describe('Daily shape: flat, business-hours, or 24 hourly weights.'),
    peakToMean: z.number().min(1).max(10).optional().describe('Daily shape whose busiest hour is this many times the mean.'),
    bursts: z.strictObject({ on: duration('Length of a burst.'), off: duration('Quiet time between bursts.') }).optional().describe('On/off bursts carrying the daily volume.'),
    trace: z.string().min(1).optional().describe('Replay a CSV trace (relative to the plan) instead of a rate.'),
    traceFormat: z.enum(TRACE_FORMATS).default('timestamps').describe('What the trace holds: arrival timestamps or counts per minute.'),
  })
  .describe('The traffic: a rate (requestsPerDay or rps) with an optional daily shape or bursts, or a trace file.');

export const ScalerSchema = z
  .union([
    z.literal('queue-delay'),
    z.literal('request-count'),
    z.literal('per-request'),
    z.strictObject({ kind: z.literal('queue-delay').describe('Add a worker when a job has waited over the threshold.'), threshold: duration('Wait before a worker is added.') }),
    z.strictObject({ kind: z.literal('request-count').describe('Keep ceil((queued + running) / value) workers.'), value: z.number().int().positive().describe('Jobs per worker the scaler aims for.') }),
  ])
  .describe("RunPod's scaler: queue-delay (default), request-count, or per-request (the classic FaaS model).");

export const SloSchema = z
  .strictObject({
    p95: duration('Latency the 95th percentile request must not exceed.').optional(),
    p99: duration('Latency the 99th percentile request must not exceed.').optional(),
    maxColdRate: percent('Most requests that may wait on a cold start.').optional(),
  })
  .describe('Latency targets `check` enforces for this endpoint.');

export const EndpointSchema = z
  .strictObject({
    gpu: z.string().min(1).describe('GPU class or model: ADA_24, "24 GB PRO", RTX 4090.'),
    gpuCount: z.number().int().min(1).default(1).describe('GPUs per worker.'),
    workers: z
      .strictObject({
        active: whole('Always-on workers (default: the catalog, 0).').optional(),
        max: z.number().int().min(1).optional().describe('Most flex workers (default: the catalog, 3).'),
        idleTimeout: duration('How long a flex worker stays up after its last job (default: the catalog, 5s).').optional(),
        jobsPerWorker: z.number().int().min(1).default(1).describe('Jobs a worker runs at once.'),
        executionTimeout: duration('Jobs longer than this fail (default: the catalog, 600s).').optional(),
      })
      .default({ jobsPerWorker: 1 })
      .describe('Worker settings of the endpoint.'),
    scaler: ScalerSchema.default('queue-delay'),
    traffic: TrafficSchema,
    execution: ExecutionSchema,
    coldStart: duration('A whole cold start, instead of the cold-start model.').optional(),
    coldStartBilled: duration('The billed part of coldStart (default: all of it).').optional(),
    image: size('Container image without the weights.').optional(),
    bakedImage: size('The image with the weights baked in (default: image + weights).').optional(),
    imageCached: z.boolean().optional().describe('The image is already on the host: no pull.'),
    weights: size('Model weights.').optional(),
    model: z.string().optional().describe('A model preset: sdxl-base, whisper-large-v3, llama-3.1-8b, llama-3.1-70b, mistral-7b, flux.1-dev.'),
    params: CountSchema.optional().describe('Model parameters, e.g. 8B (with dtype).'),
    dtype: z.enum(['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4']).optional().describe('Weight format for params.'),
    weightsFrom: z.enum(WEIGHT_SOURCES).optional().describe('Where weights come from at start.'),
    flashbootHit: percent('Share of starts that are FlashBoot restores (default 0%).').optional(),
    warmup: duration('Engine warm-up at start.').optional(),
    pullBandwidth: BandwidthSchema.optional().describe('Image pull bandwidth, e.g. 100MB/s.'),
    activeRate: RateSchema.optional().describe('Your active-worker price per GPU, e.g. $0.44/h.'),
    slo: SloSchema.optional(),
  })
  .describe('A serverless endpoint.');

export const PodSchema = z
  .strictObject({
    gpu: z.string().min(1).describe('GPU model: RTX 4090, A100 SXM, H100 SXM.'),
    gpuCount: z.number().int().min(1).default(1).describe('GPUs per pod.'),
    count: z.number().int().min(1).default(1).describe('Number of pods.'),
    cloud: z.enum(['secure', 'community']).default('secure').describe('Secure Cloud or Community Cloud.'),
    hoursPerDay: z.number().min(0).max(24).default(24).describe('Hours each pod runs per day; stopped the rest.'),
    containerDisk: size('Container disk per pod.').default(0),
    volumeDisk: size('Volume disk per pod.').default(0),
    savingsPlan: percent('Savings-plan discount on compute.').optional(),
    rate: RateSchema.optional().describe('Your price per GPU, e.g. $1.89/h (default: the catalog).'),
  })
  .describe('A pod.');

export const NetworkVolumeSchema = z.strictObject({ size: size('Size of the volume.') }).describe('A network volume.');

export const BudgetSchema = z
  .strictObject({
    monthly: money('Most the whole plan may cost per month.').optional(),
    per1000Requests: money('Most the endpoints may cost per 1,000 requests.').optional(),
    maxIncrease: z
      .strictObject({ percent: percent('Largest increase over the baseline plan.').optional(), usd: money('Largest increase over the baseline plan.').optional() })
      .optional()
      .describe('Largest monthly increase over a baseline plan (check --baseline).'),
  })
  .describe('Budget rules `check` enforces.');

export const PlanSchema = z
  .strictObject({
    version: z.literal(1).describe('Plan format version: 1.'),
    catalog: z.string().min(1).optional().describe('A catalog file layered over the bundled one, relative to the plan.'),
    month: duration('The month costs are given for (default 730h; 720h for 30 days).').optional(),
    seed: z.number().int().nonnegative().default(1).describe('Random seed of the simulation: same seed, same output.'),
    horizon: duration('Simulated time per endpoint (default 30d).').optional(),
    endpoints: z.record(nameKey, EndpointSchema).default({}).describe('Serverless endpoints by name.'),
    pods: z.record(nameKey, PodSchema).default({}).describe('Pods by name.'),
    networkVolumes: z.record(nameKey, NetworkVolumeSchema).default({}).describe('Network volumes by name.'),
    budget: BudgetSchema.optional(),
  })
  .describe('A runpod-plan plan: endpoints, pods, network volumes, budget.');

export type Plan = z.output<typeof PlanSchema>;
export type PlanEndpoint = z.output<typeof EndpointSchema>;
export type PlanPod = z.output<typeof PodSchema>;
