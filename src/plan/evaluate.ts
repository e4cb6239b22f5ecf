// A plan evaluated into a result: every endpoint simulated (or, with `fast`, priced by the closed forms),
// every pod and network volume priced, as resources with line items, the totals and the assumptions.
import { resolve } from 'node:path';
import type { Catalog } from '../catalog/schema.js';
import { InputError, type InputLocation } from '../input/error.js';
import { podStorageRatesOf } from '../catalog/rates.js';
import type { LineItem } from '../model/line-items.js';
import { estimateNetworkVolume } from '../model/network-volume.js';
import { estimatePods } from '../model/pods.js';
import { formatDuration, formatSize } from '../input/units.js';
import { assumption, type Assumption } from '../endpoint/assumption.js';
import type { Plan, PlanEndpoint, PlanPod } from './plan-schema.js';
import { resolveGpu } from '../endpoint/resolve-gpu.js';
import { analyzeEndpoint, simulateEndpoint } from '../endpoint/outcome.js';
import { resolveSimulation, type SimulationFlags } from '../endpoint/simulation-setup.js';
import { choosePodGpu } from '../endpoint/workload.js';

export type ResourceKind = 'endpoint' | 'pod' | 'networkVolume';

/** One priced resource of a plan. Endpoint-only fields are null for pods and volumes. */
export interface ResourceResult {
  kind: ResourceKind;
  name: string;
  /** What it is, in a few words: `ADA_24 x1, 1,000 requests/day`. */
  description: string;
  lineItems: LineItem[];
  monthlyUsd: number;
  requestsPerMonth: number | null;
  coldStartRate: number | null;
  p50S: number | null;
  p95S: number | null;
  p99S: number | null;
}

export interface PlanResult {
  resources: ResourceResult[];
  monthlyUsd: number;
  dailyUsd: number;
  requestsPerMonth: number;
  /** Endpoint cost per 1,000 requests (pods and volumes excluded); null without requests. */
  usdPer1000Requests: number | null;
  monthHours: number;
  method: 'sim' | 'analytic';
  assumptions: Assumption[];
}

export interface EvaluateOptions {
  /** The closed forms instead of simulation (fast; no latency percentiles). */
  fast: boolean;
  /** The plan file's folder: traces and samples are relative to it. */
  planDir: string;
  /** Where a key path is written in the plan, for errors. */
  locate: (path: (string | number)[]) => InputLocation;
}

const DEFAULT_HORIZON_S = 30 * 86_400;
const DEFAULT_MONTH_S = 730 * 3600;

// The setup functions speak in flags (they serve the CLI too); a plan's errors name its keys instead.
const FLAG_TO_KEY: Record<string, string[]> = {
  '--gpu': ['gpu'],
  '--gpu-count': ['gpuCount'],
  '--requests-per-day': ['traffic'],
  '--rps': ['traffic'],
  '--trace': ['traffic', 'trace'],
  '--profile': ['traffic', 'profile'],
  '--peak-to-mean': ['traffic', 'peakToMean'],
  '--burst-on': ['traffic', 'bursts'],
  '--burst-off': ['traffic', 'bursts'],
  '--exec': ['execution'],
  '--exec-p50': ['execution'],
  '--exec-p95': ['execution'],
  '--exec-samples': ['execution'],
  '--max-workers': ['workers', 'max'],
  '--idle-timeout': ['workers', 'idleTimeout'],
  '--execution-timeout': ['workers', 'executionTimeout'],
  '--scaler-threshold': ['scaler'],
  '--jobs-per-worker': ['workers', 'jobsPerWorker'],
  '--horizon': [],
  '--cold-start': ['coldStart'],
  '--cold-start-billed': ['coldStartBilled'],
  '--weights': ['weights'],
  '--model': ['model'],
  '--dtype': ['dtype'],
  '--baked-image': ['bakedImage'],
  '--flashboot-hit': ['flashbootHit'],
  '--pull-bandwidth': ['pullBandwidth'],
};

/** An endpoint of a plan in the terms of the simulator's setup (the same one the CLI's flags feed). */
function endpointSettings(plan: Plan, endpoint: PlanEndpoint, planDir: string, fast: boolean): SimulationFlags {
  const execution = endpoint.execution;
  const exec =
    typeof execution === 'number'
      ? { exec: execution, execDist: 'exponential' as const }
      : 'mean' in execution
        ? { exec: execution.mean, execDist: execution.distribution }
        : 'p50' in execution
          ? { execP50: execution.p50, execP95: execution.p95, execDist: 'exponential' as const }
          : { execSamples: resolve(planDir, execution.samples), execDist: 'exponential' as const };
  const scaler = typeof endpoint.scaler === 'string' ? { scaler: endpoint.scaler } : endpoint.scaler.kind === 'queue-delay' ? { scaler: endpoint.scaler.kind, scalerThreshold: endpoint.scaler.threshold } : { scaler: endpoint.scaler.kind, scalerValue: endpoint.scaler.value };
  const t = endpoint.traffic;
  const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
  return {
    gpu: endpoint.gpu,
    gpuCount: endpoint.gpuCount,
    ...optional('requestsPerDay', t.requestsPerDay),
    ...optional('rps', t.rps),
    profile: t.profile === undefined ? 'flat' : typeof t.profile === 'string' ? t.profile : t.profile.join(','),
    ...optional('peakToMean', t.peakToMean),
    ...optional('burstOn', t.bursts?.on),
    ...optional('burstOff', t.bursts?.off),
    ...optional('trace', t.trace === undefined ? undefined : resolve(planDir, t.trace)),
    traceFormat: t.traceFormat,
    ...exec,
    ...scaler,
    ...optional('active', endpoint.workers.active),
    ...optional('maxWorkers', endpoint.workers.max),
    ...optional('idleTimeout', endpoint.workers.idleTimeout),
    jobsPerWorker: endpoint.workers.jobsPerWorker,
    ...optional('executionTimeout', endpoint.workers.executionTimeout),
    ...optional('coldStart', endpoint.coldStart),
    ...optional('coldStartBilled', endpoint.coldStartBilled),
    ...optional('activeRate', endpoint.activeRate),
    horizon: plan.horizon ?? DEFAULT_HORIZON_S,
    seed: plan.seed,
    method: fast ? 'analytic' : 'sim',
    month: plan.month ?? DEFAULT_MONTH_S,
    ...optional('image', endpoint.image),
    ...optional('bakedImage', endpoint.bakedImage),
    ...optional('imageCached', endpoint.imageCached),
    ...optional('weights', endpoint.weights),
    ...optional('params', endpoint.params),
    ...optional('dtype', endpoint.dtype),
    ...optional('model', endpoint.model),
    ...optional('weightsFrom', endpoint.weightsFrom),
    ...optional('flashbootHit', endpoint.flashbootHit),
    ...optional('pullBandwidth', endpoint.pullBandwidth),
    ...optional('warmup', endpoint.warmup),
    persistence: true,
  } as SimulationFlags;
}

// A file the plan names that cannot be read at all (no line in it to point at) is the naming key's mistake.
const UNREADABLE_TO_KEY: [RegExp, string[]][] = [[/^cannot read trace:/, ['traffic', 'trace']], [/^cannot read execution-time samples:/, ['execution', 'samples']]];

/** Re-points an error raised in flag terms at the plan key it came from. */
function inPlan(error: unknown, path: (string | number)[], locate: EvaluateOptions['locate']): unknown {
  const unreadable = error instanceof InputError && error.where.line === undefined ? UNREADABLE_TO_KEY.find(([pattern]) => pattern.test(error.message))?.[1] : undefined;
  if (unreadable !== undefined) return new InputError((error as InputError).message, locate([...path, ...unreadable]), [...path, ...unreadable].join('.'));
  if (!(error instanceof InputError) || error.where.flag === undefined) return error;
  const key = FLAG_TO_KEY[error.where.flag] ?? [];
  const full = [...path, ...key];
  return new InputError(error.message, locate(full), full.join('.'));
}

async function evaluateEndpoint(catalog: Catalog, plan: Plan, name: string, endpoint: PlanEndpoint, options: EvaluateOptions): Promise<{ result: ResourceResult; assumptions: Assumption[] }> {
  const path = ['endpoints', name];
  try {
    const setup = await resolveSimulation(catalog, endpointSettings(plan, endpoint, options.planDir, options.fast));
    if (options.fast && setup.analytic === null) {
      throw new InputError('the fast path (closed forms) covers Poisson traffic and daily profiles, not bursts or traces: drop --fast', options.locate([...path, 'traffic']), [...path, 'traffic'].join('.'));
    }
    const outcome = options.fast && setup.analytic !== null ? analyzeEndpoint(setup.config, setup.analytic, setup.pricing) : simulateEndpoint(setup.config, setup.pricing);
    const perDay = outcome.requestsPerMonth / (setup.pricing.monthHours / 24);
    return {
      result: {
        kind: 'endpoint',
        name,
        description: `${setup.poolId} x${setup.pricing.gpuCount}, ${Math.round(perDay).toLocaleString('en-US')} requests/day`,
        lineItems: outcome.lineItems,
        monthlyUsd: outcome.monthlyUsd,
        requestsPerMonth: outcome.requestsPerMonth,
        coldStartRate: outcome.coldStartRate,
        p50S: outcome.latency.p50,
        p95S: outcome.latency.p95,
        p99S: outcome.latency.p99,
      },
      assumptions: setup.assumptions.map((each) => assumption(`endpoints.${name}.${each.key}`, each.value, () => `${name}: ${each.text}`)),
    };
  } catch (error) {
    throw inPlan(error, path, options.locate);
  }
}

function evaluatePod(catalog: Catalog, plan: Plan, name: string, pod: PlanPod, options: EvaluateOptions): ResourceResult {
  const path = ['pods', name];
  let match;
  try {
    match = resolveGpu(catalog, pod.gpu, 'gpu');
  } catch (error) {
    throw inPlan(error, path, options.locate);
  }
  const choice = choosePodGpu(catalog, match, pod.rate === undefined ? undefined : pod.rate * 3600);
  const usdPerHour = pod.cloud === 'secure' || pod.rate !== undefined ? choice.secureUsdPerHour : choice.communityUsdPerHour;
  if (usdPerHour === null) {
    throw new InputError(`no ${pod.cloud} pod price is known for ${choice.gpuName ?? match.poolId}: give one with rate`, options.locate([...path, 'cloud']), [...path, 'cloud'].join('.'));
  }
  const estimate = estimatePods({
    count: pod.count,
    gpuCount: pod.gpuCount,
    usdPerHour,
    savingsPlanDiscount: pod.savingsPlan ?? 0,
    hoursPerDay: pod.hoursPerDay,
    containerDiskGB: pod.containerDisk,
    volumeDiskGB: pod.volumeDisk,
    storage: podStorageRatesOf(catalog),
    granularityS: catalog.billing.pods.granularity.granularityS,
    monthSeconds: plan.month ?? DEFAULT_MONTH_S,
  });
  return {
    kind: 'pod',
    name,
    description: `${pod.count} x ${choice.gpuName ?? match.poolId} x${pod.gpuCount}, ${pod.cloud}, ${pod.hoursPerDay} h/day`,
    lineItems: estimate.lineItems.filter((item) => item.quantity > 0),
    monthlyUsd: estimate.monthlyUsd,
    requestsPerMonth: null,
    coldStartRate: null,
    p50S: null,
    p95S: null,
    p99S: null,
  };
}

function evaluateVolume(catalog: Catalog, name: string, sizeGB: number, options: EvaluateOptions): ResourceResult {
  const { minGB, maxGB, tiers } = catalog.storage.networkVolume;
  if (sizeGB < minGB || sizeGB > maxGB) {
    const path = ['networkVolumes', name, 'size'];
    throw new InputError(`a network volume is ${minGB}-${maxGB} GB, got ${formatSize(sizeGB)}`, options.locate(path), path.join('.'));
  }
  const estimate = estimateNetworkVolume({ sizeGB, tiers });
  return { kind: 'networkVolume', name, description: formatSize(sizeGB), lineItems: estimate.lineItems, monthlyUsd: estimate.monthlyUsd, requestsPerMonth: null, coldStartRate: null, p50S: null, p95S: null, p99S: null };
}

/** Prices every resource of a plan. Endpoints run in name order, each with the plan's seed. */
export async function evaluatePlan(catalog: Catalog, plan: Plan, options: EvaluateOptions): Promise<PlanResult> {
  const resources: ResourceResult[] = [];
  const assumptions: Assumption[] = [];
  const sorted = <T>(record: Record<string, T>) => Object.entries(record).sort((a, b) => a[0].localeCompare(b[0]));
  for (const [name, endpoint] of sorted(plan.endpoints)) {
    const evaluated = await evaluateEndpoint(catalog, plan, name, endpoint, options);
    resources.push(evaluated.result);
    assumptions.push(...evaluated.assumptions);
  }
  for (const [name, pod] of sorted(plan.pods)) resources.push(evaluatePod(catalog, plan, name, pod, options));
  for (const [name, volume] of sorted(plan.networkVolumes)) resources.push(evaluateVolume(catalog, name, volume.size, options));
  const month = plan.month ?? DEFAULT_MONTH_S;
  const monthlyUsd = resources.reduce((sum, resource) => sum + resource.monthlyUsd, 0);
  const endpointUsd = resources.filter((resource) => resource.kind === 'endpoint').reduce((sum, resource) => sum + resource.monthlyUsd, 0);
  const requestsPerMonth = resources.reduce((sum, resource) => sum + (resource.requestsPerMonth ?? 0), 0);
  assumptions.unshift(
    assumption('month', month / 3600, () => `A month is ${formatDuration(month)}${plan.month === undefined ? ' (365 days / 12; month: 720h for 30 days)' : ''}; ${options.fast ? 'endpoints priced by the closed forms (--fast)' : `endpoints simulated over ${formatDuration(plan.horizon ?? DEFAULT_HORIZON_S)} with seed ${plan.seed}`}.`),
  );
  return {
    resources,
    monthlyUsd,
    dailyUsd: monthlyUsd / (month / 86_400),
    requestsPerMonth,
    usdPer1000Requests: requestsPerMonth > 0 ? (endpointUsd / requestsPerMonth) * 1000 : null,
    monthHours: month / 3600,
    method: options.fast ? 'analytic' : 'sim',
    assumptions,
  };
}

