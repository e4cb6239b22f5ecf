import { describe, expect, it } from 'vitest';
import { resolveTokens, TokenObserver } from '../../src/endpoint/tokens.js';
import { EndpointSpecSchema } from '../../src/endpoint/spec.js';

const TABLE = [
  { inFlight: 1, tokensPerSecond: 60 },
  { inFlight: 32, tokensPerSecond: 25 },
];
const spec = (tokens: Record<string, unknown>, extra: Record<string, unknown> = {}) => EndpointSpecSchema.parse({ gpu: 'h100', traffic: { requestsPerDay: 1000 }, tokens, ...extra });

describe('an LLM request in tokens', () => {
  it('500 in at 5,000 tok/s (0.1 s) and 250 out at 60 tok/s (4.1667 s): 4.2667 s alone, every time', () => {
    const resolved = resolveTokens(spec({ in: 500, out: 250, prefill: '5000 tok/s' }), TABLE);
    expect(resolved?.tokens.prefillS).toBeCloseTo(0.1, 12);
    expect(resolved?.tokens.decodeTokensPerSecond).toBe(60);
    expect(resolved?.tokens.decodeFrom).toBe('concurrency');
    expect(resolved?.execution.spec).toEqual({ kind: 'constant', seconds: 0.1 + 250 / 60 });
  });

  it('with 800 out at p95: the simulator draws the output tokens, lognormal through 250 and 800, and its mean time counts their mean', () => {
    const resolved = resolveTokens(spec({ in: 500, out: 250, outP95: 800, prefill: 5000, decode: 60 }), null);
    expect(resolved?.execution.spec).toEqual({ kind: 'tokens', in: { kind: 'constant', tokens: 500 }, out: { kind: 'lognormal', p50: 250, p95: 800 }, prefillTokensPerSecond: 5000, decodeTokensPerSecond: 60 });
    // sigma = ln(800 / 250) / 1.6449 = 0.70714; mean = 250 e^(0.70714^2 / 2) = 250 x 1.28407 = 321.02 tokens; 0.1 + 321.02 / 60 = 5.4503 s.
    expect(resolved?.tokens.meanTokensOut).toBeCloseTo(321.02, 1);
    expect(resolved?.execution.meanS).toBeCloseTo(0.1 + 321.02 / 60, 3);
    expect(resolved?.tokens.prefillS).toBeCloseTo(0.1, 12);
    expect(resolved?.tokens.decodeFrom).toBe('given');
  });

  it('with 2,000 in at p95: the input tokens are lognormal through 500 and 2,000, mean 713.2, read in 0.14264 s on average', () => {
    const resolved = resolveTokens(spec({ in: 500, inP95: 2000, out: 250, prefill: 5000, decode: 60 }), null);
    // sigma = ln 4 / 1.6449 = 0.84281; e^(0.84281^2 / 2) = e^0.35516 = 1.42643: 713.22 tokens, / 5,000 = 0.142643 s.
    expect(resolved?.tokens.meanTokensIn).toBeCloseTo(713.22, 1);
    expect(resolved?.tokens.prefillS).toBeCloseTo(0.142643, 5);
    expect(resolved?.execution.meanS).toBeCloseTo(0.142643 + 250 / 60, 5);
    expect(resolved?.execution.spec.kind).toBe('tokens');
  });

  it.each([
    [{ in: 500, out: 250, prefill: 5000 }, null, 'tokens.decode'],
    [{ in: 500, out: 0, prefill: 5000, decode: 60 }, null, 'tokens.out'],
    [{ in: 500, out: 250, outP95: 100, prefill: 5000, decode: 60 }, null, 'tokens.outP95'],
    [{ in: 500, inP95: 400, out: 250, prefill: 5000, decode: 60 }, null, 'tokens.inP95'],
    [{ in: 0, inP95: 400, out: 250, prefill: 5000, decode: 60 }, null, 'tokens.inP95'],
  ])('refuses %j at its path', (tokens, table, path) => {
    expect(() => resolveTokens(spec(tokens), table)).toThrow(expect.objectContaining({ path }));
  });

  it('refuses an execution time beside the tokens', () => {
    expect(() => resolveTokens(spec({ in: 500, out: 250, prefill: 5000, decode: 60 }, { execution: '4s' }), null)).toThrow(expect.objectContaining({ path: 'execution' }));
  });
});

describe('what users see in tokens', () => {
  it('a request that waited 2 s and took 8.533 s for 4.2667 s of work (slowed 2x): first token at 2 + 0.1 x 2 = 2.2 s, 60 / 2 = 30 tok/s', () => {
    const resolved = resolveTokens(spec({ in: 500, out: 250, prefill: 5000, decode: 60 }), null);
    if (resolved === null) throw new Error('no tokens');
    const watcher = new TokenObserver(resolved.tokens);
    const work = 0.1 + 250 / 60;
    watcher.observer().job?.(10, 12, 2 * work, 0, false, work, 0.1);
    // A cut request is left out.
    watcher.observer().job?.(10, 10, 330, 0, true, 400, 0.1);
    const seen = watcher.summary();
    expect(seen.ttft.p50).toBeCloseTo(2.2, 2);
    expect(seen.outputTokensPerSecond.p50).toBeCloseTo(30, 1);
    expect(seen.meanSlowdown).toBeCloseTo(2, 12);
  });

  it("each request's own prefill and own slowdown: 20 requests with prefills 0.05..1 s, the odd ones slowed 3x: TTFT p95 is the 19th of the 20 values, not the mean prefill x the mean slowdown", () => {
    const resolved = resolveTokens(spec({ in: 500, inP95: 2000, out: 250, prefill: 5000, decode: 60 }), null);
    if (resolved === null) throw new Error('no tokens');
    const watcher = new TokenObserver(resolved.tokens);
    const ttfts: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const prefill = 0.05 * i;
      const work = prefill + 250 / 60;
      const slowdown = i % 2 === 1 ? 3 : 1;
      watcher.observer().job?.(0, 0, work * slowdown, 0, false, work, prefill);
      ttfts.push(prefill * slowdown);
    }
    // By hand: prefills x slowdowns are 0.15, 0.1, 0.45, 0.2, ..., 2.85 (i = 19), 1.0 (i = 20); sorted, the 19th of 20 is 2.55 (i = 17), the 20th 2.85.
    const sorted = [...ttfts].sort((a, b) => a - b);
    expect(sorted[18]).toBeCloseTo(2.55, 12);
    const seen = watcher.summary();
    // The histogram's percentile (within 1/256 relative): between the 19th and 20th values.
    expect(seen.ttft.p95 as number).toBeGreaterThanOrEqual(2.55 * (1 - 1 / 256));
    expect(seen.ttft.p95 as number).toBeLessThanOrEqual(2.85 * (1 + 1 / 256));
    // The mean prefill (0.525 s) x the mean slowdown (2) would say 1.05 s.
    expect(seen.meanSlowdown).toBeCloseTo(2, 12);
    expect(seen.ttft.p95 as number).toBeGreaterThan(2 * 1.05);
  });
});
