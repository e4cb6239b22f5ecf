// Properties of the simulator over small random configurations (fast-check): determinism, seed
// sensitivity, conservation of jobs, and billing that can never undercut the work done.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, type ArrivalSpec, type ExecSpec, type ScalerSpec, type SimulationConfig } from '../../src/sim/simulate.js';

const arrivals: fc.Arbitrary<ArrivalSpec> = fc.oneof(
  fc.record({ kind: fc.constant('poisson' as const), ratePerSecond: fc.double({ min: 0, max: 0.6, noNaN: true }) }),
  fc.record({
    kind: fc.constant('profile' as const),
    meanRatePerSecond: fc.double({ min: 0, max: 0.6, noNaN: true }),
    hourlyWeights: fc.array(fc.double({ min: 0.01, max: 5, noNaN: true }), { minLength: 24, maxLength: 24 }),
  }),
  fc.record({
    kind: fc.constant('bursts' as const),
    onRatePerSecond: fc.double({ min: 0, max: 2, noNaN: true }),
    offRatePerSecond: fc.double({ min: 0, max: 0.2, noNaN: true }),
    onS: fc.double({ min: 1, max: 120, noNaN: true }),
    offS: fc.double({ min: 0, max: 600, noNaN: true }),
  }),
  fc
    .array(fc.double({ min: 0, max: 4000, noNaN: true }), { maxLength: 60 })
    .map((ts): ArrivalSpec => ({ kind: 'trace', timestampsS: [...ts].sort((a, b) => a - b) })),
);

const exec: fc.Arbitrary<ExecSpec> = fc.oneof(
  fc.record({ kind: fc.constant('constant' as const), seconds: fc.double({ min: 0, max: 20, noNaN: true }) }),
  fc.record({ kind: fc.constant('exponential' as const), meanS: fc.double({ min: 0.1, max: 10, noNaN: true }) }),
  fc
    .tuple(fc.double({ min: 0.1, max: 5, noNaN: true }), fc.double({ min: 1, max: 5, noNaN: true }))
    .map(([p50S, ratio]): ExecSpec => ({ kind: 'lognormal', p50S, p95S: p50S * ratio })),
  fc.record({ kind: fc.constant('samples' as const), seconds: fc.array(fc.double({ min: 0, max: 30, noNaN: true }), { minLength: 1, maxLength: 5 }) }),
);

const scaler: fc.Arbitrary<ScalerSpec> = fc.oneof(
  fc.record({ kind: fc.constant('queue-delay' as const), thresholdS: fc.double({ min: 0, max: 10, noNaN: true }), reading: fc.constantFrom('eager' as const, 'pending' as const) }),
  fc.record({ kind: fc.constant('request-count' as const), value: fc.double({ min: 0.5, max: 4, noNaN: true }) }),
  fc.constant<ScalerSpec>({ kind: 'per-request' }),
);

/** Small random endpoints: a few workers, horizons of minutes to a day and a half. */
const configs: fc.Arbitrary<SimulationConfig> = fc
  .record({
    horizonS: fc.double({ min: 10, max: 130_000, noNaN: true }),
    seed: fc.integer(),
    arrivals,
    exec,
    fullS: fc.double({ min: 0, max: 30, noNaN: true }),
    billedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    restoreS: fc.double({ min: 0, max: 10, noNaN: true }),
    restoreBilled: fc.boolean(),
    hitRate: fc.double({ min: 0, max: 1, noNaN: true }),
    active: fc.integer({ min: 0, max: 2 }),
    max: fc.integer({ min: 0, max: 4 }),
    idleTimeoutS: fc.oneof(fc.double({ min: 0, max: 60, noNaN: true }), fc.constant(Infinity)),
    jobsPerWorker: fc.integer({ min: 1, max: 3 }),
    executionTimeoutS: fc.oneof(fc.double({ min: 1, max: 50, noNaN: true }), fc.constant(Infinity)),
    scaler,
    roundingS: fc.constantFrom(0, 0.5, 1),
  })
  .map(
    (r): SimulationConfig => ({
      horizonS: r.horizonS,
      seed: r.seed,
      arrivals: r.arrivals,
      exec: r.exec,
      coldStart: { fullS: r.fullS, fullBilledS: r.fullS * r.billedShare, restoreS: r.restoreS, restoreBilled: r.restoreBilled, hitRate: r.hitRate },
      workers: { active: r.active, max: r.max, idleTimeoutS: r.idleTimeoutS, jobsPerWorker: r.jobsPerWorker, executionTimeoutS: r.executionTimeoutS },
      scaler: r.scaler,
      roundingS: r.roundingS,
    }),
  );

/** Seconds of [0, horizonS) that fall in each hour of day (to turn per-day hour figures back into totals). */
function hourCoverage(horizonS: number): number[] {
  const coverage = new Array<number>(24).fill(0);
  for (let start = 0; start < horizonS; start += 3600) coverage[(start / 3600) % 24]! += Math.min(3600, horizonS - start);
  return coverage;
}

/** Floating-point slack for sums over many events. */
const slack = (x: number) => 1e-6 * Math.max(1, Math.abs(x));

describe('simulate: properties', () => {
  it('same config and seed give deeply equal results, and the config is not changed', () => {
    fc.assert(
      fc.property(configs, (config) => {
        const copy = structuredClone(config);
        expect(simulate(config)).toEqual(simulate(copy));
        expect(config).toEqual(copy);
      }),
      { numRuns: 40 },
    );
  });

  it('different seeds give different results once there is traffic to randomise', () => {
    fc.assert(
      fc.property(configs, fc.double({ min: 0.2, max: 1, noNaN: true }), (config, rate) => {
        // At least 200 Poisson arrivals with random execution times: two seeds agreeing on everything is
        // practically impossible. (With a constant execution time, no cold start and no scale-down, the
        // result depends on the arrival count alone, and two Poisson(200) counts agree about 2% of the time.)
        const poisson: SimulationConfig = {
          ...config,
          horizonS: Math.max(config.horizonS, 1000),
          arrivals: { kind: 'poisson', ratePerSecond: rate },
          exec: { kind: 'exponential', meanS: 1 },
          // A worker to run them (without one, only the arrival count would differ).
          workers: { ...config.workers, max: Math.max(1, config.workers.max) },
        };
        expect(simulate(poisson)).not.toEqual(simulate({ ...poisson, seed: poisson.seed + 1 }));
      }),
      { numRuns: 15 },
    );
  });

  it('jobs are conserved, billing is never below the work done, and the hour-of-day table adds up', () => {
    fc.assert(
      fc.property(configs, (config) => {
        const r = simulate(config);
        const { requests, billedSeconds: b, latency, coldStarts, workers } = r;
        const w = config.workers;
        expect(requests.served + requests.failed + requests.unfinished).toBe(requests.arrived);
        expect(coldStarts.jobsWaitedOnStart).toBeLessThanOrEqual(requests.arrived);
        expect(coldStarts.restores).toBeLessThanOrEqual(coldStarts.workerStarts);
        if (w.max === 0) expect(coldStarts.workerStarts).toBe(0);

        // Every part of the bill is non-negative; each window's round-up is below one rounding step.
        for (const part of [b.flexStart, b.flexExecution, b.flexRounding]) expect(part).toBeGreaterThanOrEqual(0);
        expect(b.flexIdle).toBeGreaterThanOrEqual(-slack(b.flexIdle));
        expect(b.flexRounding).toBeLessThanOrEqual(coldStarts.workerStarts * config.roundingS + slack(b.flexRounding));
        expect(b.active).toBe(w.active * config.horizonS);
        expect(b.flexStart).toBeLessThanOrEqual(coldStarts.workerStarts * Math.max(config.coldStart.fullBilledS, config.coldStart.restoreS) + slack(b.flexStart));

        // Billed never below executed: a worker runs at most jobsPerWorker jobs at once, so the execution
        // seconds of finished jobs fit in jobsPerWorker x (billed worker seconds).
        const finished = requests.served + requests.failed;
        const executed = latency.execution.mean * finished;
        const billed = b.active + b.flexStart + b.flexExecution + b.flexIdle + b.flexRounding;
        expect(executed).toBeLessThanOrEqual(w.jobsPerWorker * billed + slack(executed));
        expect(executed).toBeLessThanOrEqual(w.jobsPerWorker * (b.active + b.flexExecution) + slack(executed));

        // Latencies: execution capped by the timeout; total = wait + execution.
        expect(latency.execution.max).toBeLessThanOrEqual(w.executionTimeoutS);
        expect(latency.total.max).toBeLessThanOrEqual(latency.queueWait.max + latency.execution.max + slack(latency.total.max));
        expect(latency.total.mean).toBeCloseTo(latency.queueWait.mean + latency.execution.mean, 6);

        // Workers: active ones are always up; never more than active + max.
        expect(workers.peak).toBeLessThanOrEqual(w.active + w.max);
        expect(workers.timeWeightedMean).toBeGreaterThanOrEqual(w.active - slack(w.active));
        expect(workers.timeWeightedMean).toBeLessThanOrEqual(workers.peak + slack(workers.peak));

        // Hour of day: per-day figures times the days each hour was simulated give back the totals.
        const days = hourCoverage(config.horizonS).map((s) => s / 3600);
        const sum = (f: (row: (typeof r.hourOfDay)[number], h: number) => number) => r.hourOfDay.reduce((acc, row, h) => acc + f(row, h), 0);
        const flexBilled = b.flexStart + b.flexExecution + b.flexIdle + b.flexRounding;
        expect(sum((row, h) => row.arrivals * (days[h] as number))).toBeCloseTo(requests.arrived, 6);
        expect(sum((row, h) => row.meanWorkers * (days[h] as number) * 3600)).toBeCloseTo(workers.timeWeightedMean * config.horizonS, 3);
        // Round-ups past the horizon are kept in the table (in the hour they fall in, wrapping round the day).
        expect(Math.abs(sum((row, h) => row.flexBilledSeconds * (days[h] as number)) - flexBilled)).toBeLessThanOrEqual(
          slack(flexBilled) + (days.some((d) => d === 0) ? flexBilled : 0),
        );
      }),
      { numRuns: 150 },
    );
  });
});
