// An LLM endpoint's requests in tokens: the execution time follows from them, and the simulation's
// per-request records give what a user sees in tokens: the time to the first token and the output tokens
// per second. Assumptions (named, stated by every output): a request reads its input at the prefill rate
// and writes its output at the decode rate, both measured alone on the worker; sharing the worker slows
// the whole request by one factor (its execution over its time alone), prefill and decode alike.
import { tokensPerSecondAt, type ThroughputPoint } from '../model/throughput.js';
import { Histogram } from '../sim/histogram.js';
import type { SimulationObserver } from '../sim/simulate.js';
import type { ResolvedExecution } from './execution.js';
import { specError } from './field-names.js';
import type { EndpointSpec } from './spec.js';

/** z(0.95), as the lognormal execution time uses it. */
const Z95 = 1.6448536269514722;

/** The tokens of one request and the rates they are processed at, alone on a worker. */
export interface ResolvedTokens {
  tokensIn: number;
  /** Output tokens: every request's, or the median when tokensOutP95 is set. */
  tokensOut: number;
  tokensOutP95: number | null;
  /** Mean output tokens per request: tokensOut, or with tokensOutP95 the mean execution time's decode part in tokens. */
  meanTokensOut: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  /** Where the decode rate comes from: given, or the concurrency table at 1 in flight. */
  decodeFrom: 'given' | 'concurrency';
  /** Seconds to read the input alone: tokensIn / prefill. */
  prefillS: number;
}

/** The endpoint's tokens and the execution they make, or null for an endpoint without tokens. Exactly one of execution and tokens is given. */
export function resolveTokens(spec: EndpointSpec, concurrency: readonly ThroughputPoint[] | null): { tokens: ResolvedTokens; execution: ResolvedExecution } | null {
  const given = spec.tokens;
  if (given === undefined) return null;
  if (spec.execution !== undefined) throw specError("an endpoint with tokens takes its execution time from them (in / prefill + out / decode): drop execution", 'execution');
  if (!(given.out >= 1)) throw specError('expected at least 1 output token', 'tokens.out');
  if (given.outP95 !== undefined && !(given.outP95 >= given.out)) throw specError(`expected outP95 at least out (${given.out}), got ${given.outP95}`, 'tokens.outP95');
  let decode = given.decode;
  if (decode === undefined) {
    if (concurrency === null) throw specError('give the output tokens per second of a request alone (decode), or a concurrency table to read it from', 'tokens.decode');
    decode = tokensPerSecondAt(concurrency, 1);
  }
  const prefillS = given.in / given.prefill;
  const p50S = prefillS + given.out / decode;
  const p95Tokens = given.outP95 ?? null;
  const tokens: ResolvedTokens = {
    tokensIn: given.in,
    tokensOut: given.out,
    tokensOutP95: p95Tokens,
    meanTokensOut: given.out,
    prefillTokensPerSecond: given.prefill,
    decodeTokensPerSecond: decode,
    decodeFrom: given.decode === undefined ? 'concurrency' : 'given',
    prefillS,
  };
  if (p95Tokens === null || p95Tokens === given.out) {
    return { tokens, execution: { spec: { kind: 'constant', seconds: p50S }, meanS: p50S, facts: { kind: 'constant', meanS: p50S } } };
  }
  // The execution time's p50 and p95 are the tokens' own (in / prefill + out / decode is increasing in out);
  // between and beyond them it is the lognormal through those two, not the shifted one the tokens make.
  const p95S = prefillS + p95Tokens / decode;
  const execSigma = Math.log(p95S / p50S) / Z95;
  const meanS = p50S * Math.exp((execSigma * execSigma) / 2);
  // Tokens counted from the simulated time, so the tokens a month and the seconds billed for them agree.
  tokens.meanTokensOut = (meanS - prefillS) * decode;
  return { tokens, execution: { spec: { kind: 'lognormal', p50S, p95S }, meanS, facts: { kind: 'lognormal', p50S, p95S, meanS } } };
}

/** What users of an LLM endpoint see, from its finished requests (cut ones left out). Null percentiles with none. */
export interface TokenExperience {
  /** Time to first token: the wait for a worker, then the prefill slowed as the request's whole run was. */
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
      job: (arrivalS, startS, executionS, _worker, failed, workS) => {
        if (failed || !(workS > 0)) return;
        const slowdown = executionS / workS;
        this.slowdownSum += slowdown;
        this.slowdownCount++;
        const prefillS = Math.min(this.tokens.prefillS, workS);
        this.ttft.record(startS - arrivalS + prefillS * slowdown);
        // A draw shorter than the prefill has no decode to speak of (the lognormal's low tail).
        if (workS > this.tokens.prefillS) this.rate.record(this.tokens.decodeTokensPerSecond / slowdown);
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
