// The fast model's input from a simulation's configuration: the execution time's mean and squared
// variation, the scaler as the fast model reads it, and one steady rate's whole input.
import type { FastEndpointInput, FastExecShape, FastScaler } from '../model/fast-endpoint.js';
import type { TokenCountSpec } from '../sim/config.js';
import { meanTokens } from '../sim/exec-time.js';
import type { ExecSpec, SimulationConfig } from '../sim/simulate.js';

/** z(0.95), as the simulator's lognormal fit uses it (src/sim/config.ts). */
const Z_95 = 1.6448536269514722;

/** An execution spec's mean and squared coefficient of variation. */
export function execShapeOf(exec: ExecSpec): FastExecShape {
  switch (exec.kind) {
    case 'exponential':
      return { meanS: exec.meanS, squaredVariation: 1 };
    case 'constant':
      return { meanS: exec.seconds, squaredVariation: 0 };
    case 'lognormal': {
      const sigma = (Math.log(exec.p95S) - Math.log(exec.p50S)) / Z_95;
      return { meanS: exec.p50S * Math.exp((sigma * sigma) / 2), squaredVariation: Math.expm1(sigma * sigma) };
    }
    case 'tokens': {
      // Independent counts: the means and the variances add, each over its rate.
      const part = (count: TokenCountSpec, rate: number) => {
        const mean = meanTokens(count) / rate;
        if (count.kind === 'constant') return { mean, variance: 0 };
        const sigma = (Math.log(count.p95) - Math.log(count.p50)) / Z_95;
        return { mean, variance: mean * mean * Math.expm1(sigma * sigma) };
      };
      const prefill = part(exec.in, exec.prefillTokensPerSecond);
      const decode = part(exec.out, exec.decodeTokensPerSecond);
      const meanS = prefill.mean + decode.mean;
      return { meanS, squaredVariation: meanS > 0 ? (prefill.variance + decode.variance) / (meanS * meanS) : 0 };
    }
    case 'samples': {
      const n = exec.seconds.length;
      const mean = exec.seconds.reduce((a, b) => a + b, 0) / n;
      const variance = exec.seconds.reduce((a, b) => a + (b - mean) * (b - mean), 0) / n;
      return { meanS: mean, squaredVariation: mean > 0 ? variance / (mean * mean) : 0 };
    }
  }
}

/** The simulator's scaler as the fast model reads it. */
export function fastScalerOf(config: SimulationConfig): FastScaler {
  const scaler = config.scaler;
  if (scaler.kind === 'queue-delay') return { kind: 'queue-delay', thresholdS: scaler.thresholdS, eager: scaler.reading === 'eager' };
  if (scaler.kind === 'request-count') return { kind: 'request-count', value: scaler.value };
  return { kind: 'per-request' };
}

/** The fast model's input for one steady rate. */
export function fastInputOf(config: SimulationConfig, ratePerSecond: number, execMeanS: number, roundingS: number): FastEndpointInput {
  const shape = execShapeOf(config.exec);
  const c = config.coldStart;
  return {
    ratePerSecond,
    exec: { meanS: execMeanS, squaredVariation: shape.squaredVariation },
    fullS: c.fullS,
    fullBilledS: c.fullBilledS,
    restoreS: c.restoreS,
    restoreBilledS: c.restoreBilled ? c.restoreS : 0,
    hitRate: c.hitRate,
    active: config.workers.active,
    max: config.workers.max,
    idleTimeoutS: config.workers.idleTimeoutS,
    scaler: fastScalerOf(config),
    roundingS,
  };
}
