// `runpod-plan compare` as a report: the options side by side (cost with its precision, latency, cold
// starts), then each option's line items; the cheapest, overloads, requests failed at the execution
// timeout and what RunPod would refuse, in words.
import type { Cheapest, Comparison, OptionId, OptionShape, PricedOption, RequestLimit } from '../../decisions/compare.js';
import type { RateGiven } from '../../endpoint/traffic.js';
import { formatDuration, formatPercent as formatGivenPercent } from '../../input/units.js';
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
  // Requests failed at the execution timeout (or cut): a column for people only when an option fails some; always in JSON and CSV.
  const failing = comparison.options.some((option) => option.failedShare > 0);
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
    failedShare: option.failedShare,
    failedShareHalfWidth: option.failedShareHalfWidth,
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
          { key: 'failedShare', header: 'Failed', kind: 'percent', ...(failing ? { priority: 6 } : { machineOnly: true }) },
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
      maxFailedShare: comparison.maxFailedShare,
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

/** `$82.64/month (± 0.9%)` (or, inside parentheses, `$82.64/month ± 0.9%`) or `$248.20/month`. */
function costWithPrecision(option: PricedOption, parenthesized = true): string {
  const precision = describePrecision(option);
  if (!precision.startsWith('±')) return `${formatUsd(option.monthlyUsd)}/month`;
  return `${formatUsd(option.monthlyUsd)}/month ${parenthesized ? `(${precision})` : precision}`;
}

function compareNotes(comparison: Comparison): string[] {
  const notes: string[] = [];
  const { cheapest } = comparison;
  if (cheapest !== null) notes.push(...cheapestNotes(comparison, cheapest));
  else if (comparison.options.length > 0) notes.push('No option can serve this traffic: none is named cheapest.');
  for (const option of comparison.options) if (option.overload !== null) notes.push(describeOverload(option.overload, { name: OPTION_NAMES[option.id], shape: describeShape(option.shape), then: 'never-cheapest' }));
  // The remedy once, with the first failing option, unless the execution-timeout warning below gives it.
  const warned = comparison.findings.some((finding) => finding.code === 'execution-over-timeout');
  comparison.options.filter((option) => option.failedShare > 0).forEach((option, index) => notes.push(failedNote(option, comparison, index === 0 && !warned)));
  notes.push(...comparison.unpriced.map(unpricedNote));
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

/**
 * The cheapest in words, on the basis it was ranked by: its monthly bill (naming the options that bill
 * less but fail more requests than tolerated, so are not ranked with it), or its cost per 1,000 requests served.
 */
function cheapestNotes(comparison: Comparison, cheapest: Cheapest): string[] {
  const byId = (id: OptionId | null) => comparison.options.find((candidate) => candidate.id === id);
  const option = byId(cheapest.id);
  if (option === undefined) return [];
  const next = byId(cheapest.nextId);
  const perServed = cheapest.rankedBy === 'usdPer1000Requests';
  const costOf = (candidate: PricedOption) => (perServed ? `${formatUsd(candidate.usdPer1000Requests ?? 0)} per 1,000 requests served (billed ${costWithPrecision(candidate, false)})` : costWithPrecision(candidate));
  const label = perServed ? 'Cheapest per request served' : 'Cheapest';
  let line: string;
  if (cheapest.tiedWith.length > 0) {
    const tied = cheapest.tiedWith.map(byId).filter((candidate): candidate is PricedOption => candidate !== undefined);
    line =
      `${label} within the simulation's precision: ${[option, ...tied].map((candidate) => `${OPTION_NAMES[candidate.id]} at ${costOf(candidate)}`).join(', ')}: ` +
      `the differences are within their 95% intervals, so the simulation cannot rank them (a tighter --precision can).`;
  } else if (next !== undefined) {
    const nextCost = perServed ? (next.usdPer1000Requests ?? 0) : next.monthlyUsd;
    const share = nextCost > 0 ? cheapest.savingUsd / nextCost : 0;
    const margin = cheapest.savingHalfWidthUsd > 0 ? ` (the saving ± ${formatUsd(cheapest.savingHalfWidthUsd)} at 95%)` : '';
    line = `${label}: ${OPTION_NAMES[option.id]} at ${costOf(option)}, ${formatUsd(cheapest.savingUsd)} (${Math.round(share * 100)}%) less${perServed ? ' per 1,000' : ''} than ${OPTION_NAMES[next.id]}${margin}.`;
  } else {
    const othersFail = !perServed && comparison.options.some((candidate) => candidate.failedShare > comparison.maxFailedShare);
    line = `${label}: ${OPTION_NAMES[option.id]} at ${costOf(option)}, the only option that ${othersFail ? servesWithin(comparison.maxFailedShare) : 'serves the traffic'}.`;
  }
  return [`${line}${rankingWords(comparison, cheapest, 'see-below')}`];
}

/** What the ranking of a comparison's cheapest rests on, for `compare` and `tokens` alike. */
export type RankingFacts = Pick<Comparison, 'options' | 'maxFailedShare' | 'requestLimit'>;

/**
 * What the cheapest's line adds about requests that fail (an empty string when none fails): that every
 * option fails more than tolerated, so they were ranked per request served; or the options that bill less
 * but fail more than tolerated, so were not ranked with it. `compare` gives each failing option a note of
 * its own below ('see-below'); `tokens` has none, so there ('inline') the line gives the shares, the
 * cheapest's own too.
 */
export function rankingWords(facts: RankingFacts, cheapest: Cheapest, detail: 'see-below' | 'inline'): string {
  const failure = failureWords(facts.requestLimit);
  const tolerance = facts.maxFailedShare;
  const excess = tolerance === 0 ? 'requests' : `more than ${formatGivenPercent(tolerance)} of requests (--max-failed-share)`;
  if (cheapest.rankedBy === 'usdPer1000Requests') {
    // Every option that could be ranked fails more than tolerated: the bills would favour the one that fails most.
    return ` Every option that serves the traffic fails ${tolerance === 0 ? 'some requests' : excess} ${failure.where}, so they are ranked by their cost per 1,000 requests served (the bill over the requests that finish), not by their bills.`;
  }
  const option = facts.options.find((candidate) => candidate.id === cheapest.id);
  if (option === undefined) return '';
  const inline = detail === 'inline';
  const own = inline && option.failedShare > 0 ? ` It fails ${formatPercent(option.failedShare)} of the requests it is sent ${failure.where}, within the ${formatGivenPercent(tolerance)} tolerated (--max-failed-share).` : '';
  // Options that bill less but fail more than tolerated are not ranked against it: say which.
  const passedOver = facts.options.filter((candidate) => candidate.overload === null && candidate.failedShare > tolerance && candidate.monthlyUsd < option.monthlyUsd);
  if (passedOver.length === 0) return own;
  const many = passedOver.length > 1;
  const named = passedOver.map((candidate) => `${OPTION_NAMES[candidate.id]} (${formatUsd(candidate.monthlyUsd)}/month${inline ? `, failing ${formatPercent(candidate.failedShare)}` : ''})`);
  return (
    `${own} ${joinNames(named)} bill${many ? '' : 's'} less but fail${many ? '' : 's'} ${excess} ${failure.where}, ` +
    `so ${many ? 'they are' : 'it is'} not named cheapest${inline ? '' : ' (see below)'}.`
  );
}

/** `serves every request it is sent` (none tolerated) or `fails at most 0.1% of the requests it is sent`. */
function servesWithin(maxFailedShare: number): string {
  return maxFailedShare === 0 ? 'serves every request it is sent' : `fails at most ${formatGivenPercent(maxFailedShare)} of the requests it is sent`;
}

/** An option that fails requests at the execution timeout (or a load balancer's cut), in one line: how many, what it means for its figures and its rank. */
function failedNote(option: PricedOption, comparison: Comparison, withRemedy: boolean): string {
  const failure = failureWords(comparison.requestLimit);
  const margin = option.failedShareHalfWidth > 0 ? ` (± ${formatPercent(option.failedShareHalfWidth)} points at 95%)` : '';
  const head = `${OPTION_NAMES[option.id]} fails ${formatPercent(option.failedShare)}${margin} of the requests it is sent ${failure.where}`;
  const remedy = withRemedy ? failure.remedy : '';
  // An overloaded option's note above gives its cost per request and its rank.
  if (option.overload !== null) return `${head}: they are billed but not served.${remedy}`;
  if (option.usdPer1000Requests === null) return `${head}: they are billed but none is served, so it has no cost per request and is never named cheapest.${remedy}`;
  const tolerance = comparison.maxFailedShare;
  const tolerated = `the ${formatGivenPercent(tolerance)} tolerated (--max-failed-share)`;
  const rank =
    comparison.cheapest?.rankedBy === 'usdPer1000Requests'
      ? 'it is ranked by that cost'
      : option.failedShare <= tolerance
        ? `within ${tolerated}, it is ranked by its bill with the options that serve every request`
        : tolerance === 0
          ? 'it is not named cheapest while another option serves every request'
          : `over ${tolerated}, it is not named cheapest while another option fails no more than that`;
  // A share whose 95% interval straddles the tolerance: the simulation cannot tell which side it is on, as with two costs within their intervals.
  const unsure = tolerance > 0 && Math.abs(option.failedShare - tolerance) <= option.failedShareHalfWidth ? ' Its 95% interval straddles the tolerance, so the simulation cannot tell which side it is on (a tighter --precision can).' : '';
  return `${head}: they are billed but not served, so its cost per request counts only those that finish; ${rank}.${unsure}${remedy}`;
}

/** Where requests fail, and what would serve them: a longer execution timeout, or nothing a load balancer allows. */
function failureWords(limit: RequestLimit): { where: string; remedy: string } {
  return limit.kind === 'execution-timeout'
    ? { where: `at the execution timeout (${formatDuration(limit.seconds)})`, remedy: ' A longer --execution-timeout serves them (RunPod accepts up to 7d).' }
    : { where: `at ${formatDuration(limit.seconds)}, RunPod's cut of one load-balanced request`, remedy: '' };
}

/** `A`, `A and B`, `A, B and C`. */
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A pod option left out for want of a price, in compare's and tokens' words. */
export function unpricedNote(missing: Comparison['unpriced'][number]): string {
  return `${OPTION_NAMES[missing.id]}: no pod price is known for this GPU (give one with --pod-rate).`;
}
