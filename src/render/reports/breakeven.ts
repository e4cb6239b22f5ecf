// `runpod-plan breakeven` as a report: one row per rival per GPU class, and for one class a chart of the
// cost curves whose crossings are the break-even points.
import type { BreakEven, BreakEvenPoint, CostCurves } from '../../decisions/breakeven.js';
import type { Assumption, CatalogInfo, Chart, Report, Row } from '../report.js';

const RIVAL_NAMES: Record<BreakEvenPoint['rival'], string> = {
  'pod-secure': 'Pod, Secure',
  'pod-community': 'Pod, Community',
  'pod-savings-plan': 'Pod, Secure, savings plan',
  active: '1 active worker',
};

// Over 24 busy hours a day the rival never wins; null keeps JSON honest and prints as "-".
const withinDay = (hours: number | null) => (hours === null || hours > 24 ? null : hours);

export function breakEvenReport(results: BreakEven[], curves: CostCurves | null, catalog: CatalogInfo, assumptions: Assumption[], withOverhead: boolean): Report {
  const rows: Row[] = results.flatMap((result) =>
    result.points.map((point) => ({
      poolId: result.poolId,
      podGpu: point.rival === 'active' ? null : result.podGpu,
      rival: RIVAL_NAMES[point.rival],
      rivalUsdPerHour: point.usdPerHour,
      flexUsdPerHour: result.flexUsdPerHour,
      hoursPerDayWithoutOverhead: withinDay(point.hoursPerDayWithoutOverhead),
      ...(withOverhead
        ? {
            requestsPerDayWithoutOverhead: point.hoursPerDayWithoutOverhead > 24 ? null : point.requestsPerDayWithoutOverhead,
            hoursPerDayWithOverhead: withinDay(point.hoursPerDayWithOverhead),
            requestsPerDayWithOverhead: point.requestsPerDayWithOverhead,
          }
        : {}),
    })),
  );
  const columns: Report['sections'][number]['columns'] = [
    { key: 'poolId', header: 'Pool', kind: 'text' },
    { key: 'rival', header: 'Beats flex', kind: 'text' },
    { key: 'podGpu', header: 'Pod GPU', kind: 'text' },
    { key: 'rivalUsdPerHour', header: 'Its $/h', kind: 'price' },
    { key: 'flexUsdPerHour', header: 'Flex $/h', kind: 'price' },
    { key: 'hoursPerDayWithoutOverhead', header: 'Busy h/day (busy seconds only)', kind: 'hours' },
  ];
  if (withOverhead) {
    columns.push(
      { key: 'requestsPerDayWithoutOverhead', header: 'Requests/day (busy seconds only)', kind: 'int' },
      { key: 'hoursPerDayWithOverhead', header: 'Busy h/day (overhead billed)', kind: 'hours' },
      { key: 'requestsPerDayWithOverhead', header: 'Requests/day (overhead billed)', kind: 'int' },
    );
  }
  const charts: Chart[] =
    curves === null
      ? []
      : [
          {
            title: 'Monthly cost vs busy hours per day',
            xLabel: 'busy hours per day',
            yLabel: 'USD per month',
            x: curves.hoursPerDay,
            series: curves.series.map((series) => ({ name: series.name, y: series.monthlyUsd })),
          },
        ];
  return {
    command: 'breakeven',
    title: 'Break-even: busy hours per day above which each option is cheaper than flex workers',
    catalog,
    sections: [{ id: 'breakeven', title: '', columns, rows }],
    notes: [
      'Busier than the break-even point, the option beats flex workers; "-" means it never does within 24 h a day.',
      withOverhead
        ? 'With overhead, flex also pays for billed cold starts, idle-timeout tails and rounding, so pods and active workers win sooner.'
        : 'Give --exec (and --idle-timeout, --cold-start) to count cold starts and idle tails too.',
    ],
    assumptions,
    charts,
  };
}
