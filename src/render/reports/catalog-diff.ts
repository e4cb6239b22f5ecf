// `runpod-plan catalog diff` as a report: every price that moved, per pool and GPU, in USD per GPU-hour.
import type { CatalogDiff, CatalogPrice, CatalogPriceChange } from '../../catalog/diff.js';
import { formatPercent } from '../number-format.js';
import type { CatalogInfo, Report, Row } from '../report.js';

/** One side of the comparison: what the user named (`bundled`, a file) and the catalog it gave. */
export interface DiffSide {
  label: string;
  name: string;
  asOf: string;
}

/** What `--fail-on-change` caught, when it was given. */
export interface ChangeLimitResult {
  /** The limit as a fraction (0.05 for 5%). */
  limit: number;
  /** Price changes beyond it (added and removed ones included) and GPUs that changed pool. */
  beyond: number;
}

const PRICE_NAMES: Record<CatalogPrice, string> = {
  flex: 'serverless flex',
  active: 'serverless active',
  podSecure: 'pod Secure',
  podCommunity: 'pod Community',
};

function flexRateNote(change: CatalogPriceChange): string | null {
  if (change.oldAtFlexRate && change.newAtFlexRate) return 'both: no active price, the flex rate';
  if (change.newAtFlexRate) return change.status === 'added' ? 'no active price, the flex rate' : 'new: no active price, the flex rate';
  if (change.oldAtFlexRate) return change.status === 'removed' ? 'no active price, the flex rate' : 'old: no active price, the flex rate';
  return null;
}

function changeRow(change: CatalogPriceChange): Row {
  return {
    item: change.item,
    kind: change.itemKind === 'pool' ? 'pool' : 'GPU',
    price: change.price,
    priceName: change.price === null ? null : PRICE_NAMES[change.price],
    status: change.status,
    oldUsdPerGpuHour: change.oldUsdPerGpuHour,
    newUsdPerGpuHour: change.newUsdPerGpuHour,
    change: change.change,
    oldRetrieved: change.oldRetrieved,
    newRetrieved: change.newRetrieved,
    note: flexRateNote(change),
  };
}

function count(diff: CatalogDiff, status: CatalogPriceChange['status']): number {
  return diff.changes.filter((change) => change.status === status).length;
}

export function catalogDiffReport(diff: CatalogDiff, old: DiffSide, current: DiffSide, catalog: CatalogInfo, limit: ChangeLimitResult | undefined): Report {
  const moved = diff.moves.length === 0 ? '' : `, ${diff.moves.length} GPU(s) moved between pools`;
  const summary = `${count(diff, 'changed')} changed, ${count(diff, 'added')} added, ${count(diff, 'removed')} removed${moved}`;
  const notes = [
    'Prices in USD per GPU-hour (serverless per second x 3600). A pool without an active price bills active workers at its flex rate ' +
      "(RunPod's rule since 2026-05-13), which its active row shows.",
    diff.changes.length === 0 && diff.moves.length === 0 ? `No price changed; ${diff.unchanged} unchanged.` : `${diff.unchanged} price(s) unchanged.`,
  ];
  if (limit !== undefined) {
    notes.push(
      limit.beyond === 0
        ? `--fail-on-change ${formatPercent(limit.limit)}: no price moved more than that.`
        : `--fail-on-change ${formatPercent(limit.limit)}: ${limit.beyond} change(s) beyond it (a price added or removed, and a GPU that changed pool, count as beyond any limit).`,
    );
  }
  const sections: Report['sections'] = [
    {
      id: 'changes',
      title: '',
      columns: [
        { key: 'item', header: 'Pool or GPU', kind: 'text' },
        { key: 'kind', header: 'Kind', kind: 'text', priority: 2 },
        { key: 'price', header: 'Price', kind: 'text', machineOnly: true },
        { key: 'priceName', header: 'Price', kind: 'text', humanOnly: true },
        { key: 'status', header: 'Change', kind: 'text' },
        { key: 'oldUsdPerGpuHour', header: 'Old $/GPU-h', kind: 'price' },
        { key: 'newUsdPerGpuHour', header: 'New $/GPU-h', kind: 'price' },
        { key: 'change', header: 'Change %', kind: 'percent' },
        { key: 'oldRetrieved', header: 'Old read', kind: 'text', priority: 1 },
        { key: 'newRetrieved', header: 'New read', kind: 'text', priority: 1 },
        { key: 'note', header: 'Note', kind: 'text', priority: 3 },
      ],
      rows: diff.changes.map(changeRow),
    },
  ];
  if (diff.moves.length > 0) {
    sections.push({
      id: 'moves',
      title: 'GPUs that changed serverless pool',
      columns: [
        { key: 'gpu', header: 'GPU', kind: 'text' },
        { key: 'oldPool', header: 'Old pool', kind: 'text' },
        { key: 'newPool', header: 'New pool', kind: 'text' },
      ],
      rows: diff.moves.map((move) => ({ ...move })),
    });
  }
  return {
    command: 'catalog diff',
    title: `Catalog prices ${old.label} (${old.name}, ${old.asOf}) -> ${current.label} (${current.name}, ${current.asOf}): ${summary}`,
    catalog,
    sections,
    notes,
    assumptions: [],
    charts: [],
    data: {
      old,
      new: current,
      unchanged: diff.unchanged,
      moves: diff.moves,
      ...(limit === undefined ? {} : { failOnChange: limit }),
    },
  };
}
