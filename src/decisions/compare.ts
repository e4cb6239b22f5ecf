// `compare`: one workload priced every way RunPod sells the GPU: flex only, flex with always-on workers
// (both simulated through RunPod's worker rules, to a precision goal, or by the fast path), and as many
// pods (Secure, Community, savings plan) as keep each at the target utilization, with the latency their
// queue gives. Results are plain data; render/reports/compare.ts words them.
import { ratesOf } from '../catalog/rates.js';
import type { Catalog } from '../catalog/schema.js';
import type { FastColdStartDomainFinding, FastDomainFinding } from '../endpoint/fast-domain.js';
import { failedShareOf, loadBalancerFiguresOf, type EndpointOutcome } from '../endpoint/outcome.js';
import type { TokenExperience } from '../endpoint/tokens.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import type { LineItem } from '../model/line-items.js';
import { estimateNetworkVolume } from '../model/network-volume.js';
import { appendPodLineItems, discountedUsdPerHour, podFleet, podFleetMonthlyUsd, podsNeeded, type PodFleet } from '../model/pods.js';
import { findFeasibilityIssues, type FeasibilityFinding } from '../endpoint/feasibility.js';
import { offeredLoadOf, overloadOf, type Overload } from '../endpoint/overload.js';
import { podFleetOutcome, serverlessOutcome, type PricingMethod } from './serverless-outcome.js';
import type { Workload } from './workload.js';

export type OptionId = 'flex' | 'flex-active' | 'pod-secure' | 'pod-community' | 'pod-savings-plan';

/** What an option runs, as data (the report words it). */
export type OptionShape = { kind: 'serverless'; activeWorkers: number; maxWorkers: number } | { kind: 'pods'; podCount: number; gpuName: string };

/** An option that cannot serve the traffic: what it serves, what it leaves, how fast the backlog grows. */
export type OptionOverload = Overload;

/** One way to run the workload, priced. Half-widths are 95% intervals; null where the figure is exact or not simulated. */
export interface PricedOption {
  id: OptionId;
  shape: OptionShape;
  /** How its cost was found: simulated, the fast path, or exact (pods, billed by the hour). */
  costMethod: PricingMethod | 'exact';
  monthlyUsd: number;
  monthlyUsdHalfWidth: number | null;
  /** monthlyUsd over the days in the model month. */
  dailyUsd: number;
  /** Per request served (so an overloaded option is not cheap per request); null when none is served. */
  usdPerRequest: number | null;
  usdPer1000Requests: number | null;
  billedGpuHours: number;
  /** Busy share of the billed GPU time. */
  utilization: number;
  /** Share of requests that waited on a worker start (0 for pods: they never start). */
  coldStartRate: number;
  coldStartRateHalfWidth: number | null;
  /** 95th percentile of latency (queue wait + execution), simulated; null without a simulation (--fast). */
  p95S: number | null;
  /** A load-balancing endpoint's serverless options: the share of requests dropped (no worker in time, after retries); null for pods, a queue endpoint, or without a simulation. */
  dropRate: number | null;
  /** The share of requests that failed at the execution timeout or a load balancer's cut (billed, not served); 0 for pods and the fast path. Over the comparison's maxFailedShare, it keeps the option from being the cheapest against one within it (findCheapest). */
  failedShare: number;
  /** The failed share's 95% half-width (batch means; a share, as failedShare); 0 for pods and the fast path, whose share is exact. */
  failedShareHalfWidth: number;
  /** An LLM endpoint's (one with tokens) time to first token and output tokens per second, simulated; null otherwise or with --fast. */
  experience: TokenExperience | null;
  /** Set when the option cannot serve the traffic; such an option is never the cheapest. */
  overload: OptionOverload | null;
  /** Simulated seconds behind the figures (0 for none). */
  horizonS: number;
  /** With --fast: why the option is outside the domain where the fast path was validated; else null. */
  outsideFastDomain: FastDomainFinding | null;
  /** With --fast, inside that domain: why the option's cold-start rate is outside the narrower domain where it was validated; else null. */
  coldStartRateOutsideFastDomain: FastColdStartDomainFinding | null;
  /** The billed line items (those with a quantity), in display order; their monthlyUsd sum to monthlyUsd. */
  lineItems: LineItem[];
}

/** Why an option could not be priced. */
export interface UnpricedOption {
  id: OptionId;
  reason: 'no-pod-price';
}

export interface Comparison {
  method: PricingMethod;
  requestsPerMonth: number;
  /** Offered load in busy GPUs (Little's law). */
  offeredLoad: number;
  /** max(1, ceil(offeredLoad / podTargetUtilization)). */
  podCount: number;
  podTargetUtilization: number;
  /** Where each simulation started (the horizon grows from there to the precision goal). */
  startHorizonS: number;
  options: PricedOption[];
  unpriced: UnpricedOption[];
  /** The cheapest option that serves the traffic (see findCheapest), its saving over the next, and whether precision can tell them apart. */
  cheapest: Cheapest | null;
  /** The share of its requests an option may fail and still be ranked by its bill with those that serve every request (findCheapest). */
  maxFailedShare: number;
  /** What makes the set-up impossible or fragile on RunPod (VRAM, start limit, execution timeout). */
  findings: FeasibilityFinding[];
  /** Where a serverless request fails (billed, not served): the execution timeout, or a load balancer's cut of one request. */
  requestLimit: RequestLimit;
}

/** The longest a serverless request runs before it fails: the execution timeout, or a load balancer's cut. */
export interface RequestLimit {
  kind: 'execution-timeout' | 'load-balancer-cut';
  seconds: number;
}

/** What a comparison weighs: the resolved endpoint, the pod side, the pod target and the pricing method. */
export interface ComparisonInput {
  endpoint: ResolvedEndpoint;
  workload: Workload;
  /** How busy each pod may run: the pod count keeps the offered load at or under this share of the pods. */
  podTargetUtilization: number;
  method: PricingMethod;
  /** The share of its requests an option may fail (at the execution timeout or a load balancer's cut) and still be ranked by its bill with those that serve every request (findCheapest); 0 to 1. */
  maxFailedShare: number;
}

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;

/** Prices the workload every way. Same inputs and seed, same comparison. */
export function compareOptions(catalog: Catalog, input: ComparisonInput): Comparison {
  const { endpoint, workload, method } = input;
  const basis = basisOf(endpoint);
  const offeredLoad = offeredLoadOf(endpoint);
  // A pod runs the endpoint's batch: it serves capacityPerWorker requests per mean execution (1 without --jobs-per-worker).
  const podCount = podsNeeded(endpoint.traffic.meanRatePerSecond, endpoint.execution.meanS / endpoint.workers.capacityPerWorker, input.podTargetUtilization);
  const options: PricedOption[] = [...serverlessOptions(catalog, endpoint, workload, method, basis)];
  const unpriced: UnpricedOption[] = [];
  options.push(...podOptions(catalog, endpoint, workload, podCount, method, basis, unpriced));
  return {
    method,
    requestsPerMonth: basis.requestsPerMonth,
    offeredLoad,
    podCount,
    podTargetUtilization: input.podTargetUtilization,
    startHorizonS: method === 'sim' ? endpoint.config.horizonS : 0,
    options,
    unpriced,
    cheapest: findCheapest(options, input.maxFailedShare),
    maxFailedShare: input.maxFailedShare,
    findings: findFeasibilityIssues(catalog, endpoint),
    requestLimit: { kind: endpoint.loadBalancer === null ? 'execution-timeout' : 'load-balancer-cut', seconds: endpoint.workers.executionTimeoutS },
  };
}

/** The month every option of one comparison is priced over. */
interface PricingBasis {
  requestsPerMonth: number;
  daysPerMonth: number;
  monthS: number;
}

function basisOf(endpoint: ResolvedEndpoint): PricingBasis {
  const monthS = endpoint.run.monthS;
  return { requestsPerMonth: endpoint.traffic.meanRatePerSecond * monthS, daysPerMonth: monthS / SECONDS_PER_DAY, monthS };
}

/** Flex only (no active worker), and flex with at least one active worker. */
function serverlessOptions(catalog: Catalog, endpoint: ResolvedEndpoint, workload: Workload, method: PricingMethod, basis: PricingBasis): PricedOption[] {
  const volume = workload.networkVolumeGB > 0 ? estimateNetworkVolume({ sizeGB: workload.networkVolumeGB, tiers: ratesOf(catalog).networkVolumeTiers }) : null;
  const volumeItems = volume === null ? [] : volume.lineItems;
  const active = Math.max(1, endpoint.workers.active);
  return [
    serverlessOption('flex', endpoint, 0, serverlessOutcome(endpoint, 0, method), volumeItems, basis),
    serverlessOption('flex-active', endpoint, active, serverlessOutcome(endpoint, active, method), volumeItems, basis),
  ];
}

/** A serverless option from its month: the endpoint's line items, then the network volume's (billed to serverless only). */
function serverlessOption(id: OptionId, endpoint: ResolvedEndpoint, active: number, outcome: EndpointOutcome, volumeItems: readonly LineItem[], basis: PricingBasis): PricedOption {
  const lineItems = [...outcome.lineItems, ...volumeItems];
  const monthlyUsd = lineItems.reduce((sum, item) => sum + item.monthlyUsd, 0);
  const workers = active + endpoint.workers.max;
  const overload = overloadOf(endpoint, outcome, workers, basis.requestsPerMonth, basis.monthS);
  // Per request the month brings (known exactly: dividing by the simulation's sample of them would add its
  // noise to a cost that is mostly fixed, such as an active worker's), or per request served when overloaded.
  const failedShare = outcome.simulation === null ? 0 : failedShareOf(outcome.simulation);
  const served = overload === null ? basis.requestsPerMonth * (1 - failedShare) : overload.servedPerMonth;
  const billedGpuSeconds = outcome.billedGpuHoursPerMonth * SECONDS_PER_HOUR;
  // With requests sharing a worker, a request stretches past its time alone: the busy share is the work done
  // (time alone) over what the billed time could do with the batch full.
  const execMeanS = endpoint.concurrency === null ? (outcome.simulation?.latency.execution.mean ?? endpoint.execution.meanS) : endpoint.execution.meanS / endpoint.workers.capacityPerWorker;
  return {
    id,
    shape: { kind: 'serverless', activeWorkers: active, maxWorkers: endpoint.workers.max },
    costMethod: outcome.method,
    monthlyUsd,
    monthlyUsdHalfWidth: outcome.precision?.monthlyUsd ?? null,
    ...perServed(monthlyUsd, served, basis),
    billedGpuHours: outcome.billedGpuHoursPerMonth,
    utilization: billedGpuSeconds > 0 ? Math.min(1, (served * execMeanS * endpoint.gpuCount) / billedGpuSeconds) : 0,
    coldStartRate: outcome.coldStartRate,
    coldStartRateHalfWidth: outcome.precision?.coldStartRate ?? null,
    p95S: outcome.latency.p95,
    dropRate: loadBalancerFiguresOf(outcome)?.dropRate ?? null,
    failedShare,
    failedShareHalfWidth: outcome.simulation?.precision.failedShareHalfWidth ?? 0,
    experience: outcome.tokens ?? null,
    overload,
    horizonS: outcome.horizonS,
    outsideFastDomain: outcome.outsideFastDomain,
    coldStartRateOutsideFastDomain: outcome.coldStartRateOutsideFastDomain,
    lineItems,
  };
}

/** $/day, $/request and $/1k requests of a monthly cost, per request served. */
function perServed(monthlyUsd: number, servedPerMonth: number, basis: PricingBasis): Pick<PricedOption, 'dailyUsd' | 'usdPerRequest' | 'usdPer1000Requests'> {
  const usdPerRequest = servedPerMonth > 0 ? monthlyUsd / servedPerMonth : null;
  return { dailyUsd: monthlyUsd / basis.daysPerMonth, usdPerRequest, usdPer1000Requests: usdPerRequest === null ? null : usdPerRequest * 1000 };
}

/**
 * Secure, Community and (when asked) savings-plan pods, or why each cannot be priced. They differ only in
 * price, so the fleet and its simulated latency are worked out once (and not at all when no pod price is
 * known). Pods never start cold; with --fast nothing is simulated, so their latency is unknown too.
 */
function podOptions(
  catalog: Catalog,
  endpoint: ResolvedEndpoint,
  workload: Workload,
  podCount: number,
  method: PricingMethod,
  basis: PricingBasis,
  unpriced: UnpricedOption[],
): PricedOption[] {
  const { secure, community } = workload.pod;
  const { savingsPlanDiscount } = workload;
  if (secure === null) unpriced.push({ id: 'pod-secure', reason: 'no-pod-price' });
  if (community === null) unpriced.push({ id: 'pod-community', reason: 'no-pod-price' });
  if (savingsPlanDiscount !== null && secure === null) unpriced.push({ id: 'pod-savings-plan', reason: 'no-pod-price' });
  if (secure === null && community === null) return [];

  const rates = ratesOf(catalog);
  const fleet = podFleet({
    count: podCount,
    gpuCount: workload.gpuCount,
    hoursPerDay: 24,
    containerDiskGB: workload.podContainerDiskGB,
    volumeDiskGB: workload.podVolumeDiskGB,
    storage: rates.podStorage,
    granularityS: rates.podGranularityS,
    monthSeconds: basis.monthS,
  });
  const latency = method === 'sim' ? podFleetOutcome(endpoint, podCount) : null;
  const overload = overloadOf(endpoint, latency, podCount, basis.requestsPerMonth, basis.monthS);
  // Each cloud runs the class's cheapest GPU there; the options share the count, fleet and latency.
  const shared = { podCount, fleet, latency, overload, basis, gpuCount: workload.gpuCount, execMeanS: endpoint.execution.meanS / endpoint.workers.capacityPerWorker };
  const options: PricedOption[] = [];
  if (secure !== null) options.push(podOption('pod-secure', discountedUsdPerHour(secure.usdPerHour, 0), { ...shared, gpuName: secure.gpuName }));
  if (community !== null) options.push(podOption('pod-community', discountedUsdPerHour(community.usdPerHour, 0), { ...shared, gpuName: community.gpuName }));
  if (savingsPlanDiscount !== null && secure !== null) {
    options.push(podOption('pod-savings-plan', discountedUsdPerHour(secure.usdPerHour, savingsPlanDiscount), { ...shared, gpuName: secure.gpuName }));
  }
  return options;
}

/** What every pod option of one workload shares: all but the price. */
interface PodTerms {
  podCount: number;
  /** The GPU model the pods run (or the class, when no model is known). */
  gpuName: string;
  fleet: PodFleet;
  /** The fleet simulated as always-on workers; null with --fast. */
  latency: EndpointOutcome | null;
  overload: OptionOverload | null;
  basis: PricingBasis;
  gpuCount: number;
  execMeanS: number;
}

/** A pod option: the fleet's billed line items at a GPU-hour price (after any savings plan). */
function podOption(id: OptionId, effectiveUsdPerHour: number, terms: PodTerms): PricedOption {
  const { fleet, basis, overload, latency } = terms;
  const monthlyUsd = podFleetMonthlyUsd(fleet, effectiveUsdPerHour);
  const lineItems: LineItem[] = [];
  appendPodLineItems(lineItems, fleet, effectiveUsdPerHour, 'omit');
  const served = overload === null ? basis.requestsPerMonth : overload.servedPerMonth;
  return {
    id,
    shape: { kind: 'pods', podCount: terms.podCount, gpuName: terms.gpuName },
    costMethod: 'exact',
    monthlyUsd,
    monthlyUsdHalfWidth: null,
    ...perServed(monthlyUsd, served, basis),
    billedGpuHours: fleet.billedGpuSeconds / SECONDS_PER_HOUR,
    utilization: fleet.billedGpuSeconds > 0 ? Math.min(1, (served * terms.execMeanS * terms.gpuCount) / fleet.billedGpuSeconds) : 0,
    coldStartRate: 0,
    coldStartRateHalfWidth: null,
    p95S: latency?.latency.p95 ?? null,
    dropRate: null,
    failedShare: 0,
    failedShareHalfWidth: 0,
    experience: latency?.tokens ?? null,
    overload,
    horizonS: latency?.horizonS ?? 0,
    outsideFastDomain: null,
    coldStartRateOutsideFastDomain: null,
    lineItems,
  };
}

/** What the cheapest was ranked by: the monthly bill, or (when every option that serves the traffic fails more than the tolerated share of its requests) the cost per 1,000 requests served. */
export type CheapestBasis = 'monthlyUsd' | 'usdPer1000Requests';

export interface Cheapest {
  id: OptionId;
  /** What the options were ranked by (see findCheapest): the monthly bill, or the cost per 1,000 requests served. */
  rankedBy: CheapestBasis;
  /** The next option in the same ranking, and how much more it costs, in the ranking's unit (a month, or per 1,000 requests served). */
  nextId: OptionId | null;
  savingUsd: number;
  /** 95% half-width of the saving: the two costs' half-widths added (0 when both are exact). */
  savingHalfWidthUsd: number;
  /** Options whose cost is within the cheapest one's by less than their intervals: precision cannot rank them. */
  tiedWith: OptionId[];
}

/**
 * The failed share tolerated unless told otherwise (--max-failed-share): one request in 1,000, the error
 * budget of a 99.9% success objective (three nines), a common availability target for a service. It sits
 * far above shares too rare for a simulation to price (1 min exponential jobs against a 10 min timeout:
 * e^-10, 0.0045%) and far below one a user would not want hidden in a cheap bill.
 */
export const DEFAULT_MAX_FAILED_SHARE = 0.001;

/** The options findCheapest ranks against one another (in the order given, unsorted), and by what. */
export interface Ranking {
  rankedBy: CheapestBasis;
  ranked: PricedOption[];
}

/**
 * Which options are ranked against one another, by one rule: an option must serve the requests it is sent,
 * all but a tolerated share (maxFailedShare), to be ranked against options that do.
 *
 * - An overloaded option (it cannot serve the traffic) is never ranked: a cheap bill for requests left
 *   unserved is no saving. Nor is one that finishes no request.
 * - Options that fail at most maxFailedShare of the requests they are sent at the execution timeout (or a
 *   load balancer's cut: billed, never served) are ranked by their monthly bill, with those that serve
 *   every request (failedShare 0). One that fails more is not ranked against them, however low its bill:
 *   its bill is not the price of the work asked for, and its users see the failures. The tolerance keeps a
 *   share too rare to price (1 min exponential jobs against a 10 min timeout fail e^-10, one request in
 *   22,000) from deciding the ranking by whether the simulation happened to draw one; 0 ranks only the
 *   options that serve every request.
 * - Only when every option that serves the traffic fails more than that are they ranked, by their cost
 *   per 1,000 requests served (the bill over the requests that finish, so it already carries what the
 *   failures cost: ranking their bills would favour the option that fails most).
 *
 * An option fails a share when its simulation failed at least one request (pods never do: they have no
 * timeout; the fast path does not model failures, so with --fast none fails). A load balancer's drops (no
 * worker in time) are not failures here: they are not billed, and the Dropped column shows them.
 */
export function rankingOf(options: readonly PricedOption[], maxFailedShare: number): Ranking {
  const serving = options.filter((option) => option.overload === null && option.failedShare < 1);
  const within = serving.filter((option) => option.failedShare <= maxFailedShare);
  return within.length > 0 ? { rankedBy: 'monthlyUsd', ranked: within } : { rankedBy: 'usdPer1000Requests', ranked: serving };
}

/**
 * The cheapest of the options rankingOf ranks, in its unit, and its saving over the next option of the
 * same ranking. Ties in cost go to the earlier option, as a stable sort would. Two costs whose 95%
 * intervals overlap (the distance between them is within the sum of their half-widths; per 1,000 requests
 * served, each half-width is the monthly one's share of the bill) are a tie the simulation cannot break: a
 * conservative test, as common random numbers make the difference itself more precise than either cost.
 */
export function findCheapest(options: readonly PricedOption[], maxFailedShare: number): Cheapest | null {
  const { rankedBy, ranked: candidates } = rankingOf(options, maxFailedShare);
  const costOf = (option: PricedOption): number => (rankedBy === 'monthlyUsd' ? option.monthlyUsd : (option.usdPer1000Requests ?? Infinity));
  const halfWidth = (option: PricedOption): number => (rankedBy === 'monthlyUsd' ? (option.monthlyUsdHalfWidth ?? 0) : costOf(option) * relativeHalfWidthOf(option));
  const ranked = [...candidates].sort((a, b) => costOf(a) - costOf(b));
  const first = ranked[0];
  if (first === undefined) return null;
  const second = ranked[1];
  const tiedWith = ranked.slice(1).filter((option) => {
    const bound = halfWidth(first) + halfWidth(option);
    return bound > 0 && costOf(option) - costOf(first) <= bound;
  });
  return {
    id: first.id,
    rankedBy,
    nextId: second?.id ?? null,
    savingUsd: second === undefined ? 0 : costOf(second) - costOf(first),
    savingHalfWidthUsd: second === undefined ? 0 : halfWidth(first) + halfWidth(second),
    tiedWith: tiedWith.map((option) => option.id),
  };
}

/** An option's monthly cost's 95% half-width relative to it (0 when exact or nothing is billed). */
export function relativeHalfWidthOf(option: PricedOption): number {
  return option.monthlyUsdHalfWidth === null || !(option.monthlyUsd > 0) ? 0 : option.monthlyUsdHalfWidth / option.monthlyUsd;
}
