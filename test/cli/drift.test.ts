// The commands used to describe an endpoint three times and drifted apart. These hold them to one
// description: the same flags are refused the same way everywhere, and a catalog's billing rules reach
// every command.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

const COMPARE = ['compare', '--gpu', 'rtx4090', '--requests-per-day', '1000', '--exec', '4s'];
const COLDSTART = ['coldstart', '--gpu', 'rtx4090', '--requests-per-day', '1000', '--exec', '4s'];
const SIMULATE = ['simulate', '--gpu', 'rtx4090', '--requests-per-day', '1000', '--exec', '4s', '--horizon', '2d'];

describe('coldstart refuses exactly what compare refuses', () => {
  it.each([
    [['--idle-timeout', '0s']],
    [['--idle-timeout', '2h']],
    [['--idle-timeout', 'soon']],
    [['--gpu', 'rtx4900']],
    [['--weights', '7GB', '--model', 'sdxl-base']],
    [['--model', 'sdxl-bas']],
    [['--params', '8B']],
    [['--weights', '7GB', '--baked-image', '5GB']],
    [['--flashboot-hit', '150%']],
    [['--pull-bandwidth', '0MB/s', '--image', '2GB']],
    [['--exec', '0s']],
  ])('%j: the same line, exit 2', async (flags) => {
    const compare = await runInProcess([...COMPARE, ...flags]);
    const coldstart = await runInProcess([...COLDSTART, ...flags]);
    expect(compare.exitCode).toBe(2);
    expect(coldstart).toEqual({ stdout: '', stderr: compare.stderr, exitCode: 2 });
  });

  it('refuses no flex worker in both, naming --max-workers', async () => {
    const compare = await runInProcess([...COMPARE, '--max-workers', '0']);
    const coldstart = await runInProcess([...COLDSTART, '--max-workers', '0']);
    expect([compare.exitCode, coldstart.exitCode]).toEqual([2, 2]);
    expect(compare.stderr).toMatch(/^error: --max-workers: /);
    expect(coldstart.stderr).toMatch(/^error: --max-workers: /);
  });

  it('and checks the endpoint settings even without traffic', async () => {
    const run = await runInProcess(['coldstart', '--gpu', 'rtx4090', '--idle-timeout', '0s']);
    expect(run).toEqual({ stdout: '', stderr: 'error: --idle-timeout: RunPod accepts idle timeouts of 1s to 1h, got 0s\n', exitCode: 2 });
  });
});

describe('a default cold-start phase the catalog does not bill is unbilled in every command', () => {
  const catalog = ['--catalog', 'test/fixtures/catalogs/unbilled-import.yaml', '--format', 'json'];
  // Container start 3 s + framework import 5 s (unbilled here) + CUDA context 0.5 s = 8.5 s, 3.5 s billed.
  const BILLED_S = 3.5;

  it('compare: 3.5 s of the 8.5 s default billed', async () => {
    const run = await runInProcess([...COMPARE, ...catalog]);
    expect(run.exitCode).toBe(0);
    const coldStart = JSON.parse(run.stdout).assumptions.find((a: { key: string }) => a.key === 'coldStartS');
    expect(coldStart.text).toContain(', 3.5s billed;');
  });

  it('simulate, closed forms: billed start seconds = 3.5 s x starts', async () => {
    const run = await runInProcess([...SIMULATE, '--method', 'analytic', ...catalog]);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    const starts = json.summary.find((row: { measure: string }) => row.measure === 'worker starts per month').value;
    const billed = json.lineItems.find((row: { item: string }) => row.item === 'Flex cold starts (billed part)').quantity;
    expect(billed / starts).toBeCloseTo(BILLED_S, 9);
  });

  it('simulate: billed start seconds per start are 3.5 s (a start cut off by the horizon bills less)', async () => {
    const run = await runInProcess([...SIMULATE, ...catalog]);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    const starts = json.summary.find((row: { measure: string }) => row.measure === 'worker starts per month').value;
    const billed = json.lineItems.find((row: { item: string }) => row.item === 'Flex cold starts (billed part)').quantity;
    expect(billed / starts).toBeGreaterThan(BILLED_S * 0.99);
    expect(billed / starts).toBeLessThanOrEqual(BILLED_S);
    const coldStart = json.assumptions.find((a: { key: string }) => a.key === 'coldStartS');
    expect(coldStart.text).toContain(', 3.5s billed;');
  });
});

describe('plan files take every cold-start setting the flags take', () => {
  it('a plan with the eight settings the flags had alone estimates like the flags simulate', async () => {
    const flags = ['--container-start', '4s', '--import', '6s', '--cuda', '1s', '--no-persistence', '--disk-bandwidth', '2GB/s', '--volume-bandwidth', '500MB/s', '--download-bandwidth', '1GB/s', '--restore', '3s', '--flashboot-hit', '50%', '--weights', '10GB', '--weights-from', 'network-volume'];
    const sim = await runInProcess([...SIMULATE, ...flags, '--format', 'json']);
    const plan = await runInProcess(['estimate', 'test/fixtures/plans/cold-start-settings.yaml', '--format', 'json']);
    expect([sim.exitCode, plan.exitCode]).toEqual([0, 0]);
    const simCost = JSON.parse(sim.stdout).summary.find((row: { measure: string }) => row.measure === 'monthly cost').value;
    const planCost = JSON.parse(plan.stdout).resources[0].monthlyUsd;
    expect(planCost).toBe(simCost);
  });
});

describe('one error, named where it was written', () => {
  it('a flag names the flag; a plan names its file, line, column and key', async () => {
    const flag = await runInProcess([...SIMULATE, '--idle-timeout', '0s']);
    const plan = await runInProcess(['estimate', 'test/fixtures/plans/idle-timeout-zero.yaml']);
    expect(flag.stderr).toBe('error: --idle-timeout: RunPod accepts idle timeouts of 1s to 1h, got 0s\n');
    expect(plan.stderr).toBe('error: test/fixtures/plans/idle-timeout-zero.yaml:7:16: endpoints.api.workers.idleTimeout: RunPod accepts idle timeouts of 1s to 1h, got 0s\n');
    expect([flag.exitCode, plan.exitCode]).toEqual([2, 2]);
  });

  it('a value no form of a union accepts is reported at the part that is wrong', async () => {
    const flag = await runInProcess([...COMPARE.slice(0, -2), '--exec', '4 sec']);
    expect(flag.stderr).toBe('error: --exec: expected a duration like 4s or 250ms, got "4 sec"\n');
  });
});
