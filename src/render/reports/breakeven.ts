// `runpod-plan breakeven` as a report: one row per rival per GPU class, and for one class a chart of the
// cost curves whose crossings are the break-even points.
import type { BreakEvenPoint, CostCurves, CostSeries, Rival } from '../../decisions/breakeven.js';
import type { BreakEvenFindings } from '../../decisions/breakeven-classes.js';
import type { ScalerSpec } from '../../sim/simulate.js';
import { formatDuration } from '../../input/units.js';
import { formatNumber, formatPercent } from '../number-format.js';
import type { Assumption, CatalogInfo, Chart, Report, Row } from '../report.js';
import { fastDomainNote } from '../fast-domain.js';

const RIVAL_NAMES: Record<Rival, string> = {
  'pod-secure': 'Pod, Secure',
  'pod-community': 'Pod, Community',
  'pod-savings-plan': 'Pod, Secure, savings plan',
  active: '1 active worker',
};

const SERIES_NAMES: Record<CostSeries['option'], string> = {
  flex: 'flex (cold starts and idle tails billed)',
  'flex-busy-seconds': 'flex (busy seconds only)',
  active: '1 active worker + flex overflow',
  'pod-secure': 'pod Secure',
  'pod-community': 'pod Community',
  'pod-savings-plan': 'pod Secure, savings plan',
};

export interface BreakEvenReportInput extends BreakEvenFindings {
  /** --pod-target-utilization: how busy a pod may run by RunPod's headroom advice. */
  podTargetUtilization: number;
}

// Over 24 busy hours a day the rival never wins; null keeps JSON honest and prints as "-".
const withinDay = (hours: number | null) => (hours === null || hours > 24 ? null : hours);

export function breakEvenReport(input: BreakEvenReportInput, catalog: CatalogInfo, assumptions: Assumption[]): Report {
  const { results, curves, method } = input;
  const withOverhead = method.kind !== 'busy-seconds';
  const simulated = method.kind === 'sim';
  const rows: Row[] = results.flatMap((result) =>
    result.points.map((point) => ({
      poolId: result.poolId,
      podGpu: point.podGpu,
      rivalId: point.rival,
      rival: RIVAL_NAMES[point.rival],
      rivalUsdPerHour: point.usdPerHour,
      flexUsdPerHour: result.flexUsdPerHour,
      hoursPerDayWithoutOverhead: withinDay(point.hoursPerDayWithoutOverhead),
      ...(withOverhead
        ? {
            requestsPerDayWithoutOverhead: point.hoursPerDayWithoutOverhead > 24 ? null : point.requestsPerDayWithoutOverhead,
            hoursPerDayWithOverhead: withinDay(point.hoursPerDayWithOverhead),
            ...(simulated ? precisionCells(point) : {}),
            requestsPerDayWithOverhead: point.requestsPerDayWithOverhead,
            ...(simulated ? { dearerAgainFromHours: withinDay(point.hoursPerDayWithOverhead) === null ? null : (point.simulated?.dearerAgainFromHours ?? null) } : {}),
            ...(simulated ? costCells(point) : {}),
          }
        : {}),
    })),
  );
  const columns: Report['sections'][number]['columns'] = [
    { key: 'poolId', header: 'Pool', kind: 'text' },
    { key: 'rivalId', header: 'rivalId', kind: 'text', machineOnly: true },
    { key: 'rival', header: 'Beats flex', kind: 'text' },
    { key: 'podGpu', header: 'Pod GPU', kind: 'text', priority: 2 },
    { key: 'rivalUsdPerHour', header: 'Its $/h', kind: 'price', priority: 4 },
    { key: 'flexUsdPerHour', header: 'Flex $/h', kind: 'price', priority: 3 },
    // The result itself, unless the break-even with overhead is shown beside it.
    { key: 'hoursPerDayWithoutOverhead', header: 'Busy h/day (busy seconds only)', kind: 'hours', ...(withOverhead ? { priority: 6 } : {}) },
  ];
  if (withOverhead) {
    columns.push(
      { key: 'requestsPerDayWithoutOverhead', header: 'Requests/day (busy seconds only)', kind: 'int', priority: 1 },
      { key: 'hoursPerDayWithOverhead', header: simulated ? 'Busy h/day (overhead billed, simulated)' : 'Busy h/day (overhead billed)', kind: 'hours' },
    );
    if (simulated) {
      columns.push(
        { key: 'hoursPerDayWithOverheadPrecision', header: '95% interval', kind: 'text', humanOnly: true, priority: 5 },
        { key: 'hoursPerDayWithOverheadHalfWidth', header: 'hoursPerDayWithOverheadHalfWidth', kind: 'number', machineOnly: true },
      );
    }
    columns.push({ key: 'requestsPerDayWithOverhead', header: 'Requests/day (overhead billed)', kind: 'int', priority: 3 });
    if (simulated) {
      columns.push({ key: 'dearerAgainFromHours', header: 'Dearer again from', kind: 'hours', priority: 4 });
      for (const key of ['flexMonthlyUsdAtBreakEven', 'flexHalfWidthUsdAtBreakEven', 'rivalMonthlyUsdAtBreakEven', 'rivalHalfWidthUsdAtBreakEven']) columns.push({ key, header: key, kind: 'usd', machineOnly: true });
      columns.push({ key: 'searchStop', header: 'searchStop', kind: 'text', machineOnly: true });
    }
  }
  return {
    command: 'breakeven',
    title: 'Break-even: busy hours per day above which each option is cheaper than flex workers',
    catalog,
    sections: [{ id: 'breakeven', title: '', columns, rows }],
    notes: notesOf(input, rows),
    assumptions,
    charts: curves === null ? [] : [chartOf(curves)],
  };
}

/**
 * The busy hours' 95% half-width, for machines, and in words: `± 0.08 h`; `*` where the costs did not
 * agree before the bracket ran out; where flex cannot serve more load, that instead.
 */
function precisionCells(point: BreakEvenPoint): Row {
  const at = point.simulated;
  if (at === null || withinDay(point.hoursPerDayWithOverhead) === null) return { hoursPerDayWithOverheadPrecision: null, hoursPerDayWithOverheadHalfWidth: null };
  if (at.stop === 'flex-overloaded') return { hoursPerDayWithOverheadPrecision: 'flex overloaded above', hoursPerDayWithOverheadHalfWidth: null };
  const halfWidth = at.hoursHalfWidth;
  const mark = at.stop === 'bracket-exhausted' ? ' *' : '';
  // One significant digit: an uncertainty's digits beyond its first say nothing.
  return { hoursPerDayWithOverheadPrecision: halfWidth === null ? null : `± ${formatNumber(Number(halfWidth.toPrecision(1)))} h${mark}`, hoursPerDayWithOverheadHalfWidth: halfWidth };
}

/** Both options' simulated monthly costs at the break-even, with their 95% half-widths (machines only). */
function costCells(point: BreakEvenPoint): Row {
  const at = point.simulated;
  return {
    flexMonthlyUsdAtBreakEven: at?.flexMonthlyUsd ?? null,
    flexHalfWidthUsdAtBreakEven: at?.flexHalfWidthUsd ?? null,
    rivalMonthlyUsdAtBreakEven: at?.rivalMonthlyUsd ?? null,
    rivalHalfWidthUsdAtBreakEven: at?.rivalHalfWidthUsd ?? null,
    searchStop: at?.stop ?? null,
  };
}

function notesOf(input: BreakEvenReportInput, rows: Row[]): string[] {
  const { method, curves } = input;
  const notes = ['Busier than the break-even point, the option beats flex workers; "-" means it never does within 24 h a day.'];
  if (input.results.some((result) => result.points.some((point) => point.rival === 'active' && point.usdPerHour === result.flexUsdPerHour))) {
    notes.push(
      'An active worker at the flex rate (RunPod bills active and flex workers alike since 2026-05-13) is a flex worker that never scales down: on busy seconds alone it never beats flex (24 h); with overhead only where flex pays many cold starts and idle tails, and by little ("Dearer again from": where flex workers stay warm anyway). It buys latency (no cold starts) more than savings; a negotiated active rate (--active-rate) changes the sums.',
    );
  }
  if (method.kind === 'busy-seconds') {
    notes.push('Give --exec (and --idle-timeout, --cold-start) to count cold starts and idle tails too.');
    return notes;
  }
  notes.push('With overhead, flex also pays for billed cold starts, idle-timeout tails and rounding, so pods and active workers win sooner.');
  if (method.kind === 'fast') {
    notes.push(
      "--fast: flex costs with overhead from the fast path, validated against the simulator inside a stated domain (README, Accuracy), at flat Poisson traffic with the endpoint's cold start, idle timeout, max workers and scaler; drop --fast to simulate.",
    );
    for (const result of input.results) if (result.outsideFastDomain !== null) notes.push(`${result.poolId}: ${fastDomainNote(result.outsideFastDomain)}`);
  } else {
    const { facts } = method;
    notes.push(
      `Simulated: Poisson arrivals at busy hours x 3600 / execution time per day, with the endpoint's cold start, idle timeout and max workers, ${describeScaler(facts.scaler)}. ` +
        `Each break-even is found by bisection on busy hours until the two monthly costs agree within their 95% intervals (each simulated to ± ${formatPercent(facts.precision)}, --precision); ` +
        'the 95% interval is how far the true break-even may lie from the one shown.',
      `Common random numbers: every simulation uses seed ${facts.seed} (--seed), so the options' costs share their noise; ${facts.simulations} simulations of ${formatDuration(facts.startHorizonS)} to ${formatDuration(facts.longestHorizonS)}.`,
    );
    if (rows.some((row) => row.searchStop === 'bracket-exhausted')) {
      notes.push('*: the search ran out of bracket before the two costs agreed within their precision; the break-even shown is the closest point found.');
    }
    if (rows.some((row) => row.searchStop === 'flex-overloaded')) {
      notes.push('"flex overloaded above": busier than that, flex workers cannot keep up (the backlog grows without bound), so the rival wins from there whatever flex bills.');
    }
    if (curves !== null) notes.push(`The chart's flex and active-worker curves are simulated every 2 busy hours to ± ${formatPercent(facts.curvePrecision)}.`);
  }
  if (curves?.series.some((series) => series.overloaded?.some(Boolean))) {
    notes.push('Where an option cannot serve the load (more than its workers can run: the backlog grows), it is drawn at the top of the chart and never counted as the cheaper one.');
  }
  const target = input.podTargetUtilization;
  notes.push(
    `A pod option is one pod, 24 h a day, at any load (24 busy hours a day keep it busy all the time); above ${formatNumber(24 * target)} busy hours a day it runs busier than --pod-target-utilization ${formatPercent(target)}, and RunPod's headroom advice would add a second.`,
  );
  return notes;
}

function describeScaler(scaler: ScalerSpec): string {
  if (scaler.kind === 'queue-delay') return `the queue-delay scaler (${formatDuration(scaler.thresholdS)}, ${scaler.reading ?? 'eager'} reading)`;
  if (scaler.kind === 'request-count') return `the request-count scaler (${scaler.value})`;
  return 'a worker per request';
}

/**
 * The cost curves. A point where an option cannot serve the load is drawn at the top of the chart, not at
 * the cost its busy workers bill (which could look cheap), and its line says so.
 */
function chartOf(curves: CostCurves): Chart {
  const servable = curves.series.flatMap((series) => series.monthlyUsd.filter((_, i) => series.overloaded?.[i] !== true));
  const top = Math.max(0, ...servable.filter(Number.isFinite));
  return {
    title: 'Monthly cost vs busy hours per day',
    xLabel: 'busy hours per day',
    yLabel: 'USD per month',
    x: curves.hoursPerDay,
    series: curves.series.map((series) => {
      const overloaded = series.overloaded?.some(Boolean) === true;
      return {
        name: overloaded ? `${SERIES_NAMES[series.option]}, cannot serve the load where at the top` : SERIES_NAMES[series.option],
        y: series.monthlyUsd.map((usd, i) => (series.overloaded?.[i] === true ? top : usd)),
      };
    }),
  };
}
