// `runpod-plan compare` as a report: the options side by side (cost with its precision, latency, cold
// starts), then each option's line items; the cheapest, overloads and what RunPod would refuse, in words.
import type { Comparison, OptionId, OptionShape, PricedOption } from '../../decisions/compare.js';
import type { RateGiven } from '../../endpoint/traffic.js';
import { formatDuration } from '../../input/units.js';
import { describeRate } from '../assumptions.js';
import { formatPercent, formatUsd } from '../number-format.js';
import type { Assumption, CatalogInfo, Report, Row } from '../report.js';
import { describeFeasibility } from './feasibility.js';
import { lineItemsSection } from './line-items.js';
import { fastColdStartDomainNote, fastDomainNote } from '../fast-domain.js';
import { describeOverload } from '../overload.js';

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
  // A load-balancing endpoint's serverless options drop requests: a column for them only then.
  const loadBalancer = comparison.options.some((option) => option.dropRate !== null);
  const optionRows: Row[] = comparison.options.map((option) => ({
    option: OPTION_NAMES[option.id],
    id: option.id,
    shape: describeShape(option.shape),
    monthlyUsd: option.monthlyUsd,
    monthlyUsdHalfWidth: option.monthlyUsdHalfWidth,
    precision: describePrecision(option),
    costMethod: option.costMethod,
    dailyUsd: option.dailyUsd,
    usdPerRequest: option.usdPerRequest,
    usdPer1000Requests: option.usdPer1000Requests,
    billedGpuHours: option.billedGpuHours,
    utilization: option.utilization,
    coldStartRate: option.coldStartRate,
    coldStartRateHalfWidth: option.coldStartRateHalfWidth,
    p95S: option.p95S,
    ...(loadBalancer ? { dropRate: option.dropRate } : {}),
    overloaded: option.overload !== null,
    servedPerMonth: option.overload?.servedPerMonth ?? null,
    unservedPerMonth: option.overload?.unservedPerMonth ?? null,
    backlogGrowthPerHour: option.overload?.backlogGrowthPerHour ?? null,
    horizonS: option.horizonS,
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
          { key: 'shape', header: 'Runs', kind: 'text', priority: 3 },
          { key: 'monthlyUsd', header: '$/month', kind: 'usd' },
          // The 95% half-width in USD for machines; relative, in words, for people.
          { key: 'monthlyUsdHalfWidth', header: 'monthlyUsdHalfWidth', kind: 'usd', machineOnly: true },
          { key: 'precision', header: '95% interval', kind: 'text', humanOnly: true, priority: 5 },
          { key: 'dailyUsd', header: '$/day', kind: 'usd', priority: 1 },
          { key: 'usdPerRequest', header: '$/request', kind: 'usd', priority: 2 },
          { key: 'usdPer1000Requests', header: '$/1k requests', kind: 'usd', priority: 4 },
          { key: 'billedGpuHours', header: 'Billed GPU-h', kind: 'number', priority: 1 },
          { key: 'utilization', header: 'Busy share', kind: 'percent', priority: 2 },
          { key: 'coldStartRate', header: 'Cold starts', kind: 'percent', priority: 6 },
          { key: 'coldStartRateHalfWidth', header: 'coldStartRateHalfWidth', kind: 'percent', machineOnly: true },
          { key: 'p95S', header: 'p95', kind: 'seconds', priority: 6 },
          ...(loadBalancer ? [{ key: 'dropRate', header: 'Dropped', kind: 'percent' as const, priority: 6 }] : []),
          { key: 'overloaded', header: 'overloaded', kind: 'text', machineOnly: true },
          { key: 'servedPerMonth', header: 'servedPerMonth', kind: 'number', machineOnly: true },
          { key: 'unservedPerMonth', header: 'unservedPerMonth', kind: 'number', machineOnly: true },
          { key: 'backlogGrowthPerHour', header: 'backlogGrowthPerHour', kind: 'number', machineOnly: true },
          { key: 'costMethod', header: 'costMethod', kind: 'text', machineOnly: true },
          { key: 'horizonS', header: 'horizonS', kind: 'number', machineOnly: true },
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
    data: {
      method: comparison.method,
      requestsPerMonth: comparison.requestsPerMonth,
      offeredLoad: comparison.offeredLoad,
      podCount: comparison.podCount,
      podTargetUtilization: comparison.podTargetUtilization,
      cheapest: comparison.cheapest,
      findings: comparison.findings,
    },
  };
}

/** `up to 3 flex workers`, `1 active + up to 3 flex workers`, `2 pods x RTX 4090`. */
export function describeShape(shape: OptionShape): string {
  if (shape.kind === 'pods') return `${shape.podCount} pod${shape.podCount === 1 ? '' : 's'} x ${shape.gpuName}`;
  const flex = `up to ${shape.maxWorkers} flex workers`;
  return shape.activeWorkers > 0 ? `${shape.activeWorkers} active + ${flex}` : flex;
}

/** `± 0.9%` of a simulated cost; `exact` where it is billed by the hour; `approx.` for the fast path. */
function describePrecision(option: PricedOption): string {
  if (option.costMethod === 'exact') return 'exact';
  if (option.monthlyUsdHalfWidth === null) return 'approx.';
  return `± ${formatPercent(option.monthlyUsd > 0 ? option.monthlyUsdHalfWidth / option.monthlyUsd : 0)}`;
}

/** `$82.64/month (± 0.9%)` or `$248.20/month`. */
function costWithPrecision(option: PricedOption): string {
  const precision = describePrecision(option);
  return `${formatUsd(option.monthlyUsd)}/month${precision.startsWith('±') ? ` (${precision})` : ''}`;
}

function compareNotes(comparison: Comparison): string[] {
  const notes: string[] = [];
  const byId = (id: OptionId | null) => comparison.options.find((candidate) => candidate.id === id);
  const { cheapest } = comparison;
  if (cheapest !== null) {
    const option = byId(cheapest.id);
    const next = byId(cheapest.nextId);
    if (option !== undefined && cheapest.tiedWith.length > 0) {
      const tied = cheapest.tiedWith.map(byId).filter((candidate): candidate is PricedOption => candidate !== undefined);
      notes.push(
        `Cheapest within the simulation's precision: ${[option, ...tied].map((candidate) => `${OPTION_NAMES[candidate.id]} at ${costWithPrecision(candidate)}`).join(', ')}: ` +
          `the differences are within their 95% intervals, so the simulation cannot rank them (a tighter --precision can).`,
      );
    } else if (option !== undefined && next !== undefined) {
      const share = next.monthlyUsd > 0 ? cheapest.savingUsd / next.monthlyUsd : 0;
      const margin = cheapest.savingHalfWidthUsd > 0 ? ` (the saving ± ${formatUsd(cheapest.savingHalfWidthUsd)} at 95%)` : '';
      // Requests failed at the execution timeout are billed, not served: a cheap month that fails them says so.
      const failing = option.failedShare > 0 ? ` But ${formatPercent(option.failedShare)} of its requests fail at the execution timeout (billed, not served): see the warning below.` : '';
      notes.push(
        `Cheapest: ${OPTION_NAMES[option.id]} at ${costWithPrecision(option)}, ${formatUsd(cheapest.savingUsd)} (${Math.round(share * 100)}%) less than ${OPTION_NAMES[next.id]}${margin}.${failing}`,
      );
    }
  } else if (comparison.options.length > 0) {
    notes.push('No option can serve this traffic: none is named cheapest.');
  }
  for (const option of comparison.options) if (option.overload !== null) notes.push(describeOverload(option.overload, { name: OPTION_NAMES[option.id], shape: describeShape(option.shape), then: 'never-cheapest' }));
  for (const missing of comparison.unpriced) notes.push(`${OPTION_NAMES[missing.id]}: no pod price is known for this GPU (give one with --pod-rate).`);
  notes.push(...comparison.findings.map(describeFeasibility));
  if (comparison.method === 'analytic') {
    notes.push('--fast: the serverless figures come from the fast path, validated against the simulator inside a stated domain (README, Accuracy); pod and serverless latency need the simulation.');
  }
  for (const option of comparison.options) if (option.outsideFastDomain !== null) notes.push(`${OPTION_NAMES[option.id]}: ${fastDomainNote(option.outsideFastDomain)}`);
  for (const option of comparison.options) {
    if (option.coldStartRateOutsideFastDomain !== null) notes.push(`${OPTION_NAMES[option.id]}: ${fastColdStartDomainNote(option.coldStartRateOutsideFastDomain)}`);
  }
  return notes;
}
