import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../src/input/yaml.js';
import { calibrateSweep, radicalInverse } from '../../src/sweep/calibrate.js';
import { parseAxis } from '../../src/sweep/grid.js';
import { evaluatePoint, type SweepJob } from '../../src/sweep/run.js';
import { bundledCatalog } from '../helpers/catalog.js';

describe('radicalInverse', () => {
  it('mirrors the binary digits: 1 -> 0.5, 2 -> 0.25, 3 -> 0.75, 4 -> 0.125, 6 -> 0.375', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(radicalInverse)).toEqual([0.5, 0.25, 0.75, 0.125, 0.625, 0.375, 0.875]);
  });
});

describe('calibrateSweep', () => {
  const raw = parseYamlSource(readFileSync('test/fixtures/sweep/plan.yaml', 'utf8'), 'plan.yaml').value;
  const job: SweepJob = { rawPlan: raw, axes: [parseAxis('endpoints.api.workers.max=1..40', '--set')], catalog: bundledCatalog(), files: { traces: {}, samples: {} }, fast: true };
  /** A clock that moves 1 s at each reading after the first: every point "takes" 1 s. */
  const ticking = () => {
    let time = 0;
    return () => time++;
  };

  it('times points spread over the range (not its first ones), keeping each row as the sweep would make it', async () => {
    // Fewer than 128 points timed: it goes on to four times the budget, 5 s, five points.
    const calibration = await calibrateSweep(job, 10, 30, 1.25, ticking());
    // Points 1/2, 1/4, 3/4, 1/8, 5/8 of the way through 10..30.
    expect([...calibration.rows.keys()]).toEqual([20, 15, 25, 12, 22]);
    for (const [index, row] of calibration.rows) expect(row).toEqual(await evaluatePoint(job, index));
    // The second half of them (the first half warms the code up): 3 points, 1 s each.
    expect(calibration).toMatchObject({ secondsPerPoint: 1, timedPoints: 3 });
  });

  it('stops once the budget has passed and 128 points are timed, or at 256', async () => {
    const grid = { ...job, axes: [parseAxis('endpoints.api.workers.max=1..40', '--set'), parseAxis('endpoints.api.workers.active=0..9', '--set')] };
    let time = 0;
    // 10 ms a point: the 0.5 s budget passes at 50 points, the 128th point ends it (before 2 s, four budgets).
    expect((await calibrateSweep(grid, 0, 400, 0.5, () => (time += 0.01))).rows.size).toBe(128);
    time = 0;
    // With a 0.1 s budget, four budgets (0.4 s) pass first, at 40 points.
    expect((await calibrateSweep(grid, 0, 400, 0.1, () => (time += 0.01))).rows.size).toBe(40);
    time = 0;
    expect((await calibrateSweep(grid, 0, 400, 100, () => (time += 0.01))).rows.size).toBe(256);
  });

  it('a range smaller than the time allows: every point once', async () => {
    const calibration = await calibrateSweep(job, 0, 3, 100, ticking());
    expect([...calibration.rows.keys()].sort()).toEqual([0, 1, 2]);
    expect(calibration.timedPoints).toBe(2);
  });

  it('an empty range: nothing timed', async () => {
    expect(await calibrateSweep(job, 5, 5, 1, ticking())).toEqual({ rows: new Map(), secondsPerPoint: null, timedPoints: 0 });
  });

  it('stops at a point that fails, which it leaves to the sweep', async () => {
    const failing = { ...job, axes: [parseAxis('endpoints.api.coldStart=20s,5s', '--set'), parseAxis('endpoints.api.coldStartBilled=15s', '--set')] };
    const calibration = await calibrateSweep(failing, 0, 2, 100, ticking());
    // 1/2 of the way is point 1 (5 s billed 15 s): it fails first, and nothing is kept.
    expect(calibration.rows.size).toBe(0);
    expect(calibration.secondsPerPoint).toBeNull();
  });
});
