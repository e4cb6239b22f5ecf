// `estimate`, `check` and `diff` as reports: per resource and line item, totals, rules, changes.
import type { CheckResult } from '../../plan/check.js';
import type { PlanDiff } from '../../plan/diff.js';
import type { PlanResult } from '../../plan/evaluate.js';
import { formatDuration, formatSize } from '../../input/units.js';
import { KIND_LABELS } from '../../plan/resources/index.js';
import type { ResourceDescription } from '../../plan/resources/resource.js';
import { formatPercent, formatUsd } from '../number-format.js';
import type { Assumption, CatalogInfo, Report, Row, Section } from '../report.js';
import { describeFeasibility } from './feasibility.js';
import { lineItemsSection } from './line-items.js';
import { fastColdStartDomainNote, fastDomainNote } from '../fast-domain.js';
import { describeOverload } from '../overload.js';

/** What a resource is, in a few words: `ADA_24 x1, 1,000 requests/day`. */
function describeResource(description: ResourceDescription): string {
  switch (description.kind) {
    case 'endpoint':
      return `${description.poolId} x${description.gpuCount}, ${Math.round(description.requestsPerDay).toLocaleString('en-US')} requests/day${description.loadBalancer === true ? ', load balancer' : ''}`;
    case 'pod':
      return `${description.count} x ${description.gpu} x${description.gpuCount}, ${description.cloud}, ${description.hoursPerDay} h/day`;
    case 'networkVolume':
      return formatSize(description.sizeGB);
  }
}

function resourcesSection(result: PlanResult): Section {
  // Drops are a load balancer's: the column shows only where one is.
  const drops = result.resources.some((resource) => resource.description.kind === 'endpoint' && resource.description.loadBalancer === true);
  const overloaded = result.resources.some((resource) => resource.overload !== null);
  return {
    id: 'resources',
    title: 'Resources',
    columns: [
      { key: 'name', header: 'Resource', kind: 'text' },
      { key: 'kind', header: 'kind', kind: 'text', machineOnly: true },
      { key: 'kindLabel', header: 'Kind', kind: 'text', humanOnly: true, priority: 2 },
      { key: 'description', header: 'What', kind: 'text', priority: 3 },
      { key: 'monthlyUsd', header: '$/month', kind: 'usd' },
      { key: 'monthlyUsdHalfWidth', header: 'monthlyUsdHalfWidth', kind: 'number', machineOnly: true },
      { key: 'precision', header: '95% interval', kind: 'text', humanOnly: true, priority: 4 },
      { key: 'coldStartRate', header: 'Cold starts', kind: 'percent', priority: 5 },
      { key: 'p95S', header: 'p95 s', kind: 'number', priority: 5 },
      { key: 'p99S', header: 'p99 s', kind: 'number', priority: 1 },
      ...(drops ? [{ key: 'dropRate', header: 'Dropped', kind: 'percent' as const, priority: 5 }] : []),
      ...(overloaded
        ? [
            { key: 'overloaded', header: 'overloaded', kind: 'text' as const, machineOnly: true },
            { key: 'servedPerMonth', header: 'servedPerMonth', kind: 'number' as const, machineOnly: true },
            { key: 'unservedPerMonth', header: 'unservedPerMonth', kind: 'number' as const, machineOnly: true },
          ]
        : []),
    ],
    rows: result.resources.map((resource) => ({
      name: resource.name,
      kind: resource.kind,
      kindLabel: KIND_LABELS[resource.kind],
      description: describeResource(resource.description),
      monthlyUsd: resource.monthlyUsd,
      monthlyUsdHalfWidth: resource.monthlyUsdHalfWidth,
      precision: resource.monthlyUsdHalfWidth === null ? (resource.kind === 'endpoint' ? null : 'exact') : `± ${formatPercent(resource.monthlyUsd > 0 ? resource.monthlyUsdHalfWidth / resource.monthlyUsd : 0)}`,
      requestsPerMonth: resource.requestsPerMonth,
      coldStartRate: resource.coldStartRate,
      p95S: resource.p95S,
      p99S: resource.p99S,
      ...(drops ? { dropRate: resource.dropRate } : {}),
      ...(overloaded ? { overloaded: resource.overload !== null, servedPerMonth: resource.overload?.servedPerMonth ?? null, unservedPerMonth: resource.overload?.unservedPerMonth ?? null } : {}),
    })),
  };
}

function planLineItems(result: PlanResult): Section {
  return lineItemsSection(
    result.resources.flatMap((resource) => resource.lineItems.map((item) => ({ owner: resource.name, item }))),
    { key: 'resource', header: 'Resource' },
  );
}

function totalsNote(result: PlanResult): string {
  const per1000 = result.usdPer1000Requests === null ? '' : `, ${formatUsd(result.usdPer1000Requests)} per 1,000 requests`;
  return `Total: ${formatUsd(result.monthlyUsd)}/month, ${formatUsd(result.dailyUsd)}/day${per1000}.`;
}

/** Endpoints whose workers cannot keep up with their traffic, in the words compare and simulate use. */
function overloadNotes(result: PlanResult): string[] {
  return result.resources.flatMap((resource) => (resource.overload === null ? [] : [describeOverload(resource.overload, { name: resource.name, then: { raise: 'workers.max' } })]));
}

/** What RunPod would refuse or break in an endpoint's set-up, in the words compare and simulate use. */
function feasibilityNotes(result: PlanResult): string[] {
  return result.resources.flatMap((resource) => resource.findings.map((finding) => `${resource.name}: ${describeFeasibility(finding)}`));
}

/** Endpoints priced by the fast path outside the domain it was validated in. */
function fastDomainNotes(result: PlanResult): string[] {
  return result.resources.flatMap((resource) => [
    ...(resource.outsideFastDomain === null ? [] : [`${resource.name}: ${fastDomainNote(resource.outsideFastDomain)}`]),
    ...(resource.coldStartRateOutsideFastDomain === null ? [] : [`${resource.name}: ${fastColdStartDomainNote(resource.coldStartRateOutsideFastDomain)}`]),
  ]);
}

function totalsData(result: PlanResult): Record<string, unknown> {
  return { monthlyUsd: result.monthlyUsd, dailyUsd: result.dailyUsd, requestsPerMonth: result.requestsPerMonth, usdPer1000Requests: result.usdPer1000Requests, method: result.method };
}

export function estimateReport(result: PlanResult, plan: string, catalog: CatalogInfo): Report {
  return {
    command: 'estimate',
    title: `Estimate for ${plan}: ${formatUsd(result.monthlyUsd)}/month`,
    catalog,
    sections: [resourcesSection(result), planLineItems(result)],
    notes: [totalsNote(result), ...overloadNotes(result), ...feasibilityNotes(result), ...fastDomainNotes(result)],
    assumptions: result.assumptions,
    charts: [],
    data: { totals: totalsData(result) },
  };
}

function formatRuleValue(value: number | null, unit: CheckResult['rules'][number]['unit']): string {
  if (value === null) return 'n/a';
  if (unit === 'usd') return formatUsd(value);
  if (unit === 'percent') return formatPercent(value);
  return formatDuration(Math.round(value * 100) / 100);
}

/** Why a rule failed: over its limit, or not known (the fast path gives no latency percentiles, a queue endpoint no drop rate). */
function failureText(rule: CheckResult['rules'][number], fast: boolean): string {
  const subject = `${rule.rule} (${rule.subject})`;
  const why = fast && rule.unit === 'seconds' ? ' (the fast path gives no latency percentiles: check without --fast)' : '';
  if (rule.value === null) return `${subject} not known${why}, limit ${formatRuleValue(rule.limit, rule.unit)}`;
  return `${subject} ${formatRuleValue(rule.value, rule.unit)} over ${formatRuleValue(rule.limit, rule.unit)}`;
}

export function checkReport(check: CheckResult, result: PlanResult, plan: string, catalog: CatalogInfo): Report {
  const failed = check.rules.filter((rule) => !rule.pass);
  const rows: Row[] = check.rules.map((rule) => ({
    status: rule.pass ? 'pass' : 'FAIL',
    rule: rule.rule,
    subject: rule.subject,
    value: rule.value,
    limit: rule.limit,
    unit: rule.unit,
    valueText: formatRuleValue(rule.value, rule.unit),
    limitText: formatRuleValue(rule.limit, rule.unit),
  }));
  const rulesSection: Section = {
    id: 'rules',
    title: 'Rules',
    columns: [
      { key: 'status', header: 'Status', kind: 'text', alert: 'FAIL' },
      { key: 'rule', header: 'Rule', kind: 'text' },
      { key: 'subject', header: 'Applies to', kind: 'text', priority: 3 },
      { key: 'valueText', header: 'Value', kind: 'text', humanOnly: true },
      { key: 'limitText', header: 'Limit', kind: 'text', humanOnly: true },
      // The raw figures for CSV and JSON (people read the text columns above).
      { key: 'value', header: 'value', kind: 'number', machineOnly: true },
      { key: 'limit', header: 'limit', kind: 'number', machineOnly: true },
      { key: 'unit', header: 'unit', kind: 'text', machineOnly: true },
    ],
    rows,
  };
  const headline =
    check.rules.length === 0
      ? 'No rules to check: add budget and slo to the plan, or give --max-monthly, --max-p95, ...'
      : failed.length === 0
        ? `All ${check.rules.length} rules pass.`
        : `${failed.length} of ${check.rules.length} rules FAIL: ${failed.map((rule) => failureText(rule, result.method === 'analytic')).join('; ')}.`;
  const baseline = check.baselineMonthlyUsd === null ? [] : [`Baseline: ${formatUsd(check.baselineMonthlyUsd)}/month; change ${formatUsd(result.monthlyUsd - check.baselineMonthlyUsd)}.`];
  return {
    command: 'check',
    title: `Check of ${plan}: ${failed.length === 0 ? 'pass' : 'FAIL'}, ${formatUsd(result.monthlyUsd)}/month`,
    catalog,
    sections: [rulesSection, resourcesSection(result), planLineItems(result)],
    notes: [headline, totalsNote(result), ...overloadNotes(result), ...feasibilityNotes(result), ...fastDomainNotes(result), ...baseline],
    assumptions: result.assumptions,
    charts: [],
    data: { pass: failed.length === 0, totals: totalsData(result) },
  };
}

export function diffReport(diff: PlanDiff, oldName: string, newName: string, catalog: CatalogInfo, assumptions: Assumption[]): Report {
  const change = diff.newMonthlyUsd - diff.oldMonthlyUsd;
  const share = diff.oldMonthlyUsd > 0 ? change / diff.oldMonthlyUsd : null;
  return {
    command: 'diff',
    title: `Cost change ${oldName} -> ${newName}: ${change >= 0 ? '+' : ''}${formatUsd(change)}/month${share === null ? '' : ` (${change >= 0 ? '+' : ''}${formatPercent(share)})`}`,
    catalog,
    sections: [
      {
        id: 'changes',
        title: '',
        columns: [
          { key: 'resource', header: 'Resource', kind: 'text' },
          { key: 'item', header: 'Item', kind: 'text' },
          { key: 'status', header: 'Change', kind: 'text' },
          { key: 'oldMonthlyUsd', header: 'Old $/month', kind: 'usd', priority: 3 },
          { key: 'newMonthlyUsd', header: 'New $/month', kind: 'usd', priority: 4 },
          { key: 'changeUsd', header: 'Change $', kind: 'usd' },
          { key: 'changePercent', header: 'Change %', kind: 'percent', priority: 2 },
        ],
        rows: diff.rows.map((row) => ({ ...row })),
      },
    ],
    notes: [`Old: ${formatUsd(diff.oldMonthlyUsd)}/month. New: ${formatUsd(diff.newMonthlyUsd)}/month.`],
    assumptions,
    charts: [],
    data: { oldMonthlyUsd: diff.oldMonthlyUsd, newMonthlyUsd: diff.newMonthlyUsd, changeUsd: change },
  };
}
