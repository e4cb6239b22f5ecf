// Line items in Infracost's shape (name, unit, quantity, unit price, monthly cost), the model month they are
// priced over, and every line item's name and unit, defined here once: the cost model, the simulation's
// pricing (endpoint/outcome.ts) and whatever matches items by name all use these constants, so a renamed
// item cannot drift apart between them. Seconds for time, USD for money, decimal GB for sizes. Money is never
// rounded here: rounding is the renderer's job, so totals always equal the sum of their parts.
import { requireNonNegative } from './guards.js';

/**
 * Hours in a model month: Infracost's 730 (= 8760 / 12; HourToMonthUnitMultiplier in
 * https://github.com/infracost/infracost/blob/master/internal/schema/cost_component.go).
 */
export const DEFAULT_MONTH_HOURS = 730;

/** A 30-day month (720 h), which RunPod users quote ("$316.80 per 30-day month"); used on request. */
export const THIRTY_DAY_MONTH_HOURS = 720;

export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;

/** Seconds in a month of the given hours (730 by default), the model's unit for "per month". */
export function monthSeconds(hours: number = DEFAULT_MONTH_HOURS): number {
  requireNonNegative('hours', hours);
  return hours * SECONDS_PER_HOUR;
}

// ------------------------------------------------------------------------------------ units and names

/** Unit of serverless worker time (flex and active workers bill per second). */
export const GPU_SECOND = 'GPU-second';
/** Unit of pod compute. */
export const GPU_HOUR = 'GPU-hour';
/** Unit of every storage item. */
export const GB_MONTH = 'GB-month';

/** Always-on (active) serverless workers, busy or idle. */
export const ACTIVE_WORKERS_ITEM = 'Active workers (always on)';
/** Flex workers executing requests. */
export const FLEX_EXECUTION_ITEM = 'Flex execution';
/** The billed phases of flex workers' cold starts. */
export const FLEX_COLD_STARTS_ITEM = 'Flex cold starts (billed part)';
/** Flex workers waiting out the idle timeout after their last request. */
export const FLEX_IDLE_TAILS_ITEM = 'Flex idle-timeout tails';
/** Each flex worker window rounded up to the billing granularity. */
export const FLEX_ROUNDING_ITEM = 'Flex rounding to whole seconds';
/** Pod GPU compute while running. */
export const POD_COMPUTE_ITEM = 'Pod compute';
/** Pod container disk while running. */
export const POD_CONTAINER_DISK_ITEM = 'Pod container disk';
/** Pod volume disk while running. */
export const POD_VOLUME_RUNNING_ITEM = 'Pod volume disk (running)';
/** Pod volume disk while stopped. */
export const POD_VOLUME_STOPPED_ITEM = 'Pod volume disk (stopped)';

/** Names a tier by its GB range, e.g. `first 1000 GB`, `1000-2000 GB`, `over 1000 GB`. */
function describeTier(fromGB: number, upToGB: number | null): string {
  if (upToGB === null) return fromGB === 0 ? 'all GB' : `over ${fromGB} GB`;
  return fromGB === 0 ? `first ${upToGB} GB` : `${fromGB}-${upToGB} GB`;
}

/** The item of one network-volume price tier, named by its GB range: `Network volume (first 1000 GB)`. */
export function networkVolumeItemName(fromGB: number, upToGB: number | null): string {
  return `Network volume (${describeTier(fromGB, upToGB)})`;
}

// ---------------------------------------------------------------------------------------- line items

/** One priced quantity, as Infracost prints a cost component. */
export interface LineItem {
  /** What is billed, e.g. `Flex execution`. */
  name: string;
  /** Unit of the quantity, e.g. `GPU-second`, `GPU-hour`, `GB-month`. */
  unit: string;
  /** Units billed per month. */
  quantity: number;
  /** USD per unit. */
  unitPriceUsd: number;
  /** quantity * unitPriceUsd exactly (never rounded). */
  monthlyUsd: number;
}

/** A priced option: its line items and their sum. */
export interface CostEstimate {
  /** The parts of the bill, in display order. */
  lineItems: LineItem[];
  /** Sum of the line items' monthlyUsd. */
  monthlyUsd: number;
}

/** Builds a line item whose monthly cost is exactly quantity times unit price. */
export function makeLineItem(name: string, unit: string, quantity: number, unitPriceUsd: number): LineItem {
  return { name, unit, quantity, unitPriceUsd, monthlyUsd: quantity * unitPriceUsd };
}

/** Sums the line items' monthly cost, the estimate's total (a plain loop: this runs on every evaluation of a sweep). */
export function sumMonthlyUsd(lineItems: readonly LineItem[]): number {
  let total = 0;
  for (const item of lineItems) total += item.monthlyUsd;
  return total;
}

/**
 * Whether to keep line items that bill nothing (quantity 0). The estimate* functions keep them, so every
 * estimate of one kind lists the same items; reports (compare) omit them. Totals always count every item.
 */
export type UnbilledItems = 'keep' | 'omit';

/** Appends a line item to `target`, unless it bills nothing and the caller omits such items. */
export function pushLineItem(target: LineItem[], unbilled: UnbilledItems, name: string, unit: string, quantity: number, unitPriceUsd: number): void {
  if (unbilled === 'omit' && !(quantity > 0)) return;
  target.push(makeLineItem(name, unit, quantity, unitPriceUsd));
}
