// `calibrate` as a report: what the records hold, what was fitted with its quality, and the replay check
// of the calibrated plan against the records.
import type { Exclusion } from '../../calibrate/calibrator.js';
import type { Calibration } from '../../calibrate/fit.js';
import type { Replay, ReplayRow } from '../../calibrate/replay.js';
import { formatMinute } from '../../input/instants.js';
import { formatNumber, formatPercent, formatUsd } from '../number-format.js';
import type { Assumption, CatalogInfo, ColumnKind, Report, Row, Section } from '../report.js';

const FIGURES: Record<ReplayRow['figure'], string> = {
  requests: 'Requests',
  coldStartRate: 'Cold-start rate (jobs that waited on a start)',
  workerStarts: 'Worker starts',
  delayP50: 'Delay p50 (delayTime)',
  delayP95: 'Delay p95',
  executionP50: 'Execution p50',
  executionP95: 'Execution p95',
  failedShare: 'Failed or timed out',
  billedGpuSeconds: 'Billed GPU-seconds',
};

const KINDS: Record<ReplayRow['unit'], ColumnKind> = { count: 'int', share: 'percent', seconds: 'seconds', gpuSeconds: 'int' };

function measure(name: string, value: number | null, kind: ColumnKind, note = ''): Row {
  return { measure: name, value, kind, note };
}

function fitSection(c: Calibration): Section {
  const t = c.traffic;
  const e = c.execution;
  const d = c.delay;
  const rows: Row[] = [
    measure('Requests', c.records, 'int', `${formatMinute(c.period.firstMs)} to ${formatMinute(c.period.lastMs)} UTC`),
    measure('Mean rate, requests/day', t.meanRatePerSecond * 86_400, 'number', `busiest hour ${formatNumber(t.peakToMean)}x the mean`),
    measure(
      'Index of dispersion (per minute, within hours)',
      t.dispersion?.index ?? null,
      'number',
      t.dispersion === null ? 'too few minutes' : `Poisson: ${formatNumber(t.dispersion.poissonLow)}-${formatNumber(t.dispersion.poissonHigh)}; ${t.dispersion.poisson ? 'fits' : t.dispersion.index > t.dispersion.poissonHigh ? 'burstier than Poisson' : 'more regular than Poisson'}`,
    ),
  ];
  if (e !== null) {
    rows.push(
      measure('Execution p50', e.p50S, 'seconds', `${e.count} jobs`),
      measure('Execution p95', e.p95S, 'seconds', `p99 ${formatNumber(e.p99S)} s, max ${formatNumber(e.maxS)} s`),
    );
    if (e.lognormal !== null) {
      const ks = e.ks;
      rows.push(
        measure('Execution p50, lognormal fit', e.lognormal.p50S, 'seconds', `p95 ${formatNumber(e.lognormal.p95S)} s`),
        measure(
          'Kolmogorov-Smirnov distance to the lognormal',
          ks?.distance ?? null,
          'number',
          ks === null ? '' : `${ks.distance <= ks.critical ? 'fits' : 'does not fit'} at 5% (critical ${formatNumber(ks.critical)} for ${ks.samples} samples); the plan uses the samples`,
        ),
      );
    }
  }
  if (d !== null) {
    rows.push(
      measure('Delay p50', d.p50S, 'seconds', `${d.count} jobs`),
      measure('Delay p95', d.p95S, 'seconds', ''),
      measure('Warm dispatch p50', d.warm.p50S, 'seconds', `p95 ${formatNumber(d.warm.p95S)} s; ${formatPercent(d.warm.share)} of jobs${d.warmUpToS === null ? '' : `, delays up to ${formatNumber(d.warmUpToS)} s`}`),
      measure('Cold-start rate', d.coldStartRate, 'percent', d.method === 'workers' ? 'jobs that arrived before their worker was ready (workerId)' : 'jobs in the slower modes of the delays (no workerId: jobs queued behind a busy worker count too)'),
      measure('Cold start p50 (full)', d.coldStart?.p50S ?? null, 'seconds', d.coldStart === null ? 'no cold-start mode in the delays' : `p95 ${formatNumber(d.coldStart.p95S)} s`),
      measure('FlashBoot restores, share of starts', d.restore?.share ?? null, 'percent', d.restore === null ? 'no restore mode of its own' : `p50 ${formatNumber(d.restore.p50S)} s`),
    );
    if (d.starts !== null) rows.push(measure('Worker starts seen', d.starts, 'int', 'a worker\'s first job, or its first after an idle gap over the idle timeout'));
  }
  return {
    id: 'fit',
    title: 'Fitted',
    columns: [
      { key: 'measure', header: 'Measure', kind: 'text' },
      { key: 'value', header: 'Value', kind: 'number', kindFrom: 'kind' },
      { key: 'kind', header: 'kind', kind: 'text', machineOnly: true },
      { key: 'note', header: 'Note', kind: 'text' },
    ],
    rows,
  };
}

function statusSection(c: Calibration): Section {
  return {
    id: 'statuses',
    title: 'Records by status',
    columns: [
      { key: 'status', header: 'Status', kind: 'text' },
      { key: 'count', header: 'Jobs', kind: 'int' },
      { key: 'share', header: 'Share', kind: 'percent' },
    ],
    rows: c.statuses.map((s) => ({ status: s.status ?? '(none)', count: s.count, share: s.count / c.records })),
  };
}

function replaySection(replay: Replay): Section {
  return {
    id: 'replay',
    title: `Replay: the calibrated plan simulated over the records' ${formatNumber(replay.horizonS / 86_400)} days`,
    columns: [
      { key: 'figure', header: 'Figure', kind: 'text' },
      { key: 'observed', header: 'Observed', kind: 'number', kindFrom: 'kind' },
      { key: 'simulated', header: 'Simulated', kind: 'number', kindFrom: 'kind' },
      { key: 'gap', header: 'Gap', kind: 'percent' },
      { key: 'kind', header: 'kind', kind: 'text', machineOnly: true },
      { key: 'key', header: 'key', kind: 'text', machineOnly: true },
    ],
    rows: replay.rows.map((row) => ({
      key: row.figure,
      figure: FIGURES[row.figure],
      observed: row.observed,
      simulated: row.simulated,
      gap: row.observed === null || row.simulated === null || row.observed === 0 ? null : (row.simulated - row.observed) / row.observed,
      kind: KINDS[row.unit],
    })),
  };
}

function exclusionNote(exclusions: Exclusion[]): string[] {
  const fits = { execution: 'the execution fit', delay: 'the delay fit', workers: 'the worker timelines' } as const;
  return exclusions.map((e) => `${e.count} record(s) left out of ${fits[e.fit]}: ${e.reason === 'status' ? `status ${e.status ?? '(none)'}` : e.reason} (kept for the others).`);
}

export function calibrateReport(c: Calibration, replay: Replay | null, written: string[], catalog: CatalogInfo, assumptions: Assumption[]): Report {
  const notes = [
    ...exclusionNote(c.exclusions.filter((e) => !(e.fit === 'workers' && c.delay?.method === 'mixture'))),
    'The model has no warm dispatch: a warm job\'s delay is 0 s simulated, so delays differ by about the warm dispatch measured.',
    ...(c.delay?.method === 'workers' ? ['A worker started for a job that another worker then took runs no job and is not in the records: observed starts and billed seconds are a lower bound.'] : []),
    ...(c.delay?.method === 'mixture' ? ['No workerId in every record: starts were found as modes of the delays; jobs queued behind a busy worker count as cold, so at high load the cold-start rate is an upper bound.'] : []),
    ...(replay === null ? [] : [`The calibrated plan costs ${formatUsd(replay.monthlyUsd)}/month at this traffic.`]),
    ...written.map((file) => `Wrote ${file}.`),
  ];
  return {
    command: 'calibrate',
    title: `Calibrated from ${c.records} job records`,
    catalog,
    sections: [fitSection(c), statusSection(c), ...(replay === null ? [] : [replaySection(replay)])],
    notes,
    assumptions,
    charts: [],
    data: { period: { first: new Date(c.period.firstMs).toISOString(), last: new Date(c.period.lastMs).toISOString(), minutes: c.period.minutes }, hourlyWeights: c.traffic.hourlyWeights, components: c.delay?.components ?? [] },
  };
}
