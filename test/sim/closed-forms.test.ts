// The simulator against the closed forms of src/model/queueing.ts (coldstart-figures.md section 3), on
// enough requests (2 x 10^5 to 10^6) that a tolerance of a few standard errors is tight. Runs are seeded,
// so each test is deterministic; the tolerances say how far an honest simulation could drift by chance.
import { describe, expect, it } from 'vitest';
import { analyzeSingleWorker, erlangC, expectedIdlePerRequest, probabilityGapExceeds, type SingleWorkerStable } from '../../src/model/queueing.js';
import { simulate, simulateWithHistograms, type ScalerSpec, type SimulationConfig } from '../../src/sim/simulate.js';

/** Relative difference of a simulated figure from its closed form. */
const relative = (simulated: number, exact: number) => Math.abs(simulated / exact - 1);

/** analyzeSingleWorker, insisting on a stable result. */
function singleWorker(ratePerSecond: number, execS: number, coldStartS: number, idleTimeoutS: number): SingleWorkerStable {
  const result = analyzeSingleWorker({ ratePerSecond, execS, coldStartS, idleTimeoutS });
  if (!result.stable) throw new Error('unstable');
  return result;
}

/** One scale-to-zero worker (max 1, no active), exponential service, the whole cold start billed. */
function scaleToZero(requests: number, rate: number, execS: number, coldStartS: number, idleTimeoutS: number, scaler: ScalerSpec, seed: number): SimulationConfig {
  return {
    horizonS: requests / rate,
    seed,
    arrivals: { kind: 'poisson', ratePerSecond: rate },
    exec: { kind: 'exponential', meanS: execS },
    coldStart: { fullS: coldStartS, fullBilledS: coldStartS, restoreS: 0, restoreBilled: false, hitRate: 0 },
    workers: { active: 0, max: 1, idleTimeoutS, jobsPerWorker: 1, executionTimeoutS: Infinity },
    scaler,
    roundingS: 1,
  };
}

describe('simulate vs closed forms', () => {
  // The reference case of coldstart-figures.md: L = 1/60, T = 120, C = 30 (all billed), s = 2.
  // P_cold 0.1225, P_delayed 0.1838, 52.65 alive (billed before rounding) seconds per request.
  //
  // Tolerance 2% relative on 10^6 requests. The closed form is exact for this policy (M/G/1 with setup
  // and idle timeout), so the only error is sampling: about 122,500 starts give P_cold a relative
  // standard error near 0.3%, and the alive time per request (one regenerative cycle per start, cycle
  // lengths with a coefficient of variation near 1) about the same. 2% is 6-7 standard errors; across
  // 12 seeds the largest deviation seen was 0.45%.
  // With one worker every scaler behaves the same (an idle job always starts the only worker), so all
  // three must agree with the formula, and they see the same random streams.
  const reference = singleWorker(1 / 60, 2, 30, 120);

  it('the reference case is the one in the shared figures', () => {
    expect(reference.pCold).toBeCloseTo(0.1225, 4);
    expect(reference.aliveSecondsPerRequest).toBeCloseTo(52.65, 2);
  });

  it.each<{ name: string; scaler: ScalerSpec }>([
    { name: 'queue-delay', scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' } },
    { name: 'request-count', scaler: { kind: 'request-count', value: 1 } },
    { name: 'per-request', scaler: { kind: 'per-request' } },
  ])('one scale-to-zero worker ($name): P_cold, P_delayed and billed seconds per request within 2%, rounding 0.5 s per window', ({ scaler }) => {
    const result = simulate(scaleToZero(1_000_000, 1 / 60, 2, 30, 120, scaler, 2026));
    const n = result.requests.arrived;
    const b = result.billedSeconds;
    expect(relative(result.coldStarts.workerStarts / n, reference.pCold)).toBeLessThan(0.02);
    // "Waited on a start" is the closed form's P_delayed: the trigger plus the arrivals during the start.
    expect(relative(result.coldStarts.rate, reference.pDelayed)).toBeLessThan(0.02);
    expect(relative((b.flexStart + b.flexExecution + b.flexIdle) / n, reference.aliveSecondsPerRequest)).toBeLessThan(0.02);
    expect(relative(b.flexStart / n, reference.coldStartSecondsPerRequest)).toBeLessThan(0.02);
    expect(relative(b.flexExecution / n, reference.execSecondsPerRequest)).toBeLessThan(0.02);
    expect(relative(b.flexIdle / n, reference.idleSecondsPerRequest)).toBeLessThan(0.02);
    // Each window is rounded up to the next second: with continuous times the fraction is uniform, so
    // 0.5 s per window on average (standard error 0.29 / sqrt(122,500) = 0.001; allow 0.02).
    expect(Math.abs(b.flexRounding / result.coldStarts.workerStarts - 0.5)).toBeLessThan(0.02);
    // The worker is up (starting, busy or idle) A / (A + q/L) of the time.
    expect(relative(result.workers.timeWeightedMean, reference.aliveFraction)).toBeLessThan(0.02);
  });

  it('light load: P_cold = e^(-L T) (rate 1/600, T = 60, s = 1, C = 1; 200,000 requests; 1%)', () => {
    // At light load a request is cold iff the gap before it exceeds T. The exact single-worker P_cold
    // differs from e^(-LT) by 0.3% here (service and start times shorten the gap a little); the sampling
    // standard error of a proportion near 0.9 over 2 x 10^5 requests is 0.07%. So 1% holds both.
    const rate = 1 / 600;
    const result = simulate(scaleToZero(200_000, rate, 1, 1, 60, { kind: 'queue-delay', thresholdS: 4, reading: 'eager' }, 7));
    const pCold = result.coldStarts.workerStarts / result.requests.arrived;
    expect(relative(pCold, probabilityGapExceeds(rate, 60))).toBeLessThan(0.01);
    expect(relative(pCold, singleWorker(rate, 1, 1, 60).pCold)).toBeLessThan(0.01);
    // Billed idle per request: E[min(gap, T)] = (1 - e^(-LT)) / L = 57.1 s (relative sd about 0.2%).
    expect(relative(result.billedSeconds.flexIdle / result.requests.arrived, expectedIdlePerRequest(rate, 60))).toBeLessThan(0.02);
  });

  // c = 4 active workers, no flex (max 0), Poisson 3/s, exponential service mean 1 s: M/M/4 at rho = 0.75.
  // Erlang C(4, 3) = 0.5094; mean wait C / (c mu - lambda) = 0.5094 s; given a wait, it is exponential
  // with rate c mu - lambda, so P(wait > t) = C e^(-(c mu - lambda) t) and the p-th percentile is
  // ln(C / (1 - p)) / (c mu - lambda) when p > 1 - C.
  //
  // Tolerances on 10^6 requests: waits are strongly autocorrelated at rho = 0.75, so a run's standard
  // error is several times the naive one. Over 20 seeds the relative standard deviation was 0.4% for
  // P(wait), 1.1% for the mean wait, 1.1% for p95 and 1.4% for p99. Tolerances: 2% for P(wait) (5 sd),
  // 5% for the mean wait and p95 (4.5 sd), 6% for p99 (4 sd).
  it('c active workers, exponential service: P(wait) is Erlang C, mean wait C / (c mu - lambda), and the wait tail', () => {
    const c = 4;
    const lambda = 3;
    const mu = 1;
    const { result, histograms } = simulateWithHistograms({
      horizonS: 1_000_000 / lambda,
      seed: 99,
      arrivals: { kind: 'poisson', ratePerSecond: lambda },
      exec: { kind: 'exponential', meanS: 1 / mu },
      coldStart: { fullS: 0, fullBilledS: 0, restoreS: 0, restoreBilled: false, hitRate: 0 },
      workers: { active: c, max: 0, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: Infinity },
      scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
      roundingS: 1,
    });
    const C = erlangC(c, lambda / mu);
    const drain = c * mu - lambda;
    expect(C).toBeCloseTo(0.5094, 4);
    expect(relative(1 - histograms.queueWait.fractionAtOrBelow(0), C)).toBeLessThan(0.02);
    expect(relative(result.latency.queueWait.mean, C / drain)).toBeLessThan(0.05);
    expect(relative(result.latency.queueWait.p95, Math.log(C / 0.05) / drain)).toBeLessThan(0.05);
    expect(relative(result.latency.queueWait.p99, Math.log(C / 0.01) / drain)).toBeLessThan(0.06);
    // Little's law: busy workers = lambda / mu = 3; the active workers are always up.
    expect(relative(result.latency.execution.mean, 1 / mu)).toBeLessThan(0.01);
    expect(result.workers.timeWeightedMean).toBe(c);
    expect(result.coldStarts.workerStarts).toBe(0);
  });
});
