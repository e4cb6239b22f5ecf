// Flags of `compare` and `breakeven` beyond the endpoint: the pod side they weigh it against, the storage
// the options pay for, and the month.
import { describeRange, LIMITS, within } from '../input/limits.js';
import type { Command } from 'commander';
import * as z from 'zod';
import { DEFAULT_MAX_FAILED_SHARE } from '../decisions/compare.js';
import type { PodTerms } from '../decisions/workload.js';
import { CountSchema, DurationSchema, PercentSchema, RateSchema, SizeSchema, WholeNumberSchema } from '../input/unit-schemas.js';
import { formatPercent } from '../input/units.js';
import { DEFAULT_MONTH_HOURS } from '../model/line-items.js';
import { COLD_START_MODEL_FLAGS, EndpointOptions, LOAD_BALANCER_FLAGS, type EndpointFlagName } from './endpoint-options.js';

/** The endpoint flags of `compare` (with traffic) and `breakeven` (without: it sweeps the traffic itself). */
export function comparisonEndpointOptions(traffic: boolean): EndpointOptions {
  const names: EndpointFlagName[] = [
    'gpu',
    'gpuCount',
    ...(traffic ? (['requestsPerDay', 'rps', 'utilization'] as const) : []),
    'exec',
    'idleTimeout',
    'active',
    'maxWorkers',
    'coldStart',
    'coldStartBilled',
    'activeRate',
    // compare simulates its serverless options: the simulator's settings that shape them.
    ...(traffic ? (['execDist', 'executionTimeout', 'scaler', 'scalerThreshold', 'scalerValue', 'queueDelayReading'] as const) : []),
    ...(traffic ? (['jobsPerWorker', 'concurrency'] as const) : []),
    ...(traffic ? LOAD_BALANCER_FLAGS : []),
    ...COLD_START_MODEL_FLAGS,
  ];
  return new EndpointOptions(names, {
    gpuCount: { description: 'GPUs per worker or pod' },
    active: { description: 'always-on workers in the "flex + active" option', defaultValue: '1' },
  });
}

/** Adds the pod-side flags (after the endpoint's). */
export function addComparisonOptions(command: Command): Command {
  return command
    .option('--pod-rate <price>', `your pod Secure price per GPU, e.g. $1.89/h (default: the catalog's); ${describeRange(LIMITS.podRate)} an hour`)
    .option('--savings-plan <percent>', `add a pod option with this savings-plan discount, e.g. 20%; ${describeRange(LIMITS.discount)}`)
    .option('--container-disk <size>', 'pod container disk per pod, e.g. 20GB', '0GB')
    .option('--volume-disk <size>', 'pod volume disk per pod, e.g. 50GB', '0GB')
    .option('--network-volume <size>', 'network volume the serverless options pay for (weights), e.g. 50GB', '0GB')
    .option('--pod-target-utilization <percent>', `how busy pods may run: as many pods as keep each this busy (RunPod's 20% headroom advice); ${describeRange(LIMITS.podTargetUtilization)}`, '80%')
    .option('--month <duration>', `the month length: 730h (default, 365 days / 12) or 720h (30 days); ${describeRange(LIMITS.month)}`, `${DEFAULT_MONTH_HOURS}h`)
    .option('--fast', 'price serverless with the fast approximation instead of simulating (validated domain stated in the output)', false)
    .option('--precision <percent>', `simulate until each option's monthly cost is known within this, at 95%; ${describeRange(LIMITS.precision)}`, '1%')
    .option('--seed <n>', `random seed: the same seed gives the same output (every option shares it); ${describeRange(LIMITS.seed)}`, '1')
    .option('--max-requests <count>', `the most requests one simulation may hold; more is refused before it starts (default 200M); ${describeRange(LIMITS.maxRequests)}`);
}

/**
 * The flag of the commands that name a cheapest option (`compare`, `tokens`): the share of its requests an
 * option may fail and still be ranked by its bill (decisions/compare.ts: rankingOf, and the default's reasons).
 */
export function addRankingOptions(command: Command): Command {
  return command.option(
    '--max-failed-share <share>',
    `rank an option that fails at most this share of its requests (at the execution timeout, or a load balancer's cut of one request) by its bill with those that serve every one; one that fails more, only when every option does (${formatPercent(DEFAULT_MAX_FAILED_SHARE)}: one in 1,000, a 99.9% success objective; 0%: none); ${describeRange(LIMITS.share)}`,
    formatPercent(DEFAULT_MAX_FAILED_SHARE),
  );
}

export const RankingFlagsSchema = z.object({ maxFailedShare: within(PercentSchema, 'share') });

export const ComparisonFlagsSchema = z.object({
  podTargetUtilization: within(PercentSchema, 'podTargetUtilization'),
  fast: z.boolean(),
  precision: within(PercentSchema, 'precision'),
  seed: within(WholeNumberSchema, 'seed'),
  podRate: within(RateSchema.transform((usdPerSecond) => usdPerSecond * 3600), 'podRate').transform((usdPerHour) => usdPerHour / 3600).optional(),
  savingsPlan: within(PercentSchema, 'discount').optional(),
  containerDisk: within(SizeSchema, 'size'),
  volumeDisk: within(SizeSchema, 'size'),
  networkVolume: within(SizeSchema, 'size'),
  month: within(DurationSchema, 'month'),
  maxRequests: within(CountSchema, 'maxRequests').optional(),
});
export type ComparisonFlags = z.output<typeof ComparisonFlagsSchema>;

/** The pod terms the flags give. */
export function podTermsOf(flags: ComparisonFlags): PodTerms {
  return {
    podRateUsdPerSecond: flags.podRate,
    savingsPlan: flags.savingsPlan,
    containerDiskGB: flags.containerDisk,
    volumeDiskGB: flags.volumeDisk,
    networkVolumeGB: flags.networkVolume,
    podTargetUtilization: flags.podTargetUtilization,
  };
}
