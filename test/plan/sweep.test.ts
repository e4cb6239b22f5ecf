import { describe, expect, it } from 'vitest';
import { gridSize, matches, paretoFront, parseAxis, pointAt, shardRange, type SweepMetrics } from '../../src/plan/sweep.js';

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

describe('filters', () => {
  const row = (monthlyUsd: number, p95S: number | null): SweepMetrics => ({ monthlyUsd, p95S, usdPer1000Requests: null, coldStartRate: null, p50S: null, p99S: null, billedGpuHours: 0 });

  it('the Pareto front keeps points no other beats on both cost and p95', () => {
    const rows = [row(100, 10), row(200, 5), row(150, 12), row(100, 10), row(300, 4), row(250, 6)];
    // (150, 12) is beaten by (100, 10); (250, 6) by (200, 5); equal points do not beat each other.
    expect(paretoFront(rows, ['monthlyUsd', 'p95S'])).toEqual([0, 1, 3, 4]);
  });

  it('conditions compare in the metric unit; an unknown value never matches', () => {
    expect(matches(row(100, 8), [{ metric: 'p95S', op: '<=', value: 8 }])).toBe(true);
    expect(matches(row(100, 8.01), [{ metric: 'p95S', op: '<=', value: 8 }])).toBe(false);
    expect(matches(row(100, null), [{ metric: 'p95S', op: '<=', value: 8 }])).toBe(false);
  });
});
