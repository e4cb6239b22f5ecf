// An LLM endpoint's requests in tokens: the execution time follows from them, and the simulation's
// per-request records give what a user sees in tokens: the time to the first token and the output tokens
// per second. Assumptions (named, stated by every output): a request reads its input at the prefill rate
// and writes its output at the decode rate, both measured alone on the worker; its input and output
// token counts are drawn independently (fixed, or lognormal through a median and a 95th percentile);
// sharing the worker slows the whole request by one factor (its execution over its time alone), prefill
// and decode alike.
import { tokensPerSecondAt, type ThroughputPoint } from '../model/throughput.js';
import { Histogram } from '../sim/histogram.js';
import { meanTokens } from '../sim/exec-time.js';
import type { TokenCountSpec } from '../sim/config.js';
import type { SimulationObserver } from '../sim/simulate.js';
import type { ResolvedExecution } from './execution.js';
import { specError } from './field-names.js';
import type { EndpointSpec } from './spec.js';

/** The tokens of one request and the rates they are processed at, alone on a worker. */
export interface ResolvedTokens {
  /** Input tokens: every request's, or the median when tokensInP95 is set. */
  tokensIn: number;
  tokensInP95: number | null;
  /** Mean input tokens per request (the lognormal's mean with tokensInP95). */
  meanTokensIn: number;
  /** Output tokens: every request's, or the median when tokensOutP95 is set. */
  tokensOut: number;
  tokensOutP95: number | null;
  /** Mean output tokens per request (the lognormal's mean with tokensOutP95). */
  meanTokensOut: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  /** Where the decode rate comes from: given, or the concurrency table at 1 in flight. */
  decodeFrom: 'given' | 'concurrency';
  /** Mean seconds to read the input alone: mean input tokens / prefill. */
  prefillS: number;
}

/** Tokens as the simulator draws them: the count, or the lognormal through it (the median) and its p95. */
function countSpec(median: number, p95: number | null): TokenCountSpec {
  return p95 === null || p95 === median ? { kind: 'constant', tokens: median } : { kind: 'lognormal', p50: median, p95 };
}

/** The endpoint's tokens and the execution they make, or null for an endpoint without tokens. Exactly one of execution and tokens is given. */
export function resolveTokens(spec: EndpointSpec, concurrency: readonly ThroughputPoint[] | null): { tokens: ResolvedTokens; execution: ResolvedExecution } | null {
  const given = spec.tokens;
  if (given === undefined) return null;
  if (spec.execution !== undefined) throw specError("an endpoint with tokens takes its execution time from them (in / prefill + out / decode): drop execution", 'execution');
  if (!(given.out >= 1)) throw specError('expected at least 1 output token', 'tokens.out');
  if (given.outP95 !== undefined && !(given.outP95 >= given.out)) throw specError(`expected outP95 at least out (${given.out}), got ${given.outP95}`, 'tokens.outP95');
  if (given.inP95 !== undefined && !(given.in >= 1 && given.inP95 >= given.in)) {
    throw specError(given.in >= 1 ? `expected inP95 at least in (${given.in}), got ${given.inP95}` : 'a lognormal needs a median of at least 1 input token', 'tokens.inP95');
  }
  let decode = given.decode;
  if (decode === undefined) {
    if (concurrency === null) throw specError('give the output tokens per second of a request alone (decode), or a concurrency table to read it from', 'tokens.decode');
    decode = tokensPerSecondAt(concurrency, 1);
  }
  const inCount = countSpec(given.in, given.inP95 ?? null);
  const outCount = countSpec(given.out, given.outP95 ?? null);
  const meanIn = meanTokens(inCount);
  const meanOut = meanTokens(outCount);
  const tokens: ResolvedTokens = {
    tokensIn: given.in,
    tokensInP95: inCount.kind === 'lognormal' ? inCount.p95 : null,
    meanTokensIn: meanIn,
    tokensOut: given.out,
    tokensOutP95: outCount.kind === 'lognormal' ? outCount.p95 : null,
    meanTokensOut: meanOut,
    prefillTokensPerSecond: given.prefill,
    decodeTokensPerSecond: decode,
    decodeFrom: given.decode === undefined ? 'concurrency' : 'given',
    prefillS: meanIn / given.prefill,
  };
  const meanS = meanIn / given.prefill + meanOut / decode;
  // Fixed counts: a constant time (the fast path's ground); else the simulator draws both counts per request.
  if (inCount.kind === 'constant' && outCount.kind === 'constant') {
    return { tokens, execution: { spec: { kind: 'constant', seconds: meanS }, meanS, facts: { kind: 'constant', meanS } } };
  }
  return {
    tokens,
    execution: { spec: { kind: 'tokens', in: inCount, out: outCount, prefillTokensPerSecond: given.prefill, decodeTokensPerSecond: decode }, meanS, facts: { kind: 'tokens', meanS } },
  };
}

/** What users of an LLM endpoint see, from its finished requests (cut ones left out). Null percentiles with none. */
export interface TokenExperience {
  /** Time to first token: the wait for a worker, then the request's own prefill slowed as its whole run was. */
  ttft: { p50: number | null; p95: number | null; mean: number | null };
  /** Output tokens per second a request streams at: decode alone over its slowdown. */
  outputTokensPerSecond: { p50: number | null; p95: number | null; mean: number | null };
  /** The request's slowdown from sharing its worker (execution / time alone), mean. */
  meanSlowdown: number | null;
}

/** Watches a simulation's requests and sums up their token experience. */
export class TokenObserver {
  private readonly ttft = new Histogram();
  private readonly rate = new Histogram();
  private slowdownSum = 0;
  private slowdownCount = 0;

  constructor(private readonly tokens: ResolvedTokens) {}

  /** The simulator's observer. */
  observer(): SimulationObserver {
    return {
      job: (arrivalS, startS, executionS, _worker, failed, workS, prefillS) => {
        if (failed || !(workS > 0)) return;
        // Its own slowdown and its own prefill (drawn with its input tokens; the mean for fixed counts).
        const slowdown = executionS / workS;
        this.slowdownSum += slowdown;
        this.slowdownCount++;
        const ownPrefillS = Math.min(prefillS > 0 ? prefillS : this.tokens.prefillS, workS);
        this.ttft.record(startS - arrivalS + ownPrefillS * slowdown);
        this.rate.record(this.tokens.decodeTokensPerSecond / slowdown);
      },
    };
  }

  /** The percentiles (the tokens per second's p95 is the slow end: its 5th percentile, what 95% of requests beat). */
  summary(): TokenExperience {
    const some = (h: Histogram) => h.count > 0;
    return {
      ttft: some(this.ttft) ? { p50: this.ttft.percentile(50), p95: this.ttft.percentile(95), mean: this.ttft.mean } : { p50: null, p95: null, mean: null },
      outputTokensPerSecond: some(this.rate) ? { p50: this.rate.percentile(50), p95: this.rate.percentile(5), mean: this.rate.mean } : { p50: null, p95: null, mean: null },
      meanSlowdown: this.slowdownCount > 0 ? this.slowdownSum / this.slowdownCount : null,
    };
  }
}
