// `compare`: one workload priced every way RunPod sells the GPU: flex only, flex with always-on
// workers, and as many pods (Secure, Community, savings plan) as the traffic needs.
import { ratesOf } from '../catalog/rates.js';
import type { Catalog } from '../catalog/schema.js';
import { monthSeconds, type CostEstimate, type LineItem } from '../model/line-items.js';
import { estimateNetworkVolume } from '../model/network-volume.js';
import { appendPodLineItems, discountedUsdPerHour, podFleet, podFleetMonthlyUsd, podsNeeded, type PodFleet } from '../model/pods.js';
import { appendServerlessLineItems, serverlessFigures, type ServerlessFigures } from '../model/serverless.js';
import { flexProfileOf, type Workload } from './workload.js';

export type OptionId = 'flex' | 'flex-active' | 'pod-secure' | 'pod-community' | 'pod-savings-plan';

/**
 * One way to run the workload, priced. `shape` and `lineItems` are for display and are worded or built
 * only when read (see the note above compareOptions); the figures are plain fields.
 */
export interface PricedOption {
  readonly id: OptionId;
  /** Workers or pods it runs: `up to 3 flex workers`, `1 active + up to 3 flex`, `2 pods x RTX 4090`. */
  readonly shape: string;
  readonly monthlyUsd: number;
  /** monthlyUsd over the days in the model month. */
  readonly dailyUsd: number;
  readonly usdPerRequest: number | null;
  readonly usdPer1000Requests: number | null;
  readonly billedGpuHours: number;
  /** Busy share of the billed GPU time. */
  readonly utilization: number;
  /** Share of requests that start a worker (0 for pods and for traffic fully absorbed by active workers). */
  readonly coldStartRate: number;
  /** The traffic is more than the option can serve (flex over max workers). */
  readonly overloaded: boolean;
  /** The billed line items (those with a quantity), in display order; their monthlyUsd sum to monthlyUsd. */
  readonly lineItems: readonly LineItem[];
}

/** Why an option could not be priced. */
export interface UnpricedOption {
  id: OptionId;
  reason: 'no-pod-price';
}

export interface Comparison {
  requestsPerMonth: number;
  /** Offered load in busy GPUs (Little's law). */
  offeredLoad: number;
  podCount: number;
  options: PricedOption[];
  unpriced: UnpricedOption[];
  /** The cheapest option that serves the traffic, and by how much it beats the next one. */
  cheapest: { id: OptionId; savingUsd: number; nextId: OptionId | null } | null;
}

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;

// Performance note. compare is the model's inner loop in what-if sweeps (bench/cost counts its evaluations per
// second; the target is over a million), so it computes each figure once (both serverless options share one
// flex profile, all pod options one fleet) and defers what only a display needs: an option's `shape` words and
// its `lineItems` are built when first read, from the figures the option keeps. Number-to-text conversion and
// the 15 line-item objects were about half the cost of an evaluation that nobody displays. Options are class
// instances, so every option of a kind has one hidden class and property reads stay fast.

/** Prices the workload every way: pure function of the catalog and the workload. */
export function compareOptions(catalog: Catalog, workload: Workload): Comparison {
  const month = monthSeconds(workload.monthHours);
  const L = workload.requestsPerSecond;
  const basis: PricingBasis = { requestsPerMonth: L * month, daysPerMonth: month / SECONDS_PER_DAY };
  const options: PricedOption[] = [];
  const unpriced: UnpricedOption[] = [];
  addServerlessOptions(options, catalog, workload, basis);
  const podCount = podsNeeded(L, workload.execS);
  addPodOptions(options, unpriced, catalog, workload, podCount, month, basis);
  return { requestsPerMonth: basis.requestsPerMonth, offeredLoad: L * workload.execS, podCount, options, unpriced, cheapest: findCheapest(options) };
}

// compareOptions is split in two (serverless, then pods) for speed as well as reading: V8 inlines a limited
// amount of code into one function, and each half fits, so the small objects each half builds on the way
// (the pod fleet's input, for one) are never allocated.

/** Flex only, and flex with at least one active worker: both from one flex profile. */
function addServerlessOptions(options: PricedOption[], catalog: Catalog, workload: Workload, basis: PricingBasis): void {
  const L = workload.requestsPerSecond;
  const flex = flexProfileOf(workload, catalog);
  const volume = workload.networkVolumeGB > 0 ? estimateNetworkVolume({ sizeGB: workload.networkVolumeGB, tiers: ratesOf(catalog).networkVolumeTiers }) : null;
  const { maxWorkers, activeUsdPerSecond } = workload;
  options.push(new ServerlessOption('flex', maxWorkers, serverlessFigures(flex, L, 0, activeUsdPerSecond), volume, basis));
  const active = Math.max(1, workload.activeWorkers);
  options.push(new ServerlessOption('flex-active', maxWorkers, serverlessFigures(flex, L, active, activeUsdPerSecond), volume, basis));
}

/**
 * Secure, Community and (when asked) savings-plan pods, or why each cannot be priced. They differ only in
 * price, so the fleet is worked out once (and not at all when no pod price is known, as then nothing about
 * pods is priced or checked).
 */
function addPodOptions(
  options: PricedOption[],
  unpriced: UnpricedOption[],
  catalog: Catalog,
  workload: Workload,
  podCount: number,
  month: number,
  basis: PricingBasis,
): void {
  const { secureUsdPerHour, communityUsdPerHour } = workload.pod;
  const { savingsPlanDiscount } = workload;
  if (secureUsdPerHour === null) unpriced.push({ id: 'pod-secure', reason: 'no-pod-price' });
  if (communityUsdPerHour === null) unpriced.push({ id: 'pod-community', reason: 'no-pod-price' });
  if (savingsPlanDiscount !== null && secureUsdPerHour === null) unpriced.push({ id: 'pod-savings-plan', reason: 'no-pod-price' });
  if (secureUsdPerHour === null && communityUsdPerHour === null) return;

  const rates = ratesOf(catalog);
  const fleet = podFleet({
    count: podCount,
    gpuCount: workload.gpuCount,
    hoursPerDay: 24,
    containerDiskGB: workload.podContainerDiskGB,
    volumeDiskGB: workload.podVolumeDiskGB,
    storage: rates.podStorage,
    granularityS: rates.podGranularityS,
    monthSeconds: month,
  });
  const { requestsPerMonth } = basis;
  const pods: PodTerms = {
    podCount,
    gpuName: workload.pod.gpuName ?? workload.gpu.poolId,
    fleet,
    executionGpuSeconds: requestsPerMonth * workload.execS * workload.gpuCount,
    overloaded: workload.requestsPerSecond * workload.execS >= podCount,
    requestsPerMonth,
    daysPerMonth: basis.daysPerMonth,
  };
  if (secureUsdPerHour !== null) options.push(new PodOption('pod-secure', discountedUsdPerHour(secureUsdPerHour, 0), pods));
  if (communityUsdPerHour !== null) options.push(new PodOption('pod-community', discountedUsdPerHour(communityUsdPerHour, 0), pods));
  if (savingsPlanDiscount !== null && secureUsdPerHour !== null) {
    options.push(new PodOption('pod-savings-plan', discountedUsdPerHour(secureUsdPerHour, savingsPlanDiscount), pods));
  }
}

/** The month an option is priced over: what every option of one comparison shares. */
interface PricingBasis {
  requestsPerMonth: number;
  daysPerMonth: number;
}

// The two option classes repeat three one-line getters over these helpers rather than share a base class:
// with the base class's constructor call, bench/cost measured compare about 10% slower.

/** monthlyUsd per day of the model month. */
function perDay(monthlyUsd: number, basis: PricingBasis): number {
  return monthlyUsd / basis.daysPerMonth;
}

/** Price per request of a monthly cost, or null without requests. */
function perRequest(monthlyUsd: number, basis: PricingBasis): number | null {
  return basis.requestsPerMonth > 0 ? monthlyUsd / basis.requestsPerMonth : null;
}

/** Price per 1000 requests, or null without requests. */
function per1000Requests(monthlyUsd: number, basis: PricingBasis): number | null {
  return basis.requestsPerMonth > 0 ? (monthlyUsd / basis.requestsPerMonth) * 1000 : null;
}

/** A serverless option: the endpoint's billed line items, then the network volume's (billed to serverless only). */
class ServerlessOption implements PricedOption {
  readonly monthlyUsd: number;
  readonly overloaded: boolean;
  private builtLineItems: LineItem[] | null = null;

  constructor(
    readonly id: OptionId,
    private readonly maxWorkers: number,
    private readonly endpoint: ServerlessFigures,
    private readonly volume: CostEstimate | null,
    private readonly basis: PricingBasis,
  ) {
    this.monthlyUsd = endpoint.monthlyUsd + (volume === null ? 0 : volume.monthlyUsd);
    this.overloaded = endpoint.overloaded;
  }

  get dailyUsd(): number {
    return perDay(this.monthlyUsd, this.basis);
  }

  get usdPerRequest(): number | null {
    return perRequest(this.monthlyUsd, this.basis);
  }

  get usdPer1000Requests(): number | null {
    return per1000Requests(this.monthlyUsd, this.basis);
  }

  get shape(): string {
    const flex = `up to ${this.maxWorkers} flex workers`;
    return this.endpoint.activeCount > 0 ? `${this.endpoint.activeCount} active + ${flex}` : flex;
  }

  get billedGpuHours(): number {
    return this.endpoint.billedGpuSeconds / SECONDS_PER_HOUR;
  }

  get utilization(): number {
    return this.endpoint.utilization;
  }

  get coldStartRate(): number {
    return this.endpoint.coldStartRate;
  }

  get lineItems(): readonly LineItem[] {
    if (this.builtLineItems === null) {
      const lineItems: LineItem[] = [];
      appendServerlessLineItems(lineItems, this.endpoint, 'omit');
      if (this.volume !== null) for (const item of this.volume.lineItems) lineItems.push(item);
      this.builtLineItems = lineItems;
    }
    return this.builtLineItems;
  }
}

/** What every pod option of one workload shares: all but the price. */
interface PodTerms extends PricingBasis {
  podCount: number;
  /** The GPU model the pods run (or the class, when no model is known). */
  gpuName: string;
  fleet: PodFleet;
  /** GPU-seconds the traffic keeps the pods busy per month. */
  executionGpuSeconds: number;
  /** The traffic needs more than the pods (Little's law: L * s >= pods). */
  overloaded: boolean;
}

/** A pod option: the fleet's billed line items at a GPU-hour price (after any savings plan). */
class PodOption implements PricedOption {
  readonly monthlyUsd: number;
  readonly overloaded: boolean;
  readonly coldStartRate = 0;
  private builtLineItems: LineItem[] | null = null;

  constructor(
    readonly id: OptionId,
    private readonly effectiveUsdPerHour: number,
    private readonly basis: PodTerms,
  ) {
    this.monthlyUsd = podFleetMonthlyUsd(basis.fleet, effectiveUsdPerHour);
    this.overloaded = basis.overloaded;
  }

  get dailyUsd(): number {
    return perDay(this.monthlyUsd, this.basis);
  }

  get usdPerRequest(): number | null {
    return perRequest(this.monthlyUsd, this.basis);
  }

  get usdPer1000Requests(): number | null {
    return per1000Requests(this.monthlyUsd, this.basis);
  }

  get shape(): string {
    const { podCount, gpuName } = this.basis;
    return `${podCount} pod${podCount === 1 ? '' : 's'} x ${gpuName}`;
  }

  get billedGpuHours(): number {
    return this.basis.fleet.billedGpuSeconds / SECONDS_PER_HOUR;
  }

  get utilization(): number {
    const { billedGpuSeconds } = this.basis.fleet;
    return billedGpuSeconds > 0 ? Math.min(1, this.basis.executionGpuSeconds / billedGpuSeconds) : 0;
  }

  get lineItems(): readonly LineItem[] {
    if (this.builtLineItems === null) {
      const lineItems: LineItem[] = [];
      appendPodLineItems(lineItems, this.basis.fleet, this.effectiveUsdPerHour, 'omit');
      this.builtLineItems = lineItems;
    }
    return this.builtLineItems;
  }
}

/**
 * Options that cannot serve the traffic are never "cheapest": a cheap bill for dropped requests is no saving.
 * One pass keeps the two cheapest; ties go to the earlier option, as a stable sort by monthlyUsd would.
 */
function findCheapest(options: readonly PricedOption[]): Comparison['cheapest'] {
  let first: PricedOption | undefined;
  let second: PricedOption | undefined;
  for (const option of options) {
    if (option.overloaded) continue;
    if (first === undefined || option.monthlyUsd < first.monthlyUsd) {
      second = first;
      first = option;
    } else if (second === undefined || option.monthlyUsd < second.monthlyUsd) {
      second = option;
    }
  }
  if (first === undefined) return null;
  return { id: first.id, savingUsd: second === undefined ? 0 : second.monthlyUsd - first.monthlyUsd, nextId: second?.id ?? null };
}
