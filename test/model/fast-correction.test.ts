import { describe, expect, it } from 'vitest';
import { AXES, gridKey, gridNodes, nodeConfig, nodeRatio, type NodeRatios } from '../../scripts/fast-correction.js';
import { fastInputOf } from '../../src/endpoint/fast.js';
import { correctionGridKey, correctionRatios, gridValues } from '../../src/model/fast-correction.js';
import { CORRECTION_GRIDS } from '../../src/model/fast-correction-table.js';
import { queueingScalerRates } from '../../src/model/scaling-chain.js';
import type { SimulationConfig } from '../../src/sim/simulate.js';

/** The flat index of a grid node (row-major over the grid's axes). */
function flatIndex(key: string, index: number[]): number {
  const axes = CORRECTION_GRIDS[key]?.axes ?? [];
  return index.reduce((flat, k, d) => flat * (axes[d] as readonly number[]).length + k, 0);
}

function stored(key: string, index: number[]): NodeRatios {
  const grid = gridValues(key);
  if (grid === null) throw new Error(`no grid ${key}`);
  const at = flatIndex(key, index);
  const ratio = (column: Int16Array) => Math.exp((column[at] as number) / 1000);
  return { starts: ratio(grid.starts), idle: ratio(grid.idle), activeBusy: ratio(grid.activeBusy), halfWidth: 0 };
}

describe('fast-path correction grids', () => {
  it('have the generator axes, and a value per node for starts, idle and active busy seconds (0 without active workers)', () => {
    expect(Object.keys(CORRECTION_GRIDS)).toEqual(Object.keys(AXES));
    for (const key of Object.keys(CORRECTION_GRIDS)) {
      const grid = gridValues(key);
      expect(grid?.axes).toEqual(AXES[key]);
      const nodes = gridNodes(key).length;
      expect([grid?.starts.length, grid?.idle.length, grid?.activeBusy.length]).toEqual([nodes, nodes, nodes]);
    }
  });

  // A fresh simulation (another seed than the generator's) of a few nodes of each kind reproduces the
  // stored ratios where they matter, in the corrected month's billed seconds (flex execution, the load
  // less the active workers' busy seconds, + starts' billed seconds and rounding + idle, plus the active
  // workers), within TOLERANCE: each simulation is
  // within 1% (95%) of the flex seconds plus half the active ones, and a ratio of the overhead alone can
  // be noisier.
  const TOLERANCE = 0.03;
  it.each([
    [gridKey('queue-delay pending', 0), [1, 3, 3, 2, 3, 2]],
    [gridKey('queue-delay pending', 0), [3, 2, 4, 1, 4, 0]],
    [gridKey('queue-delay eager', 0), [2, 3, 2, 1, 2, 2]],
    [gridKey('request-count', 0), [2, 3, 3, 2, 3, 1]],
    [gridKey('queue-delay pending', 1), [3, 2, 1, 1, 2, 1]],
    [gridKey('queue-delay eager', 2), [1, 3, 2, 1, 2, 0]],
    [gridKey('request-count', 1), [2, 3, 1, 1, 2, 1]],
    [gridKey('per-request', 1), [0, 3, 1, 1, 2, 0]],
  ] as const)('%s node %j', (key, index) => {
    const coords = index.map((k, d) => ((AXES[key] as readonly (readonly number[])[])[d] as readonly number[])[k] as number);
    const fresh = nodeRatio(key, coords, 424242);
    const config = nodeConfig(key, coords, 1, 1);
    const rate = (config.arrivals as { ratePerSecond: number }).ratePerSecond;
    const model = queueingScalerRates(fastInputOf(config, rate, 4, 1));
    const active = config.workers.active;
    const load = rate * 4;
    const billed = (r: NodeRatios) => active + (load - model.activeBusy * r.activeBusy) + (model.flexStart + model.flexRounding) * r.starts + model.flexIdle * r.idle;
    expect(Math.abs(billed(stored(key, [...index])) / billed(fresh) - 1)).toBeLessThan(TOLERANCE);
  });

  it('interpolates to the stored value at a node, and picks the grid by scaler and active workers', () => {
    const config: SimulationConfig = {
      horizonS: 1,
      seed: 1,
      arrivals: { kind: 'poisson', ratePerSecond: 0.5 / 4 },
      exec: { kind: 'exponential', meanS: 4 },
      coldStart: { fullS: 12, fullBilledS: 12, restoreS: 2, restoreBilled: true, hitRate: 0 },
      workers: { active: 0, max: 5, idleTimeoutS: 24, jobsPerWorker: 1, executionTimeoutS: Infinity },
      scaler: { kind: 'queue-delay', thresholdS: 12, reading: 'pending' },
      roundingS: 1,
    };
    // Threshold 3 exec, load 0.5, max 5, start 3, idle 6, exponential: node [3, 3, 3, 2, 3, 2].
    const input = fastInputOf(config, 0.5 / 4, 4, 1);
    const key = 'queue-delay pending/0';
    expect(correctionGridKey(input)).toBe(key);
    const r = correctionRatios(input);
    const s = stored(key, [3, 3, 3, 2, 3, 2]);
    expect(r.starts).toBeCloseTo(s.starts, 9);
    expect(r.idle).toBeCloseTo(s.idle, 9);
    expect(correctionGridKey({ ...input, scaler: { kind: 'per-request' } })).toBe('per-request/0');
    // More active workers than the grids cover use the last grid (the domain check says so).
    expect(correctionGridKey({ ...input, active: 5 })).toBe('queue-delay pending/3');
    expect(correctionGridKey({ ...input, scaler: { kind: 'queue-delay', thresholdS: 12, eager: true }, active: 1 })).toBe('queue-delay eager/1');
  });
});
