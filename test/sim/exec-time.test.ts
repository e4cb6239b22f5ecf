import { describe, expect, it } from 'vitest';
import { createExecSampler, lognormalParameters, Z95 } from '../../src/sim/exec-time.js';
import { Random } from '../../src/sim/random.js';

/** n draws read in batches, as the simulator reads them, sorted. */
function sortedDraws(sampler: { fill(out: Float64Array): void }, n: number): Float64Array {
  const out = new Float64Array(n);
  sampler.fill(out);
  return out.sort();
}

/** The nearest-rank quantile q in (0, 1] of a sorted sample. */
const quantile = (sorted: Float64Array, q: number) => sorted[Math.ceil(q * sorted.length) - 1] as number;

describe('execution-time samplers', () => {
  it('lognormal parameters: mu = ln p50, sigma = (ln p95 - ln p50) / 1.6448536269514722', () => {
    expect(Z95).toBe(1.6448536269514722);
    const { mu, sigma } = lognormalParameters(3, 9);
    expect(mu).toBeCloseTo(Math.log(3), 14);
    expect(sigma).toBeCloseTo(Math.log(3) / Z95, 14);
  });

  it('lognormal p50 3 s / p95 9 s: the sample median and p95 match (200,000 draws; 1.5%, about 5 standard errors)', () => {
    const sampler = createExecSampler({ kind: 'lognormal', p50S: 3, p95S: 9 }, new Random(11));
    const sorted = sortedDraws(sampler, 200_000);
    // Standard error of a sample quantile in log space: sqrt(q(1-q)/n) / phi(z_q) * sigma: 0.19% (median), 0.32% (p95).
    expect(Math.abs(quantile(sorted, 0.5) / 3 - 1)).toBeLessThan(0.015);
    expect(Math.abs(quantile(sorted, 0.95) / 9 - 1)).toBeLessThan(0.015);
    let sum = 0;
    for (const x of sorted) sum += x;
    // Mean exp(mu + sigma^2 / 2) = 3.75 s; the sample mean's relative sd is about 0.16%.
    expect(Math.abs(sum / sorted.length / sampler.meanS - 1)).toBeLessThan(0.01);
    expect(sampler.meanS).toBeCloseTo(3 * Math.exp((Math.log(3) / Z95) ** 2 / 2), 12);
  });

  it('lognormal with p95 = p50 is the constant p50', () => {
    const sampler = createExecSampler({ kind: 'lognormal', p50S: 2, p95S: 2 }, new Random(1));
    expect([sampler.sample(), sampler.sample()]).toEqual([2, 2]);
  });

  it('scalar sample() follows the same lognormal (median within 1.5% over 100,000)', () => {
    const sampler = createExecSampler({ kind: 'lognormal', p50S: 0.5, p95S: 4 }, new Random(12));
    const xs = Float64Array.from({ length: 100_000 }, () => sampler.sample()).sort();
    expect(Math.abs(quantile(xs, 0.5) / 0.5 - 1)).toBeLessThan(0.015);
    expect(Math.abs(quantile(xs, 0.95) / 4 - 1)).toBeLessThan(0.03);
  });

  it('exponential: mean meanS (200,000 draws, 1%), median meanS ln 2; mean 0 gives 0', () => {
    const sorted = sortedDraws(createExecSampler({ kind: 'exponential', meanS: 2 }, new Random(13)), 200_000);
    let sum = 0;
    for (const x of sorted) sum += x;
    expect(Math.abs(sum / sorted.length / 2 - 1)).toBeLessThan(0.01);
    expect(Math.abs(quantile(sorted, 0.5) / (2 * Math.LN2) - 1)).toBeLessThan(0.015);
    const zero = createExecSampler({ kind: 'exponential', meanS: 0 }, new Random(1));
    expect(zero.sample()).toBe(0);
    expect([...sortedDraws(zero, 3)]).toEqual([0, 0, 0]);
  });

  it('samples: each measured value is drawn about equally often (4 values, 100,000 draws, 3%)', () => {
    const values = [1, 2, 5, 10];
    const sampler = createExecSampler({ kind: 'samples', seconds: values }, new Random(14));
    expect(sampler.meanS).toBe(4.5);
    const draws = sortedDraws(sampler, 100_000);
    for (const v of values) {
      const share = draws.filter((x) => x === v).length / draws.length;
      expect(Math.abs(share - 0.25)).toBeLessThan(0.0075); // sd 0.0014
    }
    expect(draws.every((x) => values.includes(x))).toBe(true);
  });

  it('constant: always the same time', () => {
    const sampler = createExecSampler({ kind: 'constant', seconds: 4 }, new Random(1));
    expect(sampler.sample()).toBe(4);
    expect([...sortedDraws(sampler, 3)]).toEqual([4, 4, 4]);
  });
});

describe('an LLM request from its tokens', () => {
  it('500 input tokens at 5,000 tok/s and output tokens lognormal through 250 and 800 at 60 tok/s: prefill 0.1 s every time, the rest the output over 60, mean 0.1 + 321.02 / 60', () => {
    const sampler = createExecSampler({ kind: 'tokens', in: { kind: 'constant', tokens: 500 }, out: { kind: 'lognormal', p50: 250, p95: 800 }, prefillTokensPerSecond: 5000, decodeTokensPerSecond: 60 }, new Random(7));
    expect(sampler.meanS).toBeCloseTo(0.1 + 321.02 / 60, 3);
    const n = 200_000;
    const times = new Float64Array(n);
    const prefills = new Float64Array(n);
    sampler.fill(times, prefills);
    expect(prefills.every((p) => p === 0.1)).toBe(true);
    // The output tokens' median: (time - 0.1) x 60 has median 250 and p95 800 (within sampling error).
    const outs = Array.from(times, (t) => (t - 0.1) * 60).sort((a, b) => a - b);
    expect(outs[n / 2] as number).toBeCloseTo(250, -1);
    expect((outs[Math.floor(0.95 * n)] as number) / 800).toBeCloseTo(1, 1);
    const mean = times.reduce((a, b) => a + b, 0) / n;
    expect(mean / sampler.meanS).toBeCloseTo(1, 2);
  });

  it('both counts drawn: each prefill is its own input tokens over the prefill rate, and the mean adds up', () => {
    const sampler = createExecSampler({ kind: 'tokens', in: { kind: 'lognormal', p50: 500, p95: 2000 }, out: { kind: 'constant', tokens: 250 }, prefillTokensPerSecond: 5000, decodeTokensPerSecond: 60 }, new Random(3));
    const times = new Float64Array(100_000);
    const prefills = new Float64Array(100_000);
    sampler.fill(times, prefills);
    // Output fixed: time - prefill is 250 / 60 for every request.
    for (let i = 0; i < times.length; i += 997) expect((times[i] as number) - (prefills[i] as number)).toBeCloseTo(250 / 60, 9);
    // Mean input 713.22 tokens (500 e^(0.84281^2 / 2)): mean prefill 0.142643 s.
    const meanPrefill = prefills.reduce((a, b) => a + b, 0) / prefills.length;
    expect(meanPrefill / 0.142643).toBeCloseTo(1, 1);
  });
});
