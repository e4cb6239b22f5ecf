import { describe, expect, it } from 'vitest';
import type { PoolOptions, SweepPool } from '../../src/sweep/pool.js';
import type { SweepJob, SweepRow } from '../../src/sweep/run.js';
import { parseSelection, type SweepMetrics } from '../../src/sweep/select.js';
import { streamSweepRows } from '../../src/sweep/stream-rows.js';

const metrics = (monthlyUsd: number, p95S: number): SweepMetrics => ({ monthlyUsd, p95S, usdPer1000Requests: null, coldStartRate: null, p50S: null, p99S: null, billedGpuHours: 0 });
// Points 0..5 as (cost, p95): the front of cost and p95 is 0, 1, 4.
const POINTS = [metrics(100, 10), metrics(200, 5), metrics(150, 12), metrics(300, 6), metrics(400, 4), metrics(120, 11)];

/** A pool that "evaluates" the points above in grid order on this thread, checking `stopped` after each. */
const fakePool: SweepPool = {
  threads: 1,
  async run(_job: SweepJob, options: PoolOptions) {
    let index = options.start;
    for (; index < options.end && !options.stopped(); index++) options.onRow({ index, values: [index], metrics: POINTS[index] as SweepMetrics, resources: [], outsideFastDomain: false, coldStartRateOutsideFastDomain: false });
    return { completed: index - options.start };
  },
  close: () => undefined,
};
const job = {} as SweepJob;

const rowAt = (index: number): SweepRow => ({ index, values: [index], metrics: POINTS[index] as SweepMetrics, resources: [], outsideFastDomain: false, coldStartRateOutsideFastDomain: false });

/** The callbacks in the order they came, each row by its point index. */
async function events(where: string[], flags: { pareto?: string; top?: number; by?: string } = {}, stopAfter = Number.POSITIVE_INFINITY) {
  const log: string[] = [];
  const result = await streamSweepRows(fakePool, job, { start: 0, end: POINTS.length }, parseSelection({ where, ...flags }), {
    onPoint: () => log.push('point'),
    beforeRows: () => log.push('begin'),
    onRow: (row: SweepRow) => log.push(`row ${row.index}`),
    afterPoints: () => log.push('end'),
    stopped: () => log.filter((event) => event === 'point').length >= stopAfter,
  });
  return { log: log.join(', '), evaluated: result.evaluated };
}

describe('streamSweepRows', () => {
  it('streams the rows that meet --where as the points come, between beforeRows and afterPoints', async () => {
    expect(await events(['cost<=150'])).toEqual({
      log: 'begin, point, row 0, point, point, row 2, point, point, point, row 5, end',
      evaluated: 6,
    });
  });

  it('holds the rows back for --pareto and --top: beforeRows after the points, then the rows in the selection\'s order', async () => {
    expect((await events([], { pareto: 'cost,p95' })).log).toBe('point, point, point, point, point, point, end, begin, row 0, row 1, row 4');
    expect((await events(['p95<12s'], { top: 2, by: 'p95' })).log).toBe('point, point, point, point, point, point, end, begin, row 4, row 1');
  });

  it('stops when asked: the rows so far stand, and it says how many points it evaluated', async () => {
    expect(await events([], {}, 2)).toEqual({ log: 'begin, point, row 0, point, row 1, end', evaluated: 2 });
    expect(await events([], { top: 1 }, 3)).toEqual({ log: 'point, point, point, end, begin, row 0', evaluated: 3 });
  });

  it('takes the rows it already has (timed before the sweep) instead of evaluating their points again', async () => {
    // A pool that asks for each point: this job cannot be evaluated, so a row it reports was known.
    const asking: SweepPool = {
      threads: 1,
      async run(inJob: SweepJob, options: PoolOptions) {
        for (let index = options.start; index < options.end; index++) options.onRow(await options.evaluate(inJob, index));
        return { completed: options.end - options.start };
      },
      close: () => undefined,
    };
    const known = new Map([0, 1, 2, 3, 4, 5].map((index) => [index, rowAt(index)]));
    const seen: SweepRow[] = [];
    await streamSweepRows(asking, job, { start: 0, end: 6 }, parseSelection({ where: [] }), { onRow: (row) => seen.push(row) }, known);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5].map((index) => known.get(index)));
    for (const [i, row] of seen.entries()) expect(row).toBe(known.get(i));
    // A point it does not have is evaluated (and this job cannot be).
    known.delete(3);
    await expect(streamSweepRows(asking, job, { start: 0, end: 6 }, parseSelection({ where: [] }), { onRow: () => undefined }, known)).rejects.toThrow();
  });

  it('counts the points outside the fast path\'s domain, kept or not: a cost outside counts once, as the cost\'s', async () => {
    // Points 1 and 4: cost outside; 2: cost and cold-start rate outside (the cost's); 5: the cold-start rate only.
    const flags = [[false, false], [true, false], [true, true], [false, false], [true, false], [false, true]];
    const flagged: SweepPool = {
      threads: 1,
      async run(_job: SweepJob, options: PoolOptions) {
        for (let index = options.start; index < options.end; index++) {
          const [outsideFastDomain, coldStartRateOutsideFastDomain] = flags[index] as [boolean, boolean];
          options.onRow({ ...rowAt(index), outsideFastDomain, coldStartRateOutsideFastDomain });
        }
        return { completed: options.end - options.start };
      },
      close: () => undefined,
    };
    const counts = await streamSweepRows(flagged, job, { start: 0, end: 6 }, parseSelection({ where: ['cost<=150'] }), { onRow: () => undefined });
    expect(counts).toEqual({ evaluated: 6, outsideFastDomain: 3, coldStartRateOutsideFastDomain: 1 });
  });

  it('ends the points when one fails, and reports no held row', async () => {
    const failing: SweepPool = { ...fakePool, run: () => Promise.reject(new Error('point 3 failed')) };
    const log: string[] = [];
    const callbacks = { beforeRows: () => log.push('begin'), onRow: () => log.push('row'), afterPoints: () => log.push('end') };
    await expect(streamSweepRows(failing, job, { start: 0, end: 6 }, parseSelection({ where: [], top: 1 }), callbacks)).rejects.toThrow('point 3 failed');
    expect(log).toEqual(['end']);
  });
});
