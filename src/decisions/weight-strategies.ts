// `coldstart`: one cold start phase by phase, and the four ways to ship weights side by side with what
// each costs for the user's traffic (bake into the image, network volume, download at start, cached model).
import type { Catalog } from '../catalog/schema.js';
import { coldStartModelAssumptions, type AssumptionOf, type ColdStartModelAssumption } from '../endpoint/assumptions.js';
import type { ColdStartSetup } from '../endpoint/cold-start.js';
import { specError } from '../endpoint/field-names.js';
import { evaluateEndpoint } from '../endpoint/evaluate.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import type { StartFinding } from '../endpoint/feasibility.js';
import { estimateColdStart, mixFlashBoot, WEIGHT_SOURCES, type ColdStart, type ColdStartInput, type FlashBootMixture, type WeightSource } from '../model/cold-start.js';
import { estimateNetworkVolume } from '../model/network-volume.js';

/** The traffic a strategy is priced for (flex workers only). */
export interface StrategyTraffic {
  requestsPerSecond: number;
  execS: number;
  idleTimeoutS: number;
  maxWorkers: number;
  monthHours: number;
}

export interface StrategyResult {
  source: WeightSource;
  imageGB: number;
  coldStart: ColdStart;
  mixture: FlashBootMixture;
  /** Mean billed cold-start seconds x flex rate x GPUs. */
  usdPerColdStart: number;
  /** Network volume holding the weights (only for that strategy), GB and USD per month. */
  storageGB: number;
  storageMonthlyUsd: number;
  /** With traffic: flex workers' monthly cost and cold starts, and the total with storage. */
  monthly: { flexUsd: number; totalUsd: number; coldStartsPerDay: number; coldStartRate: number } | null;
}

/** What the user should know about a cold start, as data (sentences are the renderer's job). */
export type ColdStartFinding = StartFinding | { code: 'download-often'; coldStartsPerDay: number; weightsGB: number };

/** Price of a strategy's cold starts and storage for a GPU class. */
export interface StrategyPricing {
  flexUsdPerSecond: number;
  gpuCount: number;
  /** Whether a FlashBoot restore is billed (the catalog's rule). */
  restoreBilled: boolean;
  restoreS: number;
  hitRate: number;
}

// Cold starts a day from which a hub download on every start is worth flagging: one an hour.
const FREQUENT_COLD_STARTS_PER_DAY = 24;

/** One strategy: the cold start, its FlashBoot mixture, what it costs per start and per month. */
export function evaluateStrategy(
  catalog: Catalog,
  input: ColdStartInput,
  pricing: StrategyPricing,
  flexMonth: FlexMonth | null,
): StrategyResult {
  const coldStart = estimateColdStart(input);
  const mixture = mixFlashBoot(coldStart, pricing.restoreS, pricing.restoreBilled, pricing.hitRate);
  const volume = catalog.storage.networkVolume;
  // A network volume is sized in whole GB, at least the platform minimum.
  const storageGB = input.weightsFrom === 'network-volume' ? Math.max(volume.minGB, Math.ceil(input.weightsGB)) : 0;
  const storageMonthlyUsd = storageGB > 0 ? estimateNetworkVolume({ sizeGB: storageGB, tiers: volume.tiers }).monthlyUsd : 0;
  let monthly: StrategyResult['monthly'] = null;
  if (flexMonth !== null) {
    const flex = flexMonth(coldStart);
    monthly = { flexUsd: flex.monthlyUsd, totalUsd: flex.monthlyUsd + storageMonthlyUsd, coldStartsPerDay: flex.coldStartsPerDay, coldStartRate: flex.coldStartRate };
  }
  return {
    source: input.weightsFrom,
    imageGB: input.imageGB,
    coldStart,
    mixture,
    usdPerColdStart: mixture.meanBilledS * pricing.flexUsdPerSecond * pricing.gpuCount,
    storageGB,
    storageMonthlyUsd,
    monthly,
  };
}

/** The four strategies for the same model: `imageFor` gives each its image (baked or slim). */
export function compareStrategies(
  catalog: Catalog,
  input: ColdStartInput,
  imageFor: (source: WeightSource) => number,
  pricing: StrategyPricing,
  flexMonth: FlexMonth | null,
): StrategyResult[] {
  return WEIGHT_SOURCES.map((source) => evaluateStrategy(catalog, { ...input, weightsFrom: source, imageGB: imageFor(source) }, pricing, flexMonth));
}

/** A month of the endpoint's traffic on flex workers whose full cold start is `coldStart`: its cost and cold starts. */
export type FlexMonth = (coldStart: ColdStart) => { monthlyUsd: number; coldStartsPerDay: number; coldStartRate: number };

/**
 * The month of each strategy, simulated: the endpoint's traffic and workers with the strategy's cold start
 * (FlashBoot restores as the endpoint has them), to the endpoint's precision goal, with its seed, so the
 * strategies see the same requests (common random numbers).
 */
export function simulatedFlexMonth(endpoint: ResolvedEndpoint): FlexMonth {
  return (coldStart) => {
    const config = { ...endpoint.config, coldStart: { ...endpoint.config.coldStart, fullS: coldStart.totalS, fullBilledS: coldStart.billedS } };
    const outcome = evaluateEndpoint(endpoint, 'sim', config);
    return { monthlyUsd: outcome.monthlyUsd, coldStartsPerDay: outcome.workerStartsPerMonth / (endpoint.run.monthS / 86_400), coldStartRate: outcome.coldStartRate };
  };
}

/** The best strategy: cheapest per month with traffic, else fewest billed seconds, then the fastest start. */
export function pickStrategy(results: StrategyResult[]): StrategyResult | undefined {
  return [...results].sort(
    (a, b) =>
      (a.monthly !== null && b.monthly !== null ? a.monthly.totalUsd - b.monthly.totalUsd : 0) ||
      a.mixture.meanBilledS - b.mixture.meanBilledS ||
      a.mixture.meanS - b.mixture.meanS,
  )[0];
}

/** Warnings for a cold start on a GPU class: RunPod's start limit, VRAM, and hub downloads on busy endpoints. */
export function findColdStartIssues(
  catalog: Catalog,
  results: StrategyResult[],
  weightsGB: number,
  vramGB: number,
  headroom: number,
): ColdStartFinding[] {
  const findings: ColdStartFinding[] = [];
  const limitS = catalog.limits.coldStartHealthLimitS.value;
  for (const result of results) {
    if (result.coldStart.totalS > limitS) findings.push({ code: 'over-health-limit', source: result.source, totalS: result.coldStart.totalS, limitS });
  }
  const neededGB = weightsGB * (1 + headroom);
  if (neededGB > vramGB) findings.push({ code: 'vram', weightsGB, neededGB, vramGB });
  const download = results.find((result) => result.source === 'download');
  if (download?.monthly != null && download.monthly.coldStartsPerDay >= FREQUENT_COLD_STARTS_PER_DAY) {
    findings.push({ code: 'download-often', coldStartsPerDay: download.monthly.coldStartsPerDay, weightsGB });
  }
  return findings;
}

export type ColdStartCommandAssumption =
  | AssumptionOf<'coldstart.gpu', { poolId: string; label: string; gpuCount: number }>
  | AssumptionOf<'coldstart.traffic', StrategyTraffic>;

/** The traffic the strategies are priced for, from a resolved endpoint: flex workers only, Poisson at its mean rate. */
export function strategyTrafficOf(endpoint: ResolvedEndpoint): StrategyTraffic {
  // The strategies are priced on flex workers: at least one is needed.
  if (endpoint.workers.max < 1) throw specError('expected at least 1 worker', 'workers.max');
  return {
    requestsPerSecond: endpoint.traffic.meanRatePerSecond,
    execS: endpoint.execution.meanS,
    idleTimeoutS: endpoint.workers.idleTimeoutS,
    maxWorkers: endpoint.workers.max,
    monthHours: endpoint.run.monthS / 3600,
  };
}

/** The assumptions behind `coldstart`: the GPU, the cold-start model's settings, and the traffic when given. */
export function coldStartAssumptions(endpoint: ResolvedEndpoint, setup: ColdStartSetup, traffic: StrategyTraffic | null): (ColdStartCommandAssumption | ColdStartModelAssumption)[] {
  const { gpu } = endpoint;
  return [
    { key: 'gpu', value: gpu.poolId, id: 'coldstart.gpu', values: { poolId: gpu.poolId, label: gpu.pool.label, gpuCount: endpoint.gpuCount } },
    ...coldStartModelAssumptions(setup),
    ...(traffic === null ? [] : [{ key: 'traffic', value: traffic.requestsPerSecond * SECONDS_PER_DAY, id: 'coldstart.traffic' as const, values: traffic }]),
  ];
}

const SECONDS_PER_DAY = 86_400;
