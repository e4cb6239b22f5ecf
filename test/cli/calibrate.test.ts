// calibrate end to end: records the simulator made from known parameters, written as a team would log
// them, fitted, written as a plan, and replayed; bad records refused in one line naming file, line and field.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { knownEndpoint, simulatedRecords } from '../helpers/job-records.js';

const dir = mkdtempSync(join(tmpdir(), 'runpod-plan-calibrate-'));

interface Json {
  replay: { key: string; observed: number | null; simulated: number | null }[];
  fit: { measure: string; value: number | null }[];
}

function writeRecords(name: string, workerId: boolean): string {
  const { records } = simulatedRecords(knownEndpoint(0.3), { workerId });
  const path = join(dir, name);
  writeFileSync(path, records.map((r) => JSON.stringify({ id: r.id, status: r.status, createdAt: new Date(r.submittedMs).toISOString(), delayTime: r.delayMs, executionTime: r.executionMs, ...(r.workerId === null ? {} : { workerId: r.workerId }) })).join('\n'));
  return path;
}

const SETTINGS = ['--gpu', 'rtx4090', '--idle-timeout', '2m', '--max-workers', '3', '--scaler-threshold', '4s'];

describe.each([true, false])('calibrate: simulated records, workerId %s', (workerId) => {
  const records = writeRecords(`jobs-${workerId}.ndjson`, workerId);
  const plan = join(dir, `plan-${workerId}.yaml`);

  it('writes a plan that replays the records: requests, cold starts, delays, execution and billed seconds agree', async () => {
    const run = await runInProcess(['calibrate', records, ...SETTINGS, '--id', 'ep123', '--output', plan, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout) as Json;
    const row = (key: string) => json.replay.find((r) => r.key === key) as { observed: number; simulated: number };
    const gap = (key: string) => Math.abs(row(key).simulated / row(key).observed - 1);
    expect(row('requests').simulated).toBe(row('requests').observed);
    expect(gap('coldStartRate')).toBeLessThan(0.1);
    expect(gap('executionP50')).toBeLessThan(0.05);
    expect(gap('executionP95')).toBeLessThan(0.05);
    // delayTime p95 is a full start, plus the warm dispatch the model does not have.
    expect(gap('delayP95')).toBeLessThan(0.05);
    if (workerId) {
      // A worker the scaler started for a job another worker then took runs no job: the records never show
      // it, so they count fewer starts and billed seconds than ran (the simulator that made them: 3,828 starts).
      expect(gap('workerStarts')).toBeLessThan(0.1);
      expect(gap('billedGpuSeconds')).toBeLessThan(0.1);
      expect(row('billedGpuSeconds').observed).toBeLessThan(row('billedGpuSeconds').simulated);
    } else {
      expect(row('billedGpuSeconds').observed).toBeNull();
    }
    const written = readFileSync(plan, 'utf8');
    expect(written).toContain('id: ep123');
    expect(written).toContain('withinMinute: random');
    expect(written).toMatch(/coldStart: 15\.\d+s/);
    const estimate = await runInProcess(['estimate', plan]);
    expect(estimate.exitCode).toBe(0);
  });
});

describe('calibrate: bad input, one line and exit 2', () => {
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    ['no-time.ndjson', '{"id":"a","createdAt":"2026-06-01T00:00:00Z"}\n{"id":"b","executionTime":5}\n', 'no-time.ndjson:2: createdAt: missing: every job needs its submission time'],
    ['negative.ndjson', '{"id":"a","createdAt":"2026-06-01T00:00:00Z","delayTime":-1}\n', 'negative.ndjson:1: delayTime: expected a non-negative number of milliseconds, got -1'],
    ['mixed.csv', 'id,createdAt\na,1780272000\nb,2026-06-01T00:00:01Z\n', 'mixed.csv:3: createdAt: mixed units: iso here, epoch seconds in'],
    ['empty.ndjson', '\n', 'empty.ndjson: the file is empty: no job records'],
    ['twice.ndjson', '{"id":"a","createdAt":"2026-06-01T00:00:00Z"}\n{"id":"a","createdAt":"2026-06-01T00:00:00Z"}\n', 'twice.ndjson:2: id: duplicate id "a", first read at'],
  ])('%s', async (name, text, message) => {
    const path = file(name, text);
    const run = await runInProcess(['calibrate', path, '--gpu', 'rtx4090']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toContain(message);
  });

  it('names the flag of a bad setting, and needs a GPU', async () => {
    const records = file('ok.ndjson', '{"id":"a","createdAt":"2026-06-01T00:00:00Z","delayTime":100,"executionTime":2000}\n');
    expect(await runInProcess(['calibrate', records, '--gpu', 'rtx4090', '--idle-timeout', '0s'])).toEqual({ stdout: '', stderr: 'error: --idle-timeout: RunPod accepts idle timeouts of 1s to 1h, got 0s\n', exitCode: 2 });
    expect((await runInProcess(['calibrate', records])).stderr).toBe('error: --gpu: required: the GPU class or model, e.g. --gpu rtx4090 (or --plan with the endpoint)\n');
  });

  it('counts a record usable for one fit and not another, and says so', async () => {
    const records = file('partial.ndjson', '{"id":"a","status":"COMPLETED","createdAt":"2026-06-01T00:00:00Z","delayTime":100,"executionTime":2000}\n{"id":"b","status":"IN_QUEUE","createdAt":"2026-06-01T00:00:05Z"}\n');
    const run = await runInProcess(['calibrate', records, '--gpu', 'rtx4090']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('1 record(s) left out of the execution fit: status IN_QUEUE (kept for the others).');
    expect(run.stdout).toContain('1 record(s) left out of the delay fit: status IN_QUEUE (kept for the others).');
  });
});

describe('calibrate: settings from an existing plan', () => {
  it('takes the endpoint of --plan (its model preset dropped for the measured start), and the replay shows where they part', async () => {
    const output = join(dir, 'from-plan.yaml');
    const run = await runInProcess(['calibrate', 'examples/calibrate/chat-jobs.ndjson', '--plan', 'examples/llm-chat.yaml', '--output', output, '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const written = readFileSync(output, 'utf8');
    expect(written).toContain('gpu: H100 SXM');
    expect(written).not.toContain('model:');
    // The plan keeps an active worker serving 4 jobs at once: the records' cold starts do not happen there.
    const json = JSON.parse(run.stdout) as Json;
    expect(json.replay.find((r) => r.key === 'coldStartRate')?.simulated).toBe(0);
    const wrong = await runInProcess(['calibrate', 'examples/calibrate/chat-jobs.ndjson', '--plan', 'examples/llm-chat.yaml', '--endpoint', 'nope']);
    expect(wrong).toEqual({ stdout: '', stderr: "error: --endpoint: name one of the plan's endpoints with --endpoint: chat\n", exitCode: 2 });
  });
});

describe('calibrate: the example in the README', () => {
  it('examples/calibrate/chat-jobs.ndjson as Markdown', async () => {
    const run = await runInProcess(['calibrate', 'examples/calibrate/chat-jobs.ndjson', '--gpu', 'rtx4090', '--idle-timeout', '60s', '--format', 'markdown']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatchSnapshot();
  });
});
