import { describe, expect, it } from 'vitest';
import { describeEstimate, describeGrid, describeProgress, describeStop, roughDuration, sweepWarnings } from '../../src/render/sweep-status.js';
import { parseAxis } from '../../src/sweep/grid.js';

describe("a sweep's lines on stderr", () => {
  const axes = [parseAxis('endpoints.a.workers.max=1..10', '--set'), parseAxis('endpoints.a.gpu=ADA_24,AMPERE_48', '--set')];

  it('states the grid, or the shard of it, with each axis\'s size', () => {
    expect(describeGrid(axes, 20, { start: 0, end: 20 }, { index: 1, count: 1, source: null }, true)).toBe('sweep: 20 points (10 x 2), fast path\n');
    // Shard 2 of 4 of 20 points: points 6 to 10 (counted from 1).
    expect(describeGrid(axes, 20, { start: 5, end: 10 }, { index: 2, count: 4, source: 'RUNPOD_PLAN_SHARD=2/4' }, false)).toBe(
      'sweep: shard 2 of 4 (RUNPOD_PLAN_SHARD=2/4): points 6 to 10 of 20 (10 x 2), simulated\n',
    );
  });

  it.each([
    [{ kind: 'first-point' } as const, 'the first point'],
    [{ kind: 'spread', points: 1, shard: false } as const, '1 point spread over the grid'],
    [{ kind: 'spread', points: 128, shard: true } as const, '128 points spread over the shard'],
  ])('says what the estimate was timed on: %j', (basis, words) => {
    // 3 s on 2 threads, 0.27 ms a point (two significant digits).
    expect(describeEstimate(3, 2, 0.27e-3, basis)).toBe(`sweep: about 3 s on 2 threads (0.27 ms a point, timed on ${words})\n`);
  });

  it.each([
    [0.4, 'under a second'],
    [89, 'about 89 s'],
    [720, 'about 12 min'],
    [3.5 * 3600, 'about 3.5 h'],
    [12_345 * 3600, 'about 12,345 h'],
  ])('rounds %s s as an estimate: %s', (seconds, words) => {
    expect(roughDuration(seconds)).toBe(words);
  });

  it('draws the progress bar: 150 of 600 points in 5 s = 30/s, 450 left = 15 s', () => {
    expect(describeProgress(150, 600, 5)).toBe(`\r[${'#'.repeat(8)}${'.'.repeat(22)}] 150/600 points, 30.0/s, 15s left `);
  });

  it('warns of the points outside the fast path\'s domain, each kind only when there are some', () => {
    expect(sweepWarnings({ evaluated: 6, outsideFastDomain: 0, coldStartRateOutsideFastDomain: 0 })).toEqual([]);
    expect(sweepWarnings({ evaluated: 6, outsideFastDomain: 4, coldStartRateOutsideFastDomain: 2 })).toEqual([
      "4 of 6 points are outside the fast path's validated domain, where its error was measured at over 10%: sweep them without --fast.",
      "2 of 6 points have a cold-start rate outside the fast path's validated domain (their cost is inside): sweep them without --fast for it.",
    ]);
    // Counts group their digits as the grid line does (1,010 points).
    expect(sweepWarnings({ evaluated: 1010, outsideFastDomain: 1010, coldStartRateOutsideFastDomain: 0 })[0]).toMatch(/^1,010 of 1,010 points are outside/);
  });

  it('says where a stopped sweep stopped', () => {
    expect(describeStop(12, 60)).toBe('sweep: stopped after 12 of 60 points; the rows above are complete.\n');
    expect(describeStop(1200, 10000)).toBe('sweep: stopped after 1,200 of 10,000 points; the rows above are complete.\n');
  });
});
