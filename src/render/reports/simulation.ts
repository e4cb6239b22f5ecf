// Reports of the simulator's commands: `simulate` (one month in detail), `minworkers` and `idle-timeout`
// (one row per setting, with the recommendation).
import { loadBalancerFiguresOf, type EndpointOutcome } from '../../endpoint/outcome.js';
import type { FeasibilityFinding } from '../../endpoint/feasibility.js';
import type { Recommendation } from '../../decisions/worker-settings.js';
import { describeFeasibility } from './feasibility.js';
import { fastColdStartDomainNote, fastDomainNote } from '../fast-domain.js';
import { describeOverload } from '../overload.js';
import { formatDuration } from '../../input/units.js';
import { formatPercent, formatUsd } from '../number-format.js';
import type { Assumption, CatalogInfo, Chart, Report, Row, Section } from '../report.js';
import { lineItemsSection } from './line-items.js';

/** `± 1.1%` of a monthly cost: its 95% half-width relative to it. */
export function costPrecision(outcome: EndpointOutcome): string | null {
  if (outcome.precision === null) return null;
  return `± ${formatPercent(outcome.monthlyUsd > 0 ? outcome.precision.monthlyUsd / outcome.monthlyUsd : 0)}`;
}

/** A load-balancing endpoint's limits, for the words of its rows. */
export interface LoadBalancerLimits {
  maxWaitS: number;
  maxRequestS: number;
}

function summarySection(outcome: EndpointOutcome, loadBalancer: LoadBalancerLimits | null): Section {
  const sim = outcome.simulation;
  const lb = loadBalancerFiguresOf(outcome);
  const precision = outcome.precision;
  const rows: Row[] = [
    { key: 'monthlyUsd', measure: 'monthly cost', value: outcome.monthlyUsd, halfWidth: precision?.monthlyUsd ?? null, precision: costPrecision(outcome), unit: 'USD', kind: 'usd' },
    { key: 'usdPer1000Requests', measure: 'cost per 1,000 requests', value: outcome.usdPer1000Requests, unit: 'USD', kind: 'usd' },
    { key: 'requestsPerMonth', measure: 'requests per month', value: outcome.requestsPerMonth, unit: 'requests', kind: 'int' },
    {
      key: 'coldStartRate',
      measure: 'requests that waited on a cold start',
      value: outcome.coldStartRate,
      halfWidth: precision?.coldStartRate ?? null,
      precision: precision === null ? null : `± ${formatPercent(precision.coldStartRate)} points`,
      unit: 'share',
      kind: 'percent',
    },
    { key: 'workerStartsPerMonth', measure: 'worker starts per month', value: outcome.workerStartsPerMonth, unit: 'starts', kind: 'int' },
    { key: 'billedGpuHoursPerMonth', measure: 'billed GPU-hours per month', value: outcome.billedGpuHoursPerMonth, unit: 'GPU-hours', kind: 'number' },
    { key: 'p50S', measure: 'latency p50', value: outcome.latency.p50, unit: 'seconds', kind: 'seconds' },
    { key: 'p95S', measure: 'latency p95', value: outcome.latency.p95, unit: 'seconds', kind: 'seconds' },
    { key: 'p99S', measure: 'latency p99', value: outcome.latency.p99, unit: 'seconds', kind: 'seconds' },
    { key: 'meanLatencyS', measure: 'latency mean', value: outcome.latency.mean, unit: 'seconds', kind: 'seconds' },
  ];
  if (lb !== null && loadBalancer !== null) {
    rows.push(
      {
        key: 'dropRate',
        measure: `requests dropped (no worker within ${formatDuration(loadBalancer.maxWaitS)})`,
        value: lb.dropRate,
        halfWidth: lb.dropRateHalfWidth,
        precision: `± ${formatPercent(lb.dropRateHalfWidth)} points`,
        unit: 'share',
        kind: 'percent',
      },
      { key: 'cutRate', measure: `requests cut at ${formatDuration(loadBalancer.maxRequestS)}`, value: lb.cutRate, unit: 'share', kind: 'percent' },
      { key: 'retriesPerRequest', measure: 'client retries per request', value: lb.retriesPerRequest, unit: 'retries', kind: 'number' },
      { key: 'servedOnRetryRate', measure: 'requests that got a worker on a retry', value: lb.servedOnRetryRate, unit: 'share', kind: 'percent' },
    );
  }
  if (sim !== null) {
    rows.push(
      { key: 'requestsSimulated', measure: 'requests simulated', value: sim.requests.arrived, unit: 'requests', kind: 'int' },
      {
        key: 'requestsFailed',
        measure: loadBalancer === null ? 'failed (over the execution timeout)' : `cut at ${formatDuration(loadBalancer.maxRequestS)}`,
        value: sim.requests.failed,
        unit: 'requests',
        kind: 'int',
      },
      ...(loadBalancer === null ? [] : [{ key: 'requestsDropped', measure: 'dropped (no worker in time)', value: sim.requests.dropped, unit: 'requests', kind: 'int' as const }]),
      { key: 'requestsUnfinished', measure: 'unfinished at the end', value: sim.requests.unfinished, unit: 'requests', kind: 'int' },
      { key: 'peakWorkers', measure: 'peak workers', value: sim.workers.peak, unit: 'workers', kind: 'int' },
      { key: 'meanWorkers', measure: 'workers, time-weighted mean', value: sim.workers.timeWeightedMean, unit: 'workers', kind: 'number' },
    );
  }
  return {
    id: 'summary',
    title: '',
    columns: [
      // A stable camelCase key for machines (jq '.summary[] | select(.key == "monthlyUsd")'); the label for people.
      { key: 'key', header: 'key', kind: 'text', machineOnly: true },
      { key: 'measure', header: 'Measure', kind: 'text' },
      { key: 'value', header: 'Value', kind: 'number', kindFrom: 'kind' },
      // The 95% half-width in the value's unit, for machines; the same in words for people.
      { key: 'halfWidth', header: 'halfWidth', kind: 'number', machineOnly: true },
      { key: 'precision', header: '95% interval', kind: 'text', humanOnly: true, priority: 2 },
      { key: 'unit', header: 'Unit', kind: 'text', priority: 1 },
    ],
    rows,
  };
}

function latencySection(outcome: EndpointOutcome): Section | null {
  const sim = outcome.simulation;
  // No request finished (no traffic): no latency to break down.
  if (sim === null || outcome.latency.p50 === null) return null;
  const row = (key: string, part: string, p: typeof sim.latency.total): Row => ({ key, part, p50: p.p50, p90: p.p90, p95: p.p95, p99: p.p99, max: p.max, mean: p.mean });
  return {
    id: 'latency',
    title: 'Latency (seconds)',
    columns: [
      { key: 'key', header: 'key', kind: 'text', machineOnly: true },
      { key: 'part', header: 'Part', kind: 'text' },
      { key: 'p50', header: 'p50', kind: 'number' },
      { key: 'p90', header: 'p90', kind: 'number', priority: 2 },
      { key: 'p95', header: 'p95', kind: 'number' },
      { key: 'p99', header: 'p99', kind: 'number', priority: 4 },
      { key: 'max', header: 'max', kind: 'number', priority: 1 },
      { key: 'mean', header: 'mean', kind: 'number', priority: 3 },
    ],
    rows: [row('total', 'total', sim.latency.total), row('queueWait', 'queue wait (incl. cold starts)', sim.latency.queueWait), row('execution', 'execution', sim.latency.execution)],
  };
}

function timelineCharts(outcome: EndpointOutcome, flexUsdPerSecond: number, gpuCount: number): Chart[] {
  const sim = outcome.simulation;
  if (sim === null) return [];
  const hours = sim.hourOfDay.map((row) => row.hour);
  return [
    { title: 'Workers through an average day', xLabel: 'hour of day', yLabel: 'workers', x: hours, series: [{ name: 'mean workers', y: sim.hourOfDay.map((row) => row.meanWorkers) }] },
    {
      title: 'Flex cost through an average day',
      xLabel: 'hour of day',
      yLabel: 'USD per hour',
      x: hours,
      series: [{ name: 'flex USD in that hour', y: sim.hourOfDay.map((row) => row.flexBilledSeconds * flexUsdPerSecond * gpuCount) }],
    },
  ];
}

export function simulationReport(
  outcome: EndpointOutcome,
  options: { title: string; timeline: boolean; flexUsdPerSecond: number; gpuCount: number; loadBalancer: LoadBalancerLimits | null; findings: FeasibilityFinding[] },
  catalog: CatalogInfo,
  assumptions: Assumption[],
): Report {
  const latency = latencySection(outcome);
  const sim = outcome.simulation;
  const notes: string[] = [];
  if (outcome.overload !== null) {
    // The simulator's own report says its queue stopped at the cap; the fast path's (or a backlog under the cap) does not.
    notes.push(describeOverload(outcome.overload, { name: 'the endpoint', queueCapped: sim?.overload != null, then: { raise: '--max-workers' } }));
  }
  else if (sim !== null && sim.requests.unfinished > sim.requests.arrived * 0.01) {
    notes.push(`Warning: ${sim.requests.unfinished} requests were still waiting at the end: the workers cannot keep up (raise --max-workers).`);
  }
  if (sim !== null && sim.requests.failed > 0) {
    notes.push(
      options.loadBalancer === null
        ? `${sim.requests.failed} requests ran past the execution timeout and failed (they are still billed).`
        : `${sim.requests.failed} requests ran past ${formatDuration(options.loadBalancer.maxRequestS)}, RunPod's limit on one load-balanced request, and were cut (they are still billed).`,
    );
  }
  if (outcome.method === 'analytic') notes.push('Fast path: costs and cold-start rate; latency percentiles need --method sim.');
  if (outcome.outsideFastDomain !== null) notes.push(fastDomainNote(outcome.outsideFastDomain));
  if (outcome.coldStartRateOutsideFastDomain !== null) notes.push(fastColdStartDomainNote(outcome.coldStartRateOutsideFastDomain));
  notes.push(...options.findings.map(describeFeasibility));
  return {
    command: 'simulate',
    title: options.title,
    catalog,
    sections: [summarySection(outcome, options.loadBalancer), ...(latency === null ? [] : [latency]), lineItemsSection(outcome.lineItems.map((item) => ({ item })), null, 'Line items (per month)')],
    notes,
    assumptions,
    charts: options.timeline ? timelineCharts(outcome, options.flexUsdPerSecond, options.gpuCount) : [],
    ...(sim === null ? {} : { data: { hourOfDay: sim.hourOfDay, billedSeconds: sim.billedSeconds, coldStarts: sim.coldStarts } }),
  };
}

/** `minworkers` and `idle-timeout`: one row per setting. */
export function settingsReport(
  command: 'minworkers' | 'idle-timeout',
  outcomes: EndpointOutcome[],
  recommendation: Recommendation,
  title: string,
  catalog: CatalogInfo,
  assumptions: Assumption[],
  findings: FeasibilityFinding[],
): Report {
  const setting = command === 'minworkers' ? { key: 'activeWorkers', header: 'Active workers' } : { key: 'idleTimeout', header: 'Idle timeout' };
  // A load-balancing endpoint's settings also trade drops (no worker within the wait) against cost.
  const drops = outcomes.some((outcome) => loadBalancerFiguresOf(outcome) !== null);
  const rows: Row[] = outcomes.map((outcome) => ({
    [setting.key]: command === 'minworkers' ? outcome.activeWorkers : formatDuration(outcome.idleTimeoutS),
    ...(command === 'idle-timeout' ? { idleTimeoutS: outcome.idleTimeoutS } : {}),
    monthlyUsd: outcome.monthlyUsd,
    usdPer1000Requests: outcome.usdPer1000Requests,
    coldStartRate: outcome.coldStartRate,
    p95S: outcome.latency.p95,
    p99S: outcome.latency.p99,
    ...(drops ? { dropRate: loadBalancerFiguresOf(outcome)?.dropRate ?? null } : {}),
    meets: recommendation.meets?.[outcomes.indexOf(outcome)] ?? null,
  }));
  const columns: Section['columns'] = [
    { key: setting.key, header: setting.header, kind: command === 'minworkers' ? 'int' : 'text' },
    { key: 'monthlyUsd', header: '$/month', kind: 'usd' },
    { key: 'usdPer1000Requests', header: '$/1k requests', kind: 'usd', priority: 2 },
    { key: 'coldStartRate', header: 'Cold starts', kind: 'percent', priority: 3 },
    { key: 'p95S', header: 'p95 s', kind: 'number', priority: 4 },
    { key: 'p99S', header: 'p99 s', kind: 'number', priority: 1 },
    ...(drops ? [{ key: 'dropRate', header: 'Dropped', kind: 'percent' as const }] : []),
  ];
  if (recommendation.meets !== null) columns.push({ key: 'meets', header: 'Meets target', kind: 'text' });
  // As `simulate --method analytic`: a setting outside the fast path's validated domain says so (each reason once).
  const domainNotes = [
    ...new Set(
      outcomes.flatMap((outcome) => [
        ...(outcome.outsideFastDomain === null ? [] : [fastDomainNote(outcome.outsideFastDomain)]),
        ...(outcome.coldStartRateOutsideFastDomain === null ? [] : [fastColdStartDomainNote(outcome.coldStartRateOutsideFastDomain)]),
      ]),
    ),
  ];
  return { command, title, catalog, sections: [{ id: 'settings', title: '', columns, rows }], notes: [...describeRecommendation(command, outcomes, recommendation), ...domainNotes, ...findings.map(describeFeasibility)], assumptions, charts: [] };
}

function describeRecommendation(command: 'minworkers' | 'idle-timeout', outcomes: EndpointOutcome[], recommendation: Recommendation): string[] {
  const notes: string[] = [];
  const chosen = recommendation.chosenIndex === null ? undefined : outcomes[recommendation.chosenIndex];
  if (command === 'minworkers') {
    const targets = recommendation.targets ?? {};
    const wanted = [
      targets.p95S === undefined ? null : `p95 at most ${formatDuration(targets.p95S)}`,
      targets.maxColdRate === undefined ? null : `at most ${formatPercent(targets.maxColdRate)} of requests waiting on a cold start`,
      targets.maxDropRate === undefined ? null : `at most ${formatPercent(targets.maxDropRate)} of requests dropped`,
    ].filter((text): text is string => text !== null);
    const drops = outcomes.some((outcome) => loadBalancerFiguresOf(outcome) !== null);
    if (outcomes.every((outcome) => outcome.overload !== null)) {
      notes.push('Every count tried is overloaded (the workers cannot keep up with the traffic), so none is recommended: raise --max-workers or use a faster GPU.');
      if (outcomes.some((outcome) => outcome.latency.p95 === null)) notes.push('Latency percentiles need --method sim.');
      return notes;
    }
    const executionP95 = Math.min(...outcomes.map((outcome) => outcome.simulation?.latency.execution.p95 ?? 0));
    if (chosen === undefined && targets.p95S !== undefined && executionP95 > targets.p95S) {
      notes.push(`No worker count can meet a p95 of ${formatDuration(targets.p95S)}: execution alone has a p95 of ${executionP95.toFixed(1)}s.`);
    } else if (chosen === undefined) {
      notes.push(`No active-worker count tried meets ${wanted.join(' and ')}: add workers (--up-to), raise --max-workers, or shorten the cold start.`);
    } else if (wanted.length > 0) {
      notes.push(`Cheapest that meets ${wanted.join(' and ')}: ${chosen.activeWorkers} active worker(s), ${formatUsd(chosen.monthlyUsd)}/month.`);
    } else {
      const dropped = loadBalancerFiguresOf(chosen)?.dropRate ?? 0;
      notes.push(
        `Cheapest: ${chosen.activeWorkers} active worker(s), ${formatUsd(chosen.monthlyUsd)}/month${dropped > 0 ? `, dropping ${formatPercent(dropped)} of requests` : ''}. Give --p95${drops ? ', --max-cold-rate or --max-drop-rate' : ' or --max-cold-rate'} for the cheapest count that meets a target.`,
      );
    }
    if (outcomes.some((outcome) => outcome.latency.p95 === null)) notes.push('Latency percentiles need --method sim.');
    return notes;
  }
  if (chosen !== undefined) notes.push(`Cheapest of those tried: ${formatDuration(chosen.idleTimeoutS)}, ${formatUsd(chosen.monthlyUsd)}/month, ${formatPercent(chosen.coldStartRate)} of requests waiting on a cold start.`);
  else notes.push('Every idle timeout tried is overloaded (the workers cannot keep up with the traffic), so none is recommended: raise --max-workers or use a faster GPU.');
  if (recommendation.robustIdleTimeoutS !== undefined) {
    notes.push(
      `Robust choice without knowing the traffic: ${formatDuration(Math.max(1, Math.round(recommendation.robustIdleTimeoutS)))}, the billed length of a cold start (idle that long costs what a start costs; never worse than twice the best).`,
    );
  }
  notes.push(
    recommendation.poissonTraffic === true
      ? 'For steady Poisson traffic only "never scale down" or "scale down at once" can be optimal, so the cheapest is usually at an end of the range; real traffic is burstier.'
      : 'For bursty traffic the best timeout lies inside the range: a little longer than the gaps within a burst.',
  );
  return notes;
}
