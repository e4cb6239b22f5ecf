// A load-balancing endpoint in the simulator: no queue, a bounded wait for a worker, client retries.
// Hand-worked timelines first, then the closed forms: with no wait and always-on workers it is Erlang's
// loss system (Erlang-B); with a fixed wait and exponential service, M/M/c with a deterministic patience
// (model/queueing.ts boundedWaitLoss, Baccelli and Hebuterne 1981).
import { describe, expect, it } from 'vitest';
import { boundedWaitLoss, erlangB } from '../../src/model/queueing.js';
import { simulate, simulateWithHistograms, validateConfig, type LoadBalancerSpec, type SimulationConfig } from '../../src/sim/simulate.js';

const relative = (simulated: number, exact: number) => Math.abs(simulated / exact - 1);

/** Always-on workers behind a load balancer (no flex workers, so nothing starts). */
function alwaysOn(servers: number, rate: number, meanS: number, requests: number, loadBalancer: LoadBalancerSpec, seed = 2026): SimulationConfig {
  return {
    horizonS: requests / rate,
    seed,
    arrivals: { kind: 'poisson', ratePerSecond: rate },
    exec: { kind: 'exponential', meanS },
    coldStart: { fullS: 0, fullBilledS: 0, restoreS: 0, restoreBilled: false, hitRate: 0 },
    workers: { active: servers, max: 0, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: Infinity },
    scaler: { kind: 'request-count', value: 1 },
    roundingS: 1,
    loadBalancer,
  };
}

/** A replayed trace on one always-on worker (or flex workers from zero), constant execution times. */
function timeline(timestampsS: number[], execS: number, loadBalancer: LoadBalancerSpec, workers: Partial<SimulationConfig['workers']> = {}, coldStartS = 0): SimulationConfig {
  return {
    horizonS: 100,
    seed: 1,
    arrivals: { kind: 'trace', timestampsS },
    exec: { kind: 'constant', seconds: execS },
    coldStart: { fullS: coldStartS, fullBilledS: coldStartS, restoreS: 0, restoreBilled: false, hitRate: 0 },
    workers: { active: 1, max: 0, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: Infinity, ...workers },
    scaler: { kind: 'request-count', value: 1 },
    roundingS: 1,
    loadBalancer,
  };
}

describe('load-balancing endpoint: hand-worked timelines', () => {
  it('no wait: requests at 0, 1, 2 and 10 on one worker busy 5 s each: 1 and 2 are dropped at once', () => {
    const { result, histograms } = simulateWithHistograms(timeline([0, 1, 2, 10], 5, { maxWaitS: 0, retries: 0, retryDelayS: 5 }));
    expect(result.requests).toEqual({ arrived: 4, served: 2, failed: 0, dropped: 2, unfinished: 0 });
    expect(result.loadBalancer).toEqual({ failedAttempts: 2, retries: 0, servedOnRetry: 0 });
    expect(histograms.queueWait.max).toBe(0);
  });

  it('a 4 s wait: 1 waits to 5 (exactly its limit: the freed worker takes it), 2 fails at 6, 10 runs at 10', () => {
    const { result } = simulateWithHistograms(timeline([0, 1, 2, 10], 5, { maxWaitS: 4, retries: 0, retryDelayS: 5 }));
    expect(result.requests).toEqual({ arrived: 4, served: 3, failed: 0, dropped: 1, unfinished: 0 });
    // Latencies 5, 4 + 5 = 9 and 5: mean 19 / 3.
    expect(result.latency.total.mean).toBeCloseTo(19 / 3, 9);
    expect(result.latency.queueWait.max).toBe(4);
  });

  it('one retry 4.5 s after the failure: request 1 fails at 1, comes back at 5.5 and runs then (latency 9.5 s from its first attempt)', () => {
    const { result } = simulateWithHistograms(timeline([0, 1], 5, { maxWaitS: 0, retries: 1, retryDelayS: 4.5 }));
    expect(result.requests).toEqual({ arrived: 2, served: 2, failed: 0, dropped: 0, unfinished: 0 });
    expect(result.loadBalancer).toEqual({ failedAttempts: 1, retries: 1, servedOnRetry: 1 });
    expect(result.latency.total.max).toBe(9.5);
  });

  it('one retry 3 s after: it comes back at 4, the worker is still busy, and it is dropped', () => {
    const result = simulate(timeline([0, 1], 5, { maxWaitS: 0, retries: 1, retryDelayS: 3 }));
    expect(result.requests).toEqual({ arrived: 2, served: 1, failed: 0, dropped: 1, unfinished: 0 });
    expect(result.loadBalancer).toEqual({ failedAttempts: 2, retries: 1, servedOnRetry: 0 });
  });

  it('scaled to zero, a 12 s cold start, a 2 s wait and 3 retries 3 s apart: attempts fail at 2 and 7; the one sent at 10 gets the worker at 12', () => {
    const config = timeline([0], 1, { maxWaitS: 2, retries: 3, retryDelayS: 3 }, { active: 0, max: 1 }, 12);
    const { result } = simulateWithHistograms(config);
    expect(result.requests).toEqual({ arrived: 1, served: 1, failed: 0, dropped: 0, unfinished: 0 });
    expect(result.loadBalancer).toEqual({ failedAttempts: 2, retries: 2, servedOnRetry: 1 });
    expect(result.coldStarts).toMatchObject({ workerStarts: 1, jobsWaitedOnStart: 1 });
    // Latency from the first attempt: ready at 12, then 1 s of execution.
    expect(result.latency.total.max).toBe(13);
    // Billed as a queue endpoint's worker: 12 s start + 1 s execution + 5 s idle timeout.
    expect(result.billedSeconds).toMatchObject({ flexStart: 12, flexExecution: 1, flexIdle: 5, flexRounding: 0 });
  });

  it('without retries the same request is dropped at 2 s, and the worker it started still bills its start and idle tail', () => {
    const result = simulate(timeline([0], 1, { maxWaitS: 2, retries: 0, retryDelayS: 3 }, { active: 0, max: 1 }, 12));
    expect(result.requests).toEqual({ arrived: 1, served: 0, failed: 0, dropped: 1, unfinished: 0 });
    expect(result.billedSeconds).toMatchObject({ flexStart: 12, flexExecution: 0, flexIdle: 5 });
  });

  it('the 5.5-minute cut is the execution timeout: a 400 s request runs 330 s and fails (billed)', () => {
    const result = simulate({ ...timeline([0], 400, { maxWaitS: 120, retries: 0, retryDelayS: 5 }, { executionTimeoutS: 330 }), horizonS: 1000 });
    expect(result.requests).toEqual({ arrived: 1, served: 0, failed: 1, dropped: 0, unfinished: 0 });
    expect(result.latency.execution.max).toBe(330);
  });

  it('refuses another scaler than request-count', () => {
    expect(() => validateConfig({ ...timeline([0], 1, { maxWaitS: 2, retries: 0, retryDelayS: 1 }), scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' } })).toThrow(/scaler\.kind/);
  });
});

describe('load-balancing endpoint vs closed forms', () => {
  // Standard error of a drop share p over n requests is about sqrt(p (1 - p) / n) (arrivals are
  // independent; drops are positively correlated in time, which batch means show to widen it about
  // threefold): for p = 0.2 and n = 10^6 about 0.0004 x 3 = 0.0012, 0.6% relative. 2% is over 3 of those.
  it('no wait, 5 always-on workers, 4 erlangs offered: the drop share is Erlang-B(5, 4) = 0.1991 within 2%', () => {
    const result = simulate(alwaysOn(5, 4, 1, 1_000_000, { maxWaitS: 0, retries: 0, retryDelayS: 5 }));
    const b = erlangB(5, 4);
    expect(b).toBeCloseTo(0.19907, 4);
    const dropShare = result.requests.dropped / result.requests.arrived;
    expect(relative(dropShare, b)).toBeLessThan(0.02);
    // Its own 95% interval covers the closed form.
    expect(Math.abs(dropShare - b)).toBeLessThan(result.precision.dropRateHalfWidth * 1.5);
    expect(result.latency.queueWait.max).toBe(0);
  });

  it.each([
    // servers, offered erlangs, mean service s, wait limit s
    { servers: 5, erlangs: 4.5, meanS: 1, maxWaitS: 0.5 },
    // Overloaded (6 erlangs on 5 workers): the wait limit alone keeps it stable (theta < 0 branch).
    { servers: 5, erlangs: 6, meanS: 10, maxWaitS: 20 },
  ])('M/M/$servers+D at $erlangs erlangs, s = $meanS s, wait limit $maxWaitS s: drop share and mean wait of the served within 2% and 4%', ({ servers, erlangs, meanS, maxWaitS }) => {
    const rate = erlangs / meanS;
    const { result, histograms } = simulateWithHistograms(alwaysOn(servers, rate, meanS, 1_000_000, { maxWaitS, retries: 0, retryDelayS: 5 }, 7));
    const exact = boundedWaitLoss(servers, rate, meanS, maxWaitS);
    const n = result.requests.arrived;
    expect(relative(result.requests.dropped / n, exact.pDropped)).toBeLessThan(0.02);
    expect(relative(histograms.queueWait.mean, exact.meanWaitServedS)).toBeLessThan(0.04);
    // Served at once: the wait histogram's mass at 0, over all arrivals.
    const servedAtOnce = (histograms.queueWait.fractionAtOrBelow(0) * (result.requests.served + result.requests.failed)) / n;
    expect(relative(servedAtOnce, exact.pServedAtOnce)).toBeLessThan(0.02);
    expect(histograms.queueWait.max).toBeLessThanOrEqual(maxWaitS);
  });
});
