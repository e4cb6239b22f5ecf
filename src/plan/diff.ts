// `diff`: two evaluated plans side by side, per resource and line item: old, new, change.
import type { PlanResult } from './evaluate.js';

export interface DiffRow {
  resource: string;
  item: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  oldMonthlyUsd: number | null;
  newMonthlyUsd: number | null;
  changeUsd: number;
  /** Change over the old cost; null when there was none. */
  changePercent: number | null;
}

export interface PlanDiff {
  rows: DiffRow[];
  oldMonthlyUsd: number;
  newMonthlyUsd: number;
}

function items(result: PlanResult): Map<string, { resource: string; item: string; monthlyUsd: number }> {
  const map = new Map<string, { resource: string; item: string; monthlyUsd: number }>();
  for (const resource of result.resources) {
    for (const item of resource.lineItems) map.set(`${resource.kind}\u0000${resource.name}\u0000${item.name}`, { resource: resource.name, item: item.name, monthlyUsd: item.monthlyUsd });
  }
  return map;
}

// Changes smaller than this are float noise, not a change a reader should see.
const EPSILON_USD = 1e-9;

export function diffPlans(before: PlanResult, after: PlanResult): PlanDiff {
  const old = items(before);
  const current = items(after);
  const keys = [...new Set([...old.keys(), ...current.keys()])].sort();
  const rows = keys.map((key): DiffRow => {
    const a = old.get(key);
    const b = current.get(key);
    const oldUsd = a?.monthlyUsd ?? null;
    const newUsd = b?.monthlyUsd ?? null;
    const changeUsd = (newUsd ?? 0) - (oldUsd ?? 0);
    const status = a === undefined ? 'added' : b === undefined ? 'removed' : Math.abs(changeUsd) > EPSILON_USD ? 'changed' : 'unchanged';
    return {
      resource: (a ?? b)?.resource ?? '',
      item: (a ?? b)?.item ?? '',
      status,
      oldMonthlyUsd: oldUsd,
      newMonthlyUsd: newUsd,
      changeUsd,
      changePercent: oldUsd !== null && oldUsd > 0 ? changeUsd / oldUsd : null,
    };
  });
  return { rows, oldMonthlyUsd: before.monthlyUsd, newMonthlyUsd: after.monthlyUsd };
}
