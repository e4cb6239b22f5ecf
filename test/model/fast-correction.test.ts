import { describe, expect, it } from 'vitest';
import { AXES, nodeConfig, nodeRatio } from '../../scripts/fast-correction.js';
import { fastInputOf } from '../../src/endpoint/fast.js';
import { correctionRatios, type CorrectionRatios } from '../../src/model/fast-correction.js';
import { fastEndpointRates } from '../../src/model/fast-endpoint.js';
import { CORRECTION_AXES, CORRECTION_TABLE } from '../../src/model/fast-correction-table.js';
import type { SimulationConfig } from '../../src/sim/simulate.js';

/** The flat index of a grid node (row-major over the scaler's axes). */
function flatIndex(scaler: 'queue-delay' | 'request-count', index: number[]): number {
  return index.reduce((flat, k, d) => flat * (CORRECTION_AXES[scaler][d] as readonly number[]).length + k, 0);
}

describe('fast-path correction table', () => {
  it('has the generator axes', () => {
    expect(CORRECTION_AXES).toEqual(AXES);
  });

  // A fresh simulation (another seed than the generator's) of a few nodes reproduces the stored ratios
  // where they matter, in the corrected monthly flex cost (execution + starts' billed seconds and
  // rounding + idle), within TOLERANCE: each simulation is within 1% (95%), and a ratio of the overhead
  // alone can be noisier (the starts of a rarely scaling endpoint: up to 15% at a node checked here).
  const TOLERANCE = 0.03;
  it.each([
    ['queue-delay', [1, 3, 3, 2, 3, 2]],
    ['queue-delay', [2, 2, 4, 1, 4, 0]],
    ['request-count', [0, 3, 3, 2, 4, 1]],
    ['request-count', [2, 3, 3, 2, 3, 1]],
  ] as const)('%s node %j', (scaler, index) => {
    const coords = index.map((k, d) => (AXES[scaler][d] as readonly number[])[k] as number);
    const fresh = nodeRatio(scaler, coords, 424242);
    const at = flatIndex(scaler, [...index]);
    const stored = CORRECTION_TABLE[scaler];
    const config = nodeConfig(scaler, coords, 1, 1);
    const rate = (config.arrivals as { ratePerSecond: number }).ratePerSecond;
    const model = fastEndpointRates(fastInputOf(config, rate, 4, 1));
    const flexCost = (r: CorrectionRatios) => model.flexExecution + (model.flexStart + model.flexRounding) * r.starts + model.flexIdle * r.idle;
    const storedCost = flexCost({ starts: stored.starts[at] as number, idle: stored.idle[at] as number });
    expect(Math.abs(storedCost / flexCost(fresh) - 1)).toBeLessThan(TOLERANCE);
  });

  it('interpolates to the stored value at a node and leaves other scalers alone', () => {
    const config: SimulationConfig = {
      horizonS: 1,
      seed: 1,
      arrivals: { kind: 'poisson', ratePerSecond: 0.5 / 4 },
      exec: { kind: 'exponential', meanS: 4 },
      coldStart: { fullS: 12, fullBilledS: 12, restoreS: 2, restoreBilled: true, hitRate: 0 },
      workers: { active: 0, max: 5, idleTimeoutS: 24, jobsPerWorker: 1, executionTimeoutS: Infinity },
      scaler: { kind: 'queue-delay', thresholdS: 8, reading: 'pending' },
      roundingS: 1,
    };
    const input = fastInputOf(config, 0.5 / 4, 4, 1);
    const at = flatIndex('queue-delay', [2, 3, 3, 2, 3, 2]);
    expect(correctionRatios(input).starts).toBeCloseTo(CORRECTION_TABLE['queue-delay'].starts[at] as number, 9);
    expect(correctionRatios(input).idle).toBeCloseTo(CORRECTION_TABLE['queue-delay'].idle[at] as number, 9);
    expect(correctionRatios({ ...input, scaler: { kind: 'per-request' } })).toEqual({ starts: 1, idle: 1 });
    expect(correctionRatios({ ...input, active: 1 })).toEqual({ starts: 1, idle: 1 });
  });
});
