// `runpod-plan sweep` as rows: one per kept point, its axis values, then cost (in all and per resource),
// cold starts and latency. Streamed as CSV, NDJSON or JSON, or shown as one report at the end.
import type { Axis } from '../../sweep/grid.js';
import type { SweepRow } from '../../sweep/run.js';
import type { CatalogInfo, Column, Report, Row } from '../report.js';

/** The columns of a sweep's rows: the point, each axis, then the metrics; `resourceNames` give a cost column each. */
export function sweepColumns(axes: readonly Axis[], resourceNames: readonly string[]): Column[] {
  return [
    { key: 'point', header: 'Point', kind: 'int' },
    ...axes.map((axis): Column => ({ key: axis.name, header: axis.name, kind: 'text' })),
    { key: 'monthlyUsd', header: '$/month', kind: 'usd' },
    ...resourceNames.map((name): Column => ({ key: `${name}.monthlyUsd`, header: `${name} $/month`, kind: 'usd', priority: 2 })),
    { key: 'usdPer1000Requests', header: '$/1k requests', kind: 'usd', priority: 4 },
    { key: 'coldStartRate', header: 'Cold starts', kind: 'percent', priority: 5 },
    { key: 'p50S', header: 'p50 s', kind: 'number', priority: 3 },
    { key: 'p95S', header: 'p95 s', kind: 'number', priority: 6 },
    { key: 'p99S', header: 'p99 s', kind: 'number', priority: 3 },
    { key: 'billedGpuHours', header: 'Billed GPU-h', kind: 'number', priority: 1 },
  ];
}

/** One point as a row, keyed by the columns' keys (NDJSON and JSON print it whole). */
export function sweepRow(row: SweepRow, axes: readonly Axis[]): Row {
  const out: Row = { point: row.index + 1 };
  axes.forEach((axis, i) => (out[axis.name] = row.values[i] ?? null));
  out.monthlyUsd = row.metrics.monthlyUsd;
  for (const resource of row.resources) out[`${resource.name}.monthlyUsd`] = resource.monthlyUsd;
  out.usdPer1000Requests = row.metrics.usdPer1000Requests;
  out.coldStartRate = row.metrics.coldStartRate;
  out.p50S = row.metrics.p50S;
  out.p95S = row.metrics.p95S;
  out.p99S = row.metrics.p99S;
  out.billedGpuHours = row.metrics.billedGpuHours;
  return out;
}

export interface SweepReportInput {
  /** The base plan file, as the user named it. */
  file: string;
  /** Points in the whole grid. */
  points: number;
  shard: { index: number; count: number };
  axes: readonly Axis[];
  columns: Column[];
  rows: Row[];
  catalog: CatalogInfo;
}

/**
 * The kept rows as one report (table, Markdown), with each axis's values as an assumption; `streamed`, the
 * report a JSON stream's envelope is made of before its rows come (its title cannot count them).
 */
export function sweepReport({ file, points, shard, axes, columns, rows, catalog }: SweepReportInput, { streamed = false } = {}): Report {
  return {
    command: 'sweep',
    title: `Sweep of ${file}: ${points} point(s)${shard.count > 1 ? `, shard ${shard.index}/${shard.count}` : ''}${streamed ? '' : `, ${rows.length} shown`}`,
    catalog,
    sections: [{ id: 'points', title: '', columns, rows }],
    notes: [],
    assumptions: axes.map((axis) => ({ key: axis.name, value: axis.values.length, id: 'sweep.axis' as const, values: { name: axis.name, values: axis.values } })),
    charts: [],
    data: { gridPoints: points, shard: { index: shard.index, count: shard.count } },
  };
}
