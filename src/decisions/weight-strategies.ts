// `coldstart`: one cold start phase by phase, and the four ways to ship weights side by side with what
// each costs for the user's traffic (bake into the image, network volume, download at start, cached model).
import type { Catalog } from '../catalog/schema.js';
import { coldStartModelAssumptions, type AssumptionOf, type ColdStartModelAssumption } from '../endpoint/assumptions.js';
import type { ColdStartSetup } from '../endpoint/cold-start.js';
import { specError } from '../endpoint/field-names.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import { estimateColdStart, mixFlashBoot, WEIGHT_SOURCES, type ColdStart, type ColdStartInput, type FlashBootMixture, type WeightSource } from '../model/cold-start.js';
import { estimateFlexWorkers } from '../model/flex-workers.js';
import { monthSeconds } from '../model/line-items.js';
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
export type ColdStartFinding =
  | { code: 'over-health-limit'; source: WeightSource; totalS: number; limitS: number }
  | { code: 'vram'; weightsGB: number; neededGB: number; vramGB: number }
  | { code: 'download-often'; coldStartsPerDay: number; weightsGB: number };

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
  traffic: StrategyTraffic | null,
): StrategyResult {
  const coldStart = estimateColdStart(input);
  const mixture = mixFlashBoot(coldStart, pricing.restoreS, pricing.restoreBilled, pricing.hitRate);
  const volume = catalog.storage.networkVolume;
  // A network volume is sized in whole GB, at least the platform minimum.
  const storageGB = input.weightsFrom === 'network-volume' ? Math.max(volume.minGB, Math.ceil(input.weightsGB)) : 0;
  const storageMonthlyUsd = storageGB > 0 ? estimateNetworkVolume({ sizeGB: storageGB, tiers: volume.tiers }).monthlyUsd : 0;
  let monthly: StrategyResult['monthly'] = null;
  if (traffic !== null) {
    const flex = estimateFlexWorkers({
      requestsPerSecond: traffic.requestsPerSecond,
      execS: traffic.execS,
      idleTimeoutS: traffic.idleTimeoutS,
      coldStartS: mixture.meanS,
      coldStartBilledS: mixture.meanBilledS,
      gpuCount: pricing.gpuCount,
      flexUsdPerSecond: pricing.flexUsdPerSecond,
      roundingS: catalog.billing.serverless.rounding.granularityS,
      monthSeconds: monthSeconds(traffic.monthHours),
      maxWorkers: traffic.maxWorkers,
    });
    const days = monthSeconds(traffic.monthHours) / 86_400;
    monthly = { flexUsd: flex.monthlyUsd, totalUsd: flex.monthlyUsd + storageMonthlyUsd, coldStartsPerDay: flex.coldStartsPerMonth / days, coldStartRate: flex.coldStartRate };
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
  traffic: StrategyTraffic | null,
): StrategyResult[] {
  return WEIGHT_SOURCES.map((source) => evaluateStrategy(catalog, { ...input, weightsFrom: source, imageGB: imageFor(source) }, pricing, traffic));
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
