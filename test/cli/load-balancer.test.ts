// Load-balancing endpoints end to end (in-process, short horizons): simulate, compare and check take the
// endpoint type, its wait limit and the client's retries; a wrong combination is one line and exit 2.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

const LB = ['--gpu', 'rtx4090', '--requests-per-day', '40k', '--exec', '4s', '--cold-start', '30s', '--endpoint-type', 'load-balancer'];
type SummaryRow = { measure: string; value: number | null };
const summary = (stdout: string) => (JSON.parse(stdout) as { summary: SummaryRow[] }).summary;
const measure = (rows: SummaryRow[], prefix: string) => rows.find((row) => row.measure.startsWith(prefix))?.value;

describe('simulate --endpoint-type load-balancer', () => {
  it('reports the drop share, the cut share and the retries, and states the limits with their source', async () => {
    const run = await runInProcess(['simulate', ...LB, '--horizon', '2d', '--max-workers', '1', '--active', '1', '--scaler-value', '1', '--client-retries', '2', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const rows = summary(run.stdout);
    // 1.85 erlangs on 2 workers with a 2-minute wait: some requests are dropped, none cut (4 s each).
    expect(measure(rows, 'requests dropped (no worker within 2m)')).toBeGreaterThan(0);
    expect(measure(rows, 'requests cut at 5.5m')).toBe(0);
    expect(measure(rows, 'client retries per request')).toBeGreaterThan(0);
    const assumptions = (JSON.parse(run.stdout) as { assumptions: { key: string; text: string }[] }).assumptions;
    const lb = assumptions.find((each) => each.key === 'loadBalancerMaxWaitS');
    expect(lb?.text).toContain('https://docs.runpod.io/serverless/load-balancing/overview, 2026-08-20');
    expect(lb?.text).toContain('up to 2 time(s), 5s after each failure');
  });

  it('--max-wait changes the wait limit: no wait drops more than 2 minutes', async () => {
    const dropped = async (wait: string) => {
      const run = await runInProcess(['simulate', ...LB, '--horizon', '1d', '--max-workers', '0', '--active', '2', '--max-wait', wait, '--format', 'json']);
      return measure(summary(run.stdout), 'requests dropped') as number;
    };
    expect(await dropped('0s')).toBeGreaterThan(await dropped('2m'));
  });

  it.each([
    [['--scaler', 'queue-delay'], 'error: --scaler: a load-balancing endpoint scales on request count only (RunPod requires it), not queue-delay: drop the scaler or make it request-count'],
    [['--execution-timeout', '10m'], "error: --execution-timeout: a load-balancing endpoint has no execution timeout: RunPod cuts one request at 5.5m (the catalog's limits.loadBalancerMaxRequestS); drop it"],
  ])('%j on a load balancer is one line, exit 2', async (extra, line) => {
    expect(await runInProcess(['simulate', ...LB, ...extra])).toEqual({ stdout: '', stderr: `${line}\n`, exitCode: 2 });
  });

  it('load-balancer settings on a queue endpoint are one line, exit 2', async () => {
    const run = await runInProcess(['simulate', '--gpu', 'rtx4090', '--requests-per-day', '1000', '--exec', '4s', '--client-retries', '3']);
    expect(run).toEqual({ stdout: '', stderr: 'error: --client-retries: this is a setting of a load-balancing endpoint (type: load-balancer); a queue endpoint has a queue\n', exitCode: 2 });
  });

  it('the fast path says a load balancer is outside its validated domain', async () => {
    const run = await runInProcess(['simulate', ...LB, '--method', 'analytic']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("outside the fast path's validated domain (a load-balancing endpoint");
  });
});

describe('compare --endpoint-type load-balancer', () => {
  it('shows the serverless options\' drop share; pods queue, so they drop nothing', async () => {
    const run = await runInProcess(['compare', ...LB, '--active', '2', '--max-workers', '1', '--precision', '5%', '--format', 'json']);
    expect(run.stderr).toBe('');
    const options = (JSON.parse(run.stdout) as { options: { id: string; dropRate?: number | null }[] }).options;
    expect(options.find((row) => row.id === 'flex')?.dropRate).toBeGreaterThan(0);
    expect(options.find((row) => row.id === 'pod-secure')?.dropRate).toBeNull();
  });
});

describe('check: slo.maxDropRate and --max-drop-rate', () => {
  const plan = 'test/fixtures/plans/load-balancer.yaml';
  it('the plan\'s 1% drop target holds with three retries; --max-drop-rate 0% fails it (exit 1)', async () => {
    const pass = await runInProcess(['check', plan, '--format', 'json']);
    expect(pass.exitCode, pass.stdout + pass.stderr).toBe(0);
    const rules = (JSON.parse(pass.stdout) as { rules: { rule: string; value: number }[] }).rules;
    const drop = rules.find((rule) => rule.rule === 'slo.maxDropRate');
    expect(drop?.value).toBeGreaterThan(0);
    expect(drop?.value).toBeLessThan(0.01);
    const fail = await runInProcess(['check', plan, '--max-drop-rate', '0%']);
    expect(fail.exitCode).toBe(1);
  });

  it('estimate names the endpoint a load balancer and shows its drops', async () => {
    const run = await runInProcess(['estimate', plan]);
    expect(run.stdout).toContain('requests/day, load balancer');
    expect(run.stdout).toContain('Dropped');
  });
});

describe('minworkers and idle-timeout --endpoint-type load-balancer', () => {
  type SettingsRow = { activeWorkers?: number; idleTimeout?: string; monthlyUsd: number; dropRate?: number | null };
  const settings = (stdout: string) => (JSON.parse(stdout) as { settings: SettingsRow[] }).settings;
  const FLAGS = [...LB, '--horizon', '1d', '--max-wait', '10s', '--client-retries', '1', '--client-retry-delay', '7s', '--format', 'json'];

  it('minworkers takes the same flags as simulate: each row is the simulate run with that many active workers (same seed), with its drop share', async () => {
    const run = await runInProcess(['minworkers', ...FLAGS, '--up-to', '2']);
    expect(run.stderr).toBe('');
    const rows = settings(run.stdout);
    expect(rows.map((row) => row.activeWorkers)).toEqual([0, 1, 2]);
    for (const row of rows) {
      const alone = summary((await runInProcess(['simulate', ...FLAGS, '--active', String(row.activeWorkers)])).stdout);
      expect(row.dropRate).toBe(measure(alone, 'requests dropped'));
      expect(row.monthlyUsd).toBe(measure(alone, 'monthly cost'));
    }
    // 1.85 erlangs on 3 flex workers with a 10 s wait: some drops; always-on workers drop fewer.
    expect(rows[0]?.dropRate).toBeGreaterThan(0);
    expect(rows[2]?.dropRate as number).toBeLessThan(rows[0]?.dropRate as number);
  });

  it('idle-timeout takes them too: its 30s row is simulate --idle-timeout 30s', async () => {
    const rows = settings((await runInProcess(['idle-timeout', ...FLAGS])).stdout);
    const row = rows.find((each) => each.idleTimeout === '30s') as SettingsRow;
    const alone = summary((await runInProcess(['simulate', ...FLAGS, '--idle-timeout', '30s'])).stdout);
    expect(row.dropRate).toBe(measure(alone, 'requests dropped'));
    expect(row.monthlyUsd).toBe(measure(alone, 'monthly cost'));
  });

  it('minworkers --max-drop-rate: the cheapest count whose drop share is within the target', async () => {
    const rows = settings((await runInProcess(['minworkers', ...FLAGS, '--up-to', '2'])).stdout);
    const drops = rows.map((row) => row.dropRate as number);
    // A target between the drop shares of 0 and 2 active workers: the cheapest count meeting it.
    const target = (drops[0] as number) * 0.999;
    const run = JSON.parse((await runInProcess(['minworkers', ...FLAGS, '--up-to', '2', '--max-drop-rate', `${target * 100}%`])).stdout) as { settings: (SettingsRow & { meets: boolean })[]; notes: string[] };
    expect(run.settings.map((row) => row.meets)).toEqual(drops.map((drop) => drop <= target));
    const meeting = run.settings.filter((row) => row.meets).sort((a, b) => a.monthlyUsd - b.monthlyUsd)[0] as SettingsRow;
    expect(run.notes[0]).toMatch(new RegExp(`^Cheapest that meets at most [0-9.]+% of requests dropped: ${meeting.activeWorkers} active worker\\(s\\)`));
  });

  it('a request-count value over the requests a worker takes is a warning on a load balancer (value 4, one request each), none at value 1', async () => {
    const notes = async (extra: string[]) => (JSON.parse((await runInProcess(['simulate', ...FLAGS, ...extra])).stdout) as { notes: string[] }).notes;
    const warned = (await notes([])).filter((note) => note.startsWith('Warning: the request-count scaler keeps one worker per 4 requests, but a worker takes 1 at once'));
    expect(warned).toHaveLength(1);
    expect((await notes(['--scaler-value', '1'])).some((note) => note.includes('request-count scaler keeps one worker'))).toBe(false);
    // The same finding in compare, from one check.
    const compare = JSON.parse((await runInProcess(['compare', ...FLAGS.filter((_, i) => i !== FLAGS.indexOf('--horizon') && i !== FLAGS.indexOf('--horizon') + 1)])).stdout) as { notes: string[] };
    expect(compare.notes).toContain(warned[0]);
  });

  it('the fast path says it does not cover a load balancer, once', async () => {
    const notes = (JSON.parse((await runInProcess(['minworkers', ...FLAGS, '--up-to', '1', '--method', 'analytic'])).stdout) as { notes: string[] }).notes;
    expect(notes.filter((note) => note.includes("outside the fast path's validated domain (a load-balancing endpoint"))).toHaveLength(1);
  });
});
