// A replayed trace repeated end to end (arrivals.repeat): the trace covers [0, its last timestamp] and
// copy k adds k x that span to every time, so a horizon longer than the trace keeps its traffic.
import { describe, expect, it } from 'vitest';
import { createArrivals, meanArrivalRate } from '../../src/sim/arrivals.js';
import { Random } from '../../src/sim/random.js';
import { simulate, type SimulationConfig } from '../../src/sim/simulate.js';

/** An active worker, 1 s jobs: every arrival is served at once. */
function replay(trace: number[], repeat: boolean | undefined, horizonS: number): SimulationConfig {
  return {
    horizonS,
    seed: 1,
    arrivals: repeat === undefined ? { kind: 'trace', timestampsS: trace } : { kind: 'trace', timestampsS: trace, repeat },
    exec: { kind: 'constant', seconds: 1 },
    coldStart: { fullS: 10, fullBilledS: 10, restoreS: 2, restoreBilled: false, hitRate: 0 },
    workers: { active: 1, max: 0, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
    scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
    roundingS: 1,
  };
}

describe('trace repetition', () => {
  it('replays copies shifted by the last timestamp: [2, 5, 10] -> 2, 5, 10, 12, 15, 20, 22, ...', () => {
    const trace = createArrivals({ kind: 'trace', timestampsS: [2, 5, 10], repeat: true }, new Random(1));
    expect(Array.from({ length: 10 }, () => trace.next())).toEqual([2, 5, 10, 12, 15, 20, 22, 25, 30, 32]);
    // Batches read the same sequence.
    const batch = new Float64Array(7);
    createArrivals({ kind: 'trace', timestampsS: [2, 5, 10], repeat: true }, new Random(1)).fill(batch);
    expect([...batch]).toEqual([2, 5, 10, 12, 15, 20, 22]);
    // The long-run rate is the trace's: 3 per 10 s.
    expect(meanArrivalRate({ kind: 'trace', timestampsS: [2, 5, 10], repeat: true })).toBeCloseTo(0.3, 12);
  });

  it('a trace starting at 0 repeats with its first arrival on the previous copy last: [0, 4] -> 0, 4, 4, 8, 8, ...', () => {
    const trace = createArrivals({ kind: 'trace', timestampsS: [0, 4], repeat: true }, new Random(1));
    expect(Array.from({ length: 6 }, () => trace.next())).toEqual([0, 4, 4, 8, 8, 12]);
  });

  it('a simulated horizon of 35 s on the 10 s trace [2, 5, 10]: 11 arrivals repeated (35 included), 3 without', () => {
    expect(simulate(replay([2, 5, 10], true, 35)).requests.arrived).toBe(11);
    expect(simulate(replay([2, 5, 10], false, 35)).requests.arrived).toBe(3);
    expect(simulate(replay([2, 5, 10], undefined, 35)).requests.arrived).toBe(3);
  });

  it('absent, false and a horizon within the trace: the same result as before repetition existed', () => {
    const trace = [0, 0.5, 3, 3, 17.25, 60, 3599];
    const plain = simulate(replay(trace, undefined, 7200));
    expect(simulate(replay(trace, false, 7200))).toEqual(plain);
    // Within the first copy, repeating changes nothing.
    expect(simulate(replay(trace, true, 3598))).toEqual(simulate(replay(trace, undefined, 3598)));
  });

  it('a one-day trace repeated over three days: three times the arrivals, the same traffic in each hour of the day', () => {
    // One arrival at 00:30, two at 12:15, and the last at 23:59:59 (the trace spans 86,399 s).
    const day = [1800, 12 * 3600 + 900, 12 * 3600 + 901, 86_399];
    const one = simulate(replay(day, true, 86_399));
    const three = simulate(replay(day, true, 3 * 86_399));
    expect(one.requests.arrived).toBe(4);
    expect(three.requests.arrived).toBe(12);
    expect(three.requests.served).toBe(11); // the last arrival, at the horizon, is still running
    // Hours 0-22 are covered three whole times; each copy starts 1 s earlier in the day than a calendar
    // day would, which keeps 00:30 and 12:15 in their hours.
    expect(three.hourOfDay[0]?.arrivals).toBe(1);
    expect(three.hourOfDay[12]?.arrivals).toBe(2);
  });

  it('rejects repeating a trace whose every arrival is at 0 (endless arrivals at one instant)', () => {
    expect(() => simulate(replay([0, 0], true, 10))).toThrow(/arrivals\.timestampsS/);
    // An empty trace has nothing to repeat: no arrivals, no error.
    expect(simulate(replay([], true, 10)).requests.arrived).toBe(0);
  });
});
