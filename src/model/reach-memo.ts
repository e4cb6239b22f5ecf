// reachWithin's answers remembered by the exact bits of their inputs, for the fast endpoint model. It
// asks for the same chains again and again: at low load the levels a chain never reaches vanish below
// rounding, so an endpoint with max 5 and one with max 10 follow the same path of fixed-point iterations,
// chain for chain, until the levels they differ in matter (and a converged level asks for the chain it
// asked for one iteration before). On the README's plan (bench/sweep, 10,000 points), of 1.87 million
// calls 1.07 million repeat the call made at the same step by the last evaluation that differed only in
// max, 0.16 million the same level's call one iteration before, 0.03 million another, and 0.61 million
// are new. A remembered answer is the answer the same inputs gave, bit for bit, so results do not
// change; only the time does.
import { reachWithin, type ChainScratch } from './birth-death.js';

/** Larger chains (many workers) are solved every time: each is a rare, slow call that a log would not pay for. */
const MAX_LEVEL = 64;
/** Paths kept, and the doubles their logs may take (16 MB), before the memory starts afresh. */
const MAX_PATHS = 4096;
const MAX_DOUBLES = 2_000_000;

/**
 * An evaluation's calls in order, each entry (m, t, births[0..m-1], deaths[1..m-1], out[0..m-1]); a chain
 * over MAX_LEVEL is its m alone. No logPi: the model's are logStationaryWeights of the births and deaths.
 */
interface Path {
  log: Float64Array;
  length: number;
}

const entryLength = (m: number) => (m > MAX_LEVEL ? 1 : 3 * m + 1);

/**
 * The paths of evaluations, kept by a key that names which evaluations may share one (the model's inputs
 * but max). An evaluation follows the last path with its key, step by step, and takes its answer where
 * the inputs are the same, or else its own answer for the same level one iteration before: both are read
 * in order, with no hash per call (a hash table of every chain, which this replaced, solved 1.16 million
 * of the README plan's chains where this solves 0.73 million, in more time per call). A key shared by
 * chance costs misses only: every answer taken is checked input by input.
 */
export class PathMemo {
  private readonly paths = new Map<number, Path>();
  private doubles = 0;
  private readonly limits: { paths: number; doubles: number };
  private current: Path = { log: new Float64Array(256), length: 0 };
  /** The path this evaluation follows, where it reads in it, and the path the last evaluation replaced (its log is reused). */
  private previous: Path | undefined;
  private read = 0;
  private spare: Path | undefined;
  /** Per level, where its last call is in the current path (-1: none yet). */
  private readonly lastAt = new Int32Array(MAX_LEVEL + 1);

  /** Smaller limits are for tests of starting afresh. */
  constructor(limits: { paths: number; doubles: number } = { paths: MAX_PATHS, doubles: MAX_DOUBLES }) {
    this.limits = limits;
  }

  /** Starts an evaluation whose inputs (but max) hash to `key`. */
  begin(key: number): void {
    if (this.paths.size >= this.limits.paths || this.doubles >= this.limits.doubles) {
      this.paths.clear();
      this.doubles = 0;
    }
    const reused = this.spare;
    const current: Path = reused ?? { log: new Float64Array(256), length: 0 };
    current.length = 0;
    this.previous = this.paths.get(key);
    this.spare = this.previous;
    this.doubles += current.log.length - (this.previous?.log.length ?? 0);
    this.paths.set(key, current);
    this.current = current;
    this.read = 0;
    this.lastAt.fill(-1);
  }

  /**
   * reachWithin(m, births, deaths, logPi, t, scratch, out), answered from memory when the same inputs came
   * at this step of the path followed, or at this level one iteration before. logPi must be
   * logStationaryWeights of the births and deaths, as the model's are: the memory compares t, births and
   * deaths, which decide it.
   */
  reachWithin(m: number, births: Float64Array, deaths: Float64Array, logPi: Float64Array, t: number, scratch: ChainScratch, out: Float64Array): void {
    let from: Float64Array | undefined;
    let at = -1;
    const previous = this.previous;
    if (previous !== undefined && this.read < previous.length) {
      const log = previous.log;
      const step = this.read;
      const stepM = log[step] as number;
      this.read += entryLength(stepM);
      if (stepM === m && m <= MAX_LEVEL && onPath(log, step, m, t, births, deaths)) {
        from = log;
        at = step;
      }
    }
    const current = this.current;
    if (from === undefined && m <= MAX_LEVEL) {
      const last = this.lastAt[m] as number;
      if (last >= 0 && onPath(current.log, last, m, t, births, deaths)) {
        from = current.log;
        at = last;
      }
    }
    if (from === undefined) reachWithin(m, births, deaths, logPi, t, scratch, out);
    else for (let j = 0; j < m; j++) out[j] = from[at + 2 * m + 1 + j] as number;
    // The call joins the current path (a log is read before it grows, so `from` is not moved under it).
    const length = entryLength(m);
    if (current.length + length > current.log.length) {
      const grown = new Float64Array(Math.max(2 * current.log.length, current.length + length));
      grown.set(current.log.subarray(0, current.length));
      this.doubles += grown.length - current.log.length;
      current.log = grown;
    }
    const log = current.log;
    const entry = current.length;
    log[entry] = m;
    current.length += length;
    if (m > MAX_LEVEL) return;
    log[entry + 1] = t;
    for (let i = 0; i < m; i++) {
      log[entry + 2 + i] = births[i] as number;
      log[entry + 2 * m + 1 + i] = out[i] as number;
    }
    for (let i = 1; i < m; i++) log[entry + 1 + m + i] = deaths[i] as number;
    this.lastAt[m] = entry;
  }
}

/** The path's entry at `at` was made for these inputs (its logPi follows from them). */
function onPath(log: Float64Array, at: number, m: number, t: number, births: Float64Array, deaths: Float64Array): boolean {
  if (differ(log[at + 1] as number, t)) return false;
  for (let i = m - 1; i >= 0; i--) if (differ(log[at + 2 + i] as number, births[i] as number)) return false;
  for (let i = 1; i < m; i++) if (differ(log[at + 1 + m + i] as number, deaths[i] as number)) return false;
  return true;
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
