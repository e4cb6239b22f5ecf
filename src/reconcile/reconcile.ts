// A plan's estimate against RunPod's billing records, per resource and per UTC day (hourly buckets summed
// into their day; longer buckets kept whole): estimated, billed, the gap, and the line items that explain
// it: a platform fee the model does not know, disk and CPU it does not price, and GPU time beyond the plan
// put in the plan's own terms (so many times its idle tails, or so many more always-on workers). Pure.
import { InputError } from '../input/error.js';
import type { BillingRecord } from '../input/billing.js';
import type { Estimate } from './estimates.js';

const DAY_MS = 86_400_000;

export interface ReconcileRow {
  resource: string;
  id: string;
  /** The period's start (a UTC day, or a longer bucket) and end. */
  startMs: number;
  endMs: number;
  estimatedUsd: number;
  /** Null: no billing record for the period (counted as $0 in the totals). */
  billedUsd: number | null;
  gapUsd: number;
  /** (billed - estimated) / estimated; null with nothing estimated. */
  gapShare: number | null;
  feeUsd: number;
  /** Billed amounts the model has no line for: disk and CPU (serverless), or none. */
  otherUsd: number;
}

/** What explains a resource's gap over the whole period, as data. */
export type Finding =
  | { kind: 'fee'; resource: string; usd: number; shareOfBill: number }
  | { kind: 'unpriced'; resource: string; diskUsd: number; cpuUsd: number }
  | { kind: 'gpu'; resource: string; gapUsd: number; workerSeconds: number; idleTailsUsd: number; idleTailMultiple: number | null; alwaysOnWorkers: number }
  | { kind: 'missing'; resource: string; days: number[] }
  | { kind: 'outsidePlan'; resource: string; fromMs: number; toMs: number };

export interface ResourceTotal {
  resource: string;
  id: string;
  estimatedUsd: number;
  billedUsd: number;
  gapUsd: number;
  gapShare: number | null;
}

export interface Reconciliation {
  rows: ReconcileRow[];
  totals: ResourceTotal[];
  findings: Finding[];
  /** The billing records' whole span. */
  fromMs: number;
  toMs: number;
  /** Ids in the billing files that no resource of the plan names. */
  unmatchedIds: string[];
}

interface Period {
  startMs: number;
  endMs: number;
  totalUsd: number;
  feeUsd: number;
  gpuUsd: number;
  diskUsd: number;
  cpuUsd: number;
}

/** A bucket's period: its UTC day when it is a day or shorter, else itself. */
function periodOf(record: BillingRecord): [number, number] {
  if (record.endMs - record.startMs <= DAY_MS) {
    const day = Math.floor(record.startMs / DAY_MS) * DAY_MS;
    return [day, day + DAY_MS];
  }
  return [record.startMs, record.endMs];
}

export function reconcile(estimates: readonly Estimate[], billing: readonly BillingRecord[], where: (id: string) => { file: string; path: string }): Reconciliation {
  const billedIds = [...new Set(billing.map((r) => r.id))].sort();
  for (const estimate of estimates) {
    if (!billedIds.includes(estimate.id)) {
      const { file, path } = where(estimate.id);
      throw new InputError(`the billing records have no ${estimate.kind === 'endpoint' ? 'endpoint' : 'network volume'} ${estimate.id}: they bill ${billedIds.join(', ')} (another endpoint or account?)`, { file }, path);
    }
  }
  const fromMs = Math.min(...billing.map((r) => periodOf(r)[0]));
  const toMs = Math.max(...billing.map((r) => periodOf(r)[1]));
  const rows: ReconcileRow[] = [];
  const totals: ResourceTotal[] = [];
  const findings: Finding[] = [];
  for (const estimate of estimates) {
    const periods = new Map<number, Period>();
    for (const record of billing.filter((r) => r.id === estimate.id)) {
      const [startMs, endMs] = periodOf(record);
      const p = periods.get(startMs) ?? { startMs, endMs, totalUsd: 0, feeUsd: 0, gpuUsd: 0, diskUsd: 0, cpuUsd: 0 };
      p.totalUsd += record.totalUsd;
      if (record.parts.kind === 'serverless') {
        p.feeUsd += record.parts.feeUsd;
        p.gpuUsd += record.parts.gpuUsd;
        p.diskUsd += record.parts.diskUsd;
        p.cpuUsd += record.parts.cpuUsd;
      }
      periods.set(startMs, p);
    }
    // Every day of the billing span has a row: a day the records skip is a day with no record.
    const missing: number[] = [];
    for (let day = fromMs; day < toMs; day += DAY_MS) {
      const covered = [...periods.values()].some((p) => p.startMs <= day && day < p.endMs);
      if (!covered) {
        missing.push(day);
        periods.set(day, { startMs: day, endMs: day + DAY_MS, totalUsd: NaN, feeUsd: 0, gpuUsd: 0, diskUsd: 0, cpuUsd: 0 });
      }
    }
    let estimated = 0;
    let billed = 0;
    let fee = 0;
    let gpu = 0;
    let disk = 0;
    let cpu = 0;
    for (const p of [...periods.values()].sort((a, b) => a.startMs - b.startMs)) {
      const estimatedUsd = estimate.usdBetween(p.startMs, p.endMs);
      const billedUsd = Number.isNaN(p.totalUsd) ? null : p.totalUsd;
      const gapUsd = (billedUsd ?? 0) - estimatedUsd;
      rows.push({ resource: estimate.name, id: estimate.id, startMs: p.startMs, endMs: p.endMs, estimatedUsd, billedUsd, gapUsd, gapShare: estimatedUsd > 0 ? gapUsd / estimatedUsd : null, feeUsd: p.feeUsd, otherUsd: p.diskUsd + p.cpuUsd });
      estimated += estimatedUsd;
      billed += billedUsd ?? 0;
      fee += p.feeUsd;
      gpu += p.gpuUsd;
      disk += p.diskUsd;
      cpu += p.cpuUsd;
    }
    totals.push({ resource: estimate.name, id: estimate.id, estimatedUsd: estimated, billedUsd: billed, gapUsd: billed - estimated, gapShare: estimated > 0 ? (billed - estimated) / estimated : null });
    if (fee !== 0) findings.push({ kind: 'fee', resource: estimate.name, usd: fee, shareOfBill: billed !== 0 ? fee / billed : 0 });
    if (disk !== 0 || cpu !== 0) findings.push({ kind: 'unpriced', resource: estimate.name, diskUsd: disk, cpuUsd: cpu });
    if (estimate.kind === 'endpoint' && estimate.usdPerWorkerSecond > 0) {
      // The GPU part of the bill against the plan, which prices GPU time only.
      const gapUsd = gpu - estimated;
      const idleTailsUsd = estimated * estimate.idleShare;
      const spanS = (toMs - fromMs) / 1000;
      findings.push({
        kind: 'gpu',
        resource: estimate.name,
        gapUsd,
        workerSeconds: gapUsd / estimate.usdPerWorkerSecond,
        idleTailsUsd,
        idleTailMultiple: idleTailsUsd > 0 ? (idleTailsUsd + gapUsd) / idleTailsUsd : null,
        alwaysOnWorkers: gapUsd / estimate.usdPerWorkerSecond / spanS,
      });
    }
    if (missing.length > 0) findings.push({ kind: 'missing', resource: estimate.name, days: missing });
    if (estimate.coversMs !== null && (fromMs < estimate.coversMs[0] - 60_000 || toMs > estimate.coversMs[1] + DAY_MS)) {
      findings.push({ kind: 'outsidePlan', resource: estimate.name, fromMs: estimate.coversMs[0], toMs: estimate.coversMs[1] });
    }
    if (estimate.coversMs !== null && (toMs <= estimate.coversMs[0] || fromMs >= estimate.coversMs[1])) {
      const { file, path } = where(estimate.id);
      throw new InputError(`the billing records (${new Date(fromMs).toISOString().slice(0, 10)} to ${new Date(toMs - 1).toISOString().slice(0, 10)}) and the plan's trace (${new Date(estimate.coversMs[0]).toISOString().slice(0, 16)}Z on) share no time: another period?`, { file }, path);
    }
  }
  return { rows, totals, findings, fromMs, toMs, unmatchedIds: billedIds.filter((id) => !estimates.some((e) => e.id === id)) };
}

/** Whether any resource's total gap is over the limit (a share of its estimate, or an amount). */
export function gapExceeds(totals: readonly ResourceTotal[], limit: { share: number } | { usd: number }): ResourceTotal[] {
  return totals.filter((t) => ('share' in limit ? t.gapShare === null ? t.billedUsd > 0 : Math.abs(t.gapShare) > limit.share : Math.abs(t.gapUsd) > limit.usd));
}
