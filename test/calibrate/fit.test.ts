// calibrate recovers what the project's own simulator was given: records of 14 simulated days (Poisson
// 0.01/s, lognormal execution p50 2 s / p95 6 s, cold start 15 s, idle timeout 2 min, 30% FlashBoot
// restores of 2 s or none), with a warm dispatch added (the simulator has none), with and without workerId.
import { describe, expect, it } from 'vitest';
import { Calibrator } from '../../src/calibrate/calibrator.js';
import { fitCalibration, type Calibration } from '../../src/calibrate/fit.js';
import type { SimulationResult } from '../../src/sim/simulate.js';
import { knownEndpoint, simulatedRecords } from '../helpers/job-records.js';

function calibrate(hitRate: number, workerId: boolean): { fit: Calibration; truth: SimulationResult } {
  const { records, result } = simulatedRecords(knownEndpoint(hitRate), { workerId });
  const calibrator = new Calibrator({ idleTimeoutS: 120, seed: 1, sampleSize: 10_000 });
  for (const record of records) calibrator.add(record);
  return { fit: fitCalibration(calibrator.finish()), truth: result };
}

const within = (value: number, target: number, tolerance: number) => expect(Math.abs(value / target - 1)).toBeLessThan(tolerance);

describe.each([
  [0, true],
  [0, false],
  [0.3, true],
  [0.3, false],
])('calibrate: FlashBoot share %f, workerId %s', (hitRate, workerId) => {
  const { fit, truth } = calibrate(hitRate, workerId);

  it('recovers the rate within 3%', () => {
    within(fit.traffic.meanRatePerSecond, 0.01, 0.03);
    expect(fit.traffic.dispersion?.poisson).toBe(true);
  });

  it('recovers the execution p50 and p95 within 5%, empirically and by the lognormal, which fits', () => {
    const e = fit.execution;
    within(e?.p50S ?? 0, 2, 0.05);
    within(e?.p95S ?? 0, 6, 0.05);
    within(e?.lognormal?.p50S ?? 0, 2, 0.05);
    within(e?.lognormal?.p95S ?? 0, 6, 0.05);
    expect(e?.ks?.distance).toBeLessThan(e?.ks?.critical ?? 0);
  });

  it('recovers the cold-start rate and the cold start p50 within 10%, and the warm dispatch', () => {
    const d = fit.delay;
    expect(d?.method).toBe(workerId ? 'workers' : 'mixture');
    within(d?.coldStartRate ?? 0, truth.coldStarts.rate, 0.1);
    // The job that waited on a start waited all of it, plus a warm dispatch (0.13 s).
    within(d?.coldStart?.p50S ?? 0, 15, 0.1);
    within(d?.warm.p50S ?? 0, 0.13, 0.05);
  });

  it(hitRate > 0 ? 'finds the FlashBoot restores as their own mode' : 'finds no restores', () => {
    const restore = fit.delay?.restore ?? null;
    if (hitRate === 0) {
      expect(restore).toBeNull();
    } else {
      within(restore?.p50S ?? 0, 2, 0.1);
      expect(Math.abs((restore?.share ?? 0) - truth.coldStarts.restores / truth.coldStarts.workerStarts)).toBeLessThan(0.05);
    }
  });
});
