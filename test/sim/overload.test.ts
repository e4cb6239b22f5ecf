// Overload (config.maxQueuedJobs): a queue the workers cannot serve stops growing at its cap, the jobs it
// turns away are counted as unserved, and a run that never reaches the cap is unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECOMMENDED_MAX_QUEUED_JOBS, simulate, type ScalerSpec, type SimulationConfig } from '../../src/sim/simulate.js';

const DAY_S = 86_400;

/** The case: 1,000,000 requests/day, exponential 4 s jobs, 10 flex workers (2.5 jobs/s at most, 11.6 offered). */
function millionPerDay(maxQueuedJobs: number | undefined, horizonS = DAY_S): SimulationConfig {
  return {
    horizonS,
    seed: 5,
    arrivals: { kind: 'poisson', ratePerSecond: 1_000_000 / DAY_S },
    exec: { kind: 'exponential', meanS: 4 },
    coldStart: { fullS: 20, fullBilledS: 15, restoreS: 2, restoreBilled: true, hitRate: 0 },
    workers: { active: 0, max: 10, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
    scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
    roundingS: 1,
    ...(maxQueuedJobs === undefined ? {} : { maxQueuedJobs }),
  };
}

describe('overload: a capped queue', () => {
  it('hand-worked: one worker, cap 2, five 10 s jobs at 0-4 s: two queue, three are turned away', () => {
    // t=0 A starts W0 (ready 10) and queues (1); t=1 B queues (2); C, D, E at 2, 3, 4 find the queue full.
    // W0 runs A 10-20 and B 20-30, idles to 35. Waits 10 and 19. Backlog: 2 at the first rejection (t=2),
    // 0 queued + 3 turned away at the horizon (100): grew by 1 job in 98 s = 3600 / 98 per hour.
    const result = simulate({
      horizonS: 100,
      seed: 1,
      arrivals: { kind: 'trace', timestampsS: [0, 1, 2, 3, 4] },
      exec: { kind: 'constant', seconds: 10 },
      coldStart: { fullS: 10, fullBilledS: 10, restoreS: 2, restoreBilled: false, hitRate: 0 },
      workers: { active: 0, max: 1, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
      scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
      roundingS: 1,
      maxQueuedJobs: 2,
    });
    expect(result.requests).toEqual({ arrived: 5, served: 2, failed: 0, dropped: 0, unfinished: 3 });
    expect(result.overload).toEqual({
      maxQueuedJobs: 2,
      peakQueuedJobs: 2,
      queueBytes: 64 * 8,
      firstRejectedAtS: 2,
      rejectedRequests: 3,
      servedRequests: 2,
      unservedRequests: 3,
      backlogGrowthPerHour: expect.closeTo(3600 / 98, 9) as number,
    });
    // Latency only over the two jobs served.
    expect(result.latency.queueWait.max).toBe(19);
    expect(result.latency.queueWait.mean).toBe(14.5);
    expect(result.billedSeconds.flexExecution).toBe(20);
  });

  it('per-request at max: the queue behind the workers is capped too', () => {
    // Max 1, cap 1: A starts W0 and waits for it; B queues (1); C finds the queue full.
    const result = simulate({
      horizonS: 100,
      seed: 1,
      arrivals: { kind: 'trace', timestampsS: [0, 1, 2] },
      exec: { kind: 'constant', seconds: 10 },
      coldStart: { fullS: 10, fullBilledS: 10, restoreS: 2, restoreBilled: false, hitRate: 0 },
      workers: { active: 0, max: 1, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
      scaler: { kind: 'per-request' },
      roundingS: 1,
      maxQueuedJobs: 1,
    });
    expect(result.requests).toEqual({ arrived: 3, served: 2, failed: 0, dropped: 0, unfinished: 1 });
    expect(result.overload?.rejectedRequests).toBe(1);
    expect(result.overload?.firstRejectedAtS).toBe(2);
  });

  it('1,000,000 requests/day on 10 workers of 4 s: the queue stops at its cap, memory is bounded, and the backlog grows at arrivals minus capacity', () => {
    const cap = 10_000;
    const result = simulate(millionPerDay(cap));
    const overload = result.overload;
    if (overload === null) throw new Error('expected an overload report');
    // Memory: the queue never held more than the cap; its ring is the next power of two (16,384 x 8 bytes).
    expect(overload.peakQueuedJobs).toBe(cap);
    expect(overload.queueBytes).toBe(16_384 * 8);
    // Every arrival is served or unserved.
    expect(overload.servedRequests + overload.unservedRequests).toBe(result.requests.arrived);
    expect(overload.servedRequests).toBe(result.requests.served + result.requests.failed);
    expect(overload.unservedRequests).toBe(result.requests.unfinished);
    // Ten saturated workers serve 10 / 4 s = 9,000 jobs an hour; 41,667 arrive: the backlog grows by
    // 32,667 an hour. Poisson noise over the ~23 hours measured: sd about 0.1% of the arrivals; allow 2%.
    expect(Math.abs(overload.backlogGrowthPerHour / (1_000_000 / 24 - 9000) - 1)).toBeLessThan(0.02);
    // The cap is reached after about cap / growth = 0.3 h.
    expect(overload.firstRejectedAtS).toBeGreaterThan(0.2 * 3600);
    expect(overload.firstRejectedAtS).toBeLessThan(0.5 * 3600);
    // Served: about 2.5 jobs a second, all day.
    expect(Math.abs(overload.servedRequests / (2.5 * DAY_S) - 1)).toBeLessThan(0.02);
    // Latency is over served jobs only: a served job waited for at most the cap's worth of work ahead of it.
    expect(result.latency.queueWait.max).toBeLessThan(2 * (cap / 2.5));
  });

  it('saturated workers do the same work with or without the cap: the same bill, starts and worker count (only waits differ)', () => {
    // FIFO takes the oldest job first and execution times are drawn in start order, so while the queue
    // never empties the workers' timelines do not depend on which later arrivals were turned away.
    const horizonS = 6 * 3600;
    const capped = simulate(millionPerDay(5_000, horizonS));
    const unbounded = simulate(millionPerDay(undefined, horizonS));
    expect(unbounded.overload).toBeNull();
    expect(capped.overload).not.toBeNull();
    expect(capped.billedSeconds).toEqual(unbounded.billedSeconds);
    expect(capped.coldStarts.workerStarts).toBe(unbounded.coldStarts.workerStarts);
    expect(capped.workers).toEqual(unbounded.workers);
    expect(capped.requests.arrived).toBe(unbounded.requests.arrived);
    expect(capped.requests.served).toBe(unbounded.requests.served);
    expect(capped.latency.execution).toEqual(unbounded.latency.execution);
    expect(capped.latency.queueWait.max).toBeLessThan(unbounded.latency.queueWait.max);
  });

  describe('a run that never reaches the cap is unchanged (deep-equal with and without it)', () => {
    const scalers: ScalerSpec[] = [{ kind: 'queue-delay', thresholdS: 4, reading: 'eager' }, { kind: 'queue-delay', thresholdS: 4, reading: 'pending' }, { kind: 'request-count', value: 2 }, { kind: 'per-request' }];
    it.each(scalers)('the bench reference endpoint for a week, busy 9:00-18:00 (scaler %o)', (scaler) => {
      // 50,000 requests/day, lognormal 3 s / 9 s, 10 workers, 20 s cold starts: queues during starts only.
      const hourlyWeights = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? 4 : 1));
      const config: SimulationConfig = {
        ...millionPerDay(undefined, 7 * DAY_S),
        arrivals: { kind: 'profile', meanRatePerSecond: 50_000 / DAY_S, hourlyWeights },
        exec: { kind: 'lognormal', p50S: 3, p95S: 9 },
        scaler,
      };
      const plain = simulate(config);
      expect(plain.overload).toBeNull();
      expect(simulate({ ...config, maxQueuedJobs: RECOMMENDED_MAX_QUEUED_JOBS })).toEqual(plain);
      // A much tighter cap (1,000 jobs, against a few dozen queued during a cold start) is not reached either.
      expect(simulate({ ...config, maxQueuedJobs: 1000 })).toEqual(plain);
    });

    it('a transient backlog the workers drain (3 hours at twice their capacity each day) fits under a cap above it', () => {
      // 2 workers of 1 s: 7,200 jobs/h. Hours 12-14 at 4/s (14,400/h): the backlog peaks near 21,600 and
      // drains overnight at 0.5/s. A cap of 50,000 is never reached.
      const hourlyWeights = Array.from({ length: 24 }, (_, h) => (h >= 12 && h < 15 ? 8 : 1));
      const config: SimulationConfig = {
        ...millionPerDay(undefined, 3 * DAY_S),
        arrivals: { kind: 'profile', meanRatePerSecond: (4 * 3 + 0.5 * 21) / 24, hourlyWeights },
        exec: { kind: 'exponential', meanS: 1 },
        workers: { active: 0, max: 2, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
      };
      const plain = simulate(config);
      expect(simulate({ ...config, maxQueuedJobs: 50_000 })).toEqual(plain);
      // A cap below the peak turns jobs away during the peak only: the rest of the day is served.
      const tight = simulate({ ...config, maxQueuedJobs: 5_000 });
      expect(tight.overload?.peakQueuedJobs).toBe(5_000);
      expect(tight.overload?.rejectedRequests).toBeGreaterThan(0);
      expect(tight.requests.served).toBeLessThan(plain.requests.served);
    });
  });

  it('property: served + unserved = arrived, the queue never exceeds its cap, and the counts agree with `requests`', () => {
    const configs = fc.record({
      seed: fc.integer(),
      rate: fc.double({ min: 0.1, max: 5, noNaN: true }),
      execS: fc.double({ min: 0.1, max: 5, noNaN: true }),
      max: fc.integer({ min: 0, max: 3 }),
      active: fc.integer({ min: 0, max: 1 }),
      cap: fc.integer({ min: 1, max: 200 }),
      scaler: fc.constantFrom<ScalerSpec>({ kind: 'queue-delay', thresholdS: 2, reading: 'eager' }, { kind: 'queue-delay', thresholdS: 2, reading: 'pending' }, { kind: 'request-count', value: 1 }, { kind: 'per-request' }),
    });
    fc.assert(
      fc.property(configs, (c) => {
        const result = simulate({
          horizonS: 2000,
          seed: c.seed,
          arrivals: { kind: 'poisson', ratePerSecond: c.rate },
          exec: { kind: 'exponential', meanS: c.execS },
          coldStart: { fullS: 5, fullBilledS: 5, restoreS: 1, restoreBilled: false, hitRate: 0.3 },
          workers: { active: c.active, max: c.max, idleTimeoutS: 3, jobsPerWorker: 1, executionTimeoutS: 8 },
          scaler: c.scaler,
          roundingS: 1,
          maxQueuedJobs: c.cap,
        });
        const r = result.requests;
        expect(r.served + r.failed + r.unfinished).toBe(r.arrived);
        const o = result.overload;
        if (o === null) return;
        expect(o.servedRequests + o.unservedRequests).toBe(r.arrived);
        expect(o.servedRequests).toBe(r.served + r.failed);
        expect(o.peakQueuedJobs).toBe(c.cap);
        expect(o.rejectedRequests).toBeGreaterThan(0);
        expect(o.rejectedRequests).toBeLessThanOrEqual(o.unservedRequests);
        expect(o.firstRejectedAtS).toBeLessThanOrEqual(2000);
        expect(o.queueBytes).toBeLessThanOrEqual(8 * Math.max(64, 2 ** Math.ceil(Math.log2(c.cap))));
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a cap that is not a whole number >= 1', () => {
    for (const maxQueuedJobs of [0, 1.5, -3, Number.NaN]) expect(() => simulate({ ...millionPerDay(maxQueuedJobs), horizonS: 10 })).toThrow(/maxQueuedJobs/);
  });
});
