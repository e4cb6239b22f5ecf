// reachWithin's answers remembered by the exact bits of its inputs. The fast endpoint model asks for the
// same chain again and again: at low load the levels a chain never reaches vanish below rounding, so an
// endpoint with max 5 and one with max 10 solve bit-identical chains, and so do the first fixed-point
// iterations of every max; a sweep over workers.max or workers.active asked each of them anew. On the
// README's plan (bench/sweep) two calls in three repeat an earlier one. A remembered answer is the
// answer the same inputs gave, bit for bit, so results do not change; only the time does.
import { reachWithin, type ChainScratch } from './birth-death.js';

/** Slots of the hash table (a power of two); it holds at most half as many chains before it starts afresh. */
const SLOTS = 1 << 17;
/** Doubles the remembered keys and answers may take before the memory starts afresh: 16 MB. */
const POOL_DOUBLES = 2_000_000;
/** Larger chains (many workers) are solved every time: each is a rare, slow call that a key would not pay for. */
const MAX_LEVEL = 64;

/**
 * A hash table in typed arrays (no object per entry: a Map of arrays made the garbage collector cost more
 * than the eigen-decompositions saved). Each entry in the pool: the inputs reachWithin reads (m, t,
 * births[0..m-1], logPi[0..m-1], deaths[1..m-1]), then its answer out[0..m-1].
 */
export class ReachMemo {
  private readonly slots: Int32Array;
  private readonly pool: Float64Array;
  private used = 0;
  private count = 0;
  /** The four inputs hashed, and their words. */
  private readonly hashed = new Float64Array(4);
  private readonly hashedWords = new Uint32Array(this.hashed.buffer);

  /** `slots` must be a power of two; smaller sizes are for tests of starting afresh. */
  constructor(size: { slots: number; poolDoubles: number } = { slots: SLOTS, poolDoubles: POOL_DOUBLES }) {
    this.slots = new Int32Array(size.slots).fill(-1);
    this.pool = new Float64Array(size.poolDoubles);
  }

  /**
   * reachWithin(m, births, deaths, logPi, t, scratch, out), answered from memory when the same inputs came
   * before (then it returns true). With `recall` false it does not look: it solves and remembers.
   */
  reachWithin(m: number, births: Float64Array, deaths: Float64Array, logPi: Float64Array, t: number, scratch: ChainScratch, out: Float64Array, recall = true): boolean {
    if (m > MAX_LEVEL) {
      reachWithin(m, births, deaths, logPi, t, scratch, out);
      return false;
    }
    const length = 3 * m + 1;
    // The slot comes from the inputs that move between fixed-point iterations and levels; an entry is
    // taken only when every input matches.
    const hashed = this.hashed;
    const words = this.hashedWords;
    hashed[0] = t;
    hashed[1] = births[m - 1] as number;
    hashed[2] = logPi[m - 1] as number;
    hashed[3] = m > 1 ? (deaths[m - 1] as number) : 0;
    let hash = Math.imul(0x811c9dc5 ^ m, 0x01000193);
    for (let i = 0; i < 8; i++) hash = Math.imul(hash ^ (words[i] as number), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    const pool = this.pool;
    for (;;) {
      const at = this.slots[slot] as number;
      if (at < 0) break;
      if (recall && pool[at] === m && holds(pool, at, m, t, births, deaths, logPi)) {
        for (let j = 0; j < m; j++) out[j] = pool[at + length + j] as number;
        return true;
      }
      slot = (slot + 1) & mask;
    }
    reachWithin(m, births, deaths, logPi, t, scratch, out);
    if (length + m > pool.length) return false;
    if (this.used + length + m > pool.length || 2 * (this.count + 1) > this.slots.length) {
      this.slots.fill(-1);
      this.used = 0;
      this.count = 0;
      slot = (hash ^ (hash >>> 15)) & mask;
    }
    const at = this.used;
    pool[at] = m;
    pool[at + 1] = t;
    for (let i = 0; i < m; i++) {
      pool[at + 2 + i] = births[i] as number;
      pool[at + 2 + m + i] = logPi[i] as number;
      pool[at + length + i] = out[i] as number;
    }
    for (let i = 1; i < m; i++) pool[at + 1 + 2 * m + i] = deaths[i] as number;
    this.slots[slot] = at;
    this.used += length + m;
    this.count++;
    return false;
  }
}

/** Two doubles differ: NaN never matches (that call is made again), and 0 does not match -0. */
function differ(x: number, y: number): boolean {
  return x !== y || (x === 0 && 1 / x !== 1 / y);
}

/** The entry at `at` was made for these inputs. */
function holds(pool: Float64Array, at: number, m: number, t: number, births: Float64Array, deaths: Float64Array, logPi: Float64Array): boolean {
  if (differ(pool[at + 1] as number, t)) return false;
  for (let i = m - 1; i >= 0; i--) {
    if (differ(pool[at + 2 + i] as number, births[i] as number) || differ(pool[at + 2 + m + i] as number, logPi[i] as number)) return false;
  }
  for (let i = 1; i < m; i++) if (differ(pool[at + 1 + 2 * m + i] as number, deaths[i] as number)) return false;
  return true;
}

/**
 * The scaling chain's gaps (./scaling-chain.ts): the chain below c workers (births lambda, deaths j mu)
 * killed on reaching c, from c - 1: the chance it reaches c within t, and E[min(tau, t)]. They depend on
 * c, lambda, mu and t alone, and a sweep asks for the same few again and again: every point of a grid
 * with the same rate and c alive workers (any active/max split that has c) solves the same chain, about
 * thirty times over on the README's plan (bench/sweep). Remembered by the exact bits of the four, as
 * ReachMemo does, so an answer is the one the same inputs gave.
 */
export class GapMemo {
  private readonly slots: Int32Array;
  /** Per entry: c, lambda, mu, t, then the two answers. */
  private readonly entries: Float64Array;
  private count = 0;
  private readonly hashed = new Float64Array(3);
  private readonly hashedWords = new Uint32Array(this.hashed.buffer);
  private slot = 0;

  /** `slots` must be a power of two; the memory starts afresh once half of them are taken. */
  constructor(slots = 1 << 15) {
    this.slots = new Int32Array(slots).fill(-1);
    this.entries = new Float64Array((slots / 2) * 6);
  }

  /** Writes the remembered answers into out[0] (reach) and out[1] (mean time) and returns true, or returns false (then `remember` them). */
  recall(c: number, lambda: number, mu: number, t: number, out: Float64Array): boolean {
    const mask = this.slots.length - 1;
    let slot = this.firstSlot(c, lambda, mu, t);
    const entries = this.entries;
    for (;;) {
      const at = this.slots[slot] as number;
      if (at < 0) break;
      if (entries[at] === c && !differ(entries[at + 1] as number, lambda) && !differ(entries[at + 2] as number, mu) && !differ(entries[at + 3] as number, t)) {
        out[0] = entries[at + 4] as number;
        out[1] = entries[at + 5] as number;
        return true;
      }
      slot = (slot + 1) & mask;
    }
    this.slot = slot;
    return false;
  }

  /** Where the inputs' probe starts. */
  private firstSlot(c: number, lambda: number, mu: number, t: number): number {
    const hashed = this.hashed;
    const words = this.hashedWords;
    hashed[0] = lambda;
    hashed[1] = mu;
    hashed[2] = t;
    let hash = Math.imul(0x811c9dc5 ^ c, 0x01000193);
    for (let i = 0; i < 6; i++) hash = Math.imul(hash ^ (words[i] as number), 0x01000193);
    return (hash ^ (hash >>> 15)) & (this.slots.length - 1);
  }

  /** Keeps the answers for the inputs of the `recall` just made, which found none. */
  remember(c: number, lambda: number, mu: number, t: number, reach: number, meanTime: number): void {
    if (2 * (this.count + 1) > this.slots.length) {
      this.slots.fill(-1);
      this.count = 0;
      this.slot = this.firstSlot(c, lambda, mu, t);
    }
    const at = this.count * 6;
    const entries = this.entries;
    entries[at] = c;
    entries[at + 1] = lambda;
    entries[at + 2] = mu;
    entries[at + 3] = t;
    entries[at + 4] = reach;
    entries[at + 5] = meanTime;
    this.slots[this.slot] = at;
    this.count++;
  }
}
