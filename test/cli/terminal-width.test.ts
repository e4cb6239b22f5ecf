// The four widest tables at the widths terminals have: every table line fits 80, 100 and 120 columns, with
// the most needed columns kept and the rest named; without a width (a pipe), the full table; --wide, the
// full table at any width. The built binary reads COLUMNS when stdout is a pipe.
import { describe, expect, it } from 'vitest';
import { runBuilt, runInProcess } from '../helpers/cli.js';

const COMMANDS: [string, string[], string[]][] = [
  // name, arguments, headers that stay at every width (the columns the report always keeps)
  ['compare', ['compare', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--fast'], ['Option', '$/month']],
  ['gpus', ['gpus'], ['Pool', 'Flex $/h']],
  ['breakeven --exec', ['breakeven', '--gpu', 'rtx4090', '--exec', '4s', '--fast'], ['Pool', 'Beats flex']],
  ['sweep --format table', ['sweep', 'examples/sdxl-image-api.yaml', '--set', 'endpoints.sdxl.workers.active=0..1', '--set', 'endpoints.sdxl.gpu=ADA_24,AMPERE_48', '--format', 'table', '--fast', '--threads', '1'], ['Point', '$/month']],
];

/** The widest line of a table (box drawing), in columns. */
const tableWidth = (text: string) => Math.max(...text.split('\n').filter((line) => /^[┌│├└]/.test(line)).map((line) => [...line].length));

describe.each(COMMANDS)('%s', (_name, args, kept) => {
  it.each([80, 100, 120])('fits %i columns', async (columns) => {
    const run = await runInProcess(args, { columns });
    expect(run.exitCode).toBe(0);
    expect(tableWidth(run.stdout)).toBeLessThanOrEqual(columns);
    // Prose is broken between words at the same width (a word longer than a line is never cut).
    for (const line of run.stdout.split('\n')) if ([...line].length > columns) expect(line.trim()).not.toContain(' ');
    for (const header of kept) expect(run.stdout).toContain(header);
  });

  it('unset: the full table, as the built binary prints it into a pipe', async () => {
    const run = await runInProcess(args);
    expect(tableWidth(run.stdout)).toBeGreaterThan(120);
    expect(run.stdout).not.toContain('Left out');
    expect(runBuilt(args).stdout).toBe(run.stdout);
  });

  it('--wide: the full table at any width', async () => {
    expect((await runInProcess([...args, '--wide'], { columns: 80 })).stdout).toBe((await runInProcess(args)).stdout);
  });
});

describe('as a user reads them', () => {
  it.each([
    ['compare', 80],
    ['gpus', 100],
    ['breakeven --exec', 100],
  ])('%s at %i columns', async (name, columns) => {
    const args = COMMANDS.find(([candidate]) => candidate === name)?.[1] ?? [];
    const run = await runInProcess(args, { columns });
    expect({ command: `COLUMNS=${columns} runpod-plan ${args.join(' ')}`, ...run }).toMatchSnapshot();
  });
});

describe('what is left out is named, and every column is one flag away', () => {
  it('compare at 80 columns', async () => {
    const run = await runInProcess(COMMANDS[0]![1], { columns: 80 });
    expect(run.stdout).toContain('Left out to fit 80 columns: Runs, $/day, $/request, Billed GPU-h, Busy share\n(--wide shows every column).');
  });
});

describe('the built binary: COLUMNS decides when stdout is not a terminal', () => {
  it('COLUMNS=100 fits 100 columns; the same run in-process at 100 columns prints the same', async () => {
    const args = COMMANDS[1]![1];
    const built = runBuilt(args, { COLUMNS: '100' });
    expect(tableWidth(built.stdout)).toBeLessThanOrEqual(100);
    expect(built.stdout).toBe((await runInProcess(args, { columns: 100 })).stdout);
  });

  it('COLUMNS that is not a number is ignored: the full table', () => {
    expect(runBuilt(['gpus'], { COLUMNS: 'wide' }).stdout).toBe(runBuilt(['gpus']).stdout);
  });

  it('Markdown, CSV and JSON are never cut', () => {
    for (const format of ['markdown', 'csv', 'json']) {
      expect(runBuilt(['gpus', '--format', format], { COLUMNS: '60' }).stdout).toBe(runBuilt(['gpus', '--format', format]).stdout);
    }
  });

  it('a file written with --output holds the full table, whatever COLUMNS says', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = join(mkdtempSync(join(tmpdir(), 'runpod-plan-width-')), 'estimate.txt');
    const run = runBuilt(['estimate', 'examples/training-and-serving.yaml', '--fast', '--output', out], { COLUMNS: '80' });
    expect(run.exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(runBuilt(['estimate', 'examples/training-and-serving.yaml', '--fast']).stdout);
  });
});
