// The simulator's observer: what it reports per job and per billed window, on a timeline worked by hand,
// and that watching a run changes nothing in it.
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationConfig } from '../../src/sim/simulate.js';

const r = (x: number) => Math.round(x * 1e9) / 1e9;

/** Jobs at 0, 1, 100; 2.3 s each; full start 10 s of which 6 billed; 1 flex worker, idle timeout 5 s; horizon 200. */
const HAND_WORKED: SimulationConfig = {
  horizonS: 200,
  seed: 1,
  arrivals: { kind: 'trace', timestampsS: [0, 1, 100] },
  exec: { kind: 'constant', seconds: 2.3 },
  coldStart: { fullS: 10, fullBilledS: 6, restoreS: 2, restoreBilled: true, hitRate: 0 },
  workers: { active: 0, max: 1, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
  scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
  roundingS: 1,
};

describe('simulate: observer', () => {
  it('reports each finished job and each billed window (hand-worked timeline)', () => {
    // t=0 A starts worker start #0 (ready 10); A runs 10-12.3, B (arrived 1) 12.3-14.6; idle until 19.6.
    // Window: billed from 10 - 6 = 4 to 19.6: start 6 + execution 4.6 + idle 5 = 15.6, rounded up by 0.4.
    // t=100 C starts worker start #1 (ready 110), runs 110-112.3, stops 117.3: 6 + 2.3 + 5 = 13.3, +0.7.
    const jobs: number[][] = [];
    const windows: number[][] = [];
    simulate(HAND_WORKED, {
      job: (arrivalS, startS, executionS, worker, failed) => jobs.push([arrivalS, r(startS), executionS, worker, failed ? 1 : 0]),
      window: (billedFromS, stopS, startS, executionS, idleS, roundingS) => windows.push([billedFromS, stopS, startS, executionS, idleS, roundingS].map(r)),
    });
    expect(jobs).toEqual([
      [0, 10, 2.3, 0, 0],
      [1, 12.3, 2.3, 0, 0],
      [100, 110, 2.3, 1, 0],
    ]);
    expect(windows).toEqual([
      [4, 19.6, 6, 4.6, 5, 0.4],
      [104, 117.3, 6, 2.3, 5, 0.7],
    ]);
  });

  it('names active workers -1 and reports a timed-out job as failed', () => {
    // One active worker; jobs at 0 (7 s, over the 5 s timeout: runs 0-5 and fails) and 10 (runs 10-17 capped at 15).
    const jobs: [number, number, number, number, boolean][] = [];
    simulate(
      { ...HAND_WORKED, arrivals: { kind: 'trace', timestampsS: [0, 10] }, exec: { kind: 'constant', seconds: 7 }, workers: { active: 1, max: 1, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 5 } },
      { job: (arrivalS, startS, executionS, worker, failed) => jobs.push([arrivalS, startS, executionS, worker, failed]) },
    );
    expect(jobs).toEqual([
      [0, 0, 5, -1, true],
      [10, 10, 5, -1, true],
    ]);
  });

  it('leaves the run unchanged, and its windows add up to the billed totals', () => {
    const config: SimulationConfig = {
      horizonS: 2 * 86_400,
      seed: 7,
      arrivals: { kind: 'poisson', ratePerSecond: 0.05 },
      exec: { kind: 'lognormal', p50S: 3, p95S: 9 },
      coldStart: { fullS: 20, fullBilledS: 15, restoreS: 2, restoreBilled: true, hitRate: 0.3 },
      workers: { active: 1, max: 4, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
      scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
      roundingS: 1,
    };
    const totals = { start: 0, execution: 0, idle: 0, rounding: 0, jobs: 0, starts: new Set<number>() };
    const watched = simulate(config, {
      job: (_arrival, _start, _execution, worker) => {
        totals.jobs++;
        if (worker >= 0) totals.starts.add(worker);
      },
      window: (_from, _stop, startS, executionS, idleS, roundingS) => {
        totals.start += startS;
        totals.execution += executionS;
        totals.idle += idleS;
        totals.rounding += roundingS;
      },
    });
    expect(watched).toEqual(simulate(config));
    const billed = watched.billedSeconds;
    expect(totals.start).toBeCloseTo(billed.flexStart, 6);
    expect(totals.execution).toBeCloseTo(billed.flexExecution, 6);
    expect(totals.idle).toBeCloseTo(billed.flexIdle, 6);
    expect(totals.rounding).toBeCloseTo(billed.flexRounding, 6);
    expect(totals.jobs).toBe(watched.requests.served + watched.requests.failed);
    // Every start number seen is below the number of starts (some starts ran no job by the horizon, or none at all).
    expect(Math.max(...totals.starts)).toBeLessThan(watched.coldStarts.workerStarts);
  });

  it("an LLM request's prefill reaches the observer with its job, alone on a worker and sharing one", () => {
    // 1,000 input tokens at 5,000 tok/s (0.2 s) and 120 output tokens at 60 tok/s (2 s): 2.2 s of work, 0.2 s of it prefill.
    const tokens: SimulationConfig['exec'] = { kind: 'tokens', in: { kind: 'constant', tokens: 1000 }, out: { kind: 'constant', tokens: 120 }, prefillTokensPerSecond: 5000, decodeTokensPerSecond: 60 };
    const seen = (config: SimulationConfig) => {
      const jobs: number[][] = [];
      simulate(config, { job: (arrivalS, startS, executionS, _worker, _failed, workS, prefillS) => jobs.push([arrivalS, r(startS), r(executionS), r(workS), r(prefillS)]) });
      return jobs;
    };
    expect(seen({ ...HAND_WORKED, exec: tokens })).toEqual([
      [0, 10, 2.2, 2.2, 0.2],
      [1, 12.2, 2.2, 2.2, 0.2],
      [100, 110, 2.2, 2.2, 0.2],
    ]);
    // Sharing a worker (two at once at half pace each), with input tokens drawn: each job keeps its own
    // prefill as requests join and leave (its work minus its prefill is the fixed 2 s of output).
    const drawn: SimulationConfig['exec'] = { ...tokens, in: { kind: 'lognormal', p50: 1000, p95: 4000 } };
    const shared = seen({ ...HAND_WORKED, arrivals: { kind: 'trace', timestampsS: [0, 1, 2, 3, 100] }, exec: drawn, workers: { ...HAND_WORKED.workers, jobsPerWorker: 2 }, concurrency: { ratesByInFlight: [1, 0.5] } });
    expect(shared).toHaveLength(5);
    expect(new Set(shared.map((job) => job[4])).size).toBe(5);
    for (const job of shared) expect((job[3] as number) - (job[4] as number)).toBeCloseTo(2, 6);
    // Without tokens the prefill is 0.
    expect(seen(HAND_WORKED).map((job) => job[4])).toEqual([0, 0, 0]);
  });
});
