// sweep end to end: the built binary (worker threads) against one thread, shards, filters, errors.
import { describe, expect, it } from 'vitest';
import { exitOf, runBuilt, runInProcess, startBuilt } from '../helpers/cli.js';

const PLAN = 'test/fixtures/sweep/plan.yaml';
const AXES = ['--set', 'endpoints.api.gpu=ADA_24,AMPERE_48', '--set', 'endpoints.api.workers.active=0..2'];

/** The estimate line: its figures are timed, so only its form is fixed. */
const ESTIMATE = String.raw`sweep: (under a second|about \d+(\.\d)? (s|min|h)) on \d threads? \([\d.]+ (ms|s) a point, timed on (the first point|\d+ points? spread over the (grid|shard))\)\n`;

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

  it('states the grid before the first point, and the estimate once points are timed, on stderr', () => {
    const simulated = runBuilt(['sweep', PLAN, ...AXES, '--threads', '2']);
    expect(simulated.stderr).toMatch(new RegExp(`^sweep: 6 points \\(2 x 3\\), simulated\n${ESTIMATE}$`));
    expect(simulated.stderr).toMatch(/on 2 threads \([\d.]+ (ms|s) a point, timed on the first point\)/);
    // Fast-path points are timed spread over the grid before any helper thread starts: here all six, and
    // with none left nothing to estimate.
    const fast = runBuilt(['sweep', PLAN, ...AXES, '--fast']);
    expect(fast.stderr.replace(/^warning: .*\n/gm, '')).toBe('sweep: 6 points (2 x 3), fast path\n');
    // The two points without active workers (queue-delay 'pending', a 4 s threshold with 4 s jobs) are in the
    // cost's domain, not in the cold-start rate's (per-request only); the four with them in neither.
    expect(fast.stderr).toContain("warning: 4 of 6 points are outside the fast path's validated domain");
    expect(fast.stderr).toContain("warning: 2 of 6 points have a cold-start rate outside the fast path's validated domain (their cost is inside): sweep them without --fast for it.\n");
    const larger = runBuilt(['sweep', PLAN, '--set', 'endpoints.api.workers.max=1..10', '--set', 'endpoints.api.traffic.requestsPerDay=1000..1100', '--fast', '--threads', '1']);
    expect(larger.stderr).toMatch(new RegExp(`^sweep: 1,010 points \\(10 x 101\\), fast path\n${ESTIMATE.replace('\\d threads?', '1 thread')}`));
    expect(larger.stdout.trim().split('\n')).toHaveLength(1011);
  });

  it('prints a table at the end', () => {
    const run = runBuilt(['sweep', PLAN, ...AXES, '--fast', '--format', 'table']);
    expect(run.stdout).toContain('Sweep of test/fixtures/sweep/plan.yaml: 6 point(s), 6 shown');
  });
});

describe('--shard auto: the slice from the engine the run is part of', () => {
  const args = ['sweep', PLAN, ...AXES, '--fast'];

  it('a CI matrix passes RUNPOD_PLAN_SHARD=k/n; a Kubernetes Indexed Job JOB_COMPLETION_INDEX (from 0) with --shard-count or RUNPOD_PLAN_SHARD_COUNT', async () => {
    const parts = await Promise.all([1, 2, 3].map((k) => runInProcess([...args, '--shard', `${k}/3`])));
    const matrix = await Promise.all([1, 2, 3].map((k) => runInProcess([...args, '--shard', 'auto'], { env: { RUNPOD_PLAN_SHARD: `${k}/3` } })));
    const indexed = await Promise.all([0, 1, 2].map((i) => runInProcess([...args, '--shard', 'auto', '--shard-count', '3'], { env: { JOB_COMPLETION_INDEX: String(i) } })));
    const counted = await Promise.all([0, 1, 2].map((i) => runInProcess([...args, '--shard', 'auto'], { env: { JOB_COMPLETION_INDEX: String(i), RUNPOD_PLAN_SHARD_COUNT: '3' } })));
    for (const runs of [matrix, indexed, counted]) expect(runs.map((run) => run.stdout)).toEqual(parts.map((run) => run.stdout));
    expect(parts.map((run) => run.stdout).join('')).toBe((await runInProcess(args)).stdout);
    // The first line says which shard and where it came from.
    expect(matrix[1]?.stderr.split('\n')[0]).toBe('sweep: shard 2 of 3 (RUNPOD_PLAN_SHARD=2/3): points 3 to 4 of 6 (2 x 3), fast path');
    expect(indexed[0]?.stderr.split('\n')[0]).toBe('sweep: shard 1 of 3 (JOB_COMPLETION_INDEX=0): points 1 to 2 of 6 (2 x 3), fast path');
    expect(parts[2]?.stderr.split('\n')[0]).toBe('sweep: shard 3 of 3: points 5 to 6 of 6 (2 x 3), fast path');
    // RUNPOD_PLAN_SHARD comes first when both are set (a matrix job that happens to run in a pod).
    expect((await runInProcess([...args, '--shard', 'auto'], { env: { RUNPOD_PLAN_SHARD: '3/3', JOB_COMPLETION_INDEX: '0', RUNPOD_PLAN_SHARD_COUNT: '3' } })).stdout).toBe(parts[2]?.stdout);
  });

  it.each([
    [{ JOB_COMPLETION_INDEX: '1' }, [], 'error: --shard: JOB_COMPLETION_INDEX=1 needs the number of shards: give --shard-count (the Indexed Job\'s completions) or set RUNPOD_PLAN_SHARD_COUNT'],
    [{ JOB_COMPLETION_INDEX: '3' }, ['--shard-count', '3'], 'error: --shard: JOB_COMPLETION_INDEX=3 is not below the 3 shards (indexes 0 to 2)'],
    [{ JOB_COMPLETION_INDEX: 'two' }, ['--shard-count', '3'], 'error: --shard: JOB_COMPLETION_INDEX: expected a whole number from 0, got "two"'],
    [{ JOB_COMPLETION_INDEX: '0', RUNPOD_PLAN_SHARD_COUNT: '0' }, [], 'error: --shard: RUNPOD_PLAN_SHARD_COUNT: expected a whole number 1 to 100000, got 0'],
    [{ RUNPOD_PLAN_SHARD: '5/4' }, [], 'error: --shard: RUNPOD_PLAN_SHARD: expected a shard like 2/8 (k of n, 1 <= k <= n), got "5/4"'],
    [{ RUNPOD_PLAN_SHARD: '2/4' }, ['--shard-count', '3'], 'error: --shard: RUNPOD_PLAN_SHARD=2/4 says 4 shards, but the count given is 3'],
    [{ RUNPOD_PLAN_SHARD: '', JOB_COMPLETION_INDEX: '' }, [], 'error: --shard: auto found no shard in the environment: set RUNPOD_PLAN_SHARD=k/n (a CI matrix), or run in a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) with --shard-count'],
  ])('%j %j: one line, exit 2', async (env, flags, line) => {
    expect(await runInProcess([...args, '--shard', 'auto', ...flags], { env })).toEqual({ stdout: '', stderr: `${line}\n`, exitCode: 2 });
  });
});

describe('bad input: one line, exit 2', () => {
  it.each([
    [['sweep', PLAN], 'error: --set: give at least one axis with --set path=values or --sweep-file'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active'], 'error: --set: expected path=values like endpoints.sdxl.workers.active=0..3, got "endpoints.api.workers.active"'],
    [['sweep', PLAN, '--set', 'endpoints.api.gpu=ADA_24,RTX9999', '--threads', '1'], 'error: --set endpoints.api.gpu: point 2 (endpoints.api.gpu=RTX9999): endpoints.api.gpu: unknown GPU "RTX9999"; closest: RTX 3090, RTX 4090, RTX 5090 (see runpod-plan gpus)'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0,many'], 'error: --set endpoints.api.workers.active: point 2 (endpoints.api.workers.active=many): endpoints.api.workers.active: expected a number, got "many"'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0..1', '--shard', '3/2'], 'error: --shard: expected a shard like 2/8 (k of n, 1 <= k <= n), got "3/2"'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0..1', '--shard', '1/100001'], 'error: --shard: the number of shards: expected a whole number 1 to 100000, got 100001'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0..1', '--shard', 'auto'], 'error: --shard: auto found no shard in the environment: set RUNPOD_PLAN_SHARD=k/n (a CI matrix), or run in a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) with --shard-count'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0..1', '--shard', '1/2', '--shard-count', '2'], 'error: --shard-count: goes with --shard auto (the count of a Kubernetes Indexed Job)'],
    [
      ['sweep', PLAN, '--set', 'endpoints.api.traffic.requestsPerDay=1000..100000', '--set', 'endpoints.api.workers.max=1..20'],
      'error: --set: the grid has 1,980,020 points (99,001 x 20), over the limit of 1,000,000: fewer axis values, more shards (--shard), or a higher --max-points; endpoints.api.traffic.requestsPerDay=1000..100000 is an integer range of 99,001 values (a geometric one: 1000..100000x10)',
    ],
    [
      ['sweep', PLAN, '--set', 'endpoints.api.workers.max=1..20', '--set', 'endpoints.api.workers.active=0..9', '--shard', '1/2', '--max-points', '99'],
      "error: --set: shard 1 of 2 has 100 of the grid's 200 points (20 x 10), over the limit of 99: fewer axis values, more shards (--shard), or a higher --max-points",
    ],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0..1', '--where', 'p95 under 8s'], 'error: --where: expected a condition like p95<=8s or cost<500, got "p95 under 8s"'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.active=0..1', '--pareto', 'cost,speed'], 'error: --pareto: unknown metric "speed"; use cost, monthly, per1000, cold, p50, p95, p99, gpuHours'],
    // The fast path gives no percentiles: filtering or ranking on one would keep nothing, silently.
    [['sweep', PLAN, '--set', 'endpoints.api.workers.max=1..3', '--where', 'p95<=8s', '--fast'], 'error: --where: the fast path gives no latency percentiles, so --where on p50, p95 or p99 would keep or rank nothing: sweep without --fast'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.max=1..3', '--pareto', 'cost,p99', '--fast'], 'error: --pareto: the fast path gives no latency percentiles, so --pareto on p50, p95 or p99 would keep or rank nothing: sweep without --fast'],
    [['sweep', PLAN, '--set', 'endpoints.api.workers.max=1..3', '--top', '2', '--by', 'p50', '--fast'], 'error: --by: the fast path gives no latency percentiles, so --by on p50, p95 or p99 would keep or rank nothing: sweep without --fast'],
  ])('%j', (args, line) => {
    expect(runBuilt(args)).toEqual({ stdout: '', stderr: `${line}\n`, exitCode: 2 });
  });

  it('a value bad only with another axis stops the sweep at its point, after the rows before it, on any number of threads', () => {
    // A 5 s cold start cannot have 15 s billed: only the point combining them fails, when it is evaluated.
    const args = ['sweep', PLAN, '--set', 'endpoints.api.coldStart=20s,5s,30s', '--set', 'endpoints.api.coldStartBilled=15s'];
    const one = runBuilt([...args, '--threads', '1']);
    expect(one.exitCode).toBe(2);
    expect(one.stderr).toMatch(
      new RegExp(
        `^sweep: 3 points \\(3 x 1\\), simulated\n${ESTIMATE.replace('\\d threads?', '1 thread')}error: --set endpoints.api.coldStart: point 2 \\(endpoints.api.coldStart=5s, endpoints.api.coldStartBilled=15s\\): endpoints.api.coldStartBilled: the billed part \\(15s\\) exceeds the cold start \\(5s\\)\n$`,
      ),
    );
    expect(one.stdout.trim().split('\n').map((line) => line.split(',')[0])).toEqual(['point', '1']);
    const two = runBuilt([...args, '--threads', '2']);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr.split('\n').at(-2)).toBe(one.stderr.split('\n').at(-2));
    // With the fast path the failing point may be timed before the sweep: the same rows, the same error.
    const fast = runBuilt([...args, '--fast']);
    expect(fast.stdout.trim().split('\n').map((line) => line.split(',')[0])).toEqual(['point', '1']);
    expect(fast.stderr.split('\n').at(-2)).toBe(one.stderr.split('\n').at(-2));
  });

  it('draws a progress bar on stderr when it is a terminal, and nothing but the grid line when it is not', async () => {
    const args = ['sweep', PLAN, ...AXES, '--fast'];
    const terminal = await runInProcess(args, { stderrIsTTY: true });
    const piped = await runInProcess(args);
    expect(terminal.exitCode).toBe(0);
    expect(terminal.stdout).toBe(piped.stdout);
    // Diagnostics (the fast path's domain warning) come after the bar, in a line of their own.
    const withoutWarnings = (text: string) => text.replace(/^warning: .*\n/gm, '');
    const GRID = 'sweep: 6 points (2 x 3), fast path\n';
    expect(withoutWarnings(piped.stderr)).toBe(GRID);
    // Redrawn in place (carriage returns), at most ten times a second, always at the end; then a newline.
    expect(terminal.stderr.startsWith(GRID)).toBe(true);
    const frames = withoutWarnings(terminal.stderr.slice(GRID.length)).split('\r').filter((frame) => frame !== '');
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
    expect(stderr).toMatch(new RegExp(`^sweep: 60 points \\(1 x 1 x 60\\), simulated\n(${ESTIMATE})?sweep: stopped after ${points.length} of 60 points; the rows above are complete.\\n$`));
  }, 30_000);

  it('ends quietly when the reader of its output goes away (| head)', async () => {
    const child = startBuilt([...LONG, '--threads', '2']);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.once('data', () => child.stdout?.destroy());
    expect(await exitOf(child)).toBe(0);
    expect(stderr).toMatch(new RegExp(`^sweep: 60 points \\(1 x 1 x 60\\), simulated\n(${ESTIMATE})?$`));
  }, 30_000);
});
