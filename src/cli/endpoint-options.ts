// Every endpoint flag, declared once and mapped onto a path of the one endpoint spec (src/endpoint/spec.ts),
// which plan entries are too. A command picks the groups it takes; its flags become a spec that the spec's
// schema validates, and any error raised against a spec path (here, or later by the resolver) is reported
// as the flag that set it: `--idle-timeout: RunPod accepts idle timeouts of 1s to 1h, got 0s`.
import { describeRange, LIMITS, type LimitName } from '../input/limits.js';
import { Option, type Command } from 'commander';
import * as z from 'zod';
import type { FieldNames } from '../endpoint/field-names.js';
import { CREATED_WITH, ENDPOINT_TYPES, EndpointSpecSchema, EXEC_DISTRIBUTIONS, QUEUE_DELAY_READINGS, SCALERS, type EndpointSpec } from '../endpoint/spec.js';
import { InputError } from '../input/error.js';
import { TRACE_FORMATS } from '../input/trace.js';
import { WholeNumberSchema } from '../input/unit-schemas.js';
import { deepestIssue, describeIssue } from '../input/zod-issue.js';
import { BYTES_PER_PARAMETER, WEIGHT_SOURCES } from '../model/cold-start.js';

/** Settings of a run rather than of the endpoint; their flags are named like their paths. */
const RUN_SETTINGS = ['horizon', 'precision', 'month', 'seed'];

/** One endpoint flag: commander's declaration and the spec path its value lands on. */
interface EndpointFlag {
  /** `--idle-timeout <duration>` */
  flags: string;
  description: string;
  /** Where the value goes in the endpoint spec. */
  path: string;
  /** For spec fields that are numbers rather than text with a unit: how to read the flag's text. */
  read?: z.ZodType;
  choices?: readonly string[];
  defaultValue?: string;
  /** The range the value must fall in (src/input/limits.ts), shown in --help. */
  limit?: LimitName;
}

const GPU = '--gpu <name>';
const FLAGS = {
  gpu: { flags: GPU, description: 'GPU class or model: ADA_24, "24 GB PRO", rtx4090, "H100 SXM"', path: 'gpu' },
  gpuCount: { flags: '--gpu-count <n>', description: 'GPUs per worker', path: 'gpuCount', read: WholeNumberSchema, defaultValue: '1', limit: 'gpuCount' },
  requestsPerDay: { flags: '--requests-per-day <count>', description: 'traffic as requests per day, e.g. 50000 or 50k', path: 'traffic.requestsPerDay', limit: 'requestsPerDay' },
  rps: { flags: '--rps <number>', description: 'traffic as requests per second, e.g. 0.5', path: 'traffic.rps', limit: 'rps' },
  utilization: { flags: '--utilization <percent>', description: 'traffic as the busy share of one GPU, e.g. 40%', path: 'traffic.utilization', limit: 'utilization' },
  profile: { flags: '--profile <shape>', description: 'daily shape: flat, business-hours, or 24 comma-separated hourly weights', path: 'traffic.profile', defaultValue: 'flat' },
  peakToMean: { flags: '--peak-to-mean <ratio>', description: 'daily shape whose busiest hour is this many times the mean, e.g. 3', path: 'traffic.peakToMean', limit: 'peakToMean' },
  burstOn: { flags: '--burst-on <duration>', description: 'on/off bursts: traffic arrives only during on periods of this length, e.g. 5m', path: 'traffic.bursts.on', limit: 'burst' },
  burstOff: { flags: '--burst-off <duration>', description: 'on/off bursts: quiet periods of this length between them, e.g. 55m', path: 'traffic.bursts.off', limit: 'burst' },
  trace: { flags: '--trace <file>', description: 'replay a CSV of arrival timestamps (seconds) or counts per minute instead of a rate', path: 'traffic.trace' },
  repeatTrace: { flags: '--repeat-trace', description: 'replay the trace end to end for a --horizon longer than its span', path: 'traffic.repeat' },
  traceFormat: { flags: '--trace-format <format>', description: 'what the trace holds', path: 'traffic.traceFormat', choices: TRACE_FORMATS, defaultValue: 'timestamps' },
  exec: { flags: '--exec <duration>', description: 'mean execution time of one request, e.g. 4s', path: 'execution.mean', limit: 'execution' },
  execDist: { flags: '--exec-dist <distribution>', description: 'execution time distribution with --exec', path: 'execution.distribution', choices: EXEC_DISTRIBUTIONS, defaultValue: 'exponential' },
  execP50: { flags: '--exec-p50 <duration>', description: 'lognormal execution time: its median (with --exec-p95)', path: 'execution.p50', limit: 'execution' },
  execP95: { flags: '--exec-p95 <duration>', description: 'lognormal execution time: its 95th percentile', path: 'execution.p95', limit: 'execution' },
  execSamples: { flags: '--exec-samples <file>', description: 'execution times to draw from: one duration in seconds per line', path: 'execution.samples' },
  active: { flags: '--active <n>', description: "always-on workers (default: the catalog's, 0)", path: 'workers.active', read: WholeNumberSchema, limit: 'workers' },
  maxWorkers: { flags: '--max-workers <n>', description: "most flex workers the endpoint may run (default: the catalog's, 3)", path: 'workers.max', read: WholeNumberSchema, limit: 'workers' },
  idleTimeout: { flags: '--idle-timeout <duration>', description: "how long a flex worker stays up after its last job (default: the catalog's, 5s)", path: 'workers.idleTimeout', limit: 'idleTimeout' },
  jobsPerWorker: { flags: '--jobs-per-worker <n>', description: 'jobs a worker runs at once', path: 'workers.jobsPerWorker', read: WholeNumberSchema, defaultValue: '1', limit: 'jobsPerWorker' },
  executionTimeout: { flags: '--execution-timeout <duration>', description: "jobs longer than this fail (default: the catalog's, 10m)", path: 'workers.executionTimeout', limit: 'executionTimeout' },
  scaler: { flags: '--scaler <kind>', description: 'how workers are added (default: queue-delay; request-count, the only one RunPod allows, on a load-balancing endpoint)', path: 'scaler.kind', choices: SCALERS },
  scalerThreshold: { flags: '--scaler-threshold <duration>', description: "queue-delay scaler: wait before adding a worker (default: the catalog's, 4s)", path: 'scaler.threshold', limit: 'queueDelayThreshold' },
  queueDelayReading: {
    flags: '--queue-delay-reading <reading>',
    description: 'how a queue-delay crossing adds workers (RunPod documents one sentence): pending, a job never starts a second worker for itself; eager, every crossing adds one',
    path: 'scaler.reading',
    choices: QUEUE_DELAY_READINGS,
    defaultValue: 'pending',
  },
  scalerValue: { flags: '--scaler-value <n>', description: "request-count scaler: jobs per worker it aims for (default: the catalog's, 4)", path: 'scaler.value', read: WholeNumberSchema, limit: 'scalerValue' },
  concurrency: {
    flags: '--concurrency <table>',
    description: 'requests sharing a worker as an LLM server batches them: requests in flight and the tokens per second each gets, e.g. 1:60,8:45,32:25 (linear between; with --jobs-per-worker)',
    path: 'concurrency',
  },
  tokensIn: { flags: '--tokens-in <count>', description: 'input (prompt) tokens per request, e.g. 500 (the median with --tokens-in-p95)', path: 'tokens.in', limit: 'tokens' },
  tokensInP95: { flags: '--tokens-in-p95 <count>', description: 'input tokens: the 95th percentile (lognormal through --tokens-in and this)', path: 'tokens.inP95', limit: 'tokens' },
  tokensOut: { flags: '--tokens-out <count>', description: 'output tokens per request, e.g. 250 (the median with --tokens-out-p95)', path: 'tokens.out', limit: 'tokens' },
  tokensOutP95: { flags: '--tokens-out-p95 <count>', description: 'output tokens: the 95th percentile (lognormal through --tokens-out and this)', path: 'tokens.outP95', limit: 'tokens' },
  prefill: { flags: '--prefill <tok/s>', description: 'input tokens per second a request is read at alone (prefill), e.g. 5000: your measurement', path: 'tokens.prefill', limit: 'tokenRate' },
  decode: { flags: '--decode <tok/s>', description: 'output tokens per second of a request alone (default: the --concurrency table at 1 in flight)', path: 'tokens.decode', limit: 'tokenRate' },
  endpointType: {
    flags: '--endpoint-type <type>',
    description: "RunPod's endpoint type: queue (jobs queue at the endpoint) or load-balancer (straight to the workers, no queue: a request waits at most --max-wait for a worker, then fails; one request is cut at 5.5 minutes)",
    path: 'type',
    choices: ENDPOINT_TYPES,
    defaultValue: 'queue',
  },
  maxWait: { flags: '--max-wait <duration>', description: "load-balancing endpoint: the longest a request waits for a worker before it fails (default: the catalog's, 2m)", path: 'loadBalancer.maxWait', limit: 'loadBalancerWait' },
  clientRetries: {
    flags: '--client-retries <n>',
    description: 'load-balancing endpoint: times the client sends a failed request again (default 0: RunPod has none built in and advises at least 3)',
    path: 'loadBalancer.retries',
    read: WholeNumberSchema,
    limit: 'clientRetries',
  },
  clientRetryDelay: { flags: '--client-retry-delay <duration>', description: 'load-balancing endpoint: wait after a failure before the client tries again (RunPod advises 5-10s; default 5s)', path: 'loadBalancer.retryDelay', limit: 'retryDelay' },
  coldStart: { flags: '--cold-start <duration>', description: 'a whole cold start (default: container start + framework import + CUDA context from the catalog)', path: 'coldStart', limit: 'coldStart' },
  coldStartBilled: { flags: '--cold-start-billed <duration>', description: 'the billed part of --cold-start (default: all of it)', path: 'coldStartBilled', limit: 'coldStart' },
  activeRate: { flags: '--active-rate <price>', description: "your active-worker price per GPU, e.g. $0.44/h (default: the catalog's)", path: 'activeRate', limit: 'activeRate' },
  image: { flags: '--image <size>', description: 'container image without the weights (the slim image), e.g. 2GB', path: 'image', limit: 'size' },
  bakedImage: { flags: '--baked-image <size>', description: 'the image with the weights baked in (default: --image + the weights), e.g. 15GB', path: 'bakedImage', limit: 'size' },
  imageCached: { flags: '--image-cached', description: 'the image is already on the host: no pull', path: 'imageCached' },
  weights: { flags: '--weights <size>', description: 'model weights, e.g. 6.9GB', path: 'weights', limit: 'size' },
  params: { flags: '--params <count>', description: 'model parameters, e.g. 8B or 70B (with --dtype)', path: 'params', limit: 'parameters' },
  dtype: { flags: '--dtype <dtype>', description: 'weight format for --params', path: 'dtype', choices: Object.keys(BYTES_PER_PARAMETER) },
  model: { flags: '--model <name>', description: 'a preset with its real weight size: sdxl-base, whisper-large-v3, llama-3.1-8b, llama-3.1-70b, mistral-7b, flux.1-dev', path: 'model' },
  weightsFrom: { flags: '--weights-from <source>', description: 'where weights come from at start', path: 'weightsFrom', choices: WEIGHT_SOURCES },
  flashbootHit: { flags: '--flashboot-hit <percent>', description: 'share of starts that are FlashBoot snapshot restores (default 0%: plan for the worst)', path: 'flashbootHit', limit: 'share' },
  pullBandwidth: { flags: '--pull-bandwidth <bandwidth>', description: "image pull bandwidth (default: the catalog's, 100MB/s)", path: 'pullBandwidth', limit: 'bandwidth' },
  containerStart: { flags: '--container-start <duration>', description: "container start (default: the catalog's, 3s)", path: 'containerStart', limit: 'coldStart' },
  import: { flags: '--import <duration>', description: "framework import (default: the catalog's, 5s)", path: 'import', limit: 'coldStart' },
  cuda: { flags: '--cuda <duration>', description: "CUDA context (default: the catalog's, 500ms)", path: 'cuda', limit: 'coldStart' },
  persistence: { flags: '--no-persistence', description: 'GPU driver persistence mode off: adds an attach delay per GPU', path: 'persistence' },
  diskBandwidth: { flags: '--disk-bandwidth <bandwidth>', description: "weights read from the image's disk (default: the catalog's, 1.3GB/s)", path: 'diskBandwidth', limit: 'bandwidth' },
  volumeBandwidth: { flags: '--volume-bandwidth <bandwidth>', description: "weights read from a network volume (default: the catalog's, 300MB/s)", path: 'volumeBandwidth', limit: 'bandwidth' },
  downloadBandwidth: { flags: '--download-bandwidth <bandwidth>', description: "weights downloaded at start (default: the catalog's, 250MB/s)", path: 'downloadBandwidth', limit: 'bandwidth' },
  warmup: { flags: '--warmup <duration>', description: 'engine warm-up: compile, CUDA graphs (default 0s)', path: 'warmup', limit: 'coldStart' },
  createdWith: {
    flags: '--created-with <how>',
    description: 'how the endpoint is made, which sets its defaults: console (FlashBoot on, idle timeout 5s, execution timeout 10m) or api (POST /v2/serverless: FlashBoot off, 10s, 5m)',
    path: 'createdWith',
    choices: CREATED_WITH,
    defaultValue: 'console',
  },
  flashboot: {
    flags: '--flashboot <on|off>',
    description: 'FlashBoot (default: on when made in the console, off with the API)',
    path: 'flashboot',
    read: z.enum(['on', 'off']).transform((value) => value === 'on'),
  },
  restore: { flags: '--restore <duration>', description: "a FlashBoot snapshot restore (default: the catalog's, 2s)", path: 'restore', limit: 'coldStart' },
} as const satisfies Record<string, EndpointFlag>;

export type EndpointFlagName = keyof typeof FLAGS;

/** The flags of the cold-start model, in the order `--help` lists them. */
export const COLD_START_MODEL_FLAGS: EndpointFlagName[] = [
  // How the endpoint is made decides whether FlashBoot is on (and the worker defaults, for commands with workers).
  'createdWith', 'flashboot',
  'image', 'bakedImage', 'imageCached', 'weights', 'params', 'dtype', 'model', 'weightsFrom', 'flashbootHit', 'pullBandwidth',
  'containerStart', 'import', 'cuda', 'persistence', 'diskBandwidth', 'volumeBandwidth', 'downloadBandwidth', 'warmup', 'restore',
];

/** A load-balancing endpoint's flags: the type, the wait for a worker, the client's retries. */
export const LOAD_BALANCER_FLAGS: EndpointFlagName[] = ['endpointType', 'maxWait', 'clientRetries', 'clientRetryDelay'];

/** Spec values a command implies rather than asks for (breakeven prices no traffic): path -> value. */
export type FixedValues = Readonly<Record<string, unknown>>;

/** Per command: a flag whose meaning there is narrower gets its own description or default. */
export type FlagOverrides = Partial<Record<EndpointFlagName, { description?: string; defaultValue?: string }>>;

/** The endpoint flags a command takes, and how to turn them into a spec. */
export class EndpointOptions implements FieldNames {
  readonly noun = 'flags' as const;
  private readonly byPath = new Map<string, string>();

  constructor(
    readonly names: readonly EndpointFlagName[],
    private readonly overrides: FlagOverrides = {},
  ) {
    for (const name of names) this.byPath.set(FLAGS[name].path, longFlag(FLAGS[name]));
  }

  /** Declares the flags on a command. */
  addTo(command: Command): Command {
    for (const name of this.names) {
      const flag: EndpointFlag = FLAGS[name];
      const override = this.overrides[name];
      const description = override?.description ?? flag.description;
      const option = new Option(flag.flags, flag.limit === undefined ? description : `${description}; ${describeRange(LIMITS[flag.limit])}`);
      if (flag.choices !== undefined) option.choices(flag.choices);
      const defaultValue = override?.defaultValue ?? flag.defaultValue;
      if (defaultValue !== undefined) option.default(defaultValue);
      command.addOption(option);
    }
    return command;
  }

  /** The flag that sets a spec path (or the nearest one around it); undefined where the command has none. */
  of(path: string): string | undefined {
    const exact = this.byPath.get(path);
    if (exact !== undefined) return exact;
    for (const [flagPath, flag] of this.byPath) if (flagPath.startsWith(`${path}.`) || path.startsWith(`${flagPath}.`)) return flag;
    return undefined;
  }

  /** The spec the command's flags describe, validated by the spec's schema; errors name the flags. */
  toSpec(raw: Record<string, unknown>, fixed: FixedValues = {}): EndpointSpec {
    const spec: Record<string, unknown> = {};
    if (this.names.includes('gpu') && raw.gpu === undefined) throw new InputError('required: the GPU class or model, e.g. --gpu rtx4090', { flag: '--gpu' });
    for (const [path, value] of Object.entries(fixed)) setPath(spec, path.split('.'), value);
    for (const name of this.names) {
      const flag: EndpointFlag = FLAGS[name];
      let value = raw[attributeOf(flag)];
      if (value === undefined) continue;
      // `--no-persistence` defaults to true in commander; only an explicit "off" is a setting.
      if (name === 'persistence' && value === true) continue;
      if (flag.read !== undefined) value = this.read(flag, value);
      setPath(spec, flag.path.split('.'), value);
    }
    this.shapeTraffic(spec);
    this.shapeExecution(spec);
    this.shapeScaler(spec);
    this.shapeConcurrency(spec);
    const parsed = EndpointSpecSchema.safeParse(spec, { reportInput: true });
    if (parsed.success) return parsed.data;
    const first = parsed.error.issues[0];
    const issue = first === undefined ? undefined : deepestIssue(first);
    const path = issue?.path.map(String).join('.') ?? '';
    throw new InputError(issue === undefined ? 'invalid flags' : describeIssue(issue), { flag: this.of(path) ?? `--${path}` });
  }

  /** An error raised against a spec path, re-pointed at the flag that set it. */
  inFlagTerms(error: unknown): unknown {
    if (!(error instanceof InputError) || error.path === '' || error.where.file !== undefined || error.where.flag !== undefined) return error;
    // The run's settings (horizon, precision, month) are flags of the same name.
    const flag = RUN_SETTINGS.includes(error.path) ? `--${error.path}` : this.of(error.path);
    return flag === undefined ? error : new InputError(error.message, { flag });
  }

  private read(flag: EndpointFlag, value: unknown): unknown {
    const parsed = (flag.read as z.ZodType).safeParse(value, { reportInput: true });
    if (parsed.success) return parsed.data;
    throw new InputError(describeIssue(parsed.error.issues[0] as z.core.$ZodIssue), { flag: longFlag(flag) });
  }

  /** A profile of 24 comma-separated weights becomes the spec's list; bursts need both halves. */
  private shapeTraffic(spec: Record<string, unknown>): void {
    const traffic = (spec.traffic ?? {}) as Record<string, unknown>;
    spec.traffic = traffic;
    if (typeof traffic.profile === 'string' && traffic.profile !== 'flat' && traffic.profile !== 'business-hours') {
      const text = traffic.profile;
      const weights = text.split(',').map((part) => Number(part.trim()));
      if (weights.length !== 24 || weights.some((w) => !(w >= 0)) || !weights.some((w) => w > 0)) {
        throw new InputError(`expected flat, business-hours or 24 non-negative hourly weights, got "${text}"`, { flag: FLAGS.profile.flags.split(' ')[0] as string });
      }
      traffic.profile = weights;
    }
    const bursts = traffic.bursts as { on?: unknown; off?: unknown } | undefined;
    if (bursts !== undefined && (bursts.on === undefined || bursts.off === undefined)) {
      throw new InputError('bursts need both --burst-on and --burst-off, on above 0s', { flag: bursts.on === undefined ? '--burst-on' : '--burst-off' });
    }
  }

  /** The execution flags are alternatives: a mean (with its distribution), a lognormal's p50 and p95, or samples. */
  private shapeExecution(spec: Record<string, unknown>): void {
    const given = (spec.execution ?? {}) as { mean?: unknown; distribution?: unknown; p50?: unknown; p95?: unknown; samples?: unknown };
    const lognormal = given.p50 !== undefined || given.p95 !== undefined;
    const count = [given.mean !== undefined, lognormal, given.samples !== undefined].filter(Boolean).length;
    if (count === 0 && spec.tokens !== undefined) {
      // An LLM endpoint's execution time comes from its tokens.
      delete spec.execution;
      return;
    }
    if (count !== 1) {
      if (this.names.includes('execP50')) throw new InputError('give one of --exec, --exec-p50 with --exec-p95, or --exec-samples', { flag: '--exec' });
      if (count === 0) throw new InputError('required: the mean execution time, e.g. --exec 4s', { flag: '--exec' });
    }
    if (lognormal) {
      if (given.p50 === undefined || given.p95 === undefined) throw new InputError('a lognormal execution time needs both --exec-p50 and --exec-p95', { flag: given.p50 === undefined ? '--exec-p50' : '--exec-p95' });
      spec.execution = { p50: given.p50, p95: given.p95 };
    } else if (given.samples !== undefined) {
      spec.execution = { samples: given.samples };
    } else {
      spec.execution = { mean: given.mean, distribution: given.distribution ?? 'exponential' };
    }
  }

  /** `--concurrency 1:60,8:45` becomes the spec's table { 1: '60', 8: '45' }; the schema reads the rates. */
  private shapeConcurrency(spec: Record<string, unknown>): void {
    const text = spec.concurrency;
    if (typeof text !== 'string') return;
    const table: Record<string, string> = {};
    for (const row of text.split(',')) {
      const match = /^\s*(\d+)\s*:\s*(.+?)\s*$/.exec(row);
      if (match === null) throw new InputError(`expected rows of requests in flight: tokens per second, like 1:60,8:45,32:25, got "${row.trim()}"`, { flag: '--concurrency' });
      table[match[1] as string] = match[2] as string;
    }
    spec.concurrency = table;
  }

  /** `--scaler` with its setting: the threshold of queue-delay, the value of request-count. */
  private shapeScaler(spec: Record<string, unknown>): void {
    const given = spec.scaler as { kind?: string; threshold?: unknown; value?: unknown; reading?: unknown } | undefined;
    if (given === undefined) return;
    if (given.kind === undefined && given.threshold === undefined && given.value === undefined && spec.type === 'load-balancer') {
      // Only --queue-delay-reading's default: a load balancer's scaler is request-count, the resolver's default.
      delete spec.scaler;
      return;
    }
    const kind = given.kind ?? (spec.type === 'load-balancer' ? 'request-count' : 'queue-delay');
    if (given.threshold !== undefined && kind !== 'queue-delay') throw new InputError(`a threshold is a setting of --scaler queue-delay, not of ${kind}`, { flag: '--scaler-threshold' });
    if (given.value !== undefined && kind !== 'request-count') throw new InputError(`a value is a setting of --scaler request-count, not of ${kind}`, { flag: '--scaler-value' });
    if (kind === 'queue-delay') {
      spec.scaler = { kind, ...(given.threshold === undefined ? {} : { threshold: given.threshold }), ...(given.reading === undefined ? {} : { reading: given.reading }) };
    } else {
      // The reading is a queue-delay setting; with another scaler its default means nothing.
      spec.scaler = given.value !== undefined ? { kind, value: given.value } : kind;
    }
  }
}

/** `--idle-timeout` of `--idle-timeout <duration>`; `--persistence` is written `--no-persistence`. */
function longFlag(flag: EndpointFlag): string {
  return flag.flags.split(' ')[0] as string;
}

/** commander's attribute name for a flag: `--idle-timeout` -> idleTimeout, `--no-persistence` -> persistence. */
function attributeOf(flag: EndpointFlag): string {
  return longFlag(flag)
    .replace(/^--(no-)?/, '')
    .replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[path[path.length - 1] as string] = value;
}
