// The files calibrate writes: a plan with one endpoint whose traffic, execution time and cold start are the
// records' own (the endpoint's settings from flags or an existing plan), a counts-per-minute trace with
// dated rows, and a file of execution-time samples. Measured values are rounded here, to the millisecond.
import { Document } from 'yaml';
import type { Calibration } from '../calibrate/fit.js';
import { formatMinute } from '../input/instants.js';
import { formatDuration, formatPercent } from '../input/units.js';

/** The cold-start model's fields: a measured cold start replaces them. */
const MODEL_FIELDS = [
  'image', 'bakedImage', 'imageCached', 'weights', 'model', 'params', 'dtype', 'weightsFrom', 'pullBandwidth', 'containerStart', 'import', 'cuda', 'persistence',
  'diskBandwidth', 'volumeBandwidth', 'downloadBandwidth', 'warmup', 'flashbootHit', 'restore',
];

export interface CalibratedFiles {
  plan: string;
  trace: string;
  samples: string;
}

const ms = (seconds: number) => formatDuration(Math.max(0.001, Math.round(seconds * 1000) / 1000));

/**
 * The calibrated endpoint: the settings given (`base`, a plan entry as written or flags' values), with the
 * traffic, execution and cold start the records show. A cold start is written only when the delays show
 * one; restores only when they show as a mode of their own.
 */
export function calibratedEndpoint(base: Record<string, unknown>, calibration: Calibration, files: { trace: string; samples: string }): Record<string, unknown> {
  const entry: Record<string, unknown> = { ...base };
  entry.traffic = { trace: files.trace, traceFormat: 'counts', withinMinute: 'random' };
  entry.execution = { samples: files.samples };
  const start = calibration.delay?.coldStart ?? null;
  if (start !== null) {
    for (const field of MODEL_FIELDS) delete entry[field];
    entry.coldStart = ms(start.p50S);
    const restore = calibration.delay?.restore ?? null;
    if (restore !== null) {
      entry.flashboot = true;
      entry.flashbootHit = formatPercent(Math.round(restore.share * 1000) / 1000);
      entry.restore = ms(restore.p50S);
    }
  }
  return entry;
}

/** The plan's YAML, commented with where each measured value came from. */
export function calibratedPlanYaml(name: string, entry: Record<string, unknown>, calibration: Calibration, seed: number, catalog: string | undefined): string {
  const plan = { version: 1, ...(catalog === undefined ? {} : { catalog }), seed, endpoints: { [name]: entry } };
  const document = new Document(plan);
  const first = formatMinute(calibration.period.firstMs);
  const last = formatMinute(calibration.period.lastMs);
  document.commentBefore = [
    ` Calibrated by runpod-plan calibrate from ${calibration.records} job records, ${first} to ${last} (UTC).`,
    ' Traffic, execution time and cold start are the records\' own; the other settings were given.',
    ' What-ifs on this traffic: runpod-plan sweep, minworkers or idle-timeout on this plan.',
  ].join('\n');
  const delay = calibration.delay;
  const node = document.getIn(['endpoints', name], true) as { get?: (key: string, keep: boolean) => { comment?: string } | undefined } | undefined;
  const comment = (key: string, text: string) => {
    const pair = node?.get?.(key, true);
    if (pair !== undefined && typeof pair === 'object') pair.comment = ` ${text}`;
  };
  comment('traffic', 'arrivals per minute; each minute\'s count at random times in it');
  comment('execution', `a uniform sample of ${calibration.execution?.sample.length ?? 0} of ${calibration.execution?.count ?? 0} execution times`);
  if (delay?.coldStart != null) comment('coldStart', `median of the measured full starts (p95 ${ms(delay.coldStart.p95S)}), found ${delay.method === 'workers' ? 'from workerId' : 'as a mode of the delays'}; billed: all of it unless coldStartBilled says`);
  return document.toString({ lineWidth: 0 });
}

/** The counts-per-minute trace with dated rows (UTC), one row per minute of the period, minutes with no arrival included. */
export function traceCsv(calibration: Calibration): string {
  const rows = ['minute,count'];
  const first = calibration.period.firstMinute * 60_000;
  calibration.countsPerMinute.forEach((count, i) => rows.push(`${formatMinute(first + i * 60_000)},${count}`));
  return `${rows.join('\n')}\n`;
}

/** Execution-time samples, seconds to the millisecond, one per line. */
export function samplesCsv(calibration: Calibration): string {
  const sample = calibration.execution?.sample ?? [];
  return `seconds\n${sample.map((s) => String(Math.round(s * 1000) / 1000)).join('\n')}\n`;
}
