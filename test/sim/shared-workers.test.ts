// Requests sharing a worker (a concurrency table, as an LLM server batches them): hand-worked timelines,
// then the exact birth-death chain of processor sharing with a rate that depends on the requests in
// flight (exponential work is memoryless, so with n in flight the next end comes at rate n r(n) / mean).
import { describe, expect, it } from 'vitest';
import { simulate, simulateWithHistograms, type SimulationConfig, type SimulationObserver } from '../../src/sim/simulate.js';

const relative = (simulated: number, exact: number) => Math.abs(simulated / exact - 1);

/** One always-on worker running up to rates.length requests at once, a trace of arrivals, constant work. */
function timeline(timestampsS: number[], workS: number, rates: number[], executionTimeoutS = Infinity): SimulationConfig {
  return {
    horizonS: 1000,
    seed: 1,
    arrivals: { kind: 'trace', timestampsS },
    exec: { kind: 'constant', seconds: workS },
    coldStart: { fullS: 0, fullBilledS: 0, restoreS: 0, restoreBilled: false, hitRate: 0 },
    workers: { active: 1, max: 0, idleTimeoutS: 5, jobsPerWorker: rates.length, executionTimeoutS },
    scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
    roundingS: 1,
    concurrency: { ratesByInFlight: rates },
  };
}

/** Each finished job as [arrival, start, execution, failed]. */
function jobsOf(config: SimulationConfig): number[][] {
  const jobs: number[][] = [];
  const observer: SimulationObserver = { job: (arrivalS, startS, executionS, _worker, failed) => jobs.push([arrivalS, startS, executionS, failed ? 1 : 0]) };
  simulate(config, observer);
  return jobs.sort((a, b) => (a[0] as number) - (b[0] as number));
}

describe('shared workers: hand-worked timelines', () => {
  it('two 10 s requests at once at half speed each end together at 20 s', () => {
    expect(jobsOf(timeline([0, 0], 10, [1, 0.5]))).toEqual([
      [0, 0, 20, 0],
      [0, 0, 20, 0],
    ]);
  });

  it('10 s requests at 0 and 5 (half speed together): the first has 5 s of work left at 5, done at 15; the second, 5 s in by then, runs alone to 20', () => {
    expect(jobsOf(timeline([0, 5], 10, [1, 0.5]))).toEqual([
      [0, 0, 15, 0],
      [5, 5, 15, 0],
    ]);
  });

  it('at 0.75 each with two in flight (1.5 x the throughput), two 6 s requests take 8 s', () => {
    expect(jobsOf(timeline([0, 0], 6, [1, 0.75]))).toEqual([
      [0, 0, 8, 0],
      [0, 0, 8, 0],
    ]);
  });

  it('a third request waits for a slot: it starts at 20 when the pair ends, and runs alone', () => {
    expect(jobsOf(timeline([0, 0, 1], 10, [1, 0.5]))).toEqual([
      [0, 0, 20, 0],
      [0, 0, 20, 0],
      [1, 20, 10, 0],
    ]);
  });

  it('the execution timeout cuts on the wall clock: two requests that would end at 20 are both cut at 15', () => {
    const result = simulate(timeline([0, 0], 10, [1, 0.5], 15));
    expect(result.requests).toEqual({ arrived: 2, served: 0, failed: 2, dropped: 0, unfinished: 0 });
    expect(result.latency.execution.max).toBe(15);
  });

  it('a request still running at the horizon is unfinished, not in the latency', () => {
    const result = simulate({ ...timeline([0, 995], 10, [1, 0.5]) });
    expect(result.requests).toEqual({ arrived: 2, served: 1, failed: 0, dropped: 0, unfinished: 1 });
  });

  it('all rates 1 is the unshared simulator: the same result on a busy Poisson month of flex workers', () => {
    const base: SimulationConfig = {
      horizonS: 86_400,
      seed: 3,
      arrivals: { kind: 'poisson', ratePerSecond: 1 },
      exec: { kind: 'lognormal', p50S: 3, p95S: 9 },
      coldStart: { fullS: 20, fullBilledS: 15, restoreS: 2, restoreBilled: true, hitRate: 0 },
      workers: { active: 1, max: 3, idleTimeoutS: 5, jobsPerWorker: 2, executionTimeoutS: 600 },
      scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
      roundingS: 1,
    };
    const plain = simulate(base);
    const shared = simulate({ ...base, concurrency: { ratesByInFlight: [1, 1] } });
    expect(shared.requests).toEqual(plain.requests);
    expect(shared.billedSeconds.flexExecution).toBeCloseTo(plain.billedSeconds.flexExecution, 6);
    expect(shared.coldStarts).toEqual(plain.coldStarts);
    expect(shared.latency.total.mean).toBeCloseTo(plain.latency.total.mean, 9);
  });
});

/** Stationary distribution of a birth-death chain with birth rate lambda and death rates deaths(n), over 0..limit. */
function birthDeath(lambda: number, death: (n: number) => number, limit: number): number[] {
  const weights = [1];
  for (let n = 1; n <= limit; n++) weights.push(((weights[n - 1] as number) * lambda) / death(n));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

describe('shared workers vs the birth-death chain (exponential work, 10^6 requests)', () => {
  // Four in flight at most, each at 1, 0.9, 0.8, 0.7 of its speed alone: the worker completes 1, 1.8,
  // 2.4, 2.8 requests per mean work. 1.5 requests per mean work arrive (54% of the 2.8 at full batch).
  const rates = [1, 0.9, 0.8, 0.7];
  const capacity = (n: number) => Math.min(n, 4) * (rates[Math.min(n, 4) - 1] as number);
  const lambda = 1.5;
  const config = (loadBalancer?: SimulationConfig['loadBalancer']): SimulationConfig => ({
    horizonS: 1_000_000 / lambda,
    seed: 11,
    arrivals: { kind: 'poisson', ratePerSecond: lambda },
    exec: { kind: 'exponential', meanS: 1 },
    coldStart: { fullS: 0, fullBilledS: 0, restoreS: 0, restoreBilled: false, hitRate: 0 },
    workers: { active: 1, max: 0, idleTimeoutS: 5, jobsPerWorker: 4, executionTimeoutS: Infinity },
    scaler: { kind: 'request-count', value: 1 },
    roundingS: 1,
    concurrency: { ratesByInFlight: rates },
    ...(loadBalancer === undefined ? {} : { loadBalancer }),
  });

  it('a queue endpoint: mean latency L / lambda and mean queue wait Lq / lambda (Little) within 2%', () => {
    const pi = birthDeath(lambda, capacity, 400);
    const inSystem = pi.reduce((sum, p, n) => sum + n * p, 0);
    const queued = pi.reduce((sum, p, n) => sum + Math.max(0, n - 4) * p, 0);
    const { result, histograms } = simulateWithHistograms(config());
    expect(relative(result.latency.total.mean, inSystem / lambda)).toBeLessThan(0.02);
    expect(relative(histograms.queueWait.mean, queued / lambda)).toBeLessThan(0.03);
  });

  it('a load balancer with no wait: a request finding four in flight is dropped, P = pi(4) of the chain cut at 4 (PASTA), within 2%', () => {
    const pi = birthDeath(lambda, capacity, 4);
    const result = simulate(config({ maxWaitS: 0, retries: 0, retryDelayS: 5 }));
    expect(relative(result.requests.dropped / result.requests.arrived, pi[4] as number)).toBeLessThan(0.02);
  });
});
