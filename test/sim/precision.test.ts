// result.precision: 95% confidence intervals by batch means. Hand-worked half-widths on tiny runs, the t
// quantiles, and coverage: on one scale-to-zero worker (M/M/1 with setup and idle timeout, whose long-run
// figures src/model/queueing.ts gives in closed form), the intervals of 50 seeded runs must cover the
// closed form at least 90% of the time (nominally 95%).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSingleWorker } from '../../src/model/queueing.js';
import { ratioHalfWidth, studentT975, totalHalfWidth } from '../../src/sim/batch-means.js';
import { simulate, type SimulationConfig, type SimulationResult } from '../../src/sim/simulate.js';

describe('batch means: the arithmetic', () => {
  it.each([
    [1, 12.706205],
    [4, 2.776445],
    [19, 2.093024],
    [29, 2.04523],
    [31, 2.039513],
    [40, 2.021075],
    [100, 1.983972],
    [1000, 1.962339],
  ])('t_{0.975, %i} = %f (scipy.stats.t.ppf; the expansion beyond 30 within 1e-6)', (df, t) => {
    expect(Math.abs(studentT975(df) - t)).toBeLessThan(1e-6);
  });

  it('a total: batches 1, 2, 3, 4 give t_3 x s x sqrt(4) = 3.182446 x sqrt(5/3) x 2', () => {
    expect(totalHalfWidth(Float64Array.from([1, 2, 3, 4]))).toBeCloseTo(3.182446 * Math.sqrt(5 / 3) * 2, 9);
    expect(totalHalfWidth(Float64Array.from([7, 7, 7]))).toBe(0);
  });

  it('a ratio: 1/2 and 2/2 give R = 3/4, residuals -1/2 and 1/2, half-width t_1 x sqrt(1/2) x sqrt(2) / 4', () => {
    expect(ratioHalfWidth(Float64Array.from([1, 2]), Float64Array.from([2, 2]))).toBeCloseTo(12.706205 / 4, 9);
    // No arrivals at all: nothing to be unsure about.
    expect(ratioHalfWidth(Float64Array.from([0, 0]), Float64Array.from([0, 0]))).toBe(0);
  });
});

describe('simulate: result.precision', () => {
  it('two batches, one long window: each batch counts what the open window accrued by its end', () => {
    // Job at 0; a 10 s cold start (ready 10), 1 s job (10-11), then idle for ever (no idle timeout) to the
    // horizon 100. Batch 1 (to 50): start 10, execution 1, idle 39. Batch 2: idle 50. Total 50 each.
    // With two batches the half-width is t_1 x |a - b| (sd |a - b| / sqrt 2, times sqrt 2).
    const t1 = 12.706205;
    const result = simulate({
      horizonS: 100,
      seed: 1,
      arrivals: { kind: 'trace', timestampsS: [0] },
      exec: { kind: 'constant', seconds: 1 },
      coldStart: { fullS: 10, fullBilledS: 10, restoreS: 2, restoreBilled: false, hitRate: 0 },
      workers: { active: 0, max: 1, idleTimeoutS: Infinity, jobsPerWorker: 1, executionTimeoutS: 600 },
      scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
      roundingS: 1,
      precisionBatches: 2,
    });
    const p = result.precision;
    expect(p.batches).toBe(2);
    expect(p.batchSeconds).toBe(50);
    expect(p.tQuantile).toBe(t1);
    expect(p.billedSecondsHalfWidth.active).toBe(0);
    expect(p.billedSecondsHalfWidth.flexStart).toBeCloseTo(t1 * 10, 9);
    expect(p.billedSecondsHalfWidth.flexExecution).toBeCloseTo(t1 * 1, 9);
    expect(p.billedSecondsHalfWidth.flexIdle).toBeCloseTo(t1 * 11, 9);
    expect(p.billedSecondsHalfWidth.flexRounding).toBe(0);
    // 50 and 50: the window spread over its batches, not all of it where it closed (which would give t_1 x 100).
    expect(p.billedSecondsHalfWidth.flexTotal).toBe(0);
    // One start, in batch 1; the one job waited on it: rate 1 in batch 1, no arrivals in batch 2.
    expect(p.workerStartsHalfWidth).toBeCloseTo(t1, 9);
    expect(p.coldStartRateHalfWidth).toBe(0);
  });

  it('a start cut by a boundary counts its billed seconds elapsed by then', () => {
    // Full start 20 s, the last 15 billed (the first 5 s, the image download, are not); job at 10, so the
    // billed part runs 15-30. Boundary at 20: 5 billed seconds before it, 10 after. Idle timeout 5.
    // Job 30-31, idle 31-36. Batch 1: start 5. Batch 2: start 10, execution 1, idle 5.
    const result = simulate({
      horizonS: 40,
      seed: 1,
      arrivals: { kind: 'trace', timestampsS: [10] },
      exec: { kind: 'constant', seconds: 1 },
      coldStart: { fullS: 20, fullBilledS: 15, restoreS: 2, restoreBilled: false, hitRate: 0 },
      workers: { active: 0, max: 1, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
      scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
      roundingS: 1,
      precisionBatches: 2,
    });
    const hw = result.precision.billedSecondsHalfWidth;
    expect(hw.flexStart).toBeCloseTo(12.706205 * 5, 9);
    expect(hw.flexTotal).toBeCloseTo(12.706205 * (16 - 5), 9);
  });

  it('the default is 20 batches; precisionBatches must be a whole number from 2 to 10,000', () => {
    const config: SimulationConfig = {
      horizonS: 3600,
      seed: 3,
      arrivals: { kind: 'poisson', ratePerSecond: 0.5 },
      exec: { kind: 'exponential', meanS: 1 },
      coldStart: { fullS: 3, fullBilledS: 3, restoreS: 0, restoreBilled: false, hitRate: 0 },
      workers: { active: 0, max: 2, idleTimeoutS: 2, jobsPerWorker: 1, executionTimeoutS: 600 },
      scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
      roundingS: 1,
    };
    const result = simulate(config);
    expect(result.precision.batches).toBe(20);
    expect(result.precision.batchSeconds).toBe(180);
    expect(result.precision.tQuantile).toBe(2.093024);
    // Choosing the batches changes precision only.
    const thirty = simulate({ ...config, precisionBatches: 30 });
    const { precision: p20, ...rest20 } = result;
    const { precision: p30, ...rest30 } = thirty;
    expect(rest30).toEqual(rest20);
    expect(p30.batches).toBe(30);
    expect(p30).not.toEqual(p20);
    for (const precisionBatches of [1, 2.5, 10_001]) expect(() => simulate({ ...config, precisionBatches })).toThrow(/precisionBatches/);
  });

  it('property: every half-width is finite and >= 0, whatever the traffic, workers and batch count', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer(),
          horizonS: fc.double({ min: 1, max: 20_000, noNaN: true }),
          rate: fc.double({ min: 0, max: 2, noNaN: true }),
          max: fc.integer({ min: 0, max: 3 }),
          active: fc.integer({ min: 0, max: 1 }),
          idleTimeoutS: fc.oneof(fc.double({ min: 0, max: 30, noNaN: true }), fc.constant(Infinity)),
          batches: fc.integer({ min: 2, max: 60 }),
        }),
        (c) => {
          const result = simulate({
            horizonS: c.horizonS,
            seed: c.seed,
            arrivals: { kind: 'poisson', ratePerSecond: c.rate },
            exec: { kind: 'exponential', meanS: 1 },
            coldStart: { fullS: 5, fullBilledS: 3, restoreS: 1, restoreBilled: true, hitRate: 0.5 },
            workers: { active: c.active, max: c.max, idleTimeoutS: c.idleTimeoutS, jobsPerWorker: 1, executionTimeoutS: 600 },
            scaler: { kind: 'queue-delay', thresholdS: 2, reading: 'pending' },
            roundingS: 1,
            precisionBatches: c.batches,
          });
          const p = result.precision;
          expect(p.batches).toBe(c.batches);
          for (const value of [...Object.values(p.billedSecondsHalfWidth), p.coldStartRateHalfWidth, p.workerStartsHalfWidth]) {
            expect(Number.isFinite(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  describe('coverage: one scale-to-zero worker against the closed form (L = 0.5/s, exponential 1 s jobs, 3 s cold start, idle timeout 2 s)', () => {
    // rho = 0.5, P(timeout) = e^-1: a busy cycle every 6 s or so, so a 40,000 s horizon cut into 20 batches
    // gives about 330 cycles per batch (nearly independent batches). The closed form is the long-run rate;
    // a run starts scaled to zero (a regeneration point of the same cycles), so its only bias is a part of
    // one cycle, far inside the intervals (relative half-width about 0.6% for the flex total, 3.5% for the
    // cold-start rate). Over seeds 1-500 the intervals covered 94-95% of the time for every figure below;
    // over these 50 seeds, 92-98%.
    const rate = 0.5;
    const horizonS = 20_000 / rate;
    const closedForm = analyzeSingleWorker({ ratePerSecond: rate, execS: 1, coldStartS: 3, idleTimeoutS: 2 });
    if (!closedForm.stable) throw new Error('unstable');
    const expected = {
      flexStart: rate * horizonS * closedForm.coldStartSecondsPerRequest,
      flexExecution: rate * horizonS * closedForm.execSecondsPerRequest,
      flexIdle: rate * horizonS * closedForm.idleSecondsPerRequest,
      flexTotal: rate * horizonS * closedForm.aliveSecondsPerRequest,
      coldStartRate: closedForm.pDelayed,
      workerStarts: rate * horizonS * closedForm.pCold,
    };
    let runs: SimulationResult[] = [];
    beforeAll(() => {
      runs = Array.from({ length: 50 }, (_, i) =>
        simulate({
          horizonS,
          seed: i + 1,
          arrivals: { kind: 'poisson', ratePerSecond: rate },
          exec: { kind: 'exponential', meanS: 1 },
          coldStart: { fullS: 3, fullBilledS: 3, restoreS: 0, restoreBilled: false, hitRate: 0 },
          workers: { active: 0, max: 1, idleTimeoutS: 2, jobsPerWorker: 1, executionTimeoutS: Infinity },
          scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
          // No rounding: the closed form has none.
          roundingS: 0,
        }),
      );
    });

    it.each<{ figure: keyof typeof expected }>([
      { figure: 'flexStart' },
      { figure: 'flexExecution' },
      { figure: 'flexIdle' },
      { figure: 'flexTotal' },
      { figure: 'coldStartRate' },
      { figure: 'workerStarts' },
    ])('$figure: the 95% interval covers the closed form in at least 45 of 50 runs', ({ figure }) => {
      let covered = 0;
      for (const run of runs) {
        const b = run.billedSeconds;
        const hw = run.precision.billedSecondsHalfWidth;
        const [value, halfWidth] =
          figure === 'coldStartRate'
            ? [run.coldStarts.rate, run.precision.coldStartRateHalfWidth]
            : figure === 'workerStarts'
              ? [run.coldStarts.workerStarts, run.precision.workerStartsHalfWidth]
              : figure === 'flexTotal'
                ? [b.flexStart + b.flexExecution + b.flexIdle + b.flexRounding, hw.flexTotal]
                : [b[figure], hw[figure]];
        expect(halfWidth).toBeGreaterThan(0);
        if (Math.abs(value - expected[figure]) <= halfWidth) covered++;
      }
      expect(covered).toBeGreaterThanOrEqual(45);
    });

    it('the intervals are tight (so covering is not trivial): the flex total within 1.2% and the cold-start rate within 7% on average', () => {
      const mean = (f: (run: SimulationResult) => number) => runs.reduce((sum, run) => sum + f(run), 0) / runs.length;
      expect(mean((run) => run.precision.billedSecondsHalfWidth.flexTotal) / expected.flexTotal).toBeLessThan(0.012);
      expect(mean((run) => run.precision.coldStartRateHalfWidth) / expected.coldStartRate).toBeLessThan(0.07);
    });
  });
});
