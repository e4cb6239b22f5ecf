// The queue-delay scaler's two readings, on hand-worked timelines (constant times, replayed traces) and on
// sustained overload. 'eager' (the default) adds a worker at every threshold crossing; 'pending' only when
// fewer workers are starting than queued jobs have crossed, so a job never starts a second worker for itself.
import { describe, expect, it } from 'vitest';
import { simulate, type QueueDelayReading, type SimulationConfig, type SimulationResult } from '../../src/sim/simulate.js';

/** Constant 1 s jobs, 10 s cold start all billed, up to 3 flex workers, idle timeout 5 s, queue-delay threshold 4 s. */
function endpoint(reading: QueueDelayReading | undefined, trace: number[], execS = 1): SimulationConfig {
  return {
    horizonS: 100,
    seed: 1,
    arrivals: { kind: 'trace', timestampsS: trace },
    exec: { kind: 'constant', seconds: execS },
    coldStart: { fullS: 10, fullBilledS: 10, restoreS: 2, restoreBilled: false, hitRate: 0 },
    workers: { active: 0, max: 3, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
    scaler: reading === undefined ? { kind: 'queue-delay', thresholdS: 4, reading: 'eager' } : { kind: 'queue-delay', thresholdS: 4, reading },
    roundingS: 1,
  };
}

/** The flex billed seconds split, rounded to 1e-9. */
function flex(result: SimulationResult): { start: number; execution: number; idle: number; rounding: number } {
  const r = (x: number) => Math.round(x * 1e9) / 1e9;
  const b = result.billedSeconds;
  return { start: r(b.flexStart), execution: r(b.flexExecution), idle: r(b.flexIdle), rounding: r(b.flexRounding) };
}

describe('queue-delay reading', () => {
  it("an isolated request to a scaled-to-zero endpoint (cold start 10 s > threshold 4 s): one start under 'pending', two under 'eager'", () => {
    // t=0 the job finds no worker and starts W0 at once (ready 10). At t=4 its wait crosses 4 s.
    // eager: W1 starts (ready 14, nothing to do, idles 14-19): 10 + 5 billed for nothing.
    // pending: one worker is starting and one job has crossed: no start.
    // Either way the job runs on W0 10-11 and W0 stops at 16 (10 start + 1 + 5 idle).
    const pending = simulate(endpoint('pending', [0]));
    expect(pending.coldStarts).toEqual({ workerStarts: 1, restores: 0, jobsWaitedOnStart: 1, rate: 1 });
    expect(flex(pending)).toEqual({ start: 10, execution: 1, idle: 5, rounding: 0 });
    expect(pending.workers.peak).toBe(1);

    const eager = simulate(endpoint('eager', [0]));
    expect(eager.coldStarts).toEqual({ workerStarts: 2, restores: 0, jobsWaitedOnStart: 1, rate: 1 });
    expect(flex(eager)).toEqual({ start: 20, execution: 1, idle: 10, rounding: 0 });
    expect(eager.workers.peak).toBe(2);
    // Both give the job the same 10 s wait.
    expect(pending.latency.queueWait.max).toBe(10);
    expect(eager.latency.queueWait.max).toBe(10);
  });

  it("no reading is 'eager': the same result, field for field", () => {
    for (const trace of [[0], [0, 1, 2], [0, 5, 6, 30, 31, 32, 33]]) {
      expect(simulate(endpoint(undefined, trace, 30))).toEqual(simulate(endpoint('eager', trace, 30)));
    }
  });

  it("a cold start shorter than the threshold: both readings start one worker for an isolated request", () => {
    // Cold start 3 s: the job runs at 3, before its wait could cross 4 s.
    const short = (reading: QueueDelayReading) => simulate({ ...endpoint(reading, [0]), coldStart: { fullS: 3, fullBilledS: 3, restoreS: 2, restoreBilled: false, hitRate: 0 } });
    expect(short('pending').coldStarts.workerStarts).toBe(1);
    expect(short('eager').coldStarts.workerStarts).toBe(1);
  });

  it("'pending' still scales a backlog up, one crossing later than 'eager' (jobs at 0, 1, 2 of 30 s, max 3)", () => {
    // t=0 A starts W0 (ready 10). t=4 A crosses: 1 crossed, 1 starting: nothing. t=5 B crosses: 2 crossed,
    // 1 starting: W1 (ready 15). t=6 C crosses: 3 crossed, 2 starting: W2 (ready 16).
    // W0 runs A 10-40, W1 B 15-45, W2 C 16-46. Waits 10, 14, 14. Idle tails 40-45, 45-50, 46-51: 15 s.
    // (eager: W1 at 4 and W2 at 5, waits 10, 13, 13: the hand-worked case of simulate.test.ts.)
    const result = simulate(endpoint('pending', [0, 1, 2], 30));
    expect(result.coldStarts).toEqual({ workerStarts: 3, restores: 0, jobsWaitedOnStart: 3, rate: 1 });
    expect(result.latency.queueWait.max).toBe(14);
    expect(result.latency.queueWait.mean).toBeCloseTo(38 / 3, 12);
    expect(result.workers.peak).toBe(3);
    expect(flex(result)).toEqual({ start: 30, execution: 90, idle: 15, rounding: 0 });
  });

  it("'pending': a worker that becomes ready no longer counts as starting, so the next crossing can add one", () => {
    // Max 3, 30 s jobs at 0 and 20. A starts W0 (ready 10), crosses at 4 (1 starting: nothing), runs 10-40.
    // B at 20 queues (W0 busy, not starting) and crosses at 24: 1 crossed, 0 starting: W1 (ready 34), runs
    // B 34-64, idles to 69. W0 idles 40-45.
    const result = simulate(endpoint('pending', [0, 20], 30));
    expect(result.coldStarts.workerStarts).toBe(2);
    expect(result.latency.queueWait.max).toBe(14);
    expect(flex(result)).toEqual({ start: 20, execution: 60, idle: 10, rounding: 0 });
  });

  describe('sustained overload (Poisson 2/s, exponential 1 s jobs, max 5, cold start 10 s, threshold 4 s)', () => {
    const overloaded = (reading: QueueDelayReading, seed: number): SimulationConfig => ({
      horizonS: 3600,
      seed,
      arrivals: { kind: 'poisson', ratePerSecond: 2 },
      exec: { kind: 'exponential', meanS: 1 },
      coldStart: { fullS: 10, fullBilledS: 10, restoreS: 2, restoreBilled: false, hitRate: 0 },
      workers: { active: 0, max: 5, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
      scaler: { kind: 'queue-delay', thresholdS: 4, reading },
      roundingS: 1,
    });

    it("'pending' scales up to max workers on the backlog of the first cold start", () => {
      // Offered load 2 erlangs; the first minute's backlog (a 10 s cold start at 2 jobs/s) pushes every
      // waiting job past the threshold, so the scaler reaches max. With 5 workers for 2 erlangs the
      // backlog then drains; the endpoint never exceeds max.
      const result = simulate(overloaded('pending', 3));
      expect(result.workers.peak).toBe(5);
      expect(result.requests.served).toBeGreaterThan(0.95 * result.requests.arrived);
    });

    it("'pending' reaches max workers when max workers cannot keep up (Poisson 8/s on 5 workers), and stays there", () => {
      const result = simulate({ ...overloaded('pending', 4), arrivals: { kind: 'poisson', ratePerSecond: 8 } });
      expect(result.workers.peak).toBe(5);
      // Once all five are up they never go idle, so they never stop: exactly five starts.
      expect(result.coldStarts.workerStarts).toBe(5);
      // Up from the first seconds to the horizon: a mean within a minute of 5 for the whole hour.
      expect(result.workers.timeWeightedMean).toBeGreaterThan(5 * (1 - 60 / 3600));
    });

    it("'pending' starts no more workers than 'eager' on the same traffic (same seed)", () => {
      for (const seed of [1, 2, 3]) {
        expect(simulate(overloaded('pending', seed)).coldStarts.workerStarts).toBeLessThanOrEqual(simulate(overloaded('eager', seed)).coldStarts.workerStarts);
      }
    });

    it('determinism: the same seed gives a deeply equal result; another seed a different one', () => {
      const config = overloaded('pending', 11);
      expect(simulate(config)).toEqual(simulate(structuredClone(config)));
      expect(simulate(config)).not.toEqual(simulate({ ...config, seed: 12 }));
    });
  });

  it("rejects an unknown reading with a RangeError naming the field", () => {
    const config = { ...endpoint('pending', [0]), scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'lazy' } } as unknown as SimulationConfig;
    expect(() => simulate(config)).toThrow(/scaler\.reading/);
  });
});
