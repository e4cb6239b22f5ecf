// Requests sharing a worker (--concurrency, plans' `concurrency`) end to end, in-process.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

const BASE = ['--gpu', 'h100', '--requests-per-day', '100k', '--exec', '8s', '--exec-dist', 'constant', '--active', '1', '--max-workers', '0', '--horizon', '1d'];
type Json = { summary: { measure: string; value: number }[]; latency: { part: string; mean: number }[]; assumptions: { key: string; text: string }[] };
const json = (stdout: string) => JSON.parse(stdout) as Json;

describe('simulate --concurrency', () => {
  it('stretches each request by the batch it shares: 8 s alone takes longer with 30 in flight at most, and the table is stated', async () => {
    const alone = json((await runInProcess(['simulate', ...BASE, '--jobs-per-worker', '30', '--format', 'json'])).stdout);
    const run = await runInProcess(['simulate', ...BASE, '--jobs-per-worker', '30', '--concurrency', '1:60,8:45,32:25', '--format', 'json']);
    expect(run.stderr).toBe('');
    const shared = json(run.stdout);
    const execution = (report: Json) => report.latency.find((row) => row.part === 'execution')?.mean as number;
    expect(execution(alone)).toBe(8);
    // Mean field: W = 8 / pace(1.157/s x W) has its fixed point near 12.1 s (14 in flight, 39.7 of 60
    // tok/s each); Poisson bursts put a few more in flight at times, so the simulated mean is a little over it.
    expect(execution(shared)).toBeGreaterThan(11.5);
    expect(execution(shared)).toBeLessThan(13.5);
    const text = shared.assumptions.find((each) => each.key === 'concurrency')?.text ?? '';
    expect(text).toContain('1 in flight 60 tok/s each, 8 in flight 45 tok/s each, 32 in flight 25 tok/s each');
    expect(text).toContain('up to 30 per worker (a full batch does the work of 13.33 requests alone)');
  });

  it.each([
    [['--concurrency', '1:60,8:45'], 'error: --jobs-per-worker: a concurrency table with one job per worker changes nothing: set the batch the server runs (worker-vllm runs up to 30: MAX_CONCURRENCY)'],
    [['--jobs-per-worker', '40', '--concurrency', '1:60,32:25'], 'error: --concurrency: the table stops at 32 requests in flight; 40 jobs per worker need the tokens per second there: add a row'],
    [['--jobs-per-worker', '4', '--concurrency', '1=60'], 'error: --concurrency: expected rows of requests in flight: tokens per second, like 1:60,8:45,32:25, got "1=60"'],
    [['--jobs-per-worker', '4', '--concurrency', '1:fast'], 'error: --concurrency: expected a token rate like 60 tok/s, got "fast"'],
    [['--jobs-per-worker', '4', '--concurrency', '0:60'], 'error: --concurrency: expected a whole number 1 to 1000, got 0'],
  ])('%j is one line, exit 2', async (extra, line) => {
    expect(await runInProcess(['simulate', ...BASE, ...extra])).toEqual({ stdout: '', stderr: `${line}\n`, exitCode: 2 });
  });
});

describe('compare --concurrency', () => {
  it('sizes pods by a full batch: 9.26 busy requests on pods doing the work of 13.33 each at 80% is 1 pod', async () => {
    const run = await runInProcess(['compare', '--gpu', 'h100', '--requests-per-day', '100k', '--exec', '8s', '--jobs-per-worker', '30', '--concurrency', '1:60,8:45,32:25', '--precision', '5%', '--format', 'json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { options: { id: string; shape: string; utilization: number }[]; assumptions: { key: string; text: string }[] };
    const pod = report.options.find((row) => row.id === 'pod-secure');
    expect(pod?.shape).toMatch(/^1 pod x /);
    // Busy share: the work (8 s alone a request) over what the pod does with its batch full: 9.26 / 13.33 = 69.4%.
    expect(pod?.utilization).toBeCloseTo(((100_000 / 86_400) * 8) / ((30 * (45 - (20 * 22) / 24)) / 60), 9);
    expect(report.assumptions.find((each) => each.key === 'podCount')?.text).toContain('a pod doing the work of 13.33 with its batch full');
  });
});
