// A workload as `compare` and `breakeven` see it: one resolved endpoint (its GPU, Poisson traffic, mean
// execution time and cold start, its workers and prices) plus the pod side they weigh it against.
import { choosePodGpu, type GpuMatch, type PodChoice } from '../catalog/lookup.js';
import type { Catalog } from '../catalog/schema.js';
import type { ActiveRateSource } from '../endpoint/resolve.js';
import { monthSeconds } from '../model/line-items.js';
import { DEFAULT_MONTH_HOURS } from '../model/line-items.js';
import { coldStartModelAssumptions, originAssumptions, type AssumptionOf, type ColdStartModelAssumption, type OriginAssumption } from '../endpoint/assumptions.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import type { RateGiven } from '../endpoint/traffic.js';
import { specError } from '../endpoint/field-names.js';
import type { ExecutionFacts } from '../endpoint/execution.js';
import type { ScalerSpec } from '../sim/simulate.js';

/** Everything the cost model needs about one workload, with units in the names. */
export interface Workload {
  gpu: GpuMatch;
  /** GPUs per worker or pod. */
  gpuCount: number;
  /** Mean Poisson arrival rate. */
  requestsPerSecond: number;
  /** Mean execution time of one request. */
  execS: number;
  idleTimeoutS: number;
  /** Most flex workers the endpoint may run. */
  maxWorkers: number;
  /** Always-on workers of the "flex + active" option. */
  activeWorkers: number;
  /** The whole cold start (latency) and its billed part (money). */
  coldStartS: number;
  coldStartBilledS: number;
  monthHours: number;
  /** Active rate per GPU-second: the user's, else the catalog's, else the flex rate (see activeRateSource). */
  activeUsdPerSecond: number;
  activeRateSource: ActiveRateSource;
  /** When RunPod started billing active workers at the flex rate, for the assumptions. */
  sameAsFlexSince: string;
  /** Pod prices per GPU-hour for the GPU the pods use; null where not offered. */
  pod: PodChoice;
  /** Savings-plan discount on pod compute; null when not asked for. */
  savingsPlanDiscount: number | null;
  podContainerDiskGB: number;
  podVolumeDiskGB: number;
  /** A network volume the endpoint reads weights from (0 for none). */
  networkVolumeGB: number;
}

/** The pod side of a comparison, and the storage the options pay for: not part of an endpoint. */
export interface PodTerms {
  /** Your pod Secure price per GPU-second (--pod-rate); undefined for the catalog's. */
  podRateUsdPerSecond?: number | undefined;
  /** Adds a savings-plan pod option with this discount. */
  savingsPlan?: number | undefined;
  containerDiskGB: number;
  volumeDiskGB: number;
  /** A network volume the serverless options pay for. */
  networkVolumeGB: number;
  /** How busy each pod may run: the pod count keeps the load at or under this share of the pods (RunPod advises 20% headroom). */
  podTargetUtilization: number;
}

export type WorkloadAssumption =
  | AssumptionOf<'workload.traffic', RateGiven>
  | AssumptionOf<'workload.gpu', { poolId: string; label: string; gpus: string[]; gpuCount: number }>
  | AssumptionOf<'workload.month', { monthS: number; isDefault: boolean }>
  | AssumptionOf<'workload.exec', { execS: number }>
  | AssumptionOf<'workload.idleTimeout', { idleTimeoutS: number; given: boolean }>
  | AssumptionOf<'workload.maxWorkers', { max: number; given: boolean }>
  | AssumptionOf<'workload.coldStart.model', { meanS: number; meanBilledS: number; weightsFrom: string }>
  | AssumptionOf<'workload.coldStart.default', { fullS: number; billedS: number; containerStartS: number; frameworkImportS: number; cudaContextS: number }>
  | AssumptionOf<'workload.coldStart.given', { fullS: number; billedS: number; billedGiven: boolean; hitRate: number; restoreS: number }>
  | AssumptionOf<'workload.activeRate', { poolId: string; activeUsdPerSecond: number; source: ActiveRateSource; flexUsdPerSecond: number; sameAsFlexSince: string }>
  | AssumptionOf<'workload.savingsPlan', { discount: number }>
  | AssumptionOf<'workload.networkVolume', { sizeGB: number }>
  | AssumptionOf<'breakeven.pod', { poolId: string; pods: PodChoice; gpuNamed: boolean; targetUtilization: number }>
  | CompareAssumption;

/** What `compare` adds: how many pods and why, how the serverless options were priced, and the failed share its ranking tolerates. */
export type CompareAssumption =
  | AssumptionOf<
      'compare.pods',
      { poolId: string; pods: PodChoice; gpuNamed: boolean; offeredLoad: number; capacityPerWorker: number; targetUtilization: number; podCount: number; latencySimulated: boolean }
    >
  | AssumptionOf<
      'compare.method',
      {
        method: 'sim' | 'analytic';
        seed: number;
        /** The monthly cost's relative 95% half-width aimed at, and the widest reached. */
        goal: number;
        widestRelativeHalfWidth: number;
        /** Where the simulations started (as in `simulate`), and the shortest and longest horizon run. */
        startHorizonS: number;
        minHorizonS: number;
        maxHorizonS: number;
        /** The longest horizon allowed (as in `simulate`; see endpoint/resolve.ts). */
        capHorizonS: number;
        scaler: ScalerSpec;
        exec: ExecutionFacts;
      }
    >
  /** The failed share tolerated in the ranking (decisions/compare.ts, rankingOf), stated when an option fails some requests. */
  | AssumptionOf<'compare.maxFailedShare', { maxFailedShare: number; limit: 'execution-timeout' | 'load-balancer-cut'; limitS: number }>;

/** The workload of a resolved endpoint (Poisson traffic at its mean rate) with the pod terms. */
export function workloadOf(catalog: Catalog, endpoint: ResolvedEndpoint, terms: PodTerms): Workload {
  // The flex option needs a flex worker of its own; always-on workers are the other option's.
  if (endpoint.workers.max < 1) throw specError('expected at least 1 worker', 'workers.max');
  return {
    gpu: endpoint.gpu,
    gpuCount: endpoint.gpuCount,
    requestsPerSecond: endpoint.traffic.meanRatePerSecond,
    execS: endpoint.execution.meanS,
    idleTimeoutS: endpoint.workers.idleTimeoutS,
    maxWorkers: endpoint.workers.max,
    activeWorkers: endpoint.workers.active,
    coldStartS: endpoint.coldStart.meanS,
    coldStartBilledS: endpoint.coldStart.meanBilledS,
    monthHours: endpoint.run.monthS / 3600,
    activeUsdPerSecond: endpoint.prices.activeUsdPerSecond,
    activeRateSource: endpoint.prices.activeRateSource,
    sameAsFlexSince: endpoint.prices.sameAsFlexSince,
    pod: choosePodGpu(catalog, endpoint.gpu, terms.podRateUsdPerSecond === undefined ? undefined : terms.podRateUsdPerSecond * 3600),
    savingsPlanDiscount: terms.savingsPlan ?? null,
    podContainerDiskGB: terms.containerDiskGB,
    podVolumeDiskGB: terms.volumeDiskGB,
    networkVolumeGB: terms.networkVolumeGB,
  };
}

/**
 * The assumptions behind a workload's figures, in the order shown. `podSide` words the pods, which each
 * command weighs differently (compare: as many as the load needs; breakeven: one).
 */
export function workloadAssumptions(endpoint: ResolvedEndpoint, workload: Workload, podSide: readonly WorkloadAssumption[]): (WorkloadAssumption | ColdStartModelAssumption | OriginAssumption)[] {
  const { gpu, coldStart } = endpoint;
  const source = coldStart.source;
  const assumptions: (WorkloadAssumption | ColdStartModelAssumption | OriginAssumption)[] = [
    { key: 'gpu', value: gpu.poolId, id: 'workload.gpu', values: { poolId: gpu.poolId, label: gpu.pool.label, gpus: gpu.pool.gpus, gpuCount: workload.gpuCount } },
    { key: 'monthHours', value: workload.monthHours, id: 'workload.month', values: { monthS: endpoint.run.monthS, isDefault: endpoint.run.monthS === DEFAULT_MONTH_HOURS * 3600 } },
    { key: 'execS', value: workload.execS, id: 'workload.exec', values: { execS: workload.execS } },
    { key: 'idleTimeoutS', value: workload.idleTimeoutS, id: 'workload.idleTimeout', values: { idleTimeoutS: workload.idleTimeoutS, given: endpoint.workers.given.idleTimeout } },
    { key: 'maxWorkers', value: workload.maxWorkers, id: 'workload.maxWorkers', values: { max: workload.maxWorkers, given: endpoint.workers.given.max } },
    ...originAssumptions(endpoint),
    source.kind === 'model'
      ? { key: 'coldStartS', value: coldStart.meanS, id: 'workload.coldStart.model', values: { meanS: coldStart.meanS, meanBilledS: coldStart.meanBilledS, weightsFrom: source.setup.input.weightsFrom } }
      : source.kind === 'default'
        ? {
            key: 'coldStartS',
            value: coldStart.meanS,
            id: 'workload.coldStart.default',
            values: { fullS: coldStart.fullS, billedS: coldStart.fullBilledS, containerStartS: source.containerStartS, frameworkImportS: source.frameworkImportS, cudaContextS: source.cudaContextS },
          }
        : { key: 'coldStartS', value: coldStart.meanS, id: 'workload.coldStart.given', values: { fullS: coldStart.fullS, billedS: coldStart.fullBilledS, billedGiven: source.billedGiven, hitRate: coldStart.hitRate, restoreS: coldStart.restoreS } },
    { key: 'activeUsdPerSecond', value: workload.activeUsdPerSecond, id: 'workload.activeRate', values: { poolId: gpu.poolId, activeUsdPerSecond: workload.activeUsdPerSecond, source: workload.activeRateSource, flexUsdPerSecond: gpu.pool.flexUsdPerSecond, sameAsFlexSince: workload.sameAsFlexSince } },
    ...podSide,
  ];
  if (source.kind === 'model') assumptions.push(...coldStartModelAssumptions(source.setup));
  if (workload.savingsPlanDiscount !== null) assumptions.push({ key: 'savingsPlanDiscount', value: workload.savingsPlanDiscount, id: 'workload.savingsPlan', values: { discount: workload.savingsPlanDiscount } });
  if (workload.networkVolumeGB > 0) assumptions.push({ key: 'networkVolumeGB', value: workload.networkVolumeGB, id: 'workload.networkVolume', values: { sizeGB: workload.networkVolumeGB } });
  return assumptions;
}

/** The traffic as the user gave it, shown first in `compare`. */
export function trafficAssumption(endpoint: ResolvedEndpoint): AssumptionOf<'workload.traffic', RateGiven> {
  const facts = endpoint.traffic.facts;
  if (facts.kind !== 'poisson') throw new Error('internal: a workload has Poisson traffic at a constant rate');
  return { key: 'requestsPerSecond', value: endpoint.traffic.meanRatePerSecond, id: 'workload.traffic', values: facts.given };
}
