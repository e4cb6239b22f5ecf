// reconcile: a plan's estimate against hand-made billing records: a network volume's exact cost over days
// with one missing, the calibrated example endpoint with its fee lines, and bad billing input.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

interface Json {
  totals: { resource: string; estimatedUsd: number; billedUsd: number; gapUsd: number; gapShare: number | null }[];
  days: { period: string; estimatedUsd: number; billedUsd: number | null }[];
  data: { pass: boolean | null; findings: { kind: string; usd?: number; days?: number[] }[] };
  notes: string[];
}

const VOLUME = ['reconcile', 'test/fixtures/billing/volume-plan.yaml', '--billing', 'test/fixtures/billing/volume-missing-day.json', '--format', 'json'];

describe('reconcile: a network volume, one day missing from the bill', () => {
  it('100 GB at $0.07/GB-month = $7/month, $7 x 24 / 730 = $0.2301/day; 3 days estimated, 2 billed', async () => {
    const run = await runInProcess(VOLUME);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout) as Json;
    expect(json.days.map((d) => [d.period, d.billedUsd])).toEqual([
      ['2026-06-01', 0.23],
      ['2026-06-02', null],
      ['2026-06-03', 0.23],
    ]);
    for (const d of json.days) expect(d.estimatedUsd).toBeCloseTo((7 * 24) / 730, 9);
    expect(json.totals[0]?.estimatedUsd).toBeCloseTo((3 * 7 * 24) / 730, 9);
    expect(json.totals[0]?.billedUsd).toBeCloseTo(0.46, 9);
    expect(json.data.findings).toEqual([{ kind: 'missing', resource: 'store', days: [Date.UTC(2026, 5, 2)] }]);
    expect(json.notes).toContain('store: no billing record for 2026-06-02: counted as $0 billed (RunPod may list no bucket for a day without spend, or the file misses it).');
  });

  it('--max-gap 10% fails (exit 1) on the -33% gap, and still prints it; $0.30 passes', async () => {
    const failed = await runInProcess([...VOLUME, '--max-gap', '10%']);
    expect(failed.exitCode).toBe(1);
    expect((JSON.parse(failed.stdout) as Json).data.pass).toBe(false);
    expect((await runInProcess([...VOLUME, '--max-gap', '$0.30'])).exitCode).toBe(0);
  });

  it('sums hourly buckets into their day', async () => {
    const run = await runInProcess(['reconcile', 'test/fixtures/billing/volume-plan.yaml', '--billing', 'test/fixtures/billing/hourly.json', '--format', 'json']);
    const json = JSON.parse(run.stdout) as Json;
    expect(json.days.map((d) => [d.period, d.billedUsd])).toEqual([['2026-06-01', 0.03]]);
  });
});

describe('reconcile: the calibrated example with fee lines', () => {
  const EXAMPLE = ['reconcile', 'examples/calibrate/chat-calibrated.yaml', '--billing', 'examples/calibrate/chat-billing.json'];

  it('names the platform fee, the unpriced disk and the GPU gap in worker time; within 10%', async () => {
    const run = await runInProcess([...EXAMPLE, '--max-gap', '10%', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout) as Json;
    expect(json.data.findings.map((f) => f.kind)).toEqual(['fee', 'unpriced', 'gpu']);
    expect(json.data.findings[0]?.usd).toBeCloseTo(0.62, 9);
    expect(json.totals[0]?.billedUsd).toBeCloseTo(16.17, 9);
    // The day-by-day estimate follows the trace: its two days differ.
    expect(json.days[0]?.estimatedUsd).not.toBeCloseTo(json.days[1]?.estimatedUsd ?? 0, 2);
  });

  it('as Markdown for a pull request', async () => {
    const run = await runInProcess([...EXAMPLE, '--format', 'markdown']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('<details>')[0]).toMatchSnapshot();
  });
});

describe('reconcile: bad input, one line and exit 2', () => {
  it.each([
    [['test/fixtures/billing/other-endpoint.json'], 'error: examples/calibrate/chat-calibrated.yaml:'],
    [['test/fixtures/billing/bad-amount.json'], 'error: test/fixtures/billing/bad-amount.json: records[0].gpuAmount: expected an amount in USD (a number), got "1.00"\n'],
    [['test/fixtures/billing/other-period.json'], 'share no time: another period?'],
    [['test/fixtures/billing/none.json'], 'error: test/fixtures/billing/none.json: cannot read billing records: no such file\n'],
  ])('%j', async (files, message) => {
    const run = await runInProcess(['reconcile', 'examples/calibrate/chat-calibrated.yaml', ...files.flatMap((f) => ['--billing', f])]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  it('a billing file for another endpoint names the plan\'s id and the ids billed', async () => {
    const run = await runInProcess(['reconcile', 'examples/calibrate/chat-calibrated.yaml', '--billing', 'test/fixtures/billing/other-endpoint.json']);
    expect(run.stderr).toMatch(/^error: examples\/calibrate\/chat-calibrated\.yaml:\d+: endpoints\.chat\.id: the billing records have no endpoint jpnw0v75y3qoql: they bill zzz999 \(another endpoint or account\?\)\n$/);
  });

  it('needs --billing', async () => {
    expect((await runInProcess(['reconcile', 'examples/calibrate/chat-calibrated.yaml'])).stderr).toBe('error: --billing: required: the billing records, e.g. --billing billing.json (GET /v2/billing/serverless)\n');
  });
});
