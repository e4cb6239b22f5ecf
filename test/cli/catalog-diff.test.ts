// `catalog diff` end to end: two layers (test/fixtures/catalogs/prices-*.yaml) merged over the bundled
// catalog and compared, in every format, with --fail-on-change's exit codes. The layers set every price
// the cases read, so the cases hold whatever the bundled data says.
import { describe, expect, it } from 'vitest';
import { runBuilt } from '../helpers/cli.js';

const OLD = 'test/fixtures/catalogs/prices-old.yaml';
const NEW = 'test/fixtures/catalogs/prices-new.yaml';
const SMALL = 'test/fixtures/catalogs/prices-small-change.yaml';
const MOVED = 'test/fixtures/catalogs/prices-moved.yaml';

interface Envelope {
  command: string;
  changes: Record<string, unknown>[];
  moves?: Record<string, unknown>[];
  data: { old: { label: string; name: string; asOf: string }; new: { label: string; name: string; asOf: string }; unchanged: number; failOnChange?: { limit: number; beyond: number } };
  notes: string[];
}

function json(args: string[]): { envelope: Envelope; exitCode: number; stderr: string } {
  const run = runBuilt(['catalog', 'diff', ...args, '--format', 'json']);
  return { envelope: JSON.parse(run.stdout) as Envelope, exitCode: run.exitCode, stderr: run.stderr };
}

describe('catalog diff', () => {
  it('json: per pool and GPU, old and new USD per GPU-hour and the change (0.74 -> 0.79 is +6.76%)', () => {
    const { envelope, exitCode, stderr } = json([OLD, NEW]);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(envelope.command).toBe('catalog diff');
    expect(envelope.data.old).toEqual({ label: OLD, name: 'runpod-2026-11', asOf: expect.any(String) as unknown });
    expect(envelope.data.new).toEqual({ label: NEW, name: 'runpod-2026-11-23', asOf: '2026-11-23' });
    expect(envelope.changes).toEqual([
      // 0.00031 $/s = 1.116 $/h -> 1.1 $/h: -1.43%
      { item: 'ADA_24', kind: 'pool', price: 'flex', status: 'changed', oldUsdPerGpuHour: 1.116, newUsdPerGpuHour: 1.1, change: -0.0143369175627, oldRetrieved: '2026-06-08', newRetrieved: '2026-11-23', note: null },
      // 0.00021 $/s = 0.756 $/h -> none, so the flex rate 1.1 $/h: +45.5%
      { item: 'ADA_24', kind: 'pool', price: 'active', status: 'changed', oldUsdPerGpuHour: 0.756, newUsdPerGpuHour: 1.1, change: 0.455026455026, oldRetrieved: '2026-06-08', newRetrieved: '2026-11-23', note: 'new: no active price, the flex rate' },
      { item: 'RTX 4090', kind: 'GPU', price: 'podSecure', status: 'changed', oldUsdPerGpuHour: 0.74, newUsdPerGpuHour: 0.79, change: 0.0675675675676, oldRetrieved: '2026-09-25', newRetrieved: '2026-11-23', note: null },
      { item: 'RTX 4090', kind: 'GPU', price: 'podCommunity', status: 'removed', oldUsdPerGpuHour: 0.34, newUsdPerGpuHour: null, change: null, oldRetrieved: '2026-09-25', newRetrieved: null, note: null },
      { item: 'RTX PRO 4500 TEST', kind: 'GPU', price: 'podSecure', status: 'added', oldUsdPerGpuHour: null, newUsdPerGpuHour: 0.64, change: null, oldRetrieved: null, newRetrieved: '2026-11-23', note: null },
    ]);
    expect(envelope.moves).toBeUndefined();
  });

  it('table: the changes with their units, and the rule for active prices', () => {
    const run = runBuilt(['catalog', 'diff', OLD, NEW]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`Catalog prices ${OLD} (runpod-2026-11, 2026-11-26) -> ${NEW} (runpod-2026-11-23, 2026-11-23): 3 changed, 1 added, 1 removed`);
    expect(run.stdout).toMatch(/│ RTX 4090 +│ GPU +│ pod Secure +│ changed │ +\$0\.74 │ +\$0\.79 │ +6\.8% │ 2026-09-25 │ 2026-11-23 │/);
    expect(run.stdout).toContain('Prices in USD per GPU-hour (serverless per second x 3600).');
  });

  it('csv: the changes, raw numbers, machine names', () => {
    const lines = runBuilt(['catalog', 'diff', OLD, NEW, '--format', 'csv']).stdout.split('\n');
    expect(lines[0]).toBe('item,kind,price,status,oldUsdPerGpuHour,newUsdPerGpuHour,change,oldRetrieved,newRetrieved,note');
    expect(lines).toContain('RTX 4090,GPU,podSecure,changed,0.74,0.79,0.0675675675676,2026-09-25,2026-11-23,');
    expect(lines).toHaveLength(7);
  });

  it('markdown, for a pull request: a table and the notes', () => {
    const run = runBuilt(['catalog', 'diff', OLD, NEW, '--format', 'markdown']);
    expect(run.stdout).toMatch(/^### Catalog prices /);
    expect(run.stdout).toContain('| Pool or GPU | Kind | Price | Change | Old \\$/GPU-h | New \\$/GPU-h | Change % | Old read | New read | Note |');
    expect(run.stdout).toContain('| RTX 4090 | GPU | pod Secure | changed | \\$0.74 | \\$0.79 | 6.8% | 2026-09-25 | 2026-11-23 | - |');
  });

  it('a GPU that changed pool: its own section, and the pool it joined as added', () => {
    const { envelope } = json([NEW, MOVED]);
    expect(envelope.moves).toEqual([{ gpu: 'RTX PRO 4500 TEST', oldPool: null, newPool: 'TEST_32' }]);
    // 0.00036 $/s x 3600 = 1.296 $/h, flex and (no active price) active.
    expect(envelope.changes.map((row) => [row.item, row.price, row.status, row.newUsdPerGpuHour])).toEqual([
      ['TEST_32', 'flex', 'added', 1.296],
      ['TEST_32', 'active', 'added', 1.296],
    ]);
    expect(runBuilt(['catalog', 'diff', NEW, MOVED]).stdout).toContain('GPUs that changed serverless pool');
  });

  it('bundled against bundled: nothing changed, exit 0 even with --fail-on-change 0%', () => {
    const run = runBuilt(['catalog', 'diff', 'bundled', 'bundled', '--fail-on-change', '0%']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(': 0 changed, 0 added, 0 removed');
    expect(run.stdout).toMatch(/No price changed; \d+ unchanged\./);
    expect(run.stdout).toContain('--fail-on-change 0%: no price moved more than that.');
  });

  it('bundled against a layer: the layer merged over the bundled catalog first', () => {
    const { envelope } = json(['bundled', NEW]);
    expect(envelope.data.old.label).toBe('bundled');
    expect(envelope.changes.find((row) => row.item === 'RTX 4090' && row.price === 'podSecure')).toMatchObject({ newUsdPerGpuHour: 0.79 });
  });
});

describe('catalog diff --fail-on-change', () => {
  it.each([
    ['+1.35% against 5%: exit 0', [OLD, SMALL, '--fail-on-change', '5%'], 0, 0],
    ['+1.35% against 1%: exit 1', [OLD, SMALL, '--fail-on-change', '1%'], 1, 1],
    // +6.76% and +45.5% beyond it, -1.43% not; one price added and one removed count beyond any limit.
    ['the refresh against 5%: exit 1', [OLD, NEW, '--fail-on-change', '5%'], 1, 4],
    ['the refresh against 1000%: still exit 1 (a price added and one removed)', [OLD, NEW, '--fail-on-change', '1000%'], 1, 2],
    ['a GPU that moved pool, against 1000%: exit 1', [NEW, MOVED, '--fail-on-change', '1000%'], 1, 3],
    ['no limit: exit 0 whatever changed', [OLD, NEW], 0, undefined],
  ])('%s', (_name, args, exitCode, beyond) => {
    const run = json(args);
    expect(run.exitCode).toBe(exitCode);
    expect(run.envelope.data.failOnChange?.beyond).toBe(beyond);
  });

  it('the report is printed when the check fails, with the count in its notes', () => {
    const run = runBuilt(['catalog', 'diff', OLD, NEW, '--fail-on-change', '5%', '--format', 'markdown']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('> --fail-on-change 5%: 4 change(s) beyond it (a price added or removed, and a GPU that changed pool, count as beyond any limit).');
  });
});

describe('catalog diff: bad input, exit 2', () => {
  it.each([
    [['catalog', 'diff', 'bundled', 'nope.yaml'], /^error: nope\.yaml: .+$/],
    [['catalog', 'diff', 'bundled'], /^error: missing required argument 'new'$/],
    [['catalog', 'diff', 'bundled', 'bundled', '--fail-on-change', 'lots'], /^error: --fail-on-change: expected a percentage like 20% or 0\.2, got "lots"$/],
    [['catalog', 'diff', 'bundled', 'test/fixtures/catalogs/bad-type.yaml'], /^error: test\/fixtures\/catalogs\/bad-type\.yaml:4:5: serverless\.ADA_24\.flexUsdPerSecond: expected a number, got "cheap"$/],
  ])('%j', (args, line) => {
    const run = runBuilt(args);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd()).toMatch(line);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  it('--help explains the units, the active rule, the limit and the exit codes, with examples', () => {
    const text = runBuilt(['catalog', 'diff', '--help']).stdout.replace(/\s+/g, ' ');
    for (const part of ['all in USD per GPU-hour', 'bills active workers at its flex rate', 'added, removed or moved counts as beyond any limit', '1 --fail-on-change caught a change beyond its limit', 'runpod-plan catalog diff bundled pricing/runpod-2026-11-23.yaml']) {
      expect(text).toContain(part);
    }
  });
});
