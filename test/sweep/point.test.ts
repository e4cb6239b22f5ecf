import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { InputError } from '../../src/input/error.js';
import { parseYamlSource } from '../../src/input/yaml.js';
import { gridSize, parseAxis, pointAt, shardRange, type Axis } from '../../src/sweep/grid.js';
import { planAt, pointPlanner } from '../../src/sweep/point.js';

describe('axes', () => {
  it.each([
    ['endpoints.sdxl.gpu=ADA_24,AMPERE_48,AMPERE_80', ['ADA_24', 'AMPERE_48', 'AMPERE_80']],
    ['endpoints.sdxl.workers.active=0..3', [0, 1, 2, 3]],
    ['endpoints.sdxl.traffic.requestsPerDay=1000..100000x10', [1000, 10000, 100000]],
    ['endpoints.sdxl.traffic.requestsPerDay=1k..1Mx10', [1000, 10000, 100000, 1000000]],
    ['endpoints.sdxl.workers.idleTimeout=5s,30s,2m', ['5s', '30s', '2m']],
  ])('%s', (text, values) => expect(parseAxis(text, '--set').values).toEqual(values));

  it.each(['gpu', '=1,2', 'a..b=1', 'x=3..1', 'x=1..10x1'])('rejects %j', (text) => expect(() => parseAxis(text, '--set')).toThrow());

  it('orders points with the last axis fastest', () => {
    const axes = [parseAxis('a=x,y', '--set'), parseAxis('b=0..2', '--set')];
    expect(gridSize(axes)).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((index) => pointAt(axes, index))).toEqual([['x', 0], ['x', 1], ['x', 2], ['y', 0], ['y', 1], ['y', 2]]);
  });

  it('splits a grid into contiguous shards that cover it exactly once', () => {
    for (const size of [1, 7, 100, 1001]) {
      for (const count of [1, 2, 3, 8]) {
        const ranges = Array.from({ length: count }, (_, i) => shardRange(size, { index: i + 1, count }));
        expect(ranges[0]?.start).toBe(0);
        expect(ranges.at(-1)?.end).toBe(size);
        ranges.slice(1).forEach((range, i) => expect(range.start).toBe(ranges[i]?.end));
      }
    }
  });
});

describe('point plans', () => {
  const raw = parseYamlSource(readFileSync('test/fixtures/plans/small.yaml', 'utf8'), 'small.yaml').value;
  const grid = (texts: string[]) => texts.map((text) => parseAxis(text, '--set'));

  /** Every point's plan from the planner, or the error it throws, next to planAt's. */
  function expectSameAsPlanAt(axes: Axis[]): void {
    const planner = pointPlanner(raw, axes);
    for (let index = 0; index < gridSize(axes); index++) {
      const values = pointAt(axes, index);
      const outcome = (build: () => unknown) => {
        try {
          return { plan: build() };
        } catch (error) {
          return { error: error instanceof InputError ? [error.message, error.where] : error };
        }
      };
      expect(outcome(() => planner(values, index))).toEqual(outcome(() => planAt(raw, axes, values, index)));
    }
  }

  it('re-validates only the changed entries and gives planAt\'s plans: endpoint and pod axes', () => {
    expectSameAsPlanAt(grid(['endpoints.api.workers.active=0..2', 'endpoints.api.traffic.requestsPerDay=1k..100kx10', 'pods.dev.hoursPerDay=4,24', 'endpoints.api.coldStart=5s,1m']));
    // A whole union-typed field, a field new to a defaulted object, and one inside an optional object.
    expectSameAsPlanAt(grid(['endpoints.api.execution=1s,4s', 'endpoints.api.workers.idleTimeout=5s,2m', 'endpoints.api.slo.p99=10s,1m']));
  });

  it('parses the whole entry where a field sits inside a union or a missing object, with the same results', () => {
    // scaler is the string 'queue-delay' by default: scaler.threshold makes an object the union rejects.
    expectSameAsPlanAt(grid(['endpoints.api.scaler.threshold=1s']));
    expectSameAsPlanAt(grid(['endpoints.api.traffic.bursts.on=1m', 'endpoints.api.traffic.bursts.off=5m']));
    expectSameAsPlanAt(grid(['pods.dev.count=1,2', 'pods.dev.savingsPlan=10%,x']));
  });

  it('gives planAt\'s errors, naming the point, the key and the axis', () => {
    const axes = grid(['endpoints.api.workers.jobsPerWorker=0..1', 'pods.dev.hoursPerDay=12,25']);
    expectSameAsPlanAt(axes);
    expect(() => pointPlanner(raw, axes)(pointAt(axes, 0), 0)).toThrow('point 1 (endpoints.api.workers.jobsPerWorker=0, pods.dev.hoursPerDay=12): endpoints.api.workers.jobsPerWorker:');
  });

  it('shares the unchanged entries of the base plan between points, and changes none of them', () => {
    const axes = grid(['endpoints.api.workers.active=0..1']);
    const planner = pointPlanner(raw, axes);
    const first = planner(pointAt(axes, 0), 0);
    const second = planner(pointAt(axes, 1), 1);
    expect(first.endpoints.api?.workers.active).toBe(0);
    expect(second.endpoints.api?.workers.active).toBe(1);
    expect(second.pods.dev).toBe(first.pods.dev);
    expect(second.networkVolumes).toBe(first.networkVolumes);
  });

  it('takes the whole-plan path for plan-level fields and new entries, with the same results', () => {
    expectSameAsPlanAt(grid(['month=720h,730h', 'endpoints.api.workers.active=0..1']));
    expectSameAsPlanAt(grid(['endpoints.batch.gpu=A40', 'endpoints.batch.traffic.requestsPerDay=10']));
    expectSameAsPlanAt(grid(['networkVolumes.data.size=10GB,5TB']));
  });
});
