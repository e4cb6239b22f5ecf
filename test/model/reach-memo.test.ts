import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChainScratch, logStationaryWeights, reachWithin } from '../../src/model/birth-death.js';
import { ReachMemo } from '../../src/model/reach-memo.js';

interface Chain {
  m: number;
  births: Float64Array;
  deaths: Float64Array;
  logPi: Float64Array;
  t: number;
}

function chain(m: number, birth: number, death: number, t: number): Chain {
  const births = new Float64Array(m + 1).map((_, i) => birth * (1 + 0.1 * i));
  const deaths = new Float64Array(m + 1).map((_, i) => i * death);
  const logPi = new Float64Array(m + 1);
  logStationaryWeights(m, births, deaths, logPi);
  return { m, births, deaths, logPi, t };
}

const chains = fc
  .record({
    m: fc.integer({ min: 1, max: 12 }),
    birth: fc.double({ min: 1e-4, max: 10, noNaN: true }),
    death: fc.double({ min: 1e-3, max: 10, noNaN: true }),
    t: fc.oneof(fc.double({ min: 0.5, max: 3600, noNaN: true }), fc.constant(Infinity)),
  })
  .map(({ m, birth, death, t }) => chain(m, birth, death, t));

function direct(c: Chain): number[] {
  const out = new Float64Array(c.m);
  reachWithin(c.m, c.births, c.deaths, c.logPi, c.t, new ChainScratch(c.m), out);
  return [...out];
}

function remembered(memo: ReachMemo, c: Chain): number[] {
  const out = new Float64Array(c.m);
  memo.reachWithin(c.m, c.births, c.deaths, c.logPi, c.t, new ChainScratch(c.m), out);
  return [...out];
}

/** Bit for bit: toEqual would let -0 pass for 0. */
const sameBits = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe('ReachMemo', () => {
  it('answers as reachWithin does, bit for bit, the first time and from memory', () => {
    const memo = new ReachMemo();
    fc.assert(
      fc.property(fc.array(chains, { minLength: 1, maxLength: 8 }), (list) => {
        for (const c of [...list, ...list.reverse()]) expect(sameBits(remembered(memo, c), direct(c))).toBe(true);
      }),
    );
  });

  it('a chain one bit away from a remembered one gets its own answer', () => {
    const memo = new ReachMemo();
    const base = chain(4, 0.3, 0.1, 5);
    remembered(memo, base);
    const births = base.births.slice();
    births[2] = (births[2] as number) * (1 + Number.EPSILON);
    const near = { ...base, births };
    expect(direct(near)).not.toEqual(direct(base));
    expect(sameBits(remembered(memo, near), direct(near))).toBe(true);
    const later = { ...base, t: 5.5 };
    expect(sameBits(direct(later), direct(base))).toBe(false);
    expect(sameBits(remembered(memo, later), direct(later))).toBe(true);
    // The deaths it reads are 1..m-1: a change there is a different chain too.
    const deaths = base.deaths.slice();
    deaths[3] = 0.31;
    expect(sameBits(direct({ ...base, deaths }), direct(base))).toBe(false);
    expect(sameBits(remembered(memo, { ...base, deaths }), direct({ ...base, deaths }))).toBe(true);
  });

  it('starts afresh when full, and keeps answering right (a table of 8 slots and a pool of 40 doubles)', () => {
    const memo = new ReachMemo({ slots: 8, poolDoubles: 40 });
    const list = Array.from({ length: 30 }, (_, i) => chain(1 + (i % 4), 0.1 + i / 10, 0.2, 10));
    for (let round = 0; round < 3; round++) for (const c of list) expect(sameBits(remembered(memo, c), direct(c))).toBe(true);
    // A chain larger than the whole pool is solved and not kept.
    const large = chain(20, 0.5, 0.1, 30);
    expect(sameBits(remembered(memo, large), direct(large))).toBe(true);
    expect(sameBits(remembered(memo, large), direct(large))).toBe(true);
  });

  it('solves chains over 64 levels every time, with the same answer', () => {
    const memo = new ReachMemo();
    const c = chain(70, 2, 0.05, 60);
    expect(sameBits(remembered(memo, c), direct(c))).toBe(true);
    expect(sameBits(remembered(memo, c), direct(c))).toBe(true);
  });
});
