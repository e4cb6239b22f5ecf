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

  it('with 800 out at p95: the execution time is lognormal through 0.1 + 250/60 = 4.2667 s and 0.1 + 800/60 = 13.433 s, and its mean counts the tokens', () => {
    const resolved = resolveTokens(spec({ in: 500, out: 250, outP95: 800, prefill: 5000, decode: 60 }), null);
    const execution = resolved?.execution;
    expect(execution?.spec).toEqual({ kind: 'lognormal', p50S: 0.1 + 250 / 60, p95S: 0.1 + 800 / 60 });
    // sigma = ln(13.433 / 4.2667) / 1.6449 = 0.69727; mean = 4.2667 e^0.24309 = 4.2667 x 1.27522 = 5.4409 s; (5.4409 - 0.1) x 60 = 320.5 tokens.
    expect(execution?.meanS).toBeCloseTo(5.4409, 3);
    expect(resolved?.tokens.meanTokensOut).toBeCloseTo(((execution?.meanS ?? 0) - 0.1) * 60, 9);
    expect(resolved?.tokens.decodeFrom).toBe('given');
  });

  it.each([
    [{ in: 500, out: 250, prefill: 5000 }, null, 'tokens.decode'],
    [{ in: 500, out: 0, prefill: 5000, decode: 60 }, null, 'tokens.out'],
    [{ in: 500, out: 250, outP95: 100, prefill: 5000, decode: 60 }, null, 'tokens.outP95'],
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
    watcher.observer().job?.(10, 12, 2 * work, 0, false, work);
    // A cut request is left out.
    watcher.observer().job?.(10, 10, 330, 0, true, 400);
    const seen = watcher.summary();
    expect(seen.ttft.p50).toBeCloseTo(2.2, 2);
    expect(seen.outputTokensPerSecond.p50).toBeCloseTo(30, 1);
    expect(seen.meanSlowdown).toBeCloseTo(2, 12);
  });
});
