// Why a counts trace can place each minute's arrivals at random: cold starts depend on the gaps between
// arrivals against the idle timeout, and an even spacing inside each minute changes those gaps. Replayed
// at random within their minutes, the counts of a Poisson stream give back its cold-start rate.
import { describe, expect, it } from 'vitest';
import { createArrivals } from '../../src/sim/arrivals.js';
import { Random } from '../../src/sim/random.js';
import { simulate, type ArrivalSpec, type SimulationConfig } from '../../src/sim/simulate.js';

const HORIZON_S = 5 * 86_400;

function run(arrivals: ArrivalSpec): number {
  const config: SimulationConfig = {
    horizonS: HORIZON_S,
    seed: 11,
    arrivals,
    exec: { kind: 'lognormal', p50S: 2, p95S: 5 },
    coldStart: { fullS: 8, fullBilledS: 8, restoreS: 2, restoreBilled: true, hitRate: 0 },
    workers: { active: 0, max: 5, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
    scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'pending' },
    roundingS: 1,
  };
  return simulate(config).coldStarts.rate;
}

describe('a counts trace replayed at random within its minutes', () => {
  it('gives the cold-start rate of the Poisson stream it counts; an even spacing does not', () => {
    // 12 requests a minute, idle timeout 5 s: e^(-1) = 37% of Poisson gaps outlast the timeout; evenly
    // spaced, a minute's gaps are 60 / count s, which outlast it only in the quieter minutes.
    const process = createArrivals({ kind: 'poisson', ratePerSecond: 0.2 }, new Random(5));
    const counts = new Map<number, number>();
    for (let t = process.next(); t <= HORIZON_S; t = process.next()) counts.set(Math.floor(t / 60), (counts.get(Math.floor(t / 60)) ?? 0) + 1);
    // What a counts trace reads: each minute's arrivals spread evenly.
    const even: number[] = [];
    for (const [minute, count] of [...counts.entries()].sort((a, b) => a[0] - b[0])) for (let i = 0; i < count; i++) even.push(minute * 60 + ((i + 0.5) * 60) / count);
    const poisson = run({ kind: 'poisson', ratePerSecond: 0.2 });
    const spread = run({ kind: 'trace', timestampsS: even, spreadS: 60, spanS: HORIZON_S });
    const evenly = run({ kind: 'trace', timestampsS: even });
    // 86,400 arrivals: the rates' standard error is well under a point.
    expect(Math.abs(spread - poisson)).toBeLessThan(0.02);
    expect(poisson - evenly).toBeGreaterThan(0.2);
  });
});
