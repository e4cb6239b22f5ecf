// bench/calibrate: how fast calibrate reads and fits job records, and that its memory stays flat as the
// records grow (streamed: counts per minute, fixed histograms, a fixed sample). Records: the simulator's own
// (Poisson 11.6/s, lognormal execution p50 3 s / p95 9 s, cold start 20 s, idle timeout 30 s, max 20
// workers) written as NDJSON status objects with workerId. Target: 1,000,000 records in under 5 s. Prints
// the core pass (read, order, fit) for 100,000 and 1,000,000 records with the heap after each, then the
// whole command (the built binary, replay included). Asserts nothing.
// Run: npm run build && node bench/run.mjs calibrate
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Calibrator } from '../src/calibrate/calibrator.js';
import { fitCalibration } from '../src/calibrate/fit.js';
import { readJobRecords } from '../src/input/job-records.js';
import { RecordOrder } from '../src/input/record-order.js';
import { Random } from '../src/sim/random.js';
import { simulate } from '../src/sim/simulate.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

const START_MS = Date.UTC(2026, 5, 1);

/** Writes `count` records of the reference endpoint to a file, in submission order. */
function writeRecords(path: string, count: number): void {
  const rate = 1_000_000 / 86_400;
  const rng = new Random(5, 1);
  const lines: { at: number; line: string }[] = [];
  simulate(
    {
      horizonS: (count / rate) * 1.01,
      seed: 9,
      arrivals: { kind: 'poisson', ratePerSecond: rate },
      exec: { kind: 'lognormal', p50S: 3, p95S: 9 },
      coldStart: { fullS: 20, fullBilledS: 20, restoreS: 2, restoreBilled: true, hitRate: 0 },
      workers: { active: 0, max: 60, idleTimeoutS: 30, jobsPerWorker: 1, executionTimeoutS: 600 },
      scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'pending' },
      roundingS: 1,
    },
    {
      job: (arrivalS, startS, executionS, worker) => {
        if (lines.length >= count) return;
        const at = START_MS + Math.round(arrivalS * 1000);
        const delay = Math.round((startS - arrivalS + 0.13 * Math.exp(0.12 * rng.normal())) * 1000);
        lines.push({ at, line: `{"id":"j${lines.length}","status":"COMPLETED","createdAt":"${new Date(at).toISOString()}","delayTime":${delay},"executionTime":${Math.round(executionS * 1000)},"workerId":"w${worker}"}` });
      },
    },
  );
  lines.sort((a, b) => a.at - b.at);
  writeFileSync(path, `${lines.map((l) => l.line).join('\n')}\n`);
}

function corePass(path: string): { seconds: number; records: number; heapMB: string; peakWaiting: number } {
  gc();
  const started = process.hrtime.bigint();
  const calibrator = new Calibrator({ idleTimeoutS: 30, seed: 1, sampleSize: 10_000 });
  const order = new RecordOrder(3_600_000, '1h', (record) => calibrator.add(record));
  const read = readJobRecords([{ path, name: path }], { fields: {}, format: 'auto', durationUnit: 'ms' }, (record) => order.push(record));
  order.finish();
  const gathered = calibrator.finish();
  gc();
  const heap = process.memoryUsage().heapUsed;
  const fit = fitCalibration(gathered);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (fit.records !== read.records) throw new Error('records lost');
  return { seconds, records: read.records, heapMB: mb(heap), peakWaiting: order.peakWaiting };
}

const dir = mkdtempSync(join(tmpdir(), 'runpod-plan-bench-calibrate-'));
try {
  console.log('bench/calibrate (one thread; target: 1,000,000 records in under 5 s, memory flat in the records)');
  for (const count of [100_000, 1_000_000]) {
    const path = join(dir, `jobs-${count}.ndjson`);
    writeRecords(path, count);
    corePass(path); // warm-up
    const run = corePass(path);
    console.log(
      `${String(count).padStart(9)} records (${mb(statSync(path).size)} MB NDJSON): read + order + fit ${run.seconds.toFixed(2)} s (${Math.round(run.records / run.seconds).toLocaleString('en-US')} records/s); heap after ${run.heapMB} MB; reorder buffer peak ${run.peakWaiting} records`,
    );
    const started = process.hrtime.bigint();
    const cli = spawnSync(process.execPath, ['bin/runpod-plan.js', 'calibrate', path, '--gpu', 'rtx4090', '--idle-timeout', '30s', '--max-workers', '60', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const time = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, 'bin/runpod-plan.js', 'calibrate', path, '--gpu', 'rtx4090', '--idle-timeout', '30s', '--max-workers', '60', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const peakKB = Number(time.stderr.trim().split('\n').pop());
    console.log(`${' '.repeat(9)}         the whole command (built binary, replay of ${count === 100_000 ? '~2.4 h' : '~1 day'} included): ${seconds.toFixed(2)} s, exit ${cli.status}${Number.isFinite(peakKB) ? `, peak RSS ${(peakKB / 1024).toFixed(0)} MB` : ''}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
