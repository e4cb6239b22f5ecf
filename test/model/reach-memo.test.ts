import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChainScratch, logStationaryWeights, reachWithin, reachWithinAndMeanTime } from '../../src/model/birth-death.js';
import { GapMemo, PathMemo } from '../../src/model/reach-memo.js';

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

/** Bit for bit: toEqual would let -0 pass for 0. */
const sameBits = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/** A chain with one birth rate changed, and its stationary weights to match (as the model's always are). */
function withBirth(c: Chain, i: number, birth: number): Chain {
  const births = c.births.slice();
  births[i] = birth;
  const logPi = new Float64Array(c.m + 1);
  logStationaryWeights(c.m, births, c.deaths, logPi);
  return { ...c, births, logPi };
}

/** The chains of one evaluation in the order it asks for them, through the memory. */
function evaluation(memo: PathMemo, key: number, path: readonly Chain[]): number[][] {
  memo.begin(key);
  return path.map((c) => {
    const out = new Float64Array(c.m);
    memo.reachWithin(c.m, c.births, c.deaths, c.logPi, c.t, new ChainScratch(c.m), out);
    return [...out];
  });
}

describe('PathMemo', () => {
  it('answers as reachWithin does, bit for bit, along paths that repeat, share steps, diverge and rejoin', () => {
    fc.assert(
      fc.property(fc.array(chains, { minLength: 1, maxLength: 6 }), fc.array(fc.array(fc.nat(9), { maxLength: 12 }), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(2), { minLength: 8, maxLength: 8 }), (pool, paths, keys) => {
        const memo = new PathMemo();
        paths.forEach((steps, e) => {
          const path = steps.map((step) => pool[step % pool.length] as Chain);
          const answers = evaluation(memo, keys[e] as number, path);
          path.forEach((c, i) => expect(sameBits(answers[i] as number[], direct(c))).toBe(true));
        });
      }),
    );
  });

  it('takes the answer at the same step of the last path with its key, or of the same level one iteration before; a chain one bit away gets its own', () => {
    const memo = new PathMemo();
    const a = chain(3, 0.3, 0.1, 5);
    const b = chain(4, 0.2, 0.1, 5);
    const first = evaluation(memo, 7, [a, b, a]);
    // The same key and steps: each answer from the path; one bit off in a birth, a death or t: solved.
    const nearBirth = withBirth(a, 1, (a.births[1] as number) * (1 + Number.EPSILON));
    const deaths = b.deaths.slice();
    deaths[2] = (deaths[2] as number) * (1 + Number.EPSILON);
    const nearDeath = { ...b, deaths };
    const later = { ...a, t: 5.000000000000001 };
    expect(sameBits(direct(nearBirth), direct(a))).toBe(false);
    expect(sameBits(direct(nearDeath), direct(b))).toBe(false);
    expect(sameBits(direct(later), direct(a))).toBe(false);
    const second = evaluation(memo, 7, [a, nearDeath, later, nearBirth, b]);
    expect(second.map((answer, i) => sameBits(answer, direct([a, nearDeath, later, nearBirth, b][i] as Chain)))).toEqual([true, true, true, true, true]);
    expect(sameBits(second[0] as number[], first[0] as number[])).toBe(true);
  });

  it('a key shared by chance, and a path longer or shorter than the last, still get their own answers', () => {
    const memo = new PathMemo();
    const list = Array.from({ length: 6 }, (_, i) => chain(1 + (i % 4), 0.1 + i / 7, 0.2, 10));
    evaluation(memo, 1, list);
    const other = list.map((c) => withBirth(c, 0, (c.births[0] as number) * 1.5));
    for (const path of [other, list.slice(0, 2), [...list, ...list]]) {
      const answers = evaluation(memo, 1, path);
      path.forEach((c, i) => expect(sameBits(answers[i] as number[], direct(c))).toBe(true));
    }
  });

  it('starts afresh when full, and keeps answering right (at most 2 paths, or 64 doubles)', () => {
    for (const limits of [{ paths: 2, doubles: 1e9 }, { paths: 1e9, doubles: 64 }]) {
      const memo = new PathMemo(limits);
      const list = Array.from({ length: 12 }, (_, i) => chain(1 + (i % 4), 0.1 + i / 10, 0.2, 10));
      for (let round = 0; round < 3; round++) {
        for (let key = 0; key < 5; key++) {
          const path = list.slice(key, key + 4);
          const answers = evaluation(memo, key, path);
          path.forEach((c, i) => expect(sameBits(answers[i] as number[], direct(c))).toBe(true));
        }
      }
    }
  });

  it('solves chains over 64 levels every time, with the same answer, and the steps after them still line up', () => {
    const memo = new PathMemo();
    const large = chain(70, 2, 0.05, 60);
    const small = chain(3, 0.4, 0.2, 12);
    for (let round = 0; round < 2; round++) {
      const answers = evaluation(memo, 3, [large, small]);
      expect(sameBits(answers[0] as number[], direct(large))).toBe(true);
      expect(sameBits(answers[1] as number[], direct(small))).toBe(true);
    }
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
