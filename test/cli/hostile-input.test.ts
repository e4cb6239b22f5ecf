// Whatever a careless or hostile user types into any flag or plan field, the tool answers with exit code
// 0, 1 or 2; on 2 with exactly one line on stderr and nothing on stdout; never a stack trace (exit 70),
// never a hang: work is sized before it starts (src/input/limits.ts). Random strings and numbers from
// fast-check, including the values that once broke it (1e400, 400 digits, __proto__, a broken byte).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, type CliRun } from '../helpers/cli.js';

/** Values that broke the tool before, and the shapes of number people type. */
const KNOWN_BAD = [
  '', ' ', '0', '-1', '1e400', '-1e400', 'NaN', 'Infinity', '1e300', '0.0000001', '9'.repeat(400), '__proto__', 'constructor',
  'rtx\uFFFD4090', 'a\u0000b', '150%', '-5%', '1e12', '10000000000s', '36500d', '$1e400/h', '1..1e10', 'x'.repeat(5000), '[object Object]',
];

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_BAD) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.double().map(String) },
  { weight: 2, arbitrary: fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }).map(String) },
  { weight: 1, arbitrary: fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom('s', 'ms', 'm', 'h', 'd', 'GB', 'MB/s', '%', 'k', '/h')).map(([n, unit]) => `${n}${unit}`) },
);

/** The answer is one of the three exit codes, and a refusal is one line. */
function expectClean(run: CliRun, what: string): void {
  expect([0, 1, 2], `${what}: exit ${run.exitCode}, stderr ${run.stderr.slice(0, 300)}`).toContain(run.exitCode);
  expect(run.stderr, what).not.toMatch(/internal error|\n\s+at /);
  if (run.exitCode === 2) {
    expect(run.stdout, what).toBe('');
    expect(run.stderr, what).toMatch(/^error: [^\n]*\n$/);
  }
}

/** A command's long options, read from its --help. */
async function flagsOf(command: string): Promise<string[]> {
  const help = (await runInProcess([command, '--help'])).stdout;
  return [...help.matchAll(/^\s+(?:-\w, )?(--[a-z][a-z-]*) </gm)].map((match) => match[1] as string).filter((flag) => flag !== '--output' && flag !== '--catalog');
}

// Small work: each run holds at most 100,000 requests, so a random valid input stays quick.
const SMALL = ['--max-requests', '100000', '--precision', '20%'];
const COMMANDS: [string, string[]][] = [
  ['compare', ['compare', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', ...SMALL]],
  ['simulate', ['simulate', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', ...SMALL]],
  ['tokens', ['tokens', '--gpu', 'rtx4090', '--requests-per-day', '500', '--tokens-in', '100', '--tokens-out', '50', '--prefill', '1000', '--concurrency', '1:60,4:40', '--jobs-per-worker', '4', ...SMALL]],
  ['breakeven', ['breakeven', '--gpu', 'rtx4090', '--exec', '4s', '--fast']],
  ['coldstart', ['coldstart', '--gpu', 'rtx4090', '--model', 'sdxl-base']],
  ['minworkers', ['minworkers', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--up-to', '2', ...SMALL]],
  ['idle-timeout', ['idle-timeout', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', ...SMALL]],
  ['gpus', ['gpus']],
  ['estimate', ['estimate', 'test/fixtures/plans/small.yaml']],
  ['check', ['check', 'test/fixtures/plans/small.yaml']],
  ['diff', ['diff', 'test/fixtures/plans/baseline.yaml', 'test/fixtures/plans/small.yaml']],
  ['sweep', ['sweep', 'test/fixtures/plans/small.yaml', '--set', 'endpoints.api.workers.max=1,2', '--fast']],
];

describe('every known bad value in every flag', () => {
  it.each(COMMANDS)('%s', async (command, base) => {
    const flags = await flagsOf(command);
    for (const flag of flags) {
      for (const text of KNOWN_BAD) expectClean(await runInProcess([...base, flag, text]), `${command} ${flag} ${JSON.stringify(text.slice(0, 60))}`);
    }
  }, 300_000);
});

describe('random values in every flag', () => {
  it.each(COMMANDS)('%s', async (command, base) => {
    const flags = await flagsOf(command);
    expect(flags.length).toBeGreaterThan(1);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...flags), value, async (flag, text) => {
        // The flag given last wins in commander: the random value replaces the base's where both set it.
        const run = await runInProcess([...base, flag, text]);
        expectClean(run, `${command} ${flag} ${JSON.stringify(text.slice(0, 60))}`);
      }),
      { numRuns: 40, seed: 20261126 },
    );
  }, 120_000);
});

describe('random values in every plan field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpod-plan-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const FIELDS = [
    'seed', 'horizon', 'precision', 'month', 'maxRequests',
    'endpoints.api.gpu', 'endpoints.api.gpuCount', 'endpoints.api.workers.active', 'endpoints.api.workers.max', 'endpoints.api.workers.idleTimeout',
    'endpoints.api.workers.jobsPerWorker', 'endpoints.api.traffic.requestsPerDay', 'endpoints.api.traffic.rps', 'endpoints.api.execution',
    'endpoints.api.coldStart', 'endpoints.api.weights', 'endpoints.api.activeRate', 'endpoints.api.scaler.value', 'endpoints.api.createdWith',
    'endpoints.api.type', 'endpoints.api.concurrency', 'endpoints.api.loadBalancer.maxWait', 'endpoints.api.slo.maxDropRate',
    'endpoints.api.loadBalancer.retries', 'endpoints.api.loadBalancer.retryDelay', 'endpoints.api.tokens.in', 'endpoints.api.tokens.inP95',
    'endpoints.api.tokens.out', 'endpoints.api.tokens.outP95', 'endpoints.api.tokens.prefill', 'endpoints.api.slo.ttftP95',
    'pods.box.gpu', 'pods.box.count', 'pods.box.hoursPerDay', 'pods.box.rate', 'pods.box.savingsPlan', 'networkVolumes.data.size', 'budget.monthly',
  ];
  const BASE = {
    version: 1,
    maxRequests: 100000,
    precision: '20%',
    endpoints: { api: { gpu: 'RTX 4090', traffic: { requestsPerDay: 500 }, execution: '4s', scaler: { kind: 'request-count', value: 2 } } },
    pods: { box: { gpu: 'RTX 4090', hoursPerDay: 8 } },
    networkVolumes: { data: { size: '20GB' } },
    budget: { monthly: '$100000' },
  };
  const set = (plan: Record<string, unknown>, path: string, to: unknown) => {
    const keys = path.split('.');
    let node = plan;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys.at(-1) as string] = to;
  };
  let count = 0;

  it('estimate and check', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIELDS), fc.oneof(value, fc.double(), fc.integer()), fc.constantFrom('estimate', 'check'), async (field, to, command) => {
        const plan = structuredClone(BASE) as Record<string, unknown>;
        set(plan, field, to);
        const file = join(dir, `plan-${(count += 1)}.yaml`);
        // JSON is YAML: the value lands exactly as generated.
        writeFileSync(file, JSON.stringify(plan));
        const run = await runInProcess([command, file]);
        expectClean(run, `${command} ${field}=${JSON.stringify(String(to).slice(0, 60))}`);
      }),
      { numRuns: 400, seed: 20261126 },
    );
  }, 180_000);
});
