// The range every number a user gives must fall in, in one table: flags, plan fields, catalog figures,
// trace and samples files and sweep axes are checked against it at the edge, `--help` and the README's
// "Limits" table show it, and past it a value is refused with one line rather than overflowing into
// `$Infinity`, a stack trace or an hour of simulation. The ranges are generous for any real RunPod
// workload; each says why it stops where it does.
import * as z from 'zod';
import { formatBandwidth, formatDuration, formatSize } from './units.js';

/** How a bound is written back to the user. */
export type LimitUnit = 'count' | 'seconds' | 'GB' | 'GB/s' | 'fraction' | 'usd-per-second' | 'usd-per-hour' | 'number';

export interface Limit {
  /** What the value is, for the README's table. */
  label: string;
  min: number;
  max: number;
  /** The lower bound itself is not allowed (`> 0`). */
  minExclusive?: boolean;
  /** The upper bound itself is not allowed (`< 100%`). */
  maxExclusive?: boolean;
  integer?: boolean;
  unit: LimitUnit;
  /** Why the range stops there. */
  why: string;
}

const DAY_S = 86_400;

export const LIMITS = {
  gpuCount: { label: 'GPUs per worker or pod', min: 1, max: 8, integer: true, unit: 'count', why: 'the largest RunPod machines hold 8 GPUs' },
  workers: { label: 'active or max workers', min: 0, max: 1000, integer: true, unit: 'count', why: "RunPod's account quota tops out at 60; 1,000 leaves room for a raised one" },
  jobsPerWorker: { label: 'jobs per worker', min: 1, max: 1000, integer: true, unit: 'count', why: 'far above the 30 of worker-vllm' },
  scalerValue: { label: 'request-count scaler value', min: 1, max: 1000, integer: true, unit: 'count', why: 'RunPod takes a whole number from 1' },
  requestsPerDay: { label: 'requests per day', min: 0, max: 864_000_000, unit: 'count', why: '10,000 requests a second' },
  rps: { label: 'requests per second', min: 0, max: 10_000, unit: 'number', why: 'with 1 s jobs, 10,000 busy GPUs' },
  utilization: { label: 'utilization (busy GPUs)', min: 0, max: 1000, unit: 'fraction', why: "1,000 GPUs' worth of work" },
  peakToMean: { label: 'peak-to-mean ratio', min: 1, max: 10, unit: 'number', why: 'a busiest hour 10 times the mean is already all the traffic in 2.4 hours' },
  profileWeight: { label: 'hourly profile weight', min: 0, max: 1_000_000, unit: 'number', why: 'weights are relative: their ratios matter' },
  idleTimeout: { label: 'idle timeout', min: 1, max: 3600, unit: 'seconds', why: "RunPod's range" },
  executionTimeout: { label: 'execution timeout', min: 5, max: 7 * DAY_S, unit: 'seconds', why: "RunPod's range" },
  loadBalancerWait: { label: 'load balancer: wait for a worker', min: 0, max: 3600, unit: 'seconds', why: "RunPod's is 2 minutes; an hour leaves room for a changed one" },
  clientRetries: { label: 'load balancer: client retries', min: 0, max: 100, integer: true, unit: 'count', why: 'each is one more attempt per request; RunPod advises at least 3' },
  retryDelay: { label: 'load balancer: delay before a retry', min: 0, max: 3600, unit: 'seconds', why: 'RunPod advises 5-10 s' },
  tokens: { label: 'tokens per request', min: 0, max: 10_000_000, unit: 'count', why: 'far past any context window' },
  tokenPrice: { label: 'API price per million tokens', min: 0, max: 1000, unit: 'number', why: '$1,000 per million tokens' },
  tokenRate: { label: 'tokens per second (per request, or prefill)', min: 0.001, max: 1_000_000, unit: 'number', why: 'a million tokens a second is past any one GPU' },
  queueDelayThreshold: { label: 'queue-delay threshold', min: 0.5, max: 7 * DAY_S, unit: 'seconds', why: 'RunPod takes at least 500ms' },
  storagePrice: { label: 'storage price per GB-month', min: 0, max: 1000, unit: 'usd-per-hour', why: '$1,000 per GB-month' },
  execution: { label: 'execution time', min: 0.001, max: 7 * DAY_S, unit: 'seconds', why: "RunPod's longest execution timeout is 7 days" },
  coldStart: { label: 'cold start or one of its phases', min: 0, max: DAY_S, unit: 'seconds', why: 'RunPod marks a worker unhealthy after 7 minutes by default' },
  burst: { label: 'burst on or off period', min: 1, max: 30 * DAY_S, unit: 'seconds', why: 'a month of bursts' },
  slo: { label: 'latency target', min: 0.001, max: 30 * DAY_S, unit: 'seconds', why: 'a month' },
  size: { label: 'image, weights, disk or volume size', min: 0, max: 100_000, unit: 'GB', why: '100 TB' },
  bandwidth: { label: 'bandwidth', min: 0.000_001, max: 10_000, unit: 'GB/s', why: '1 kB/s to 10 TB/s' },
  parameters: { label: 'model parameters', min: 1, max: 1e13, unit: 'count', why: '10 trillion parameters' },
  share: { label: 'share (FlashBoot hit rate, cold-start rate, failed requests tolerated)', min: 0, max: 1, unit: 'fraction', why: 'a share of all' },
  discount: { label: 'discount (savings plan, --discount)', min: 0, max: 1, maxExclusive: true, unit: 'fraction', why: 'a discount of 100% would make compute free' },
  podTargetUtilization: { label: 'pod target utilization', min: 0, max: 1, minExclusive: true, unit: 'fraction', why: 'a pod cannot be busier than all the time' },
  precision: { label: 'precision (95% half-width)', min: 0.0001, max: 0.5, unit: 'fraction', why: '0.01% takes 10,000 times the simulation of 1%' },
  activeRate: { label: 'active-worker rate per GPU', min: 0, max: 1, unit: 'usd-per-second', why: '$3,600 an hour' },
  podRate: { label: 'pod rate per GPU', min: 0, max: 1000, unit: 'usd-per-hour', why: '$1,000 an hour' },
  money: { label: 'budget amount', min: 0, max: 1e12, unit: 'usd-per-hour', why: 'a trillion dollars' },
  seed: { label: 'random seed', min: 0, max: 4_294_967_295, integer: true, unit: 'count', why: 'the generator takes 32 bits' },
  horizon: { label: 'simulated horizon', min: 3600, max: 3650 * DAY_S, unit: 'seconds', why: 'ten years (and --max-requests bounds the work)' },
  month: { label: 'month', min: 3600, max: 8784 * 3600, unit: 'seconds', why: 'a leap year' },
  upTo: { label: 'minworkers --up-to', min: 0, max: 200, integer: true, unit: 'count', why: 'each count is a simulation' },
  traceTime: { label: 'trace timestamp', min: 0, max: 3650 * DAY_S, unit: 'seconds', why: 'ten years' },
  traceCount: { label: 'trace requests in one minute', min: 0, max: 10_000_000, integer: true, unit: 'count', why: '166,000 requests a second' },
  maxRequests: { label: '--max-requests (requests one simulation may hold)', min: 1, max: 1e10, integer: true, unit: 'count', why: 'about 25 minutes of simulation' },
  threads: { label: 'sweep --threads', min: 1, max: 1024, integer: true, unit: 'count', why: 'capped at the cores in any case' },
  maxPoints: { label: '--max-points (points one sweep run evaluates)', min: 1, max: 1e8, integer: true, unit: 'count', why: 'a sweep streams its rows; 100 million is days of work' },
  shards: { label: 'sweep shards (--shard k/n, --shard-count)', min: 1, max: 100_000, integer: true, unit: 'count', why: 'Kubernetes warns above 100,000 completions of an Indexed Job' },
  sweepFactor: { label: 'geometric sweep axis factor', min: 1.001, max: 1e6, unit: 'number', why: 'a factor of 1.0000001 made 10 million points from 1 to 3' },
  nameLength: { label: 'name length (GPU, resource, model)', min: 1, max: 200, integer: true, unit: 'count', why: 'the closest-name search is quadratic in the length' },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** Requests one simulation may hold unless `--max-requests` (a plan's `maxRequests`) says more: ~30 s at 7 million a second. */
export const DEFAULT_MAX_REQUESTS = 200_000_000;

/** Grid points a sweep may hold unless `--max-points` says more. */
export const DEFAULT_MAX_POINTS = 1_000_000;

/** A value in the limit's unit, as the user writes it. */
export function formatLimitValue(limit: Limit, value: number): string {
  switch (limit.unit) {
    case 'seconds':
      return formatDuration(value);
    case 'GB':
      return formatSize(value);
    case 'GB/s':
      return formatBandwidth(value);
    case 'fraction':
      return `${+(value * 100).toPrecision(6)}%`;
    case 'usd-per-second':
      return `${value < 0 ? '-' : ''}$${+Math.abs(value).toPrecision(6)}/s`;
    case 'usd-per-hour':
      return `${value < 0 ? '-' : ''}$${+Math.abs(value).toPrecision(6)}`;
    default:
      return String(+value.toPrecision(12));
  }
}

/** `1 to 8`, `0% to below 100%`, `above 0%, up to 100%`, `1s to 7d`: the range in words. */
export function describeRange(limit: Limit): string {
  const low = formatLimitValue(limit, limit.min);
  const high = formatLimitValue(limit, limit.max);
  const whole = limit.integer === true ? 'a whole number ' : '';
  if (limit.minExclusive === true) return `${whole}above ${low}, up to ${high}`;
  return `${whole}${low} to ${limit.maxExclusive === true ? 'below ' : ''}${high}`;
}

/** Why a value falls outside its limit, or null when it is inside. */
export function outsideLimit(limit: Limit, value: number): string | null {
  const inside =
    Number.isFinite(value) &&
    (limit.minExclusive === true ? value > limit.min : value >= limit.min) &&
    (limit.maxExclusive === true ? value < limit.max : value <= limit.max) &&
    (limit.integer !== true || Number.isInteger(value));
  if (inside) return null;
  const got = Number.isFinite(value) ? formatLimitValue(limit, value) : 'a number past every limit';
  return `expected ${describeRange(limit)}, got ${got}`;
}

/**
 * The schema with its output held to a limit: one issue in the user's units past it. The plan's JSON
 * Schema gets the bounds too, for numbers (where a plan writes a plain number it is in the limit's unit:
 * USD, a fraction, a count); text such as `4s` is left to its pattern.
 */
export function within<S extends z.ZodType<number>>(schema: S, name: LimitName): S {
  const limit: Limit = LIMITS[name];
  const refined = schema.superRefine((value, ctx) => {
    const problem = outsideLimit(limit, value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
  if (!NUMBERS_IN_UNIT.includes(limit.unit)) return refined;
  return refined.meta({
    [limit.minExclusive === true ? 'exclusiveMinimum' : 'minimum']: limit.min,
    [limit.maxExclusive === true ? 'exclusiveMaximum' : 'maximum']: limit.max,
    // A plain number field of whole numbers: an integer (a field with units keeps its text alternative).
    ...(limit.integer === true && schema instanceof z.ZodNumber ? { type: 'integer' } : {}),
  });
}

/** Units a plan may write as a plain number (durations, sizes, bandwidths and rates are text: `4s`). */
const NUMBERS_IN_UNIT: readonly LimitUnit[] = ['count', 'number', 'fraction', 'usd-per-hour'];
