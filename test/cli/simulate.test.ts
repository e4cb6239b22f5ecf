// simulate, minworkers and idle-timeout end to end (short horizons keep the suite fast).
import { describe, expect, it } from 'vitest';
import { runBuilt } from '../helpers/cli.js';

const BASE = ['--gpu', 'rtx4090', '--horizon', '2d'];

describe('simulate (built binary)', () => {
  it.each([
    ['Poisson, lognormal execution, queue-delay scaler', ['simulate', ...BASE, '--requests-per-day', '20k', '--exec-p50', '3s', '--exec-p95', '9s', '--max-workers', '10', '--cold-start', '20s', '--cold-start-billed', '15s']],
    ['business hours with a timeline', ['simulate', ...BASE, '--requests-per-day', '5000', '--exec', '4s', '--profile', 'business-hours', '--timeline']],
    ['bursts, request-count scaler, one active worker', ['simulate', ...BASE, '--requests-per-day', '2000', '--exec', '4s', '--burst-on', '5m', '--burst-off', '55m', '--scaler', 'request-count', '--active', '1']],
    // A trace is simulated over its own span (a longer horizon would price silence).
    ['an Azure-style trace with execution samples', ['simulate', '--gpu', 'rtx4090', '--trace', 'test/fixtures/traces/azure.csv', '--trace-format', 'counts', '--exec-samples', 'test/fixtures/traces/exec-samples.csv']],
    ['the analytic path', ['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--method', 'analytic']],
  ])('%s', (_name, args) => {
    for (const format of ['table', 'json']) {
      const run = runBuilt([...args, '--format', format]);
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect({ command: `runpod-plan ${args.join(' ')} --format ${format}`, ...run }).toMatchSnapshot();
    }
  });

  it('is deterministic per seed, and a different seed gives a different sample', () => {
    const args = ['simulate', ...BASE, '--requests-per-day', '5000', '--exec', '4s', '--format', 'json'];
    const first = runBuilt([...args, '--seed', '7']).stdout;
    expect(runBuilt([...args, '--seed', '7']).stdout).toBe(first);
    expect(runBuilt([...args, '--seed', '8']).stdout).not.toBe(first);
  });

  it('simulation and closed forms agree on a steady Poisson month (within 10% on cost)', () => {
    const args = ['simulate', '--gpu', 'rtx4090', '--requests-per-day', '2000', '--exec', '4s', '--idle-timeout', '30s', '--cold-start', '20s', '--max-workers', '1', '--format', 'json'];
    const monthly = (method: string) => JSON.parse(runBuilt([...args, '--method', method]).stdout).summary[0].value as number;
    const sim = monthly('sim');
    const analytic = monthly('analytic');
    expect(Math.abs(sim - analytic) / analytic).toBeLessThan(0.1);
  });
});

describe('minworkers and idle-timeout', () => {
  it('minworkers names the cheapest count meeting a cold-start target', () => {
    const run = runBuilt(['minworkers', ...BASE, '--requests-per-day', '5000', '--exec', '4s', '--cold-start', '30s', '--max-cold-rate', '5%', '--up-to', '3', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.settings.map((row: { activeWorkers: number }) => row.activeWorkers)).toEqual([0, 1, 2, 3]);
    const first = json.settings.findIndex((row: { meets: boolean }) => row.meets);
    expect(first).toBeGreaterThan(0);
    expect(json.notes[0]).toMatch(/^Cheapest that meets at most 5% of requests waiting on a cold start: \d active worker/);
  });

  it('minworkers says when no count can meet a p95 below the execution time itself', () => {
    const run = runBuilt(['minworkers', ...BASE, '--requests-per-day', '5000', '--exec', '4s', '--p95', '2s']);
    expect(run.stdout).toMatch(/No worker count can meet a p95 of 2s: execution alone has a p95 of 1\d\.\ds\./);
  });

  it('idle-timeout tries a range and gives the robust choice (the billed cold start)', () => {
    const run = runBuilt(['idle-timeout', ...BASE, '--requests-per-day', '2000', '--exec', '4s', '--cold-start', '30s', '--cold-start-billed', '20s', '--timeouts', '1s..10m', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.settings.map((row: { idleTimeoutS: number }) => row.idleTimeoutS)).toEqual([1, 1.8, 3.2, 5.7, 10, 18, 33, 59, 100, 190, 340, 600]);
    expect(json.notes).toContain(
      'Robust choice without knowing the traffic: 20s, the billed length of a cold start (idle that long costs what a start costs; never worse than twice the best).',
    );
  });
});

describe('bad input: one line, exit 2', () => {
  it.each([
    [['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500'], 'error: --exec: give one of --exec, --exec-p50 with --exec-p95, or --exec-samples'],
    [['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec-p50', '3s'], 'error: --exec-p95: a lognormal execution time needs both --exec-p50 and --exec-p95'],
    [['simulate', '--gpu', 'rtx4090', '--exec', '4s'], 'error: --requests-per-day: give exactly one of --requests-per-day, --rps or --trace (got 0)'],
    [['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--profile', 'weekends'], 'error: --profile: expected flat, business-hours or 24 non-negative hourly weights, got "weekends"'],
    [['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--burst-on', '5m'], 'error: --burst-off: bursts need both --burst-on and --burst-off, on above 0s'],
    [['simulate', '--gpu', 'rtx4090', '--trace', 'nope.csv', '--exec', '4s'], 'error: nope.csv: cannot read trace: no such file'],
    [['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--burst-on', '5m', '--burst-off', '5m', '--method', 'analytic'], 'error: --method: the fast path covers Poisson traffic and daily profiles, not bursts or traces: use --method sim'],
    [['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--seed', 'x'], 'error: --seed: expected a whole number like 0 or 3, got "x"'],
    [['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--horizon', '10m'], 'error: --horizon: expected 1h to 3650d, got 10m'],
    [['idle-timeout', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--timeouts', '5s,soon'], 'error: --timeouts: expected a duration like 4s or 250ms, got "soon"'],
    [['idle-timeout', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--timeouts', '0s,5s'], 'error: --timeouts: RunPod accepts idle timeouts of 1s to 1h, got 0s'],
    [['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--idle-timeout', '2h'], 'error: --idle-timeout: RunPod accepts idle timeouts of 1s to 1h, got 2h'],
    [['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--execution-timeout', '1s'], 'error: --execution-timeout: RunPod accepts execution timeouts of 5s to 7d, got 1s'],
    [['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--scaler-threshold', '100ms'], "error: --scaler-threshold: RunPod's queue-delay threshold is at least 500ms, got 100ms"],
  ])('%j', (args, line) => {
    expect(runBuilt(args)).toEqual({ stdout: '', stderr: `${line}\n`, exitCode: 2 });
  });
});
