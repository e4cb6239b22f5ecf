// A serverless endpoint, described once. Plan entries (`endpoints.<name>`) are this schema, and every
// endpoint flag of the CLI maps onto one of its paths (src/cli/endpoint-options.ts), so the two can never
// describe an endpoint differently. Strict: an unknown key is an error with its line. Every field a user
// writes carries a description here, which the plan's JSON Schema shows in editors.
import * as z from 'zod';
import { BandwidthSchema, CountSchema, DurationSchema, NumberSchema, PercentSchema, RateSchema, SizeSchema, TokenRateSchema } from '../input/unit-schemas.js';
import { LIMITS, outsideLimit, within } from '../input/limits.js';
import { TRACE_FORMATS } from '../input/trace.js';
import { BYTES_PER_PARAMETER, WEIGHT_SOURCES, type WeightDtype } from '../model/cold-start.js';

// Values with units are written as strings (`4s`, `6.9GB`, `$500`, `20%`); the schema turns them into
// seconds, GB, USD and fractions.
export const duration = (description: string) => DurationSchema.describe(`${description} A duration such as 250ms, 4s, 2m, 1.5h.`);
export const size = (description: string) => SizeSchema.describe(`${description} A size such as 500MB, 6.9GB, 1TB.`);
export const percent = (description: string) => PercentSchema.describe(`${description} A percentage such as 20% (or 0.2).`);
const bandwidth = (description: string) => BandwidthSchema.describe(`${description} A bandwidth such as 100MB/s or 1.3GB/s.`);

export const EXEC_DISTRIBUTIONS = ['exponential', 'constant'] as const;
/**
 * RunPod's endpoint types (REST API v2 `type`): QUEUE (jobs queue at the endpoint: /run, /runsync) and
 * LOAD_BALANCER (requests go straight to the workers' HTTP servers, with no queue).
 */
export const ENDPOINT_TYPES = ['queue', 'load-balancer'] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];
export const SCALERS = ['queue-delay', 'request-count', 'per-request'] as const;
/**
 * How a queue-delay threshold crossing adds workers. RunPod documents only: "With zero workers initially,
 * the first request adds one worker. Subsequent requests add workers only after waiting in the queue for
 * the defined number of delay seconds" (runpod/docs, endpoint-configurations, February 2026). `pending`
 * (default): a crossing adds a worker only while fewer are starting than jobs have crossed, so a job never
 * starts a second worker for itself. `eager`: every crossing adds one (kept for sensitivity).
 */
export const QUEUE_DELAY_READINGS = ['pending', 'eager'] as const;
/** How an endpoint is made: its defaults differ (the console's, or the REST API v2's POST /v2/serverless). */
export const CREATED_WITH = ['console', 'api'] as const;
export type CreatedWith = (typeof CREATED_WITH)[number];
export const NAMED_PROFILES = ['flat', 'business-hours'] as const;
/** How a counts trace places each minute's arrivals. */
export const WITHIN_MINUTE = ['even', 'random'] as const;
const DTYPES = Object.keys(BYTES_PER_PARAMETER) as [WeightDtype, ...WeightDtype[]];

export const ExecutionSchema = z
  .union([
    within(duration('Mean execution time (exponentially distributed).'), 'execution'),
    z.strictObject({
      mean: within(duration('Mean execution time.'), 'execution'),
      distribution: z.enum(EXEC_DISTRIBUTIONS).default('exponential').describe('How execution times vary around the mean.'),
    }),
    z.strictObject({
      p50: within(duration('Median execution time (lognormal).'), 'execution'),
      p95: within(duration('95th percentile execution time (lognormal).'), 'execution'),
    }),
    z.strictObject({ samples: z.string().min(1).describe('A file of execution times in seconds, one per line, relative to the plan.') }),
  ], { error: 'expected a duration like 4s, or a map of mean (and distribution), of p50 and p95, or of samples' })
  .describe('Execution time of one request: a mean (`4s`), `{ p50, p95 }` for a lognormal, or `{ samples: file }`.');

export const TrafficSchema = z
  .strictObject({
    requestsPerDay: within(CountSchema, 'requestsPerDay').optional().describe('Mean requests per day, e.g. 50000 or 50k.'),
    rps: within(NumberSchema, 'rps').optional().describe('Mean requests per second.'),
    utilization: within(percent('Traffic as the busy share of one GPU: requests per second = utilization / mean execution time.'), 'utilization').optional(),
    profile: z
      .union([z.enum(NAMED_PROFILES), z.array(within(z.number(), 'profileWeight')).length(24, { error: 'expected 24 hourly weights, midnight to 11 pm' })], {
        error: 'expected flat, business-hours, or a list of 24 hourly weights',
      })
      .optional()
      .describe('Daily shape: flat, business-hours, or 24 hourly weights.'),
    peakToMean: within(NumberSchema, 'peakToMean').optional().describe('Daily shape whose busiest hour is this many times the mean (1 to 10).'),
    bursts: z.strictObject({ on: within(duration('Length of a burst.'), 'burst'), off: within(duration('Quiet time between bursts.'), 'burst') }).optional().describe('On/off bursts carrying the daily volume.'),
    trace: z.string().min(1).optional().describe('Replay a CSV trace (relative to the plan) instead of a rate; the horizon is its span unless repeat.'),
    repeat: z.boolean().optional().describe('Replay the trace end to end for a horizon longer than its span.'),
    traceFormat: z.enum(TRACE_FORMATS).default('timestamps').describe('What the trace holds: arrival timestamps or counts per minute.'),
    withinMinute: z
      .enum(WITHIN_MINUTE)
      .optional()
      .describe("A counts trace: place each minute's arrivals evenly (default), or at random times in the minute, as Poisson arrivals given the count (seeded; what calibrate writes)."),
  })
  .describe('The traffic: a rate (requestsPerDay, rps or utilization) with an optional daily shape or bursts, or a trace file.');

export const ScalerSchema = z
  .union(
    [
      z.enum(SCALERS),
      // By its kind, so a map with `kind: request-count` and no value is told its value is missing.
      z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('queue-delay').describe('Add a worker when a job has waited over the threshold.'),
          threshold: within(duration('Wait before a worker is added (at least 500ms; default: the catalog, 4s).'), 'execution').optional(),
          reading: z.enum(QUEUE_DELAY_READINGS).optional().describe('How a crossing adds workers, which RunPod does not document beyond one sentence: pending (default; a job never starts a second worker for itself) or eager (every crossing adds one).'),
        }),
        z.strictObject({ kind: z.literal('request-count').describe('Keep ceil((queued + running) / value) workers.'), value: within(z.number(), 'scalerValue').describe('Jobs per worker the scaler aims for.') }),
      ]),
    ],
    { error: 'expected queue-delay, request-count or per-request, or a map with kind' },
  )
  .describe("RunPod's scaler: queue-delay (default), request-count (required, and the default, on a load-balancing endpoint), or per-request (the classic FaaS model).");

export const LoadBalancerSchema = z
  .strictObject({
    maxWait: within(duration("The longest a request waits for a worker before it fails (default: the catalog's, 2m)."), 'loadBalancerWait').optional(),
    retries: within(z.number(), 'clientRetries').default(0).describe('Times a client sends a failed request again (RunPod has no built-in retries and advises at least 3).'),
    retryDelay: within(duration('Wait after a failure before the client tries again (RunPod advises 5-10s; default 5s).'), 'retryDelay').optional(),
  })
  .describe('A load-balancing endpoint: the wait for a worker and the client\'s retries.');

/**
 * Requests sharing a worker as an LLM server batches them: tokens per second each request gets with n in
 * flight, from the user's measurements (no preset: no dated, published table for RunPod's GPUs was found).
 */
export const ConcurrencySchema = z
  .record(z.string(), within(TokenRateSchema, 'tokenRate'))
  .superRefine((table, ctx) => {
    const keys = Object.keys(table);
    if (keys.length === 0) ctx.addIssue({ code: 'custom', message: 'expected at least one row, requests in flight: tokens per second each, e.g. { 1: 60 tok/s, 8: 45 tok/s }' });
    for (const key of keys) {
      const problem = /^\d+$/.test(key) ? outsideLimit(LIMITS.jobsPerWorker, Number(key)) : `expected a whole number of requests in flight, got "${key}"`;
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: [key] });
    }
  })
  .describe(
    'Tokens per second each request gets with that many requests in flight on one worker, e.g. { 1: 60 tok/s, 8: 45 tok/s, 32: 25 tok/s } (your measurements; linear between rows, flat before the first). Each request then runs at that pace relative to its pace alone, changing as requests join and leave; workers.jobsPerWorker (worker-vllm: 30) caps the batch.',
  );

/** An LLM endpoint's requests in tokens: the execution time follows from them (instead of `execution`). */
export const TokensSchema = z
  .strictObject({
    in: within(CountSchema, 'tokens').describe('Input (prompt) tokens per request, e.g. 500: every request, or the median with inP95.'),
    inP95: within(CountSchema, 'tokens').optional().describe('95th percentile of input tokens (lognormal through in and inP95).'),
    out: within(CountSchema, 'tokens').describe('Output tokens per request, e.g. 250: every request, or the median with outP95.'),
    outP95: within(CountSchema, 'tokens').optional().describe('95th percentile of output tokens (lognormal through out and outP95).'),
    prefill: within(TokenRateSchema, 'tokenRate').describe('Input tokens per second a request is read at (prefill) alone on a worker, e.g. 5000 tok/s: your measurement.'),
    decode: within(TokenRateSchema, 'tokenRate').optional().describe('Output tokens per second of a request alone (default: the concurrency table at 1 in flight).'),
  })
  .describe("An LLM endpoint's requests in tokens: a request's time alone is in / prefill + out / decode, instead of `execution`.");

export const WorkersSchema = z
  .strictObject({
    active: within(z.number(), 'workers').optional().describe('Always-on workers (default: the catalog, 0).'),
    max: within(z.number(), 'workers').optional().describe('Most flex workers (default: the catalog, 3).'),
    idleTimeout: duration('How long a flex worker stays up after its last job, 1s to 1h (default: the catalog, 5s).').optional(),
    jobsPerWorker: within(z.number(), 'jobsPerWorker').default(1).describe('Jobs a worker runs at once.'),
    executionTimeout: duration('Jobs longer than this fail, 5s to 7d (default: the catalog, 600s).').optional(),
  })
  .describe('Worker settings of the endpoint.');

export const SloSchema = z
  .strictObject({
    p95: within(duration('Latency the 95th percentile request must not exceed.'), 'slo').optional(),
    p99: within(duration('Latency the 99th percentile request must not exceed.'), 'slo').optional(),
    maxColdRate: within(percent('Most requests that may wait on a cold start.'), 'share').optional(),
    ttftP95: within(duration('Time to first token the 95th percentile request must not exceed (an endpoint with tokens).'), 'slo').optional(),
    maxDropRate: within(percent('Most requests a load-balancing endpoint may fail because no worker was free in time (after the client\'s retries).'), 'share').optional(),
  })
  .describe('Latency targets `check` enforces for this endpoint.');

/**
 * The cold start: either a whole duration (`coldStart`, `coldStartBilled`), or the cold-start model's
 * inputs (image, weights and where they come from, FlashBoot, and any phase measured by the user).
 */
const coldStartFields = {
  createdWith: z
    .enum(CREATED_WITH)
    .default('console')
    .describe("How the endpoint is made, which sets its defaults: console (FlashBoot on, idle timeout 5s, execution timeout 10m) or api (POST /v2/serverless: FlashBoot off, 10s, 5m)."),
  flashboot: z.boolean().optional().describe('FlashBoot on (default: on for an endpoint made in the console, off for one made with the API).'),
  coldStart: within(duration('A whole cold start, instead of the cold-start model (default: container start + framework import + CUDA context from the catalog).'), 'coldStart').optional(),
  coldStartBilled: within(duration('The billed part of coldStart (default: all of it).'), 'coldStart').optional(),
  image: within(size('Container image without the weights.'), 'size').optional(),
  bakedImage: within(size('The image with the weights baked in (default: image + weights).'), 'size').optional(),
  imageCached: z.boolean().optional().describe('The image is already on the host: no pull.'),
  weights: within(size('Model weights.'), 'size').optional(),
  model: z.string().optional().describe('A model preset: sdxl-base, whisper-large-v3, llama-3.1-8b, llama-3.1-70b, mistral-7b, flux.1-dev.'),
  params: within(CountSchema, 'parameters').optional().describe('Model parameters, e.g. 8B (with dtype).'),
  dtype: z.enum(DTYPES).optional().describe('Weight format for params.'),
  weightsFrom: z.enum(WEIGHT_SOURCES).optional().describe('Where weights come from at start (default: image).'),
  flashbootHit: within(percent('Share of starts that are FlashBoot restores (default 0%); with the cold-start model or a whole coldStart.'), 'share').optional(),
  restore: within(duration('A FlashBoot snapshot restore (default: the catalog, 2s); with the cold-start model or a whole coldStart.'), 'coldStart').optional(),
  pullBandwidth: within(bandwidth('Image pull bandwidth (default: the catalog, 100MB/s).'), 'bandwidth').optional(),
  containerStart: within(duration('Container start (default: the catalog, 3s).'), 'coldStart').optional(),
  import: within(duration('Framework import (default: the catalog, 5s).'), 'coldStart').optional(),
  cuda: within(duration('CUDA context (default: the catalog, 500ms).'), 'coldStart').optional(),
  persistence: z.boolean().optional().describe('GPU driver persistence mode (default: on); off adds an attach delay per GPU.'),
  diskBandwidth: within(bandwidth("Weights read from the image's disk (default: the catalog, 1.3GB/s)."), 'bandwidth').optional(),
  volumeBandwidth: within(bandwidth('Weights read from a network volume (default: the catalog, 300MB/s).'), 'bandwidth').optional(),
  downloadBandwidth: within(bandwidth('Weights downloaded at start (default: the catalog, 250MB/s).'), 'bandwidth').optional(),
  warmup: within(duration('Engine warm-up at start: compile, CUDA graphs (default 0s).'), 'coldStart').optional(),
};

/** The cold-start fields alone: what `coldstart` takes without traffic. */
export const ColdStartSpecSchema = z.strictObject(coldStartFields);

/** The id RunPod gives a resource, as its billing records name it: what `reconcile` matches a plan entry by. */
export const runpodId = (what: string) =>
  z.string({ error: 'expected an id like jpnw0v75y3qoql' }).regex(/^[A-Za-z0-9_-]+$/, { error: 'expected an id of letters, digits, - and _' }).optional().describe(`RunPod's id of the ${what}, as its billing records name it (for reconcile).`);

export const EndpointSpecSchema = z
  .strictObject({
    id: runpodId('endpoint (in its URL: api.runpod.ai/v2/<id>/run)'),
    gpu: z.string().min(1).max(LIMITS.nameLength.max).describe('GPU class or model: ADA_24, "24 GB PRO", RTX 4090.'),
    gpuCount: within(z.number(), 'gpuCount').default(1).describe('GPUs per worker.'),
    type: z
      .enum(ENDPOINT_TYPES)
      .default('queue')
      .describe("RunPod's endpoint type: queue (jobs queue at the endpoint) or load-balancer (requests go straight to the workers' HTTP servers; one that finds no worker waits at most 2 minutes, then fails)."),
    loadBalancer: LoadBalancerSchema.optional(),
    workers: WorkersSchema.default({ jobsPerWorker: 1 }).describe('Worker settings of the endpoint.'),
    scaler: ScalerSchema.optional(),
    traffic: TrafficSchema,
    execution: ExecutionSchema.optional(),
    tokens: TokensSchema.optional(),
    concurrency: ConcurrencySchema.optional(),
    ...coldStartFields,
    activeRate: within(RateSchema, 'activeRate').optional().describe('Your active-worker price per GPU, e.g. $0.44/h.'),
    slo: SloSchema.optional(),
  })
  .describe('A serverless endpoint.');

export type EndpointSpec = z.output<typeof EndpointSpecSchema>;
export type ColdStartSpec = z.output<typeof ColdStartSpecSchema>;
export type TrafficSpec = z.output<typeof TrafficSchema>;
export type ExecutionSpec = z.output<typeof ExecutionSchema>;

/** The cold-start model's fields: any of them asks for the model rather than a whole coldStart duration. */
export const COLD_START_MODEL_FIELDS = [
  'image', 'bakedImage', 'imageCached', 'weights', 'params', 'dtype', 'model', 'weightsFrom', 'flashbootHit', 'restore',
  'pullBandwidth', 'containerStart', 'import', 'cuda', 'persistence', 'diskBandwidth', 'volumeBandwidth', 'downloadBandwidth', 'warmup',
] as const satisfies readonly (keyof ColdStartSpec)[];

/** FlashBoot's fields, which also go with a whole coldStart: a measured start with a share of restores (what calibrate writes). */
const FLASHBOOT_FIELDS: readonly (keyof ColdStartSpec)[] = ['flashbootHit', 'restore'];

/** Whether the spec asks for the cold-start model (rather than a whole coldStart duration, with or without FlashBoot restores, or the default). */
export function usesColdStartModel(spec: ColdStartSpec): boolean {
  return COLD_START_MODEL_FIELDS.some((field) => spec[field] !== undefined && (spec.coldStart === undefined || !FLASHBOOT_FIELDS.includes(field)));
}
