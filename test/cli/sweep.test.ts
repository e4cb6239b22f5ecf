// sweep end to end: the built binary (worker threads) against one thread, shards, filters, errors.
import { describe, expect, it } from 'vitest';
import { exitOf, runBuilt, runInProcess, startBuilt } from '../helpers/cli.js';

const PLAN = 'test/fixtures/sweep/plan.yaml';
const AXES = ['--set', 'endpoints.api.gpu=ADA_24,AMPERE_48', '--set', 'endpoints.api.workers.active=0..2'];

describe('sweep (built binary)', () => {
  it('streams one CSV row per point in grid order, the same on one thread and on two', () => {
    const one = runBuilt(['sweep', PLAN, ...AXES, '--threads', '1']);
    const two = runBuilt(['sweep', PLAN, ...AXES, '--threads', '2']);
    expect(one.exitCode).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const lines = one.stdout.trim().split('\n');
    expect(lines[0]).toBe('point,endpoints.api.gpu,endpoints.api.workers.active,monthlyUsd,api.monthlyUsd,usdPer1000Requests,coldStartRate,p50S,p95S,p99S,billedGpuHours');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual(['1,ADA_24,0', '2,ADA_24,1', '3,ADA_24,2', '4,AMPERE_48,0', '5,AMPERE_48,1', '6,AMPERE_48,2']);
  });

  it('the shards concatenate to the whole grid', () => {
    const whole = runBuilt(['sweep', PLAN, ...AXES]).stdout;
    const parts = [1, 2, 3].map((k) => runBuilt(['sweep', PLAN, ...AXES, '--shard', `${k}/3`]).stdout);
    expect(parts.join('')).toBe(whole);
  });

  it('reads axes from a sweep file, and prints NDJSON', () => {
    const run = runBuilt(['sweep', PLAN, '--sweep-file', 'test/fixtures/sweep/axes.yaml', '--format', 'ndjson']);
    const rows = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows).toHaveLength(6);
    expect(rows[4]).toMatchObject({ point: 5, 'endpoints.api.gpu': 'AMPERE_48', 'endpoints.api.workers.active': 1 });
  });

  it('keeps the Pareto front of cost and p95, filters with --where, ranks with --top', () => {
    // --format json is the envelope every command prints; the kept points are its `points`.
    const points = (...args: string[]) => (JSON.parse(runBuilt(['sweep', PLAN, ...AXES, '--format', 'json', ...args]).stdout) as { points: { point: number; monthlyUsd: number; p95S: number }[] }).points;
    const all = points();
    const front = points('--pareto', 'cost,p95');
    for (const point of front) expect(all.some((other) => other.monthlyUsd < point.monthlyUsd && other.p95S < point.p95S)).toBe(false);
    const cheapest = points('--top', '2', '--by', 'cost');
    expect(cheapest.map((row) => row.point)).toEqual([...all].sort((a, b) => a.monthlyUsd - b.monthlyUsd).slice(0, 2).map((row) => row.point));
    const fast = points('--where', 'p95<=20s');
    expect(fast.every((row) => row.p95S <= 20)).toBe(true);
    expect(fast.length).toBe(all.filter((row) => row.p95S <= 20).length);
  });

  it('prints a table at the end', () => {
    const run = runBuilt(['sweep', PLAN, ...AXES, '--fast', '--format', 'table']);
    expect(run.stdout).toContain('Sweep of test/fixtures/sweep/plan.yaml: 6 point(s), 6 shown');
  });
});

describe('bad input: one line, exit 2', () => {
  it.each([
    [['sweep', PLAN], 'error: --set: give at least one axis with --set path=values or --sweep-file'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active'], 'error: --set: expected path=values like endpoints.sdxl.workers.active=0..3, got "endpoints.api.workers.active"'],
    [['sweep', PLAN, '--set', 'endpoints.api.gpu=ADA_24,RTX9999', '--threads', '1'], 'error: --set endpoints.api.gpu: point 2 (endpoints.api.gpu=RTX9999): endpoints.api.gpu: unknown GPU "RTX9999"; closest: RTX 3090, RTX 4090, RTX 5090 (see runpod-plan gpus)'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0,many'], 'error: --set endpoints.api.workers.active: point 2 (endpoints.api.workers.active=many): endpoints.api.workers.active: expected a number, got "many"'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0..1', '--shard', '3/2'], 'error: --shard: expected a shard like 2/8 (k of n, 1 <= k <= n), got "3/2"'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0..1', '--where', 'p95 under 8s'], 'error: --where: expected a condition like p95<=8s or cost<500, got "p95 under 8s"'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0..1', '--pareto', 'cost,speed'], 'error: --pareto: unknown metric "speed"; use cost, monthly, per1000, cold, p50, p95, p99, gpuHours'],
  ])('%j', (args, line) => {
    expect(runBuilt(args)).toEqual({ stdout: '', stderr: `${line}\n`, exitCode: 2 });
  });

  it('a value bad only with another axis stops the sweep at its point, after the rows before it, on any number of threads', () => {
    // A 5 s cold start cannot have 15 s billed: only the point combining them fails, when it is evaluated.
    const args = ['sweep', PLAN, '--set', 'endpoints.api.coldStart=20s,5s,30s', '--set', 'endpoints.api.coldStartBilled=15s'];
    const one = runBuilt([...args, '--threads', '1']);
    expect(one.exitCode).toBe(2);
    expect(one.stderr).toBe(
      'error: --set endpoints.api.coldStart: point 2 (endpoints.api.coldStart=5s, endpoints.api.coldStartBilled=15s): endpoints.api.coldStartBilled: the billed part (15s) exceeds the cold start (5s)\n',
    );
    expect(one.stdout.trim().split('\n').map((line) => line.split(',')[0])).toEqual(['point', '1']);
    expect(runBuilt([...args, '--threads', '2'])).toEqual(one);
  });

  it('draws a progress bar on stderr when it is a terminal, and nothing extra when it is not', async () => {
    const args = ['sweep', PLAN, ...AXES, '--fast'];
    const terminal = await runInProcess(args, { stderrIsTTY: true });
    const piped = await runInProcess(args);
    expect(terminal.exitCode).toBe(0);
    expect(terminal.stdout).toBe(piped.stdout);
    // Diagnostics (the fast path's domain warning) come after the bar, in a line of their own.
    const withoutWarnings = (text: string) => text.replace(/^warning: .*\n/gm, '');
    expect(withoutWarnings(piped.stderr)).toBe('');
    // Redrawn in place (carriage returns), at most ten times a second, always at the end; then a newline.
    const frames = withoutWarnings(terminal.stderr).split('\r').filter((frame) => frame !== '');
    expect(frames.at(-1)).toMatch(/^\[#{30}\] 6\/6 points, [\d.]+\/s, 0s left \n$/);
    for (const frame of frames) expect(frame).toMatch(/^\[[#.]{30}\] \d\/6 points, [\d.]+\/s, \d+s left \n?$/);
  });

  // 60 simulated points of 30 days at 50,000 requests a day: far longer than the tests wait for.
  const LONG = ['sweep', PLAN, '--set', 'endpoints.api.traffic.requestsPerDay=50000', '--set', 'horizon=30d', '--set', 'endpoints.api.workers.max=1..60'];

  it('stops on Ctrl-C with exit 130, keeping whole rows in grid order and saying where it stopped', async () => {
    const child = startBuilt([...LONG, '--threads', '2']);
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let interrupted = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // The header and a first row: the sweep is under way. One Ctrl-C (a second one would kill it outright).
      if (!interrupted && stdout.split('\n').length >= 3) interrupted = child.kill('SIGINT');
    });
    expect(await exitOf(child)).toBe(130);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]?.startsWith('point,')).toBe(true);
    const points = lines.slice(1).map((line) => Number(line.split(',')[0]));
    expect(points.length).toBeGreaterThan(0);
    expect(points.length).toBeLessThan(60);
    expect(points).toEqual(points.map((_, i) => i + 1));
    for (const line of lines.slice(1)) expect(line.split(',')).toHaveLength(lines[0]?.split(',').length ?? 0);
    expect(stderr).toMatch(new RegExp(`^sweep: stopped after ${points.length} of 60 points; the rows above are complete.\\n$`));
  }, 30_000);

  it('ends quietly when the reader of its output goes away (| head)', async () => {
    const child = startBuilt([...LONG, '--threads', '2']);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.once('data', () => child.stdout?.destroy());
    expect(await exitOf(child)).toBe(0);
    expect(stderr).toBe('');
  }, 30_000);
});
