// Job records made by the project's own simulator, for testing calibrate against known parameters: every
// job the simulator finishes becomes a RunPod status object (delayTime = its queue wait, including any wait
// on a start, plus a warm dispatch the simulator does not model, drawn lognormal around RunPod's measured
// 0.10-0.16 s; executionTime; workerId = the worker's start number, when asked).
import type { JobRecord } from '../../src/input/job-records.js';
import { Random } from '../../src/sim/random.js';
import { simulate, type SimulationConfig, type SimulationResult } from '../../src/sim/simulate.js';

export const RECORDS_START_MS = Date.UTC(2026, 5, 1);

/** Warm dispatch: lognormal, p50 0.13 s, p95 0.16 s (runpod-workers/worker-infinity-embedding#5 measured 0.10-0.16 s). */
const DISPATCH_MU = Math.log(0.13);
const DISPATCH_SIGMA = Math.log(0.16 / 0.13) / 1.6448536269514722;

export function simulatedRecords(config: SimulationConfig, options: { workerId: boolean; seed?: number }): { records: JobRecord[]; result: SimulationResult } {
  const rng = new Random(options.seed ?? 99, 1);
  const jobs: JobRecord[] = [];
  const result = simulate(config, {
    job: (arrivalS, startS, executionS, worker, failed) => {
      const dispatchS = Math.exp(DISPATCH_MU + DISPATCH_SIGMA * rng.normal());
      jobs.push({
        file: 'sim.ndjson',
        line: jobs.length + 1,
        index: null,
        id: `job-${jobs.length}`,
        status: failed ? 'TIMED_OUT' : 'COMPLETED',
        submittedMs: RECORDS_START_MS + Math.round(arrivalS * 1000),
        delayMs: Math.round((startS - arrivalS + dispatchS) * 1000),
        executionMs: Math.round(executionS * 1000),
        workerId: options.workerId ? (worker < 0 ? 'active' : `worker-${worker}`) : null,
      });
    },
  });
  jobs.sort((a, b) => a.submittedMs - b.submittedMs);
  return { records: jobs, result };
}

/** The endpoint the calibrate tests know: Poisson 0.01/s for 14 days, lognormal execution p50 2 s / p95 6 s, cold start 15 s, idle timeout 2 min, max 3 workers, queue-delay 4 s; `hitRate` of starts are 2 s FlashBoot restores. */
export function knownEndpoint(hitRate: number): SimulationConfig {
  return {
    horizonS: 14 * 86_400,
    seed: 3,
    arrivals: { kind: 'poisson', ratePerSecond: 0.01 },
    exec: { kind: 'lognormal', p50S: 2, p95S: 6 },
    coldStart: { fullS: 15, fullBilledS: 15, restoreS: 2, restoreBilled: true, hitRate },
    workers: { active: 0, max: 3, idleTimeoutS: 120, jobsPerWorker: 1, executionTimeoutS: 600 },
    scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'pending' },
    roundingS: 1,
  };
}

