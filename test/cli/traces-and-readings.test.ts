// A trace is priced over the time it covers, never over a month of silence after it; and the queue-delay
// scaler's reading decides whether a lone request starts one worker or two.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

interface Json {
  summary: { measure: string; value: number }[];
  assumptions: { key: string; value: number; text: string }[];
  data: { coldStarts: { workerStarts: number } };
}
const measure = (json: Json, name: string) => json.summary.find((row) => row.measure === name)?.value;
const assumption = (json: Json, key: string) => json.assumptions.find((row) => row.key === key);

describe('traces', () => {
  const ONE_DAY = ['simulate', '--gpu', 'rtx4090', '--exec', '4s', '--trace', 'test/fixtures/traces/one-day.csv', '--format', 'json'];

  it('a one-day trace is priced on one day: its 100 requests are about 3,000 a month, not 100', async () => {
    const run = await runInProcess(ONE_DAY);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout) as Json;
    // 100 requests over the trace's span of 86,000 s, scaled to a 730 h month: 100 x 2,628,000 / 86,000 = 3,055.8.
    expect(measure(json, 'requests per month')).toBeCloseTo(3055.81, 1);
    expect(assumption(json, 'horizon')?.value).toBe(86_000);
    expect(assumption(json, 'horizon')?.text).toContain("(the trace's span)");
  });

  it('refuses a horizon longer than the trace, naming --horizon, unless the trace repeats', async () => {
    const refused = await runInProcess([...ONE_DAY, '--horizon', '30d']);
    expect(refused).toEqual({
      stdout: '',
      stderr: 'error: --horizon: the trace spans 86000s: a horizon of 30d would price 2506000s with no traffic; replay it with --repeat-trace, or give a horizon up to its span\n',
      exitCode: 2,
    });
    const repeated = await runInProcess([...ONE_DAY, '--horizon', '30d', '--repeat-trace']);
    expect(repeated.exitCode).toBe(0);
    const json = JSON.parse(repeated.stdout) as Json;
    // Replayed with the trace's span as its period: within 1% of the same rate.
    expect(Math.abs((measure(json, 'requests per month') ?? 0) / 3055.81 - 1)).toBeLessThan(0.01);
    expect(assumption(json, 'horizon')?.text).toContain('(the trace replayed end to end)');
  });
});

describe('cycles: a daily profile or bursts are simulated over whole cycles', () => {
  const PROFILE = ['simulate', '--gpu', 'rtx4090', '--exec', '100ms', '--max-workers', '30', '--profile', 'business-hours', '--format', 'json'];

  it('refuses a horizon that prices part of the cycle as the month', async () => {
    // One hour of a business-hours day is its night: scaled to a month it was $152 against $581 over 7 days.
    expect(await runInProcess([...PROFILE, '--requests-per-day', '5000', '--horizon', '1h'])).toEqual({
      stdout: '',
      stderr: 'error: --horizon: a daily profile repeats every 24h: give whole days (1d, 7d), got 1h; a part of the cycle would be priced as the whole month\n',
      exitCode: 2,
    });
    const bursts = await runInProcess(['simulate', '--gpu', 'rtx4090', '--exec', '4s', '--requests-per-day', '2000', '--burst-on', '1h', '--burst-off', '2h', '--horizon', '2h']);
    expect(bursts.stderr).toBe('error: --horizon: bursts repeat every 3h: give at least that, got 2h; a part of the cycle would be priced as the whole month\n');
    expect((await runInProcess([...PROFILE, '--requests-per-day', '5000', '--horizon', '2d'])).exitCode).toBe(0);
  });

  it('busy traffic with a profile starts on a whole day, not the 12 hours its requests would fill', async () => {
    const json = JSON.parse((await runInProcess([...PROFILE, '--requests-per-day', '500k', '--precision', '20%'])).stdout) as Json;
    expect(assumption(json, 'horizon')?.value).toBe(86_400);
    expect(assumption(json, 'horizon')?.text).toContain('(from 1d until');
  });
});

describe('the queue-delay reading', () => {
  // Requests at 0 and 1,800 s within a 1 h horizon, each to an endpoint scaled to zero again (5 s idle
  // timeout); the 20 s cold start outlasts the 4 s threshold.
  const LONE = ['simulate', '--gpu', 'rtx4090', '--exec', '2s', '--cold-start', '20s', '--trace', 'test/fixtures/traces/two-isolated.csv', '--horizon', '1h', '--format', 'json'];

  it.each([
    ['pending', 1],
    ['eager', 2],
  ])('%s: a lone request starts %i worker(s)', async (reading, perRequest) => {
    const run = await runInProcess([...LONE, '--queue-delay-reading', reading]);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout) as Json;
    expect(json.data.coldStarts.workerStarts).toBe(2 * perRequest);
    expect(assumption(json, 'workers')?.text).toContain(`${reading} reading`);
  });
});

describe('settings that need another', () => {
  it.each([
    [['--repeat-trace'], 'error: --repeat-trace: it replays a trace: give --trace too\n'],
    [['--scaler', 'per-request', '--scaler-threshold', '2s'], 'error: --scaler-threshold: a threshold is a setting of --scaler queue-delay, not of per-request\n'],
  ])('%j: one line, exit 2', async (flags, stderr) => {
    const run = await runInProcess(['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', ...flags]);
    expect(run).toEqual({ stdout: '', stderr, exitCode: 2 });
  });
});
