// `runpod-plan compare` as a report: the options side by side, then each option's line items.
import type { Comparison, OptionId } from '../../decisions/compare.js';
import type { RateGiven } from '../../endpoint/traffic.js';
import { formatDuration } from '../../input/units.js';
import { describeRate } from '../assumptions.js';
import { formatUsd } from '../number-format.js';
import type { Assumption, CatalogInfo, Report, Row } from '../report.js';
import { lineItemsSection } from './line-items.js';

export const OPTION_NAMES: Record<OptionId, string> = {
  flex: 'Serverless flex',
  'flex-active': 'Serverless flex + active',
  'pod-secure': 'Pod, Secure Cloud',
  'pod-community': 'Pod, Community Cloud',
  'pod-savings-plan': 'Pod, Secure, savings plan',
};

/** What the title says of the workload: its GPU class, its traffic as given, its execution time. */
export interface CompareSubject {
  poolId: string;
  rate: RateGiven;
  execS: number;
}

export function compareReport(comparison: Comparison, subject: CompareSubject, catalog: CatalogInfo, assumptions: Assumption[]): Report {
  const title = `Monthly cost on ${subject.poolId}: ${describeRate(subject.rate, false)}, ${formatDuration(subject.execS)} each`;
  const optionRows: Row[] = comparison.options.map((option) => ({
    option: OPTION_NAMES[option.id],
    id: option.id,
    shape: option.shape,
    monthlyUsd: option.monthlyUsd,
    dailyUsd: option.dailyUsd,
    usdPerRequest: option.usdPerRequest,
    usdPer1000Requests: option.usdPer1000Requests,
    billedGpuHours: option.billedGpuHours,
    utilization: option.utilization,
    coldStartRate: option.coldStartRate,
    overloaded: option.overloaded,
  }));
  return {
    command: 'compare',
    title,
    catalog,
    sections: [
      {
        id: 'options',
        title: '',
        columns: [
          { key: 'option', header: 'Option', kind: 'text' },
          { key: 'shape', header: 'Runs', kind: 'text' },
          { key: 'monthlyUsd', header: '$/month', kind: 'usd' },
          { key: 'dailyUsd', header: '$/day', kind: 'usd' },
          { key: 'usdPerRequest', header: '$/request', kind: 'price' },
          { key: 'usdPer1000Requests', header: '$/1k requests', kind: 'usd' },
          { key: 'billedGpuHours', header: 'Billed GPU-h', kind: 'number' },
          { key: 'utilization', header: 'Busy share', kind: 'percent' },
          { key: 'coldStartRate', header: 'Cold starts', kind: 'percent' },
        ],
        rows: optionRows,
      },
      lineItemsSection(
        comparison.options.flatMap((option) => option.lineItems.map((item) => ({ owner: OPTION_NAMES[option.id], item }))),
        { key: 'option', header: 'Option' },
      ),
    ],
    notes: compareNotes(comparison),
    assumptions,
    charts: [],
    data: { requestsPerMonth: comparison.requestsPerMonth, offeredLoad: comparison.offeredLoad, podCount: comparison.podCount, cheapest: comparison.cheapest },
  };
}

function compareNotes(comparison: Comparison): string[] {
  const notes: string[] = [];
  const { cheapest } = comparison;
  if (cheapest !== null) {
    const option = comparison.options.find((candidate) => candidate.id === cheapest.id);
    const next = comparison.options.find((candidate) => candidate.id === cheapest.nextId);
    if (option !== undefined && next !== undefined) {
      const share = next.monthlyUsd > 0 ? cheapest.savingUsd / next.monthlyUsd : 0;
      notes.push(
        `Cheapest: ${OPTION_NAMES[option.id]} at ${formatUsd(option.monthlyUsd)}/month, ${formatUsd(cheapest.savingUsd)} (${Math.round(share * 100)}%) less than ${OPTION_NAMES[next.id]}.`,
      );
    }
  }
  for (const option of comparison.options) {
    if (option.overloaded) notes.push(`${OPTION_NAMES[option.id]} cannot keep up: the traffic needs more than it runs (${option.shape}); its cost is for the requests it serves.`);
  }
  for (const missing of comparison.unpriced) notes.push(`${OPTION_NAMES[missing.id]}: no pod price is known for this GPU (give one with --pod-rate).`);
  notes.push('Serverless figures are the analytic view (Poisson traffic, closed forms for cold starts and idle tails).');
  return notes;
}
