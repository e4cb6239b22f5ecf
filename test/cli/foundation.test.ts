// End to end: the built binary, as a user runs it. Each case snapshots the command, stdout, stderr
// and the exit code side by side.
import { describe, expect, it } from 'vitest';
import { runBuilt } from '../helpers/cli.js';

const cases: [string, string[]][] = [
  ['gpus', ['gpus']],
  ['gpus json', ['gpus', '--format', 'json']],
  ['gpus csv, fits 16 GB, sorted by flex', ['gpus', '--fits', '16GB', '--sort', 'flex', '--format', 'csv']],
  ['gpus markdown, pods over 80 GB', ['gpus', '--pods', '--min-vram', '80GB', '--format', 'markdown']],
  ['gpus one GPU by name, with a discount', ['gpus', 'rtx4090', '--discount', '12%']],
  ['catalog', ['catalog']],
  ['catalog csv', ['catalog', '--format', 'csv']],
];

describe('runpod-plan (built binary)', () => {
  it.each(cases)('%s', (_name, args) => {
    const run = runBuilt(args);
    expect({ command: `runpod-plan ${args.join(' ')}`, ...run }).toMatchSnapshot();
    expect(run.exitCode).toBe(0);
  });

  it('is deterministic: two runs give byte-identical output', () => {
    expect(runBuilt(['gpus', '--format', 'json']).stdout).toBe(runBuilt(['gpus', '--format', 'json']).stdout);
  });

  it('prints help with examples and exits 0', () => {
    const run = runBuilt(['gpus', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('runpod-plan gpus --fits 16GB --sort flex');
    expect(run.stdout).toContain('--catalog <file>');
  });

  it('prints colour only on request: NO_COLOR and pipes give plain text', () => {
    expect(runBuilt(['gpus']).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('bad input: one line on stderr, exit code 2, nothing on stdout', () => {
  it.each([
    [['gpus', '--min-vram', '4 sec'], 'error: --min-vram: expected a size like 500MB, 6.9GB or 1TB, got "4 sec"'],
    [['gpus', '--headroom', '20'], 'error: --headroom: expected a percentage like 20% or 0.2, got "20"'],
    [['gpus', '--discount', '150%'], 'error: --discount: expected 0% to below 100%, got 150%'],
    [['gpus', '--format', 'xml'], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, csv, markdown."],
    [['gpus', '--sort', 'price'], "error: option '--sort <key>' argument 'price' is invalid. Allowed choices are vram, flex, active, pod."],
    [['gpus', '--exec', '4s'], "error: unknown option '--exec'"],
    [['gpu'], "error: unknown command 'gpu' (Did you mean gpus?)"],
    [['gpus', 'RTX 4080'], 'error: gpu: unknown GPU "RTX 4080"; closest: RTX 4090, RTX 3090, RTX 5090 (see runpod-plan gpus)'],
    [['gpus', '--catalog', 'test/fixtures/catalogs/bad-type.yaml'], 'error: test/fixtures/catalogs/bad-type.yaml:4:5: serverless.ADA_24.flexUsdPerSecond: expected a number, got "cheap"'],
    [['gpus', '--max-catalog-age', 'soon'], 'error: --max-catalog-age: expected a duration like 4s or 250ms, got "soon"'],
  ])('%j', (args, line) => {
    expect(runBuilt(args)).toEqual({ stdout: '', stderr: `${line}\n`, exitCode: 2 });
  });
});
