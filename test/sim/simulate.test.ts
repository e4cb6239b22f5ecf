// Hand-worked runs of the simulator: replayed traces with constant times, where every event can be
// followed on paper. Each test states the timeline it checks.
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationConfig, type SimulationResult } from '../../src/sim/simulate.js';

/** A small endpoint: constant 1 s jobs, 10 s cold start all billed, 1 flex worker, idle timeout 5 s, queue-delay 4 s. */
function config(overrides: Partial<SimulationConfig> & { trace?: number[] }): SimulationConfig {
  const { trace, ...rest } = overrides;
  return {
    horizonS: 100,
    seed: 1,
    arrivals: { kind: 'trace', timestampsS: trace ?? [] },
    exec: { kind: 'constant', seconds: 1 },
    coldStart: { fullS: 10, fullBilledS: 10, restoreS: 2, restoreBilled: false, hitRate: 0 },
    workers: { active: 0, max: 1, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
    scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
    roundingS: 1,
    ...rest,
  };
}

/** The flex billed seconds split, rounded to 1e-9 (sums of event times carry floating-point noise). */
function flex(result: SimulationResult): { start: number; execution: number; idle: number; rounding: number } {
  const r = (x: number) => Math.round(x * 1e9) / 1e9;
  const b = result.billedSeconds;
  return { start: r(b.flexStart), execution: r(b.flexExecution), idle: r(b.flexIdle), rounding: r(b.flexRounding) };
}

describe('simulate: hand-worked timelines', () => {
  it('one worker, two cold starts, window rounding (queue-delay, max 1)', () => {
    // Jobs at 0, 1, 100; 2.3 s each; full start 10 s of which 6 billed; horizon 200.
    // t=0 A starts worker W (ready 10). t=1 B queues. Crossings at 4 and 5 find max reached.
    // t=10 A runs 10-12.3, B 12.3-14.6; W idle at 14.6, stops at 19.6: window 6 + 9.6 = 15.6 -> 16.
    // t=100 C starts W again (ready 110), runs 110-112.3, stops 117.3: window 6 + 7.3 = 13.3 -> 14.
    const result = simulate(
      config({
        trace: [0, 1, 100],
        horizonS: 200,
        exec: { kind: 'constant', seconds: 2.3 },
        coldStart: { fullS: 10, fullBilledS: 6, restoreS: 2, restoreBilled: true, hitRate: 0 },
      }),
    );
    expect(result.requests).toEqual({ arrived: 3, served: 3, failed: 0, dropped: 0, unfinished: 0 });
    expect(result.coldStarts).toEqual({ workerStarts: 2, restores: 0, jobsWaitedOnStart: 3, rate: 1 });
    expect(flex(result)).toEqual({ start: 12, execution: 6.9, idle: 10, rounding: 1.1 });
    // Waits 10, 11.3, 10; totals 12.3, 13.6, 12.3 (max and mean are exact, percentiles within 0.39%).
    expect(result.latency.queueWait.max).toBeCloseTo(11.3, 9);
    expect(result.latency.queueWait.mean).toBeCloseTo(31.3 / 3, 9);
    expect(result.latency.total.max).toBeCloseTo(13.6, 9);
    expect(result.latency.total.mean).toBeCloseTo(38.2 / 3, 9);
    expect(result.latency.total.p50).toBeCloseTo(12.3, 9);
    expect(result.latency.execution.p99).toBe(2.3);
    // W is up 0-19.6 and 100-117.3: 36.9 worker-seconds over 200 s.
    expect(result.workers).toEqual({ peak: 1, timeWeightedMean: expect.closeTo(36.9 / 200, 12) as number });
    expect(result.billedSeconds.active).toBe(0);
  });

  it('queue-delay adds one worker per job whose wait crosses the threshold, up to max', () => {
    // Jobs at 0, 1, 2; 30 s each; max 3. A starts W0 (ready 10). A crosses 4 s at t=4: W1 (ready 14);
    // B crosses at 5: W2 (ready 15); C crosses at 6: max reached. W0 takes A at 10, W1 B at 14, W2 C at 15.
    const result = simulate(
      config({ trace: [0, 1, 2], exec: { kind: 'constant', seconds: 30 }, workers: { active: 0, max: 3, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 } }),
    );
    expect(result.coldStarts).toEqual({ workerStarts: 3, restores: 0, jobsWaitedOnStart: 3, rate: 1 });
    expect(result.latency.queueWait.max).toBe(13);
    expect(result.latency.queueWait.mean).toBeCloseTo(12, 12);
    expect(result.workers.peak).toBe(3);
    // Idle tails 40-45, 44-49, 45-50: 15 s.
    expect(flex(result)).toEqual({ start: 30, execution: 90, idle: 15, rounding: 0 });
  });

  it('queue-delay: a job that leaves the queue before crossing the threshold triggers nothing', () => {
    // Threshold 12: A would cross at 12 but runs at 10. B crosses at 13 (W0 busy until 40): W1, ready 23.
    // C crosses at 14: W2, ready 24. Waits: A 10, B 22, C 22.
    const result = simulate(
      config({
        trace: [0, 1, 2],
        exec: { kind: 'constant', seconds: 30 },
        scaler: { kind: 'queue-delay', thresholdS: 12, reading: 'eager' },
        workers: { active: 0, max: 3, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
      }),
    );
    expect(result.coldStarts.workerStarts).toBe(3);
    expect(result.latency.queueWait.max).toBe(22);
    expect(result.latency.queueWait.mean).toBeCloseTo(54 / 3, 12);
  });

  describe('the three scalers on one trace: jobs at 0 and 5, 1 s each, max 2', () => {
    const base = config({ trace: [0, 5], workers: { active: 0, max: 2, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 } });

    it('per-request: B starts its own worker and waits for it, though W0 is idle from 11', () => {
      // A: W0 ready 10, runs 10-11. B at 5 finds W0 starting (no free slot): W1, ready 15, runs 15-16.
      const result = simulate({ ...base, scaler: { kind: 'per-request' } });
      expect(result.coldStarts).toEqual({ workerStarts: 2, restores: 0, jobsWaitedOnStart: 2, rate: 1 });
      expect(result.latency.queueWait.max).toBe(10);
      expect(result.latency.queueWait.mean).toBe(10);
      expect(flex(result)).toEqual({ start: 20, execution: 2, idle: 10, rounding: 0 });
    });

    it('queue-delay (threshold 12): B waits in the queue and W0 takes it at 11; one start', () => {
      const result = simulate({ ...base, scaler: { kind: 'queue-delay', thresholdS: 12, reading: 'eager' } });
      expect(result.coldStarts).toEqual({ workerStarts: 1, restores: 0, jobsWaitedOnStart: 2, rate: 1 });
      expect(result.latency.queueWait.max).toBe(10);
      expect(result.latency.queueWait.mean).toBe(8); // 10 and 6
      expect(flex(result)).toEqual({ start: 10, execution: 2, idle: 5, rounding: 0 });
    });

    it('queue-delay (threshold 4): A crosses at 4 while W0 starts, so W1 starts too; B still goes to W0 at 11', () => {
      // W1 (ready 14) finds the queue empty and idles 14-19.
      const result = simulate({ ...base, scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' } });
      expect(result.coldStarts.workerStarts).toBe(2);
      expect(result.latency.queueWait.mean).toBe(8);
      expect(flex(result)).toEqual({ start: 20, execution: 2, idle: 10, rounding: 0 });
    });

    it('request-count 1: B raises the target to ceil(2 / 1) = 2 workers; W0 still serves B first (FIFO)', () => {
      // W1 (ready 15) finds nothing to do and idles 15-20.
      const result = simulate({ ...base, scaler: { kind: 'request-count', value: 1 } });
      expect(result.coldStarts.workerStarts).toBe(2);
      expect(result.latency.queueWait.mean).toBe(8);
      expect(flex(result)).toEqual({ start: 20, execution: 2, idle: 10, rounding: 0 });
    });

    it('request-count 2: ceil(2 / 2) = 1 worker is enough', () => {
      const result = simulate({ ...base, scaler: { kind: 'request-count', value: 2 } });
      expect(result.coldStarts.workerStarts).toBe(1);
    });
  });

  it('an idle job goes to the MOST recently used worker, so the other times out', () => {
    // Per-request, max 2, jobs at 0, 1, 14, 19. A: W0 (ready 10) 10-11. B: W1 (ready 11) 11-12.
    // C at 14: W1 went idle last (12) and takes it, 14-15; W0 (idle since 11) stops at 16.
    // D at 19: W1 (idle since 15) takes it, 19-20, stops 25.
    // W0: 10 + (16 - 10) = 16 s (1 busy, 5 idle); W1: 10 + (25 - 11) = 24 s (3 busy, 11 idle).
    // (Least recently used would bill 41 s: W0 would serve C and D and stay up until 25.)
    const result = simulate(
      config({ trace: [0, 1, 14, 19], scaler: { kind: 'per-request' }, workers: { active: 0, max: 2, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 } }),
    );
    expect(result.coldStarts.workerStarts).toBe(2);
    expect(flex(result)).toEqual({ start: 20, execution: 4, idle: 16, rounding: 0 });
    expect(result.latency.queueWait.max).toBe(10);
  });

  it('active workers take jobs first, never cold-start, and bill the whole horizon', () => {
    // Active 1, max 2, threshold 3, 30 s jobs. A runs on the active worker 0-30. B (at 1) queues; no flex
    // worker starts at once because one (active) is running. B crosses 3 s at t=4: W0 starts (ready 14)
    // and runs B 14-44; W0 idles 44-49.
    const result = simulate(
      config({
        trace: [0, 1],
        exec: { kind: 'constant', seconds: 30 },
        scaler: { kind: 'queue-delay', thresholdS: 3, reading: 'eager' },
        workers: { active: 1, max: 2, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
      }),
    );
    expect(result.billedSeconds.active).toBe(100);
    expect(result.coldStarts).toEqual({ workerStarts: 1, restores: 0, jobsWaitedOnStart: 1, rate: 0.5 });
    expect(result.latency.queueWait.max).toBe(13);
    expect(result.latency.queueWait.p50).toBe(0);
    expect(result.workers.peak).toBe(2);
    // Active all 100 s, W0 up 4-49.
    expect(result.workers.timeWeightedMean).toBeCloseTo(1.45, 12);
    expect(flex(result)).toEqual({ start: 10, execution: 30, idle: 5, rounding: 0 });
  });

  it('an active worker that frees up first takes the queued job; the flex worker started for it idles', () => {
    // As above with 10 s jobs: the active worker finishes A at 10 and takes B (waited 9 s, not on a start);
    // W0 (ready 14) finds nothing and idles 14-19.
    const result = simulate(
      config({
        trace: [0, 1],
        exec: { kind: 'constant', seconds: 10 },
        scaler: { kind: 'queue-delay', thresholdS: 3, reading: 'eager' },
        workers: { active: 1, max: 2, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
      }),
    );
    expect(result.coldStarts).toEqual({ workerStarts: 1, restores: 0, jobsWaitedOnStart: 0, rate: 0 });
    expect(result.latency.queueWait.max).toBe(9);
    expect(flex(result)).toEqual({ start: 10, execution: 0, idle: 5, rounding: 0 });
  });

  it('active only (max 0): the worker count is the active count all the time', () => {
    const result = simulate(config({ trace: [1, 2, 3], workers: { active: 3, max: 0, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 } }));
    expect(result.workers).toEqual({ peak: 3, timeWeightedMean: 3 });
    expect(result.billedSeconds).toEqual({ active: 300, flexStart: 0, flexExecution: 0, flexIdle: 0, flexRounding: 0 });
    expect(result.latency.queueWait.max).toBe(0);
    expect(result.coldStarts.rate).toBe(0);
  });

  it('a job over the execution timeout runs for the timeout, fails, and is billed', () => {
    // Job at 0 on a flex worker (ready 10), would take 30 s, timeout 4: runs 10-14 and fails; stops at 19.
    const result = simulate(config({ trace: [0], exec: { kind: 'samples', seconds: [30] }, workers: { active: 0, max: 1, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 4 } }));
    expect(result.requests).toEqual({ arrived: 1, served: 0, failed: 1, dropped: 0, unfinished: 0 });
    expect(result.latency.execution.max).toBe(4);
    expect(result.latency.total.max).toBe(14);
    expect(flex(result)).toEqual({ start: 10, execution: 4, idle: 5, rounding: 0 });
  });

  it('jobs running or queued at the horizon are unfinished and left out of the latency stats', () => {
    // Active 1; jobs at 0 and 1, 200 s each, horizon 100: A runs past the horizon, B never starts.
    const result = simulate(config({ trace: [0, 1, 150], exec: { kind: 'constant', seconds: 200 }, workers: { active: 1, max: 0, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 } }));
    expect(result.requests).toEqual({ arrived: 2, served: 0, failed: 0, dropped: 0, unfinished: 2 });
    expect(result.latency.total).toEqual({ p50: 0, p90: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });

  it('the horizon closes open windows: a busy worker bills up to it, a start bills its elapsed billed tail', () => {
    // Full start 20 s, 15 billed (the first 5 s, the image download, are not). Job at 0, horizon 12:
    // 12 s elapsed, 7 of them billed; the job is unfinished.
    const cut = simulate(config({ trace: [0], horizonS: 12, coldStart: { fullS: 20, fullBilledS: 15, restoreS: 2, restoreBilled: false, hitRate: 0 } }));
    expect(cut.requests.unfinished).toBe(1);
    expect(flex(cut)).toEqual({ start: 7, execution: 0, idle: 0, rounding: 0 });
    // Horizon 3: still in the unbilled part.
    expect(flex(simulate(config({ trace: [0], horizonS: 3, coldStart: { fullS: 20, fullBilledS: 15, restoreS: 2, restoreBilled: false, hitRate: 0 } }))).start).toBe(0);
    // Busy at the horizon: job 10-40 (30 s), horizon 25.5: window 10 + 15.5 = 25.5 -> 26.
    const busy = simulate(config({ trace: [0], horizonS: 25.5, exec: { kind: 'constant', seconds: 30 } }));
    expect(flex(busy)).toEqual({ start: 10, execution: 15.5, idle: 0, rounding: 0.5 });
    expect(busy.requests.unfinished).toBe(1);
  });

  it('FlashBoot: a restore takes restoreS and is billed only if restoreBilled', () => {
    // hitRate 1: every start is a 2 s restore. Job at 0 runs 2-3; the worker stops at 8.
    const free = simulate(config({ trace: [0], coldStart: { fullS: 10, fullBilledS: 10, restoreS: 2, restoreBilled: false, hitRate: 1 } }));
    expect(free.coldStarts).toEqual({ workerStarts: 1, restores: 1, jobsWaitedOnStart: 1, rate: 1 });
    expect(flex(free)).toEqual({ start: 0, execution: 1, idle: 5, rounding: 0 });
    expect(free.latency.queueWait.max).toBe(2);
    const billed = simulate(config({ trace: [0], coldStart: { fullS: 10, fullBilledS: 10, restoreS: 2, restoreBilled: true, hitRate: 1 } }));
    expect(flex(billed).start).toBe(2);
  });

  it('several jobs per worker: a worker fills its slots from the queue, and a busy worker with a free slot takes the next job', () => {
    // jobsPerWorker 2, 10 s jobs at 0, 1, 2, 16. W0 ready 5 takes A and B (5-15). C waits until a slot
    // frees at 15 (15-25). D at 16 joins C on W0's free slot (16-26). W0 busy 5-26, idle 26-31.
    const result = simulate(
      config({
        trace: [0, 1, 2, 16],
        exec: { kind: 'constant', seconds: 10 },
        coldStart: { fullS: 5, fullBilledS: 5, restoreS: 2, restoreBilled: false, hitRate: 0 },
        workers: { active: 0, max: 1, idleTimeoutS: 5, jobsPerWorker: 2, executionTimeoutS: 600 },
      }),
    );
    expect(result.coldStarts).toEqual({ workerStarts: 1, restores: 0, jobsWaitedOnStart: 3, rate: 0.75 });
    expect(result.latency.queueWait.max).toBe(13);
    expect(result.latency.queueWait.mean).toBe((5 + 4 + 13 + 0) / 4);
    expect(flex(result)).toEqual({ start: 5, execution: 21, idle: 5, rounding: 0 });
  });

  it('hour of day: arrivals and workers per day in each hour, averaged over the days simulated', () => {
    // Two days, one active worker; jobs at 00:30 both days and one at 05:10 on day 1 only.
    const day = 86_400;
    const result = simulate(
      config({ horizonS: 2 * day, trace: [1800, 5 * 3600 + 600, day + 1800], workers: { active: 1, max: 0, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 } }),
    );
    expect(result.hourOfDay).toHaveLength(24);
    expect(result.hourOfDay.map((row) => row.hour)).toEqual(Array.from({ length: 24 }, (_, h) => h));
    expect(result.hourOfDay[0]?.arrivals).toBe(1);
    expect(result.hourOfDay[5]?.arrivals).toBe(0.5);
    expect(result.hourOfDay[6]?.arrivals).toBe(0);
    expect(result.hourOfDay.every((row) => row.meanWorkers === 1 && row.flexBilledSeconds === 0)).toBe(true);
  });

  it('hour of day: a flex worker bills in the hours its window covers', () => {
    // One day; a job at 00:59:50 starts a worker at 3590 (ready 3600, 10 s billed in hour 0), runs
    // 3600-3601 and idles until 3606 (6 s in hour 1).
    const result = simulate(config({ horizonS: 86_400, trace: [3590] }));
    expect(result.hourOfDay[0]?.flexBilledSeconds).toBeCloseTo(10, 9);
    expect(result.hourOfDay[1]?.flexBilledSeconds).toBeCloseTo(6, 9);
    expect(result.hourOfDay[0]?.meanWorkers).toBeCloseTo(10 / 3600, 12);
  });

  it('rejects invalid configs with a RangeError naming the field', () => {
    const bad: Partial<SimulationConfig>[] = [
      { horizonS: 0 },
      { horizonS: Infinity },
      { seed: Number.NaN },
      { arrivals: { kind: 'poisson', ratePerSecond: -1 } },
      { arrivals: { kind: 'profile', meanRatePerSecond: 1, hourlyWeights: [1, 2, 3] } },
      { arrivals: { kind: 'profile', meanRatePerSecond: 1, hourlyWeights: new Array<number>(24).fill(0) } },
      { arrivals: { kind: 'bursts', onRatePerSecond: 1, offRatePerSecond: 1, onS: 0, offS: 0 } },
      { arrivals: { kind: 'trace', timestampsS: [2, 1] } },
      { exec: { kind: 'lognormal', p50S: 3, p95S: 2 } },
      { exec: { kind: 'samples', seconds: [] } },
      { coldStart: { fullS: 10, fullBilledS: 11, restoreS: 2, restoreBilled: false, hitRate: 0 } },
      { coldStart: { fullS: 10, fullBilledS: 10, restoreS: 2, restoreBilled: false, hitRate: 1.5 } },
      { workers: { active: 0.5, max: 1, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 } },
      { workers: { active: 0, max: 1, idleTimeoutS: 5, jobsPerWorker: 0, executionTimeoutS: 600 } },
      { workers: { active: 0, max: 1, idleTimeoutS: -1, jobsPerWorker: 1, executionTimeoutS: 600 } },
      { scaler: { kind: 'request-count', value: 0 } },
      { roundingS: -1 },
    ];
    for (const overrides of bad) expect(() => simulate(config(overrides))).toThrow(RangeError);
    expect(() => simulate(config({ workers: { active: 0, max: 1, idleTimeoutS: Infinity, jobsPerWorker: 1, executionTimeoutS: Infinity } }))).not.toThrow();
  });
});
