// Which of a sweep's rows a user keeps: the metrics they name, conditions on them (--where), the Pareto
// front (--pareto) and the best n by one metric (--top, --by). No plan machinery here: the CLI parses
// these before it starts the helper threads and loads the plan (see cli/commands/sweep.ts).
import { InputError } from '../input/error.js';
import { parseDuration, parseMoney, parsePercent, UnitError } from '../input/units.js';

/** The metrics of one point, flat, for CSV columns and filters. */
export interface SweepMetrics {
  monthlyUsd: number;
  usdPer1000Requests: number | null;
  coldStartRate: number | null;
  p50S: number | null;
  p95S: number | null;
  p99S: number | null;
  billedGpuHours: number;
}

export type Metric = keyof SweepMetrics;

/** A metric a user names in --pareto, --where and --by. */
export const METRIC_NAMES: Record<string, Metric> = {
  cost: 'monthlyUsd',
  monthly: 'monthlyUsd',
  per1000: 'usdPer1000Requests',
  cold: 'coldStartRate',
  p50: 'p50S',
  p95: 'p95S',
  p99: 'p99S',
  gpuHours: 'billedGpuHours',
};

/** The metric a user named; `flag` is the option to blame when the name is unknown. */
export function metricNamed(name: string, flag: string): Metric {
  const metric = METRIC_NAMES[name.trim()];
  if (metric === undefined) throw new InputError(`unknown metric "${name}"; use ${Object.keys(METRIC_NAMES).join(', ')}`, { flag });
  return metric;
}

export interface Condition {
  metric: Metric;
  op: '<=' | '<' | '>=' | '>' | '=';
  value: number;
}

/** `p95<=8s`, `cost<500`, `cold<=1%`: the value is read in the metric's unit. */
export function parseCondition(text: string): Condition {
  const match = /^\s*([A-Za-z0-9]+)\s*(<=|>=|<|>|=)\s*(.+?)\s*$/.exec(text);
  if (match === null) throw new InputError(`expected a condition like p95<=8s or cost<500, got "${text}"`, { flag: '--where' });
  const metric = metricNamed(match[1] as string, '--where');
  const raw = match[3] as string;
  try {
    const value = metric.endsWith('S') ? parseDuration(raw) : metric === 'coldStartRate' ? parsePercent(raw) : metric === 'billedGpuHours' ? Number(raw) : parseMoney(raw);
    if (!Number.isFinite(value)) throw new UnitError('a number', raw);
    return { metric, op: match[2] as Condition['op'], value };
  } catch (error) {
    if (error instanceof UnitError) throw new InputError(error.message, { flag: '--where' });
    throw error;
  }
}

export function matches(row: SweepMetrics, conditions: readonly Condition[]): boolean {
  return conditions.every(({ metric, op, value }) => {
    const actual = row[metric];
    if (actual === null) return false;
    switch (op) {
      case '<=':
        return actual <= value;
      case '<':
        return actual < value;
      case '>=':
        return actual >= value;
      case '>':
        return actual > value;
      case '=':
        return actual === value;
    }
  });
}

/** Indices of the rows no other row beats on every named metric (lower is better; null is worst). */
export function paretoFront(rows: readonly SweepMetrics[], metrics: readonly Metric[]): number[] {
  const value = (row: SweepMetrics, metric: Metric) => row[metric] ?? Number.POSITIVE_INFINITY;
  const dominates = (a: SweepMetrics, b: SweepMetrics) =>
    metrics.every((metric) => value(a, metric) <= value(b, metric)) && metrics.some((metric) => value(a, metric) < value(b, metric));
  return rows.flatMap((row, index) => (rows.some((other) => other !== row && dominates(other, row)) ? [] : [index]));
}

/** The `count` best of `indices` by one metric, lowest first (null is worst; ties keep grid order). */
export function topBy(rows: readonly SweepMetrics[], indices: readonly number[], by: Metric, count: number): number[] {
  const value = (index: number) => rows[index]?.[by] ?? Number.POSITIVE_INFINITY;
  return [...indices].sort((a, b) => value(a) - value(b) || a - b).slice(0, count);
}

/** The rows a user keeps, from --where, --pareto, --top and --by. */
export interface Selection {
  where: readonly Condition[];
  pareto?: readonly Metric[] | undefined;
  top?: number | undefined;
  by: Metric;
}

/** The selection from the flags' text; unknown metrics and malformed conditions are input errors. */
export function parseSelection(flags: { where: readonly string[]; pareto?: string | undefined; top?: number | undefined; by?: string | undefined }): Selection {
  const where = flags.where.map(parseCondition);
  const pareto = flags.pareto?.split(',').map((name) => metricNamed(name, '--pareto'));
  const by = metricNamed(flags.by ?? 'cost', '--by');
  return { where, pareto, top: flags.top, by };
}

/** The latency percentiles the fast path does not give. */
const PERCENTILES: readonly Metric[] = ['p50S', 'p95S', 'p99S'];

/**
 * The flag that ranks or filters on a latency percentile, or null: the fast path gives none, so such a
 * selection would keep no row (or rank them all as worst) without a word.
 */
export function percentileFlag(selection: Selection): string | null {
  if (selection.where.some((condition) => PERCENTILES.includes(condition.metric))) return '--where';
  if (selection.pareto?.some((metric) => PERCENTILES.includes(metric)) === true) return '--pareto';
  if (selection.top !== undefined && PERCENTILES.includes(selection.by)) return '--by';
  return null;
}

/** Whether the selection must see every row before it can keep any (the Pareto front, a ranking). */
export function needsEveryRow(selection: Selection): boolean {
  return selection.pareto !== undefined || selection.top !== undefined;
}

/**
 * The kept rows, among rows that already meet the --where conditions: the Pareto front, then the best
 * --top by --by. Grid order unless ranked.
 */
export function selectRows<T extends { metrics: SweepMetrics }>(rows: readonly T[], selection: Selection): T[] {
  const metrics = rows.map((row) => row.metrics);
  let indices = selection.pareto === undefined ? rows.map((_, index) => index) : paretoFront(metrics, selection.pareto);
  if (selection.top !== undefined) indices = topBy(metrics, indices, selection.by, selection.top);
  return indices.map((index) => rows[index] as T);
}
