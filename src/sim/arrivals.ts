// Arrival processes for the simulator. Each yields arrival times one at a time, in increasing order, with
// no allocation per arrival (the event loop pulls the next one only when it has passed the last).
//
// Time-varying Poisson traffic (a daily profile, on/off bursts) is generated exactly by inverting the
// integrated rate ("time change", Cinlar; see Lewis and Shedler, "Simulation of nonhomogeneous Poisson
// processes by thinning", 1979, for the alternatives): draw E ~ Exp(1) and walk forward until the rate
// integrated since the last arrival reaches E. With a piecewise-constant rate this is a few
// multiplications per arrival and wastes no draws, unlike thinning.
import { MAX_TIME_S, type ArrivalSpec } from './config.js';
import type { Random } from './random.js';

/** Seconds in an hour: the profile's segments. */
const HOUR_S = 3600;


/** A source of arrival times in increasing order; Infinity once there are no more. */
export interface ArrivalProcess {
  /** The next arrival time in seconds from 0 (Infinity when the process has ended). */
  next(): number;
  /** Fills out with the next out.length arrival times (Infinity after the end): the simulator reads in batches. */
  fill(out: Float64Array): void;
}

/** Homogeneous Poisson arrivals: exponential gaps with mean 1 / rate. */
export class PoissonArrivals implements ArrivalProcess {
  /** Time of the last arrival returned. */
  private t = 0;

  /** A rate of 0 gives no arrivals. */
  constructor(
    private readonly ratePerSecond: number,
    private readonly rng: Random,
  ) {}

  /** The next arrival: the last plus an Exp(rate) gap. */
  next(): number {
    if (this.ratePerSecond <= 0) return Infinity;
    this.t += this.rng.exponential(this.ratePerSecond);
    return this.t;
  }

  /** Fills out with consecutive arrivals (a batch of gaps, then a running sum). */
  fill(out: Float64Array): void {
    if (this.ratePerSecond <= 0) {
      out.fill(Infinity);
      return;
    }
    this.rng.fillExponential(out, this.ratePerSecond);
    let t = this.t;
    for (let i = 0; i < out.length; i++) {
      t += out[i] as number;
      out[i] = t;
    }
    this.t = t;
  }
}

/** Poisson arrivals whose rate is constant on each of a repeating cycle of segments (a daily profile, on/off bursts). */
export class PiecewiseRateArrivals implements ArrivalProcess {
  /** Rate of each segment, per second. */
  private readonly rates: Float64Array;
  /** End of each segment measured from the start of its cycle (cumulative lengths). */
  private readonly ends: Float64Array;
  /** Length of one cycle (sum of the segment lengths). */
  private readonly period: number;
  /** Integrated rate over one cycle: the expected arrivals per cycle. */
  private readonly cycleMass: number;
  /** Whether any segment has a positive rate over a positive length (else no arrivals, and no endless walk). */
  private readonly hasTraffic: boolean;
  /**
   * Position within the current cycle, seconds from its start. The walk works in (cycle, offset) rather
   * than absolute time, so a segment far shorter than the clock's resolution late in a long run (a 1 ms
   * burst after a year) is still walked exactly.
   */
  private offset = 0;
  /** Number of whole cycles before the current one. */
  private cycle = 0;
  /** Current segment index. */
  private segment = 0;
  /** The last arrival returned (arrivals never go back, even by a rounding ulp). */
  private last = 0;

  /** rates[i] applies for lengths[i] seconds; the cycle repeats for ever. */
  constructor(
    rates: readonly number[],
    lengths: readonly number[],
    private readonly rng: Random,
  ) {
    if (rates.length !== lengths.length || rates.length === 0) throw new RangeError('PiecewiseRateArrivals: one rate per segment length, at least one');
    this.rates = Float64Array.from(rates);
    this.ends = new Float64Array(lengths.length);
    let end = 0;
    let mass = 0;
    for (let i = 0; i < lengths.length; i++) {
      end += lengths[i] as number;
      mass += (lengths[i] as number) * (rates[i] as number);
      this.ends[i] = end;
    }
    this.period = end;
    this.cycleMass = mass;
    this.hasTraffic = mass > 0;
  }

  /** The next arrival: walk the segments until the integrated rate reaches an Exp(1) draw. */
  next(): number {
    return this.hasTraffic ? this.advance(this.rng.exponential(1)) : Infinity;
  }

  /** Fills out with consecutive arrivals (a batch of Exp(1) masses, then the walk for each). */
  fill(out: Float64Array): void {
    if (!this.hasTraffic) {
      out.fill(Infinity);
      return;
    }
    this.rng.fillExponential(out, 1);
    for (let i = 0; i < out.length; i++) out[i] = this.advance(out[i] as number);
  }

  /** Moves forward until the rate integrated from the last arrival reaches `mass`, and returns that arrival. */
  private advance(mass: number): number {
    // Skip every whole cycle the mass covers at once (from any point, one cycle integrates to cycleMass):
    // with a tiny rate the next arrival may be millions of cycles away.
    if (mass >= this.cycleMass) {
      const cycles = Math.floor(mass / this.cycleMass);
      mass = Math.max(0, mass - cycles * this.cycleMass); // never below 0 by rounding
      this.cycle += cycles;
    }
    for (;;) {
      // Past MAX_TIME_S (beyond any allowed horizon): no further arrivals.
      if (!(this.cycle * this.period <= MAX_TIME_S)) return Infinity;
      const end = this.ends[this.segment] as number;
      const rate = this.rates[this.segment] as number;
      const room = end > this.offset ? end - this.offset : 0;
      if (rate * room > mass) {
        this.offset += mass / rate;
        const t = this.cycle * this.period + this.offset;
        if (t > this.last) this.last = t;
        return this.last;
      }
      // Each full cycle uses up a positive mass (hasTraffic), so the walk ends within about two cycles.
      mass -= rate * room;
      if (room > 0) this.offset = end;
      this.segment++;
      if (this.segment === this.rates.length) {
        this.segment = 0;
        this.cycle++;
        this.offset = 0;
      }
    }
  }
}

/**
 * Replays recorded arrival times (validated as sorted and non-negative by validateConfig). With `repeat`,
 * the trace is replayed end to end for ever: it covers [0, spanS] (its last timestamp unless given), so
 * copy k adds k x spanS to every time (the same long-run rate meanArrivalRate gives: count / span). With
 * `spreadS`, each bin's timestamps are drawn again at random within the bin (see ArrivalSpec).
 */
export class TraceArrivals implements ArrivalProcess {
  /** Index of the next timestamp to read. */
  private index = 0;
  /** Copies of the trace replayed before the current one. */
  private cycle = 0;
  /** Seconds between copies; 0: no repetition. */
  private readonly periodS: number;
  /** The last arrival returned: k x period + t can fall an ulp below the previous copy's last arrival. */
  private last = 0;
  /** Spread: the current bin's arrivals, drawn, read from `drawnIndex` up to `drawnCount`. */
  private drawn = new Float64Array(16);
  private drawnIndex = 0;
  private drawnCount = 0;

  /** The trace is read, not copied: the caller must not change it during the run. */
  constructor(
    private readonly timestampsS: readonly number[],
    repeat = false,
    private readonly spanS = timestampsS[timestampsS.length - 1] ?? 0,
    private readonly spreadS = 0,
    private readonly rng?: Random,
  ) {
    this.periodS = repeat && spanS > 0 ? spanS : 0;
  }

  /** The next recorded (or, spread, drawn) time, shifted by whole periods when repeating; Infinity after the last. */
  next(): number {
    let stampS: number;
    if (this.spreadS > 0) {
      if (this.drawnIndex === this.drawnCount && !this.drawBin()) return Infinity;
      stampS = this.drawn[this.drawnIndex++] as number;
    } else {
      if (!this.atNextStamp()) return Infinity;
      stampS = this.timestampsS[this.index++] as number;
    }
    if (this.cycle === 0) return stampS;
    const t = this.cycle * this.periodS + stampS;
    // Past MAX_TIME_S (beyond any allowed horizon): no further arrivals.
    if (!(t <= MAX_TIME_S)) return Infinity;
    if (t > this.last) this.last = t;
    return this.last;
  }

  /** Fills out with the next recorded times. */
  fill(out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.next();
  }

  /** Whether a timestamp is left to read (starting the next copy when repeating). */
  private atNextStamp(): boolean {
    if (this.index < this.timestampsS.length) return true;
    if (this.periodS === 0 || this.timestampsS.length === 0) return false;
    this.index = 0;
    this.cycle++;
    return true;
  }

  /**
   * Draws the next bin's arrivals: as many as its timestamps, uniform in the bin and in order (the
   * normalised partial sums of k + 1 exponential gaps are k sorted uniforms; no sort needed).
   */
  private drawBin(): boolean {
    if (!this.atNextStamp()) return false;
    const stamps = this.timestampsS;
    const bin = Math.floor((stamps[this.index] as number) / this.spreadS);
    let end = this.index;
    while (end < stamps.length && Math.floor((stamps[end] as number) / this.spreadS) === bin) end++;
    const count = end - this.index;
    this.index = end;
    if (this.drawn.length < count + 1) this.drawn = new Float64Array(2 * (count + 1));
    const from = bin * this.spreadS;
    // The last bin ends with the trace.
    const to = this.spanS > from && this.spanS < from + this.spreadS ? this.spanS : from + this.spreadS;
    const rng = this.rng as Random;
    let sum = 0;
    for (let i = 0; i <= count; i++) {
      sum += rng.exponential(1);
      this.drawn[i] = sum;
    }
    for (let i = 0; i < count; i++) this.drawn[i] = from + ((this.drawn[i] as number) / sum) * (to - from);
    this.drawnIndex = 0;
    this.drawnCount = count;
    return true;
  }
}

/** The per-hour rates of a daily profile: rate in hour h = mean * 24 * w_h / sum(w) (so the daily mean is `mean`). */
export function profileHourlyRates(meanRatePerSecond: number, hourlyWeights: readonly number[]): number[] {
  const total = hourlyWeights.reduce((sum, w) => sum + w, 0);
  return hourlyWeights.map((w) => (total > 0 ? (meanRatePerSecond * 24 * w) / total : 0));
}

/** Long-run mean arrival rate of a spec, per second (a trace's is its count over its last timestamp). */
export function meanArrivalRate(spec: ArrivalSpec): number {
  switch (spec.kind) {
    case 'poisson':
      return spec.ratePerSecond;
    case 'profile':
      return spec.meanRatePerSecond;
    case 'bursts':
      return (spec.onRatePerSecond * spec.onS + spec.offRatePerSecond * spec.offS) / (spec.onS + spec.offS);
    case 'trace': {
      const span = spec.spanS ?? spec.timestampsS[spec.timestampsS.length - 1];
      return span === undefined || span === 0 ? 0 : spec.timestampsS.length / span;
    }
  }
}

/** Builds the arrival process for a (validated) spec, drawing from rng. */
export function createArrivals(spec: ArrivalSpec, rng: Random): ArrivalProcess {
  switch (spec.kind) {
    case 'poisson':
      return new PoissonArrivals(spec.ratePerSecond, rng);
    case 'profile':
      return new PiecewiseRateArrivals(profileHourlyRates(spec.meanRatePerSecond, spec.hourlyWeights), new Array<number>(24).fill(HOUR_S), rng);
    case 'bursts':
      // Starts "on", as the spec says: the first segment is the on period.
      return new PiecewiseRateArrivals([spec.onRatePerSecond, spec.offRatePerSecond], [spec.onS, spec.offS], rng);
    case 'trace':
      return new TraceArrivals(spec.timestampsS, spec.repeat === true, spec.spanS, spec.spreadS, rng);
  }
}
