import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChainScratch, logStationaryWeights, reachWithin, reachWithinAndMeanTime } from '../../src/model/birth-death.js';
import { GapMemo, ReachMemo } from '../../src/model/reach-memo.js';

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

  it('told not to look, it solves and remembers: the same chain is then answered from memory, as reachWithin answers it', () => {
    const memo = new ReachMemo();
    const c = chain(5, 0.4, 0.2, 12);
    const out = new Float64Array(c.m);
    expect(memo.reachWithin(c.m, c.births, c.deaths, c.logPi, c.t, new ChainScratch(c.m), out, false)).toBe(false);
    expect(sameBits([...out], direct(c))).toBe(true);
    out.fill(7);
    expect(memo.reachWithin(c.m, c.births, c.deaths, c.logPi, c.t, new ChainScratch(c.m), out)).toBe(true);
    expect(sameBits([...out], direct(c))).toBe(true);
    // Not looking solves it again even though it is remembered.
    expect(memo.reachWithin(c.m, c.births, c.deaths, c.logPi, c.t, new ChainScratch(c.m), out, false)).toBe(false);
    expect(sameBits([...out], direct(c))).toBe(true);
  });

  it('solves chains over 64 levels every time, with the same answer', () => {
    const memo = new ReachMemo();
    const c = chain(70, 2, 0.05, 60);
    expect(sameBits(remembered(memo, c), direct(c))).toBe(true);
    expect(sameBits(remembered(memo, c), direct(c))).toBe(true);
  });
});

/** The gap chain below c workers (births lambda, deaths j mu) killed at c, from c - 1, solved afresh. */
function gapDirect(c: number, lambda: number, mu: number, t: number): number[] {
  const births = new Float64Array(c + 1).fill(lambda);
  const deaths = new Float64Array(c + 1).map((_, j) => j * mu);
  const logPi = new Float64Array(c + 1);
  logStationaryWeights(c - 1, births, deaths, logPi);
  const reach = new Float64Array(c);
  const meanTime = new Float64Array(c);
  reachWithinAndMeanTime(c, births, deaths, logPi, t, new ChainScratch(c), reach, meanTime);
  return [reach[c - 1] as number, meanTime[c - 1] as number];
}

/** The same through the memory: recalled, or solved and remembered. */
function gapRemembered(memo: GapMemo, c: number, lambda: number, mu: number, t: number): number[] {
  const out = new Float64Array(2);
  if (memo.recall(c, lambda, mu, t, out)) return [...out];
  const answer = gapDirect(c, lambda, mu, t);
  memo.remember(c, lambda, mu, t, answer[0] as number, answer[1] as number);
  return answer;
}

describe('GapMemo', () => {
  const gapInputs = fc.record({
    c: fc.integer({ min: 1, max: 20 }),
    lambda: fc.double({ min: 1e-4, max: 10, noNaN: true }),
    mu: fc.double({ min: 1e-3, max: 10, noNaN: true }),
    t: fc.oneof(fc.double({ min: 0.5, max: 3600, noNaN: true }), fc.constant(Infinity)),
  });

  it('answers as the gap chain solved afresh does, bit for bit, the first time and from memory', () => {
    const memo = new GapMemo();
    fc.assert(
      fc.property(fc.array(gapInputs, { minLength: 1, maxLength: 8 }), (list) => {
        for (const { c, lambda, mu, t } of [...list, ...list.reverse()]) expect(sameBits(gapRemembered(memo, c, lambda, mu, t), gapDirect(c, lambda, mu, t))).toBe(true);
      }),
    );
  });

  it('recalls only the exact inputs it was given: one bit away in any of them is another chain', () => {
    const memo = new GapMemo();
    const out = new Float64Array(2);
    gapRemembered(memo, 5, 0.3, 0.2, 30);
    expect(memo.recall(5, 0.3, 0.2, 30, out)).toBe(true);
    expect(sameBits([...out], gapDirect(5, 0.3, 0.2, 30))).toBe(true);
    expect(memo.recall(4, 0.3, 0.2, 30, out)).toBe(false);
    expect(memo.recall(5, 0.3 * (1 + Number.EPSILON), 0.2, 30, out)).toBe(false);
    expect(memo.recall(5, 0.3, 0.2 * (1 + Number.EPSILON), 30, out)).toBe(false);
    expect(memo.recall(5, 0.3, 0.2, 30.000000000000004, out)).toBe(false);
    expect(memo.recall(5, NaN, 0.2, 30, out)).toBe(false);
  });

  it('starts afresh when half full, and keeps answering right (a table of 8 slots)', () => {
    const memo = new GapMemo(8);
    const list = Array.from({ length: 30 }, (_, i) => ({ c: 1 + (i % 5), lambda: 0.1 + i / 10, mu: 0.2, t: 10 }));
    for (let round = 0; round < 3; round++) for (const { c, lambda, mu, t } of list) expect(sameBits(gapRemembered(memo, c, lambda, mu, t), gapDirect(c, lambda, mu, t))).toBe(true);
  });
});
