import { describe, expect, it } from 'vitest';
import { matches, paretoFront, type SweepMetrics } from '../../src/sweep/select.js';

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
