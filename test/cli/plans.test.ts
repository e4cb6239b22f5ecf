// Plan files end to end with the built binary: estimate, check, diff, schema and init; the examples
// (every format, snapshotted), bad plans (one line, exit 2), check's exit codes and git's --base-ref.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import * as z from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runBuilt, runInProcess } from '../helpers/cli.js';

const FORMATS = ['table', 'json', 'csv', 'markdown'];
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => `examples/${file}`);
const FIXTURES = 'test/fixtures/plans';
const fixture = (name: string) => `${FIXTURES}/${name}.yaml`;

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runpod-plan-plans-'));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;
type RuleRow = { status: string; rule: string; subject: string; value: number | null; limit: number; unit: string };
type DiffRow = { resource: string; item: string; status: string };

describe('examples', () => {
  it('there are the five documented examples', () => {
    expect(EXAMPLES).toEqual(['examples/llm-chat.yaml', 'examples/llm-load-balancer.yaml', 'examples/sdxl-image-api.yaml', 'examples/training-and-serving.yaml', 'examples/whisper-batch-queue.yaml']);
  });

  it.each(EXAMPLES.flatMap((plan) => FORMATS.map((format) => [plan, format])))('estimate %s (%s)', (plan, format) => {
    const args = ['estimate', plan, '--format', format];
    const run = runBuilt(args);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    expect({ command: `runpod-plan ${args.join(' ')}`, ...run }).toMatchSnapshot();
  });

  it.each(EXAMPLES)('check %s passes, byte-identical across two runs', (plan) => {
    const first = runBuilt(['check', plan]);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('rules pass.');
    expect(runBuilt(['check', plan])).toEqual(first);
  });
});

describe('bad plans: one line, exit 2', () => {
  it.each([
    ['unknown key', 'unknown-key', 'error: test/fixtures/plans/unknown-key.yaml:5:5: pods.dev.hoursPerDya: unknown key "hoursPerDya"'],
    ['wrong type', 'wrong-type', 'error: test/fixtures/plans/wrong-type.yaml:5:5: pods.dev.count: expected a number, got "two"'],
    ['negative size', 'negative-size', 'error: test/fixtures/plans/negative-size.yaml:4:5: networkVolumes.data.size: expected a size like 500MB, 6.9GB or 1TB, got "-20GB"'],
    [
      'unknown GPU, with the closest names',
      'unknown-gpu',
      'error: test/fixtures/plans/unknown-gpu.yaml:4:5: endpoints.api.gpu: unknown GPU "RTX 4900"; closest: RTX 4090, RTX A4000, RTX A4500 (see runpod-plan gpus)',
    ],
    ['a trace file that does not exist', 'missing-trace', 'error: test/fixtures/plans/missing-trace.yaml:7:7: endpoints.api.traffic.trace: cannot read trace: no such file'],
    ['YAML syntax error', 'syntax', 'error: test/fixtures/plans/syntax.yaml:4:1: YAML syntax: Flow map in block collection must be sufficiently indented and end with a }'],
    ['YAML alias bomb', 'alias-bomb', 'error: test/fixtures/plans/alias-bomb.yaml:1:1: YAML: Excessive alias count indicates a resource exhaustion attack'],
    ['a __proto__ key', 'proto', 'error: test/fixtures/plans/proto.yaml:2:1: "__proto__" is a reserved name: choose another'],
    ['wrong version', 'wrong-version', 'error: test/fixtures/plans/wrong-version.yaml:1:1: version: expected 1, got 2'],
  ])('%s', (_name, name, line) => {
    expect(runBuilt(['estimate', fixture(name)])).toEqual({ stdout: '', stderr: `${line}\n`, exitCode: 2 });
  });

  it('--max-increase without --baseline is a mistake, not a rule that silently passes', () => {
    expect(runBuilt(['check', fixture('small'), '--max-increase', '10%'])).toEqual({
      stdout: '',
      stderr: 'error: --max-increase: needs --baseline <plan>: the increase is over a baseline plan\n',
      exitCode: 2,
    });
  });
});

describe('check exit codes', () => {
  const rules = (stdout: string) => json(stdout).rules as RuleRow[];

  it('a failing budget exits 1 and still prints the data', () => {
    const run = runBuilt(['check', fixture('over-budget')]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('');
    // $647.45 with the discounted active rate of old; + 730 h x ($1.116 - $0.756) = $262.80 at the flex rate.
    expect(run.stdout).toContain('1 of 2 rules FAIL: budget.monthly (plan) $910.25 over $300.00.');
    expect(run.stdout).toContain('Line items');
    expect(run.stdout).toContain('Total: $910.25/month');
  });

  it('a passing plan exits 0', () => {
    const run = runBuilt(['check', fixture('small'), '--format', 'json']);
    expect(run.exitCode).toBe(0);
    expect(json(run.stdout).data).toMatchObject({ pass: true });
    expect(rules(run.stdout).map((rule) => [rule.rule, rule.status])).toEqual([
      ['budget.monthly', 'pass'],
      ['budget.per1000Requests', 'pass'],
      ['slo.p95', 'pass'],
    ]);
  });

  it('--max-monthly $1 overrides the plan budget: exit 1', () => {
    const run = runBuilt(['check', fixture('small'), '--max-monthly', '$1', '--format', 'json']);
    expect(run.exitCode).toBe(1);
    expect(rules(run.stdout)[0]).toMatchObject({ rule: 'budget.monthly', status: 'FAIL', limit: 1 });
  });

  it('an overloaded endpoint is said to be, and priced per request served (never a bargain per 1,000)', () => {
    const run = runBuilt(['estimate', fixture('overloaded'), '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as { resources: { overloaded: boolean; servedPerMonth: number; unservedPerMonth: number; monthlyUsd: number }[]; data: { totals: { usdPer1000Requests: number } }; notes: string[] };
    const api = out.resources[0] as (typeof out.resources)[number];
    expect(api.overloaded).toBe(true);
    // 3 workers / 4 s = 0.75 of the 100 requests a second.
    expect(api.servedPerMonth / (api.servedPerMonth + api.unservedPerMonth)).toBeCloseTo(0.0075, 3);
    expect(out.data.totals.usdPer1000Requests).toBeCloseTo((api.monthlyUsd / api.servedPerMonth) * 1000, 6);
    expect(out.notes.some((note) => note.startsWith('Warning: api is overloaded: its workers serve'))).toBe(true);
  });

  it('an endpoint RunPod could not run is warned of, in the words compare uses (VRAM, the start limit)', async () => {
    const notes = (JSON.parse(runBuilt(['estimate', fixture('too-big'), '--format', 'json']).stdout) as { notes: string[] }).notes;
    const compare = JSON.parse(
      (await runInProcess(['compare', '--gpu', 'rtx4090', '--requests-per-day', '1000', '--exec', '4s', '--model', 'llama-3.1-70b', '--image', '8GB', '--weights-from', 'network-volume', '--format', 'json'])).stdout,
    ) as { notes: string[] };
    const warnings = compare.notes.filter((note) => note.startsWith('Warning:'));
    expect(warnings.length).toBe(2);
    expect(notes.filter((note) => note.startsWith('llm: Warning:'))).toEqual(warnings.map((note) => `llm: ${note}`));
  });

  it('with --fast a latency rule cannot be seen: it fails, and the verdict says why rather than "n/a over"', () => {
    const run = runBuilt(['check', fixture('tight-slo'), '--fast', '--max-p95', '1h']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('1 of 1 rules FAIL: slo.p95 (api) not known (the fast path gives no latency percentiles: check without --fast), limit 1h.');
  });

  it('--max-p95 1h overrides a failing plan SLO: exit 1 without it, 0 with it', () => {
    const strict = runBuilt(['check', fixture('tight-slo'), '--format', 'json']);
    expect(strict.exitCode).toBe(1);
    expect(rules(strict.stdout)).toMatchObject([{ rule: 'slo.p95', subject: 'api', status: 'FAIL', limit: 1 }]);
    const relaxed = runBuilt(['check', fixture('tight-slo'), '--max-p95', '1h', '--format', 'json']);
    expect(relaxed.exitCode).toBe(0);
    expect(rules(relaxed.stdout)).toMatchObject([{ rule: 'slo.p95', subject: 'api', status: 'pass', limit: 3600 }]);
  });

  it('--baseline with --max-increase: 5.2% passes 10% and fails 5%', () => {
    const args = ['check', fixture('small'), '--baseline', fixture('baseline'), '--format', 'json'];
    const pass = runBuilt([...args, '--max-increase', '10%']);
    expect(pass.exitCode).toBe(0);
    const increase = rules(pass.stdout).find((rule) => rule.rule === 'budget.maxIncreasePercent');
    expect(increase).toMatchObject({ status: 'pass', limit: 0.1, unit: 'percent' });
    // Two more pod hours a day: $0.74 x 2 h x 730/24 = $45.02 of compute, 20 GB x ($0.10 - $0.20) x 2/24 = -$0.17
    // of volume disk: +$44.85 on $865.40 = 5.18%.
    expect(increase?.value).toBeCloseTo(44.85 / 865.4, 4);
    const fail = runBuilt([...args, '--max-increase', '5%']);
    expect(fail.exitCode).toBe(1);
    expect(rules(fail.stdout).find((rule) => rule.rule === 'budget.maxIncreasePercent')).toMatchObject({ status: 'FAIL', limit: 0.05 });
  });

  it('--output writes the file and the verdict in one line on stdout; the exit code still says FAIL', () => {
    const out = join(tempDir(), 'check.md');
    const run = runBuilt(['check', fixture('over-budget'), '--format', 'markdown', '--output', out]);
    // Its budget fails; its p95 target passes.
    expect(run).toEqual({ stdout: `check: FAIL (1 of 2 rules) -> ${out}\n`, stderr: '', exitCode: 1 });
    expect(readFileSync(out, 'utf8')).toContain('FAIL');
    const pass = runBuilt(['check', fixture('small'), '--output', join(tempDir(), 'check.txt')]);
    expect(pass.exitCode).toBe(0);
    expect(pass.stdout).toMatch(/^check: pass \(\d+ rules?\) -> .*check\.txt\n$/);
  });

  it('colours FAIL red in a terminal table, and only there: not with NO_COLOR, --no-color, a pipe or a file', async () => {
    const RED_FAIL = '\u001b[31m\u001b[1mFAIL\u001b[22m\u001b[39m';
    // Over budget, and a p95 the fast path cannot see: two rules fail; a cold-start rate passes.
    const args = ['check', fixture('over-budget'), '--fast', '--max-cold-rate', '100%'];
    const terminal = await runInProcess(args, { stdoutIsTTY: true, env: { NO_COLOR: '' } });
    expect(terminal.exitCode).toBe(1);
    const rows = terminal.stdout.split('\n').filter((line) => /^│.*(budget|slo)\./.test(line));
    expect(rows).toHaveLength(3);
    expect(rows.filter((row) => row.includes(RED_FAIL))).toHaveLength(2);
    expect(rows.filter((row) => row.includes('│ pass'))).toHaveLength(1);
    for (const plain of [
      await runInProcess(args, { stdoutIsTTY: true }),
      await runInProcess([...args, '--no-color'], { stdoutIsTTY: true, env: { NO_COLOR: '' } }),
      await runInProcess(args, { env: { NO_COLOR: '' } }),
    ]) {
      expect(plain.stdout).toContain('FAIL');
      expect(plain.stdout).not.toContain('\u001b[');
    }
    const out = join(tempDir(), 'check.txt');
    const toFile = await runInProcess([...args, '--output', out], { stdoutIsTTY: true, env: { NO_COLOR: '' } });
    expect(readFileSync(out, 'utf8')).not.toContain('\u001b[');
    expect(toFile.stdout).toBe(`check: ${RED_FAIL} (2 of 3 rules) -> ${out}\n`);
  });
});

describe('diff', () => {
  const EXPECTED = [
    ['data', 'Network volume (first 1000 GB)', 'unchanged'],
    ['dev', 'Pod compute', 'changed'],
    ['dev', 'Pod volume disk (running)', 'changed'],
    ['dev', 'Pod volume disk (stopped)', 'changed'],
    ['legacy', 'Pod compute', 'removed'],
    ['trainer', 'Pod compute', 'added'],
  ];
  const statuses = (stdout: string) => (json(stdout).changes as DiffRow[]).map((row) => [row.resource, row.item, row.status]);

  it('two plans: an added, a removed and a changed resource', () => {
    const run = runBuilt(['diff', fixture('diff-old'), fixture('diff-new'), '--format', 'json']);
    expect(run.exitCode).toBe(0);
    expect(statuses(run.stdout)).toEqual(EXPECTED);
    expect(json(run.stdout).data).toMatchObject({ changeUsd: expect.closeTo(87.88, 2) });
  });

  it('--output writes what stdout would have shown, and nothing to stdout', () => {
    const args = ['diff', fixture('diff-old'), fixture('diff-new'), '--format', 'markdown'];
    const out = join(tempDir(), 'comment.md');
    expect(runBuilt([...args, '--output', out])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(readFileSync(out, 'utf8')).toBe(runBuilt(args).stdout);
  });

  it('--base-ref HEAD compares a plan with its last commit in a git repository', () => {
    const repo = tempDir();
    const gitEnv = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
    };
    const git = (...args: string[]) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, env: gitEnv, stdio: 'ignore' });
    git('init', '-q');
    copyFileSync(join(ROOT, fixture('diff-old')), join(repo, 'plan.yaml'));
    git('add', 'plan.yaml');
    git('commit', '-q', '-m', 'plan');
    copyFileSync(join(ROOT, fixture('diff-new')), join(repo, 'plan.yaml'));
    const run = runBuilt(['diff', 'plan.yaml', '--base-ref', 'HEAD', '--format', 'json'], {}, { cwd: repo });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(json(run.stdout).title).toMatch(/^Cost change plan\.yaml@HEAD -> plan\.yaml: \+\$87\.88\/month/);
    expect(statuses(run.stdout)).toEqual(EXPECTED);
  });
});

describe('schema', () => {
  it('runpod-plan.schema.json is up to date with `runpod-plan schema` (regenerate: runpod-plan schema --output runpod-plan.schema.json)', () => {
    const run = runBuilt(['schema']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(readFileSync(join(ROOT, 'runpod-plan.schema.json'), 'utf8'));
  });

  const schema = JSON.parse(readFileSync(join(ROOT, 'runpod-plan.schema.json'), 'utf8')) as Record<string, unknown>;

  it('has $schema, $id and title, and a description on every property', () => {
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: expect.any(String), title: expect.any(String), description: expect.any(String) });
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}[${i}]`));
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties') {
          for (const [name, property] of Object.entries(value as Record<string, Record<string, unknown>>)) {
            if (typeof property.description !== 'string' || property.description === '') missing.push(`${path}.${name}`);
          }
        }
        walk(value, `${path}/${key}`);
      }
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });

  it("accepts every example and the README's plans, and rejects an unknown key (the input side: units as text, numbers where the parser takes them)", () => {
    const validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    const readmePlans = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1] as string) as { version?: unknown }).filter((value) => value?.version === 1);
    expect(readmePlans.length).toBeGreaterThan(0);
    for (const plan of [...EXAMPLES.map((file) => parse(readFileSync(join(ROOT, file), 'utf8'))), ...readmePlans]) expect(validator.safeParse(plan).success, JSON.stringify(plan).slice(0, 80)).toBe(true);
    expect(validator.safeParse(parse(readFileSync(join(ROOT, fixture('unknown-key')), 'utf8'))).success).toBe(false);
    // Numbers where the parser takes them: money in USD, a percentage as a fraction, counts.
    expect(validator.safeParse({ version: 1, budget: { monthly: 500, maxIncrease: { percent: 0.1 } }, pods: { dev: { gpu: 'RTX 4090', count: 2 } } }).success).toBe(true);
    // A duration or a size is text with its unit: the parser refuses 86400 and 20, and so does the schema.
    expect(validator.safeParse({ version: 1, horizon: 86_400 }).success).toBe(false);
    expect(validator.safeParse({ version: 1, pods: { dev: { gpu: 'RTX 4090', volumeDisk: 20 } } }).success).toBe(false);
  });

  it('flags as an editor would what the plan parser refuses: units, bounds, kinds', () => {
    const validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    const endpoint = { gpu: 'ADA_24', traffic: { requestsPerDay: '10k' }, execution: '4s' };
    const withEndpoint = (change: Record<string, unknown>) => ({ version: 1, endpoints: { api: { ...endpoint, ...change } } });
    expect(validator.safeParse(withEndpoint({})).success).toBe(true);
    for (const change of [
      { execution: '4 sec' },
      { execution: { mean: [1] } },
      { workers: { idleTimeout: '30 s' } },
      { workers: { active: 2.5 } },
      { workers: { max: 5000 } },
      { image: '6.9 gigabytes' },
      { traffic: { requestsPerDay: '50 k' } },
      { scaler: { kind: 'foo' } },
      { scaler: { kind: 'request-count' } },
      { slo: { maxColdRate: '5 %' } },
      { activeRate: '$0.44' },
      { gpuCount: 9 },
    ]) {
      expect(validator.safeParse(withEndpoint(change)).success, JSON.stringify(change)).toBe(false);
    }
  });

  it('--output writes the same schema and nothing to stdout', () => {
    const out = join(tempDir(), 'schema.json');
    expect(runBuilt(['schema', '--output', out])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT, 'runpod-plan.schema.json'), 'utf8'));
  });
});

describe('init', () => {
  it('writes runpod-plan.yaml that passes estimate and check, and refuses to overwrite it without --force', () => {
    const dir = tempDir();
    const first = runBuilt(['init'], {}, { cwd: dir });
    expect(first).toEqual({ stdout: 'Wrote an example plan to runpod-plan.yaml: edit it, then run `runpod-plan check runpod-plan.yaml`.\n', stderr: '', exitCode: 0 });
    const text = readFileSync(join(dir, 'runpod-plan.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./runpod-plan.schema.json');
    for (const key of ['endpoints:', 'workers:', 'scaler:', 'traffic:', 'execution:', 'model:', 'image:', 'weightsFrom:', 'slo:', 'pods:', 'networkVolumes:', 'budget:']) expect(text).toContain(key);

    const estimate = runBuilt(['estimate', 'runpod-plan.yaml', '--format', 'json'], {}, { cwd: dir });
    expect(estimate.stderr).toBe('');
    expect(estimate.exitCode).toBe(0);
    expect((json(estimate.stdout).resources as { kind: string }[]).map((row) => row.kind)).toEqual(['endpoint', 'pod', 'networkVolume']);
    const check = runBuilt(['check', 'runpod-plan.yaml'], {}, { cwd: dir });
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('All 5 rules pass.');

    writeFileSync(join(dir, 'runpod-plan.yaml'), 'version: 1\n');
    expect(runBuilt(['init'], {}, { cwd: dir })).toEqual({ stdout: '', stderr: 'error: runpod-plan.yaml: already exists: give --force to overwrite it\n', exitCode: 2 });
    expect(readFileSync(join(dir, 'runpod-plan.yaml'), 'utf8')).toBe('version: 1\n');
    expect(runBuilt(['init', '--force'], {}, { cwd: dir }).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'runpod-plan.yaml'), 'utf8')).toBe(text);
  });

  it('names the load balancer and the LLM fields in comments; the commented chat endpoint, uncommented, is a plan that estimates', () => {
    const dir = tempDir();
    runBuilt(['init'], {}, { cwd: dir });
    const text = readFileSync(join(dir, 'runpod-plan.yaml'), 'utf8');
    for (const key of ['# type: load-balancer', 'loadBalancer:', 'concurrency:', 'tokens:', 'inP95:', 'ttftP95:', 'maxDropRate:']) expect(text).toContain(key);
    const lines = text.split('\n');
    const from = lines.indexOf('  # chat:');
    const to = lines.indexOf('', from);
    expect(from).toBeGreaterThan(0);
    // The chat endpoint alone, its comment marks taken out.
    const chat = ['version: 1', 'endpoints:', ...lines.slice(from, to).map((line) => line.replace(/^ {2}# /, '  '))].join('\n');
    writeFileSync(join(dir, 'chat.yaml'), `${chat}\n`);
    const estimate = runBuilt(['estimate', 'chat.yaml', '--format', 'json', '--fast'], {}, { cwd: dir });
    expect(estimate.stderr).toBe('');
    expect(estimate.exitCode).toBe(0);
    expect((json(estimate.stdout).resources as { name: string }[]).map((row) => row.name)).toEqual(['chat']);
  });

  it('writes to the file it is given, and the schema it names is accepted by the JSON Schema', () => {
    const dir = tempDir();
    const run = runBuilt(['init', 'staging.yaml'], {}, { cwd: dir });
    expect(run).toEqual({ stdout: 'Wrote an example plan to staging.yaml: edit it, then run `runpod-plan check staging.yaml`.\n', stderr: '', exitCode: 0 });
    expect(existsSync(join(dir, 'runpod-plan.yaml'))).toBe(false);
    const schema = JSON.parse(readFileSync(join(ROOT, 'runpod-plan.schema.json'), 'utf8'));
    expect(z.fromJSONSchema(schema).safeParse(parse(readFileSync(join(dir, 'staging.yaml'), 'utf8'))).success).toBe(true);
  });
});
