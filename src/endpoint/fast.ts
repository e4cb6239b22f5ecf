// The fast path: an endpoint's monthly figures from the levels model (model/fast-endpoint.ts) instead of
// a simulation, in the same line items as priceSimulation, with the domain where bench/fast-vs-sim.ts
// measured it against the simulator. A daily profile is taken hour by hour (each hour's rate held
// steady: valid while an hour is long next to the idle timeout and the cold start) and summed.
import { aliveWorkerRates } from '../model/alive-workers.js';
import { meanColdStartS } from '../model/cold-start.js';
import { correctionRatios } from '../model/fast-correction.js';
import { fastEndpointRates, type FastEndpointInput, type FastEndpointRates, type FastExecShape, type FastScaler } from '../model/fast-endpoint.js';
import { monthSeconds as toMonthSeconds } from '../model/line-items.js';
import type { ExecSpec, SimulationConfig } from '../sim/simulate.js';
import { billedLineItems, type AnalyticTraffic, type EndpointOutcome, type SimulationPricing } from './outcome.js';

/** z(0.95), as the simulator's lognormal fit uses it (src/sim/config.ts). */
const Z_95 = 1.6448536269514722;

/** Why a configuration is outside the fast path's validated domain, as data. */
export interface FastDomainFinding {
  code: 'fast-out-of-domain';
  reason: string;
}

/** The fast path's outcome: priced like a simulation, plus whether the configuration is inside the validated domain. */
export type FastOutcome = EndpointOutcome & { inDomain: boolean; domainNote: string | null };

/**
 * The validated domain: where bench/fast-vs-sim.ts measured the fast path's monthly cost within 5% at
 * the 95th percentile and 10% at worst on both grid seeds 7 and 11 (1,200 points each). The queueing
 * scalers' limits come with the simulator-generated correction (model/fast-correction.ts): chosen on
 * seed 7, where queue-delay thresholds up to one execution held, then cut to half an execution when
 * seed 11 measured p95 5.1% up to one.
 * Outside it the levels model's
 * scaler approximations (the absorption of arrivals into a queue) were measured to err by more; see the
 * benchmark's table. The limits:
 * - offered load at most DOMAIN_MAX_LOAD_SHARE of (active + max) workers in the busiest hour (near
 *   capacity the queue's slow transients dominate and the simulator itself needs very long runs);
 * - one job per worker; execution timeouts far above the mean execution; a parametric execution time;
 * - the mean cold start at most DOMAIN_MAX_START_EXECS mean executions (the chain's one mean holding
 *   time stands for a start followed by a job: much longer starts make occupancy bimodal);
 * - per-request: no active workers, or active workers loaded at most half (their queue absorbs the rest);
 * - request-count: value 1, no active workers, an idle timeout at least one execution (seed 11 found
 *   9.1% and 5.4% errors below it before the correction); values 2 and 4 queue, and even corrected
 *   still err by p95 7-32%;
 * - queue-delay: reading 'pending', no active workers, threshold at most half the mean execution
 *   (longer thresholds let the queue absorb arrivals in ways the corrected model does not follow well
 *   enough yet); 'eager' is out.
 */
export const DOMAIN_MAX_LOAD_SHARE = 0.8;
export const DOMAIN_MAX_START_EXECS = 10;
const DOMAIN_MAX_THRESHOLD_EXECS = 0.5;

/** Execution timeouts below this many mean executions cut jobs, which the fast model does not model. */
const DOMAIN_MIN_TIMEOUT_EXECS = 10;

/** Whether the fast path is inside its validated domain for this configuration; null when it is. */
export function checkFastDomain(config: SimulationConfig, traffic: AnalyticTraffic): FastDomainFinding | null {
  const w = config.workers;
  const out = (reason: string): FastDomainFinding => ({ code: 'fast-out-of-domain', reason });
  if (config.loadBalancer !== undefined) return out('a load-balancing endpoint: the fast model has no bounded wait for a worker, drops or retries');
  if (w.jobsPerWorker !== 1) return out(`jobsPerWorker ${w.jobsPerWorker}: the fast model runs one job per worker`);
  const s = traffic.execMeanS;
  if (w.executionTimeoutS < DOMAIN_MIN_TIMEOUT_EXECS * s) return out(`execution timeout ${w.executionTimeoutS}s is under ${DOMAIN_MIN_TIMEOUT_EXECS}x the mean execution`);
  if (config.exec.kind === 'samples') return out('sampled execution times: the fast model was measured on exponential, constant and lognormal');
  const peakLoad = Math.max(0, ...traffic.hourlyRatesPerSecond) * s;
  const capacity = w.active + w.max;
  if (peakLoad > DOMAIN_MAX_LOAD_SHARE * capacity) {
    return out(`peak load ${round2(peakLoad)} GPUs is above ${DOMAIN_MAX_LOAD_SHARE * 100}% of ${capacity} workers`);
  }
  const c = config.coldStart;
  const startExecs = meanColdStartS(c) / s;
  if (startExecs > DOMAIN_MAX_START_EXECS) return out(`mean cold start is ${round2(startExecs)}x the mean execution (validated up to ${DOMAIN_MAX_START_EXECS}x)`);
  const scaler = config.scaler;
  switch (scaler.kind) {
    case 'per-request':
      if (w.active > 0 && peakLoad > w.active / 2) return out(`per-request with active workers above half load (peak load ${round2(peakLoad)} GPUs, ${w.active} active)`);
      return null;
    case 'request-count':
      if (scaler.value !== 1) return out(`request-count value ${scaler.value}: validated for value 1 only`);
      if (w.active > 0) return out('request-count with active workers');
      if (w.idleTimeoutS < s) return out(`request-count with an idle timeout ${round2(w.idleTimeoutS)}s under one mean execution (${round2(s)}s)`);
      return null;
    case 'queue-delay':
      if (scaler.reading === 'eager') return out("queue-delay reading 'eager'");
      if (w.active > 0) return out('queue-delay with active workers');
      if (scaler.thresholdS > DOMAIN_MAX_THRESHOLD_EXECS * s) return out(`queue-delay threshold ${scaler.thresholdS}s above ${DOMAIN_MAX_THRESHOLD_EXECS}x the mean execution`);
      return null;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

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
    case 'samples': {
      const n = exec.seconds.length;
      const mean = exec.seconds.reduce((a, b) => a + b, 0) / n;
      const variance = exec.seconds.reduce((a, b) => a + (b - mean) * (b - mean), 0) / n;
      return { meanS: mean, squaredVariation: mean > 0 ? variance / (mean * mean) : 0 };
    }
  }
}

/** The simulator's scaler as the fast model reads it; an absent queue-delay reading is 'pending' (the product's coming default). */
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

/**
 * The fast models: 'levels' (model/fast-endpoint.ts, what --fast uses) and 'alive' (model/alive-workers.ts,
 * an experimental chain on alive workers for the queueing scalers, measured by bench/fast-vs-sim --model
 * alive and not yet inside any claimed domain).
 */
export type FastModel = 'levels' | 'alive';

/**
 * An endpoint's month from the fast model: the line items priceSimulation gives (active, flex execution,
 * flex cold starts' billed part, flex idle tails, flex rounding), the cold-start rate (share of requests
 * that waited on a worker start), worker starts and the mean latency (percentiles unknown: null).
 */
export function approximateEndpoint(config: SimulationConfig, traffic: AnalyticTraffic, pricing: SimulationPricing, model: FastModel = 'levels'): FastOutcome {
  // The alive-workers model covers the queueing scalers only; per-request always uses levels.
  const rates = model === 'alive' && config.scaler.kind !== 'per-request' ? aliveWorkerRates : fastEndpointRates;
  const month = toMonthSeconds(pricing.monthHours);
  const hours = traffic.hourlyRatesPerSecond;
  const share = month / hours.length;
  let flexStart = 0;
  let flexExecution = 0;
  let flexIdle = 0;
  let flexRounding = 0;
  let starts = 0;
  let waited = 0;
  let requests = 0;
  let latencyWeighted = 0;
  // Equal hourly rates (flat traffic, or repeated values of a profile) are evaluated once.
  const cache = new Map<number, FastEndpointRates>();
  for (const rate of hours) {
    let r = cache.get(rate);
    if (r === undefined) {
      const input = fastInputOf(config, rate, traffic.execMeanS, pricing.roundingS);
      r = rates(input);
      if (model === 'levels') {
        // The simulator-generated correction of the levels model's flex overhead (model/fast-correction.ts).
        const ratio = correctionRatios(input);
        r = { ...r, flexStart: r.flexStart * ratio.starts, flexRounding: r.flexRounding * ratio.starts, workerStarts: r.workerStarts * ratio.starts, flexIdle: r.flexIdle * ratio.idle };
      }
      cache.set(rate, r);
    }
    flexStart += r.flexStart * share;
    flexExecution += r.flexExecution * share;
    flexIdle += r.flexIdle * share;
    flexRounding += r.flexRounding * share;
    starts += r.workerStarts * share;
    waited += r.waitedOnStart * share;
    requests += rate * share;
    latencyWeighted += rate * share * r.meanLatencyS;
  }
  const g = pricing.gpuCount;
  const lineItems = billedLineItems({ active: config.workers.active * month * g, flexExecution: flexExecution * g, flexStart: flexStart * g, flexIdle: flexIdle * g, flexRounding: flexRounding * g }, pricing);
  const monthlyUsd = lineItems.reduce((sum, item) => sum + item.monthlyUsd, 0);
  const finding = checkFastDomain(config, traffic);
  return {
    method: 'analytic',
    activeWorkers: config.workers.active,
    idleTimeoutS: config.workers.idleTimeoutS,
    lineItems,
    monthlyUsd,
    requestsPerMonth: requests,
    usdPer1000Requests: requests > 0 ? (monthlyUsd / requests) * 1000 : null,
    billedGpuHoursPerMonth: lineItems.reduce((sum, item) => sum + item.quantity, 0) / 3600,
    coldStartRate: requests > 0 ? waited / requests : 0,
    workerStartsPerMonth: starts,
    latency: { p50: null, p90: null, p95: null, p99: null, max: null, mean: requests > 0 ? latencyWeighted / requests : traffic.execMeanS },
    horizonS: 0,
    precision: null,
    overload: null,
    outsideFastDomain: finding === null ? null : finding.reason,
    simulation: null,
    inDomain: finding === null,
    domainNote: finding === null ? null : finding.reason,
  };
}
