// The JSON contract: every command's --format json output is the versioned envelope the shipped JSON Schema
// describes (validated with the zod schema it is generated from), with stable keys, lists as lists and no
// machine path anywhere; runpod-plan.output.schema.json is `runpod-plan schema output`, and the package ships it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_SCHEMAS, OutputSchema } from '../../src/render/output-schema.js';
import { JSON_SCHEMA_VERSION } from '../../src/render/report.js';
import { ROOT, runBuilt, runInProcess } from '../helpers/cli.js';

const WORKLOAD = ['--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s'];
const SWEEP = ['sweep', 'examples/sdxl-image-api.yaml', '--set', 'endpoints.sdxl.workers.active=0..1', '--format', 'json', '--threads', '1'];

// Every command that prints JSON, and the variants that change its shape (optional sections and fields).
const RUNS: [string, string[]][] = [
  ['compare, simulated', ['compare', ...WORKLOAD]],
  ['compare --fast, savings plan', ['compare', ...WORKLOAD, '--fast', '--savings-plan', '20%']],
  ['compare, overloaded', ['compare', '--gpu', 'rtx4090', '--rps', '100', '--exec', '4s', '--fast']],
  ['compare, every option fails some requests (ranked per request served)', ['compare', '--gpu', 'RTX PRO 6000', '--requests-per-day', '100', '--exec', '20m', '--precision', '5%']],
  ['compare, load balancer', ['compare', ...WORKLOAD, '--endpoint-type', 'load-balancer', '--precision', '5%']],
  ['breakeven, busy seconds only', ['breakeven', '--gpu', 'rtx4090']],
  ['breakeven --exec --fast', ['breakeven', '--gpu', 'rtx4090', '--exec', '4s', '--fast']],
  ['breakeven --exec, simulated', ['breakeven', '--gpu', 'rtx4090', '--exec', '4s']],
  ['tokens', ['tokens', '--gpu', 'h100', '--requests-per-day', '10k', '--tokens-in', '500', '--tokens-out', '250', '--prefill', '5000', '--concurrency', '1:60,8:45,32:25', '--precision', '10%']],
  ['tokens, load balancer, an API price', ['tokens', '--gpu', 'h100', '--requests-per-day', '10k', '--tokens-in', '500', '--tokens-out', '250', '--prefill', '5000', '--concurrency', '1:60,8:45,32:25', '--precision', '10%', '--endpoint-type', 'load-balancer', '--api-price', '$2/Mtok in, $6/Mtok out']],
  ['tokens --fast, one request per worker, an API price', ['tokens', '--gpu', 'h100', '--requests-per-day', '10k', '--tokens-in', '500', '--tokens-out', '250', '--prefill', '5000', '--decode', '60', '--jobs-per-worker', '1', '--fast', '--api-price', '$2/Mtok in, $6/Mtok out']],
  ['coldstart', ['coldstart', '--gpu', 'rtx4090', '--model', 'sdxl-base']],
  ['coldstart, strategies priced, FlashBoot', ['coldstart', '--gpu', 'rtx4090', '--model', 'sdxl-base', '--compare-strategies', '--flashboot-hit', '80%', ...WORKLOAD.slice(2)]],
  ['simulate', ['simulate', ...WORKLOAD, '--timeline']],
  ['simulate --method analytic', ['simulate', ...WORKLOAD, '--method', 'analytic']],
  ['simulate, no traffic (no latency to give)', ['simulate', '--gpu', 'rtx4090', '--requests-per-day', '0', '--exec', '4s']],
  ['estimate, an overloaded endpoint', ['estimate', 'test/fixtures/plans/overloaded.yaml']],
  ['minworkers', ['minworkers', ...WORKLOAD, '--method', 'analytic', '--max-cold-rate', '10%']],
  ['idle-timeout', ['idle-timeout', ...WORKLOAD, '--method', 'analytic']],
  ['minworkers, load balancer', ['minworkers', ...WORKLOAD, '--endpoint-type', 'load-balancer', '--client-retries', '3', '--up-to', '1', '--precision', '5%']],
  ['idle-timeout, load balancer', ['idle-timeout', ...WORKLOAD, '--endpoint-type', 'load-balancer', '--max-wait', '30s', '--precision', '5%']],
  ['estimate', ['estimate', 'examples/training-and-serving.yaml', '--fast']],
  ['estimate, files named by the plan', ['estimate', 'test/fixtures/plans/with-files.yaml']],
  ['check', ['check', 'examples/sdxl-image-api.yaml', '--fast']],
  ['diff', ['diff', 'examples/sdxl-image-api.yaml', 'examples/llm-chat.yaml', '--fast']],
  ['sweep', [...SWEEP, '--fast']],
  ['sweep, no point kept', [...SWEEP, '--fast', '--where', 'cost<1']],
  ['sweep, a shard', [...SWEEP, '--fast', '--shard', '2/2']],
  ['gpus', ['gpus']],
  ['gpus --pods, a discount and a layer', ['gpus', '--pods', '--discount', '12%', '--catalog', 'test/fixtures/catalogs/new-gpu.yaml']],
  ['gpus, filtered', ['gpus', '--fits', '16GB', '--min-vram', '8GB']],
  ['catalog', ['catalog']],
  ['catalog diff', ['catalog', 'diff', 'test/fixtures/catalogs/prices-old.yaml', 'test/fixtures/catalogs/prices-moved.yaml', '--fail-on-change', '5%']],
];

/** Every string in a value, with where it is. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, inner]) => strings(inner, `${path}.${key}`));
  return [];
}

/** Every key in a value. */
function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keys);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, inner]) => [key, ...keys(inner)]);
  return [];
}

describe.each(RUNS)('%s', (_name, args) => {
  it('is the envelope the output schema describes, with no machine path', async () => {
    const run = await runInProcess([...args, ...(args.includes('json') ? [] : ['--format', 'json'])]);
    expect(run.stderr).not.toMatch(/^error/m);
    const json = JSON.parse(run.stdout) as { command: keyof typeof OUTPUT_SCHEMAS; schemaVersion: number };
    expect(json.schemaVersion).toBe(JSON_SCHEMA_VERSION);
    // The command's own schema first, for a readable complaint; then the union the shipped file is made of.
    const own = OUTPUT_SCHEMAS[json.command].safeParse(json);
    expect(own.success ? [] : own.error.issues).toEqual([]);
    expect(OutputSchema.safeParse(json).success).toBe(true);
    const paths = strings(json).filter(([, text]) => text.includes(ROOT.replace(/\/$/, '')) || /^\/(?!\/)/.test(text));
    expect(paths).toEqual([]);
  });
});

describe('the contract in detail', () => {
  it('the bundled catalog is named, never located; a layer is named as given', async () => {
    const json = JSON.parse((await runInProcess(['gpus', '--catalog', 'test/fixtures/catalogs/new-gpu.yaml', '--format', 'json'])).stdout);
    expect(json.catalog.files).toEqual(['bundled:runpod-2026-11.yaml', 'test/fixtures/catalogs/new-gpu.yaml']);
  });

  it('run from elsewhere (an install), the output names the same files', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'runpod-plan-json-'));
    const json = JSON.parse(runBuilt(['gpus', '--format', 'json'], {}, { cwd: elsewhere }).stdout);
    expect(json.catalog.files).toEqual(['bundled:runpod-2026-11.yaml']);
    const markdown = runBuilt(['estimate', join(ROOT, 'examples/sdxl-image-api.yaml'), '--fast', '--catalog', join(ROOT, 'test/fixtures/catalogs/new-gpu.yaml'), '--format', 'markdown'], {}, { cwd: elsewhere }).stdout;
    expect(markdown).toContain(`layered from bundled:runpod-2026-11.yaml + ${join(ROOT, 'test/fixtures/catalogs/new-gpu.yaml')}`);
  });

  it("files a plan names are named from where the plan was named: its catalog, trace and samples", async () => {
    const json = JSON.parse((await runInProcess(['estimate', 'test/fixtures/plans/with-files.yaml', '--format', 'json'])).stdout);
    expect(json.catalog.files).toEqual(['bundled:runpod-2026-11.yaml', 'test/fixtures/catalogs/new-gpu.yaml']);
    const texts = json.assumptions.map((assumption: { text: string }) => assumption.text).join('\n');
    expect(texts).toContain('replayed from test/fixtures/traces/one-day.csv');
    expect(texts).toContain('samples from test/fixtures/traces/exec-samples.csv');
  });

  it('simulate keys its summary by stable camelCase keys, the label beside them', async () => {
    const json = JSON.parse((await runInProcess(['simulate', ...WORKLOAD, '--format', 'json'])).stdout);
    const byKey = Object.fromEntries(json.summary.map((row: { key: string; value: number }) => [row.key, row]));
    expect(byKey.monthlyUsd).toMatchObject({ measure: 'monthly cost', unit: 'USD', kind: 'usd' });
    expect(byKey.monthlyUsd.value).toBeCloseTo(82.64, 2);
    expect(byKey.p95S.measure).toBe('latency p95');
    expect(json.latency.map((row: { key: string }) => row.key)).toEqual(['total', 'queueWait', 'execution']);
  });

  it('lists are lists: the GPUs of a class, the dates a source was read', async () => {
    const gpus = JSON.parse((await runInProcess(['gpus', 'AMPERE_48', '--format', 'json'])).stdout);
    expect(gpus.pools[0].gpus).toEqual(['RTX A6000', 'A40']);
    const catalog = JSON.parse((await runInProcess(['catalog', '--format', 'json'])).stdout);
    expect(catalog.sources.every((source: { retrieved: unknown }) => Array.isArray(source.retrieved))).toBe(true);
    // People and spreadsheets still read them joined.
    expect((await runInProcess(['gpus', 'AMPERE_48'])).stdout).toContain('RTX A6000, A40');
    expect((await runInProcess(['gpus', 'AMPERE_48', '--format', 'csv'])).stdout).toContain('"RTX A6000, A40"');
  });

  it('a sweep is an envelope too: its points stream into it, and it parses with or without points', async () => {
    const json = JSON.parse((await runInProcess([...SWEEP, '--fast'])).stdout);
    expect(json).toMatchObject({ schemaVersion: JSON_SCHEMA_VERSION, command: 'sweep', data: { gridPoints: 2, shard: { index: 1, count: 1 } } });
    expect(json.points.map((point: { point: number }) => point.point)).toEqual([1, 2]);
    expect(json.points[0]).toHaveProperty(['endpoints.sdxl.workers.active'], 0);
    // The same points as NDJSON, which streams as it did.
    const ndjson = (await runInProcess([...SWEEP.map((arg) => (arg === 'json' ? 'ndjson' : arg)), '--fast'])).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(json.points).toEqual(ndjson);
  });

  it('resource kinds and break-even rivals have ids beside their labels', async () => {
    const estimate = JSON.parse((await runInProcess(['estimate', 'examples/training-and-serving.yaml', '--fast', '--format', 'json'])).stdout);
    expect(estimate.resources.map((resource: { kind: string }) => resource.kind)).toEqual(['endpoint', 'pod', 'networkVolume']);
    const breakeven = JSON.parse((await runInProcess(['breakeven', '--gpu', 'rtx4090', '--format', 'json'])).stdout);
    expect(breakeven.breakeven.map((row: { rivalId: string }) => row.rivalId)).toEqual(['pod-secure', 'pod-community', 'active']);
  });

  it('keys are camelCase, or plan paths and resource names the user chose', async () => {
    for (const [, args] of RUNS.filter(([name]) => !name.startsWith('sweep'))) {
      const json = JSON.parse((await runInProcess([...args, '--format', 'json'])).stdout) as { data?: unknown };
      const own = keys({ ...json, data: undefined });
      expect(own.filter((key) => !/^[a-z][A-Za-z0-9]*$/.test(key))).toEqual([]);
    }
  });
});

describe('the schema refuses what the contract rules out', () => {
  it.each([
    ['a list joined into a string', (json: Envelope) => (json.pools[0]!.gpus = 'RTX A4000, RTX A4500')],
    ['an install path for the bundled catalog', (json: Envelope) => (json.catalog.files[0] = '/usr/lib/node_modules/runpod-plan/pricing/runpod-2026-11.yaml')],
    ['a key that is not in the contract', (json: Envelope) => (json.pools[0]!['Flex $/h'] = 1.116)],
    ['another schema version', (json: Envelope) => (json.schemaVersion = 1)],
  ])('%s', async (_name, spoil) => {
    const json = JSON.parse((await runInProcess(['gpus', '--format', 'json'])).stdout) as Envelope;
    expect(OutputSchema.safeParse(json).success).toBe(true);
    spoil(json);
    expect(OutputSchema.safeParse(json).success).toBe(false);
  });
});

interface Envelope {
  schemaVersion: number;
  catalog: { files: string[] };
  pools: Record<string, unknown>[];
}

describe('the shipped JSON Schema', () => {
  it('runpod-plan.output.schema.json is `runpod-plan schema output` (regenerate: runpod-plan schema output --output runpod-plan.output.schema.json)', () => {
    const run = runBuilt(['schema', 'output']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(ROOT, 'runpod-plan.output.schema.json'), 'utf8'));
  });

  it('names its version and every command', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'runpod-plan.output.schema.json'), 'utf8')) as { $id: string; $defs: Record<string, { properties?: { command?: { const?: string } } }> };
    expect(schema.$id).toBe(`urn:runpod-plan:output:${JSON_SCHEMA_VERSION}`);
    const commands = new Set(Object.values(schema.$defs).map((def) => def.properties?.command?.const).filter((command) => command !== undefined));
    expect([...commands].sort()).toEqual(Object.keys(OUTPUT_SCHEMAS).sort());
  });

  it('is in the package', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('runpod-plan.output.schema.json');
  });
});
