// Execution-time samplers. One draw per job, no allocation. The lognormal is fitted to a median and a 95th
// percentile because those are what users know (RunPod's console and `GET /v2/<endpoint>/health` report
// execution-time percentiles), and it is the usual model of service times with a long right tail.
import type { ExecSpec, TokenCountSpec } from './config.js';
import type { Random } from './random.js';

/** z(0.95), the standard normal's 95th percentile: ln p95 = mu + sigma * z(0.95). */
export const Z95 = 1.6448536269514722;

/** A source of execution times in seconds. */
export interface ExecSampler {
  /** One execution time, seconds (>= 0). */
  sample(): number;
  /**
   * Fills out with consecutive sample() values (the simulator draws in batches: a tight loop, no boxed
   * return values); a sampler whose times have a first part (an LLM request's prefill) also fills
   * `firstParts` with it, when given.
   */
  fill(out: Float64Array, firstParts?: Float64Array): void;
  /** The distribution's mean, seconds (for Little's law checks and utilisation estimates). */
  readonly meanS: number;
}

/** Every job takes the same time. */
export class ConstantExec implements ExecSampler {
  /** The fixed time is its own mean. */
  constructor(readonly meanS: number) {}

  /** Always meanS. */
  sample(): number {
    return this.meanS;
  }

  /** Fills out with meanS. */
  fill(out: Float64Array): void {
    out.fill(this.meanS);
  }
}

/** Exponential times (memoryless: the M/M/c service of the Erlang formulas). */
export class ExponentialExec implements ExecSampler {
  /** 1 / mean, the rate passed to the generator. */
  private readonly rate: number;

  /** A mean of 0 gives 0 every time. */
  constructor(
    readonly meanS: number,
    private readonly rng: Random,
  ) {
    this.rate = meanS > 0 ? 1 / meanS : Infinity;
  }

  /** An Exp(1 / meanS) draw. */
  sample(): number {
    return this.meanS > 0 ? this.rng.exponential(this.rate) : 0;
  }

  /** Fills out with draws (a batch of exponential deviates). */
  fill(out: Float64Array): void {
    if (this.meanS > 0) this.rng.fillExponential(out, this.rate);
    else out.fill(0);
  }
}

/** The lognormal parameters matching a median and a 95th percentile: mu = ln p50, sigma = (ln p95 - ln p50) / z(0.95). */
export function lognormalParameters(p50S: number, p95S: number): { mu: number; sigma: number } {
  const mu = Math.log(p50S);
  return { mu, sigma: (Math.log(p95S) - mu) / Z95 };
}

/** Lognormal times: exp(mu + sigma Z), Z standard normal. */
export class LognormalExec implements ExecSampler {
  /** ln of the median. */
  private readonly mu: number;
  /** Standard deviation of ln(time). */
  private readonly sigma: number;
  /** exp(mu + sigma^2 / 2). */
  readonly meanS: number;

  /** Fitted to the median and the 95th percentile (p95S >= p50S > 0). */
  constructor(
    p50S: number,
    p95S: number,
    private readonly rng: Random,
  ) {
    const { mu, sigma } = lognormalParameters(p50S, p95S);
    this.mu = mu;
    this.sigma = sigma;
    this.meanS = Math.exp(mu + (sigma * sigma) / 2);
  }

  /** One lognormal draw. */
  sample(): number {
    return Math.exp(this.mu + this.sigma * this.rng.normal());
  }

  /** Fills out with draws (a batch of normals, then exp(mu + sigma z)). */
  fill(out: Float64Array): void {
    this.rng.fillNormal(out);
    for (let i = 0; i < out.length; i++) out[i] = Math.exp(this.mu + this.sigma * (out[i] as number));
  }
}

/** Resamples measured times uniformly with replacement (the empirical distribution; a bootstrap). */
export class SampledExec implements ExecSampler {
  /** The measured times (copied, so the caller may reuse its array). */
  private readonly values: Float64Array;
  /** Mean of the measured times. */
  readonly meanS: number;

  /** At least one non-negative value (validateConfig checks). */
  constructor(
    seconds: readonly number[],
    private readonly rng: Random,
  ) {
    this.values = Float64Array.from(seconds);
    this.meanS = seconds.reduce((sum, s) => sum + s, 0) / seconds.length;
  }

  /** One of the measured times, each equally likely. */
  sample(): number {
    return this.values[this.rng.integer(this.values.length)] as number;
  }

  /** Fills out with draws (a batch of uniforms, each mapped to a sample index). */
  fill(out: Float64Array): void {
    this.rng.fill(out);
    const n = this.values.length;
    for (let i = 0; i < out.length; i++) out[i] = this.values[Math.floor((out[i] as number) * n)] as number;
  }
}

/** A token count's mean: the count, or the lognormal's p50 e^(sigma^2 / 2). */
export function meanTokens(count: TokenCountSpec): number {
  if (count.kind === 'constant') return count.tokens;
  const { sigma } = lognormalParameters(count.p50, count.p95);
  return count.p50 * Math.exp((sigma * sigma) / 2);
}

/** An LLM request's time alone: input tokens / prefill rate + output tokens / decode rate, the two counts drawn independently. */
export class TokensExec implements ExecSampler {
  readonly meanS: number;
  /** Scratch for a batch's token counts, grown to the batch's length. */
  private scratchIn = new Float64Array(0);
  private scratchOut = new Float64Array(0);

  constructor(
    private readonly spec: Extract<ExecSpec, { kind: 'tokens' }>,
    private readonly rng: Random,
  ) {
    this.meanS = meanTokens(spec.in) / spec.prefillTokensPerSecond + meanTokens(spec.out) / spec.decodeTokensPerSecond;
  }

  /** One request's time alone. */
  sample(): number {
    const one = new Float64Array(1);
    this.fill(one);
    return one[0] as number;
  }

  /** Fills out with times alone and firstParts (when given) with their prefill seconds: the input counts are drawn first, then the output counts. */
  fill(out: Float64Array, firstParts?: Float64Array): void {
    const ins = this.draw(this.spec.in, this.scratch('in', out.length));
    const outs = this.draw(this.spec.out, this.scratch('out', out.length));
    const { prefillTokensPerSecond: prefill, decodeTokensPerSecond: decode } = this.spec;
    for (let i = 0; i < out.length; i++) {
      const prefillS = (ins[i] as number) / prefill;
      out[i] = prefillS + (outs[i] as number) / decode;
      if (firstParts !== undefined) firstParts[i] = prefillS;
    }
  }

  private scratch(which: 'in' | 'out', length: number): Float64Array {
    if (which === 'in') {
      if (this.scratchIn.length !== length) this.scratchIn = new Float64Array(length);
      return this.scratchIn;
    }
    if (this.scratchOut.length !== length) this.scratchOut = new Float64Array(length);
    return this.scratchOut;
  }

  /** Token counts into `into`: the constant, or lognormal draws. */
  private draw(count: TokenCountSpec, into: Float64Array): Float64Array {
    if (count.kind === 'constant') {
      into.fill(count.tokens);
      return into;
    }
    const { mu, sigma } = lognormalParameters(count.p50, count.p95);
    this.rng.fillNormal(into);
    for (let i = 0; i < into.length; i++) into[i] = Math.exp(mu + sigma * (into[i] as number));
    return into;
  }
}

/** Builds the sampler for a (validated) spec, drawing from rng. */
export function createExecSampler(spec: ExecSpec, rng: Random): ExecSampler {
  switch (spec.kind) {
    case 'constant':
      return new ConstantExec(spec.seconds);
    case 'exponential':
      return new ExponentialExec(spec.meanS, rng);
    case 'lognormal':
      return new LognormalExec(spec.p50S, spec.p95S, rng);
    case 'samples':
      return new SampledExec(spec.seconds, rng);
    case 'tokens':
      return new TokensExec(spec, rng);
  }
}
