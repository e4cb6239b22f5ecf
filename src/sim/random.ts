// A seeded pseudo-random generator for the simulator. Math.random cannot be seeded, and a planner's runs
// must be reproducible (same seed, same figures) and comparable (common random numbers across configs).
//
// Generator: xoshiro128** 1.0 by Blackman and Vigna (https://prng.di.unimi.it/xoshiro128starstar.c):
// 128 bits of state, period 2^128 - 1, passes BigCrush and PractRand, and needs only 32-bit integer
// operations, which V8 runs without allocation (Math.imul, shifts). The state lives in an Int32Array so
// it is never boxed. The state is filled from the seed by SplitMix32 (the 32-bit variant of Steele, Lea
// and Flood's SplitMix, with the "lowbias32" finaliser from Wellons' hash-prospector,
// https://github.com/skeeto/hash-prospector), as Vigna recommends: never seed xoshiro with raw user bits.

/** 2^-53: scales a 53-bit integer to a double in [0, 1) with every representable step. */
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/** Scratch views to read a seed's 64 IEEE-754 bits, so every distinct double seed gives a distinct stream. */
const seedBits = new Float64Array(1);
const seedWords = new Uint32Array(seedBits.buffer);

/** The lowbias32 finaliser (hash-prospector): a bijective 32-bit mix with low bias, used for seeding only. */
function mix32(x: number): number {
  let z = x | 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return z;
}

/** Rotates a 32-bit integer left by k bits. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seeded xoshiro128** stream with the draws the simulator needs: uniform, exponential and normal. */
export class Random {
  /** xoshiro128** state s0..s3 (never all zero). */
  private readonly state = new Int32Array(4);
  /** The second normal deviate of the last polar-method pair, returned by the next normal() call. */
  private spareNormal = 0;
  /** Whether spareNormal holds an unused deviate. */
  private hasSpareNormal = false;
  /** Uniforms for fillNormal's polar method, drawn a buffer at a time (even length: they are used in pairs). */
  private readonly pairBuffer = new Float64Array(256);

  /** Seeds from any finite double and a stream number; different streams of one seed are independent for practical purposes. */
  constructor(seed: number, stream = 0) {
    seedBits[0] = seed;
    // SplitMix32: a Weyl sequence (golden-ratio increment) through the finaliser; the seed's two words and
    // the stream number are mixed into the starting point so nearby seeds give unrelated states.
    let weyl = mix32((seedWords[0] as number) ^ mix32((seedWords[1] as number) ^ 0x6a09e667)) ^ mix32(Math.imul(stream, 0x3c6ef372) + 0x1b873593);
    for (let i = 0; i < 4; i++) {
      weyl = (weyl + 0x9e3779b9) | 0;
      this.state[i] = mix32(weyl);
    }
    if (((this.state[0] as number) | (this.state[1] as number) | (this.state[2] as number) | (this.state[3] as number)) === 0) this.state[0] = 1;
  }

  /** The next 32 random bits as a signed 32-bit integer (xoshiro128** step, verbatim from the reference C). */
  nextInt32(): number {
    const s = this.state;
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    const s2 = s[2] as number;
    const s3 = s[3] as number;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits (two 32-bit draws: the top 27 and 26 bits, as in Vigna's to-double recipe). */
  next(): number {
    const high = this.nextInt32() >>> 5;
    const low = this.nextInt32() >>> 6;
    return (high * 67108864 + low) * TWO_POW_MINUS_53;
  }

  /** A uniform integer in [0, n) for n <= 2^32 (used to pick one of n measured samples). */
  integer(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An exponential deviate with the given rate (mean 1 / rate) by inversion: -ln(1 - U) / rate, finite because 1 - U > 0. */
  exponential(rate: number): number {
    // log1p(-U) keeps full precision for small U, where most of the mass of short gaps is.
    return -Math.log1p(-this.next()) / rate;
  }

  /** A standard normal deviate by Marsaglia's polar method (no trigonometry; each accepted pair yields two deviates). */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let r: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      r = u * u + v * v;
    } while (r >= 1 || r === 0); // accepted with probability pi/4
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    this.spareNormal = v * f;
    this.hasSpareNormal = true;
    return u * f;
  }

  // Batch draws. The simulator takes its random numbers a few hundred at a time: a tight loop over a typed
  // array compiles to straight-line code with the generator inlined, where a chain of calls returning
  // doubles (sample -> normal -> next) would exceed V8's inlining budget and box every value it returns.
  // The batch methods consume the same stream as the scalar ones (fillNormal may leave up to a buffer of
  // uniforms unused, which keeps it simple and costs nothing in statistical terms).

  /** Fills out[from, to) with uniform doubles in [0, 1) (the same values as successive next() calls). */
  fill(out: Float64Array, from = 0, to = out.length): void {
    for (let i = from; i < to; i++) out[i] = this.next();
  }

  /** Fills out with exponential deviates of the given rate (inversion, as exponential()). */
  fillExponential(out: Float64Array, rate: number): void {
    this.fill(out);
    for (let i = 0; i < out.length; i++) out[i] = -Math.log1p(-(out[i] as number)) / rate;
  }

  /** Fills out with standard normal deviates by the polar method, two per accepted pair (independent of normal()'s spare). */
  fillNormal(out: Float64Array): void {
    const uniforms = this.pairBuffer;
    let next = uniforms.length; // index of the next unused uniform; the buffer starts used up
    let i = 0;
    while (i < out.length) {
      if (next === uniforms.length) {
        this.fill(uniforms);
        next = 0;
      }
      const u = 2 * (uniforms[next] as number) - 1;
      const v = 2 * (uniforms[next + 1] as number) - 1;
      next += 2;
      const r = u * u + v * v;
      if (r >= 1 || r === 0) continue; // rejected (probability 1 - pi/4)
      const f = Math.sqrt((-2 * Math.log(r)) / r);
      out[i++] = u * f;
      if (i < out.length) out[i++] = v * f;
    }
  }
}
