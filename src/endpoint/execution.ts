// The execution time of one request, from the spec: the simulator's distribution and its mean.
import { InputError } from '../input/error.js';
import { formatDuration } from '../input/units.js';
import type { ExecSpec } from '../sim/simulate.js';
import { specError } from './field-names.js';
import type { ExecutionSpec } from './spec.js';

/** Execution-time samples read from a file where the spec was loaded. */
export interface ExecSamples {
  /** The file as the user named it, for messages and assumptions. */
  name: string;
  seconds: readonly number[];
}

/** What the execution time is, as data for its assumption. */
export type ExecutionFacts =
  | { kind: 'samples'; count: number; name: string; meanS: number }
  | { kind: 'lognormal'; p50S: number; p95S: number; meanS: number }
  | { kind: 'constant'; meanS: number }
  | { kind: 'exponential'; meanS: number }
  /** An LLM request's time alone from its tokens (endpoint/tokens.ts states them). */
  | { kind: 'tokens'; meanS: number };

export interface ResolvedExecution {
  spec: ExecSpec;
  meanS: number;
  facts: ExecutionFacts;
}

// Lognormal: median e^mu, p95 e^(mu + z95 sigma), mean e^(mu + sigma^2 / 2); z95 is the standard normal's 95th percentile.
const Z95 = 1.6448536269514722;

export function resolveExecution(execution: ExecutionSpec, samples: ExecSamples | undefined): ResolvedExecution {
  if (typeof execution === 'number') return meanExecution(execution, 'exponential');
  if ('mean' in execution) return meanExecution(execution.mean, execution.distribution);
  if ('p50' in execution) {
    const { p50, p95 } = execution;
    if (!(p50 > 0 && p95 >= p50)) throw specError(`expected 0 < p50 <= p95, got ${formatDuration(p50)} and ${formatDuration(p95)}`, 'execution.p95');
    const sigma = Math.log(p95 / p50) / Z95;
    const meanS = p50 * Math.exp((sigma * sigma) / 2);
    return { spec: { kind: 'lognormal', p50S: p50, p95S: p95 }, meanS, facts: { kind: 'lognormal', p50S: p50, p95S: p95, meanS } };
  }
  if (samples === undefined) throw new Error(`internal: execution samples ${execution.samples} were not read where the spec was loaded`);
  const seconds = samples.seconds as number[];
  const meanS = seconds.reduce((a, b) => a + b, 0) / seconds.length;
  if (!(meanS > 0)) throw new InputError('expected execution times above 0', { file: samples.name });
  return { spec: { kind: 'samples', seconds }, meanS, facts: { kind: 'samples', count: seconds.length, name: samples.name, meanS } };
}

function meanExecution(meanS: number, distribution: 'exponential' | 'constant'): ResolvedExecution {
  if (!(meanS > 0)) throw specError('expected an execution time above 0s', 'execution');
  return distribution === 'constant'
    ? { spec: { kind: 'constant', seconds: meanS }, meanS, facts: { kind: 'constant', meanS } }
    : { spec: { kind: 'exponential', meanS }, meanS, facts: { kind: 'exponential', meanS } };
}
