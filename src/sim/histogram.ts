// A fixed-size log-bucketed histogram for latency percentiles. The simulator records up to tens of
// millions of values, so it cannot keep them (memory must not grow with the number of requests); a
// histogram with bounded relative error is the standard answer (HdrHistogram, http://hdrhistogram.org;
// DDSketch, Masson et al., VLDB 2019).
//
// Layout (HdrHistogram's "log-linear" buckets): every power-of-two octave [2^e, 2^(e+1)) is cut into 128
// equal sub-buckets. A sub-bucket spans 2^e / 128, and its midpoint is within 2^e / 256 of any value in
// it, so the relative error of a reported value is at most 1/256 = 0.39% (the brief asks for 1%). The
// bucket of x is read straight from its IEEE-754 bits: the top 32-bit word of a positive double is
// exponent (11 bits) then mantissa; shifting out the low 13 bits leaves exponent * 128 + the top 7
// mantissa bits, which is exactly the bucket number. No Math.log per record.
//
// Range: 2^-30 s (0.93 ns) to 2^40 s (35,000 years): 70 octaves, 8,960 buckets, 72 KB of counts.
// Values below 2^-30 (including the many exact zeros of queue wait) share a "zero" bucket reported as 0
// (clamped to the observed minimum); values from 2^40 up share an overflow bucket reported as the max.

/** log2 of the smallest value with its own bucket: below it a value counts as zero (absolute error < 1 ns). */
const MIN_EXPONENT = -30;
/** log2 of the end of the bucketed range: values from here up go to the overflow bucket. */
const MAX_EXPONENT = 40;
/** Sub-buckets per octave, as a bit count: 2^7 = 128 gives at most 1/256 relative error. */
const SUB_BITS = 7;
/** Sub-buckets per octave. */
const SUBS = 1 << SUB_BITS;
/** Buckets between the zero and overflow buckets. */
const LOG_BUCKETS = (MAX_EXPONENT - MIN_EXPONENT) * SUBS;
/** Smallest value with a log bucket. */
const MIN_TRACKED = 2 ** MIN_EXPONENT;
/** First value of the overflow bucket. */
const MAX_TRACKED = 2 ** MAX_EXPONENT;
/** IEEE-754 exponent bias of a double. */
const EXPONENT_BIAS = 1023;
/** The top-word bucket key (exponent * 128 + top mantissa bits) of MIN_TRACKED, the first log bucket. */
const FIRST_KEY = (MIN_EXPONENT + EXPONENT_BIAS) << SUB_BITS;
/** The top word of a double keeps 20 mantissa bits; shift off all but the top SUB_BITS of them. */
const KEY_SHIFT = 20 - SUB_BITS;

/** Scratch views for reading a double's bits (one shared pair: JavaScript is single-threaded). */
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
/** Index of the high 32-bit word in scratchWords: 1 on little-endian hosts (all Node targets), 0 otherwise. */
const HIGH_WORD = ((): number => {
  scratch[0] = 1; // 0x3FF00000_00000000
  return scratchWords[1] === 0x3ff00000 ? 1 : 0;
})();

/** The value a log bucket reports: its midpoint, within 1/256 of anything recorded in it. */
function bucketMidpoint(index: number): number {
  const k = index - 1;
  const octave = Math.floor(k / SUBS);
  const sub = k - octave * SUBS;
  return 2 ** (MIN_EXPONENT + octave) * (1 + (sub + 0.5) / SUBS);
}

/** Throws for a value record() cannot take; kept out of record() so record stays small enough for V8 to inline. */
function rejectValue(x: number): never {
  throw new RangeError(`Histogram.record: value must be >= 0, got ${String(x)}`);
}

/** A log-bucketed histogram of non-negative values: fixed memory, at most 0.39% relative error on percentiles; exact count, mean and max. */
export class Histogram {
  /** Counts: [0] zero bucket, [1..LOG_BUCKETS] log buckets, [LOG_BUCKETS + 1] overflow. Float64 so counts stay exact past 2^32. */
  private readonly counts = new Float64Array(LOG_BUCKETS + 2);
  /** Number of values recorded. */
  private n = 0;
  /** Sum of the values recorded (for the exact mean). */
  private sum = 0;
  /** Largest value recorded; 0 before any. */
  private largest = 0;
  /** Smallest value recorded; Infinity before any. */
  private smallest = Infinity;

  /** The relative error bound of percentile(): half a sub-bucket over the octave's start, 1/256. */
  static readonly RELATIVE_ERROR = 1 / (2 * SUBS);

  /** Records one value (seconds); throws for a negative or NaN value, which would be a simulator bug. */
  record(x: number): void {
    let index = 0;
    if (x >= MIN_TRACKED) {
      if (x < MAX_TRACKED) {
        scratch[0] = x;
        index = ((scratchWords[HIGH_WORD] as number) >>> KEY_SHIFT) - FIRST_KEY + 1;
      } else {
        index = LOG_BUCKETS + 1;
      }
    } else if (!(x >= 0)) {
      rejectValue(x);
    }
    this.counts[index] = (this.counts[index] as number) + 1;
    this.n++;
    this.sum += x;
    if (x > this.largest) this.largest = x;
    if (x < this.smallest) this.smallest = x;
  }

  /** Number of values recorded. */
  get count(): number {
    return this.n;
  }

  /** Largest value recorded (exact); 0 when empty. */
  get max(): number {
    return this.largest;
  }

  /** Smallest value recorded (exact); 0 when empty. */
  get min(): number {
    return this.n === 0 ? 0 : this.smallest;
  }

  /** Mean of the values recorded (exact up to floating-point summation); 0 when empty. */
  get mean(): number {
    return this.n === 0 ? 0 : this.sum / this.n;
  }

  /** The value reported for a bucket, clamped to the observed range (which makes the extremes exact). */
  private bucketValue(index: number): number {
    const raw = index === 0 ? 0 : index === LOG_BUCKETS + 1 ? this.largest : bucketMidpoint(index);
    return Math.min(this.largest, Math.max(this.smallest, raw));
  }

  /**
   * The p-th percentile, p in [0, 100], by nearest rank (the smallest recorded value with at least p% of
   * values at or below it), within 0.39% of the exact one; 0 when empty. p = 100 gives the exact max.
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`Histogram.percentile: p must be in [0, 100], got ${String(p)}`);
    if (this.n === 0) return 0;
    if (p === 100) return this.largest;
    // p * count first: exact for whole p and counts below 2^46, so p95 of 100 values is rank 95, not 96.
    const rank = Math.max(1, Math.ceil((p * this.n) / 100));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return this.bucketValue(i);
    }
    return this.largest;
  }

  /** Fraction of values whose bucket reports at most x (to 0.39%; for x = 0 the values below 1 ns, i.e. the zeros). */
  fractionAtOrBelow(x: number): number {
    if (this.n === 0) return 0;
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      if (this.bucketValue(i) > x) break;
      seen += this.counts[i] as number;
    }
    return seen / this.n;
  }

  /** Adds another histogram's values to this one (parallel runs, or summing days). */
  merge(other: Histogram): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i] = (this.counts[i] as number) + (other.counts[i] as number);
    this.n += other.n;
    this.sum += other.sum;
    if (other.largest > this.largest) this.largest = other.largest;
    if (other.smallest < this.smallest) this.smallest = other.smallest;
  }
}
