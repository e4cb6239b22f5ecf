// coldstart end to end, and the cold-start model feeding compare.
import { describe, expect, it } from 'vitest';
import { runBuilt } from '../helpers/cli.js';

const FORMATS = ['table', 'json', 'csv', 'markdown'];
const cases: [string, string[]][] = [
  ['SDXL on a network volume, slim image', ['coldstart', '--gpu', 'rtx4090', '--model', 'sdxl-base', '--image', '2GB', '--weights-from', 'network-volume']],
  [
    "the articles' case: SDXL baked into 15 GB vs a 2 GB slim image, priced for 1,000 requests/day",
    ['coldstart', '--gpu', 'rtx4090', '--model', 'sdxl-base', '--image', '2GB', '--baked-image', '15GB', '--compare-strategies', '--requests-per-day', '1000', '--exec', '4s'],
  ],
  ['Llama 3.1 8B from --params on an H100 with FlashBoot', ['coldstart', '--gpu', 'H100 SXM', '--params', '8B', '--dtype', 'bf16', '--image', '6GB', '--flashboot-hit', '80%', '--warmup', '30s']],
  ['a 70B model downloaded on a 24 GB GPU: over the start limit and over VRAM', ['coldstart', '--gpu', 'rtx4090', '--model', 'llama-3.1-70b', '--image', '8GB', '--weights-from', 'download']],
];

describe('coldstart (built binary)', () => {
  it.each(cases.flatMap(([name, args]) => FORMATS.map((format): [string, string[]] => [`${name} (${format})`, [...args, '--format', format]])))('%s', (_name, args) => {
    const run = runBuilt(args);
    expect(run.exitCode).toBe(0);
    expect({ command: `runpod-plan ${args.join(' ')}`, ...run }).toMatchSnapshot();
  });

  it('SDXL from a network volume: 2 GB / 0.1 GB/s pull + 3 + 5 + 0.5 + 6.94 / 0.3 = 51.63 s, of which 31.63 s billed', () => {
    const json = JSON.parse(runBuilt([...(cases[0]?.[1] ?? []), '--format', 'json']).stdout);
    const full = json.summary[0];
    expect(full.seconds).toBeCloseTo(20 + 8.5 + 6.94 / 0.3, 9);
    expect(full.billedSeconds).toBeCloseTo(8.5 + 6.94 / 0.3, 9);
    expect(full.usd).toBeCloseTo((8.5 + 6.94 / 0.3) * 0.00031, 12);
    expect(json.phases.map((phase: { phase: string; billed: boolean }) => [phase.phase, phase.billed])).toEqual([
      ['image pull', false],
      ['container start', true],
      ['framework import', true],
      ['CUDA context', true],
      ['weight load', true],
    ]);
    expect(json.phases[0]).not.toHaveProperty('bar'); // the waterfall bar is for people, not for JSON
  });

  it('warns about the 7-minute start limit and about VRAM', () => {
    const run = runBuilt(cases[3]?.[1] ?? []);
    expect(run.stdout).toContain("over RunPod's 7m limit");
    expect(run.stdout).toContain('needs 169.3GB of VRAM; the GPU class has 24GB');
  });

  it('compare takes its cold start from the model when model flags are given', () => {
    const json = JSON.parse(
      runBuilt(['compare', '--gpu', 'rtx4090', '--requests-per-day', '1000', '--exec', '4s', '--model', 'sdxl-base', '--image', '2GB', '--weights-from', 'network-volume', '--format', 'json']).stdout,
    );
    const coldStart = json.assumptions.find((assumption: { key: string }) => assumption.key === 'coldStartS');
    expect(coldStart.value).toBeCloseTo(20 + 8.5 + 6.94 / 0.3, 9);
  });
});

describe('bad input: one line, exit 2', () => {
  it.each([
    [['coldstart', '--gpu', 'rtx4090', '--model', 'sdx'], 'error: --model: unknown model "sdx"; closest presets: sdxl-base, flux.1-dev, mistral-7b'],
    [['coldstart', '--gpu', 'rtx4090', '--weights', 'big'], 'error: --weights: expected a size like 500MB, 6.9GB or 1TB, got "big"'],
    [['coldstart', '--gpu', 'rtx4090', '--params', '8B'], 'error: --dtype: --params needs --dtype (bf16, fp16, fp8, int4, ...)'],
    [['coldstart', '--gpu', 'rtx4090', '--weights', '7GB', '--model', 'sdxl-base'], 'error: --weights: give one of --weights, --params (with --dtype) or --model'],
    [['coldstart', '--gpu', 'rtx4090', '--weights-from', 'ftp'], "error: option '--weights-from <source>' argument 'ftp' is invalid. Allowed choices are image, network-volume, download, cached."],
    [['coldstart', '--gpu', 'rtx4090', '--weights', '7GB', '--pull-bandwidth', '0MB/s'], 'error: --pull-bandwidth: expected 1KB/s to 10TB/s, got 0GB/s'],
    [['coldstart', '--gpu', 'rtx4090', '--model', 'sdxl-base', '--baked-image', '5GB'], 'error: --baked-image: the baked image (5GB) is smaller than the weights it holds (6.94GB)'],
    [['coldstart', '--weights', '7GB'], 'error: --gpu: required: the GPU class or model, e.g. --gpu rtx4090'],
    [['coldstart', '--gpu', 'rtx4090', '--weights', '7GB', '--requests-per-day', '100'], 'error: --exec: required with traffic: the mean execution time, e.g. --exec 4s'],
    [['compare', '--gpu', 'rtx4090', '--requests-per-day', '100', '--exec', '4s', '--model', 'sdxl-base', '--cold-start', '5s'], 'error: --cold-start: give either --cold-start or the cold-start model flags (--image, --weights, --model, ...), not both'],
  ])('%j', (args, line) => {
    expect(runBuilt(args)).toEqual({ stdout: '', stderr: `${line}\n`, exitCode: 2 });
  });
});
