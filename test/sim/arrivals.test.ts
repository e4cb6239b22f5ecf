import { describe, expect, it } from 'vitest';
import { createArrivals, meanArrivalRate, PiecewiseRateArrivals, PoissonArrivals, profileHourlyRates, type ArrivalProcess } from '../../src/sim/arrivals.js';
import type { ArrivalSpec } from '../../src/sim/config.js';
import { Random } from '../../src/sim/random.js';

/** All arrival times up to horizonS, read in batches as the simulator does. */
function arrivalsUntil(process: ArrivalProcess, horizonS: number): number[] {
  const out: number[] = [];
  const batch = new Float64Array(512);
  for (;;) {
    process.fill(batch);
    for (const t of batch) {
      if (t > horizonS) return out;
      out.push(t);
    }
  }
}

describe('arrival processes', () => {
  it('Poisson: 2/s over 50,000 s gives 100,000 arrivals within 1.5% (sd 0.3%), increasing, exponential gaps (CV 1)', () => {
    const times = arrivalsUntil(createArrivals({ kind: 'poisson', ratePerSecond: 2 }, new Random(1)), 50_000);
    expect(Math.abs(times.length / 100_000 - 1)).toBeLessThan(0.015);
    let sum = 0;
    let sq = 0;
    let decreasing = 0;
    for (let i = 1; i < times.length; i++) {
      const gap = (times[i] as number) - (times[i - 1] as number);
      if (gap < 0) decreasing++;
      sum += gap;
      sq += gap * gap;
    }
    expect(decreasing).toBe(0);
    const n = times.length - 1;
    const mean = sum / n;
    const cv = Math.sqrt(sq / n - mean * mean) / mean;
    expect(Math.abs(cv - 1)).toBeLessThan(0.02);
  });

  it('a rate of 0 gives no arrivals at all', () => {
    expect(new PoissonArrivals(0, new Random(1)).next()).toBe(Infinity);
    expect(createArrivals({ kind: 'profile', meanRatePerSecond: 0, hourlyWeights: new Array<number>(24).fill(1) }, new Random(1)).next()).toBe(Infinity);
    expect(createArrivals({ kind: 'bursts', onRatePerSecond: 0, offRatePerSecond: 0, onS: 5, offS: 5 }, new Random(1)).next()).toBe(Infinity);
  });

  it('profile: the rate in hour h is mean * 24 * w_h / sum(w); 30 days give the mean rate (2%) and each hour its share (5%)', () => {
    // Night 1, day 4, evening 2, and one hour with no traffic at all.
    const weights: number[] = Array.from({ length: 24 }, (_, h) => (h === 3 ? 0 : h < 8 ? 1 : h < 18 ? 4 : 2));
    const mean = 0.2;
    const rates = profileHourlyRates(mean, weights);
    const total = weights.reduce((s, w) => s + w, 0);
    expect(rates[10]).toBeCloseTo((mean * 24 * 4) / total, 12);
    expect(rates.reduce((s, r) => s + r, 0) / 24).toBeCloseTo(mean, 12);

    const days = 30;
    const spec: ArrivalSpec = { kind: 'profile', meanRatePerSecond: mean, hourlyWeights: weights };
    const times = arrivalsUntil(createArrivals(spec, new Random(2)), days * 86_400);
    // 518,400 expected; sd 0.14%.
    expect(Math.abs(times.length / (mean * days * 86_400) - 1)).toBeLessThan(0.02);
    const byHour = new Array<number>(24).fill(0);
    for (const t of times) byHour[Math.floor(t / 3600) % 24]! += 1;
    expect(byHour[3]).toBe(0);
    for (let h = 0; h < 24; h++) {
      const expected = (rates[h] as number) * 3600 * days; // at least 8,100: sd <= 1.1%
      if (expected > 0) expect(Math.abs((byHour[h] as number) / expected - 1)).toBeLessThan(0.05);
    }
    expect(meanArrivalRate(spec)).toBe(mean);
  });

  it('bursts: starts "on"; the mean rate is (on * onS + off * offS) / (onS + offS) and two thirds arrive while on (2%)', () => {
    const spec: ArrivalSpec = { kind: 'bursts', onRatePerSecond: 5, offRatePerSecond: 0.5, onS: 10, offS: 50 };
    expect(meanArrivalRate(spec)).toBeCloseTo(1.25, 12);
    const times = arrivalsUntil(createArrivals(spec, new Random(3)), 100_000);
    // 125,000 expected, sd 0.3%.
    expect(Math.abs(times.length / 125_000 - 1)).toBeLessThan(0.02);
    const on = times.filter((t) => t % 60 < 10).length;
    // On periods carry 50 of every 75 arrivals.
    expect(Math.abs(on / times.length - 2 / 3)).toBeLessThan(0.01);
    // The first period is "on" at 5/s: the first arrival comes within it (P(miss) = e^-50).
    expect(times[0]).toBeLessThan(10);
  });

  it('trace: replays the timestamps exactly, then Infinity', () => {
    const timestampsS = [0, 0, 0.25, 1, 1, 7.5, 3600];
    const trace = createArrivals({ kind: 'trace', timestampsS }, new Random(4));
    expect(timestampsS.map(() => trace.next())).toEqual(timestampsS);
    expect(trace.next()).toBe(Infinity);
    const batch = new Float64Array(10);
    createArrivals({ kind: 'trace', timestampsS }, new Random(4)).fill(batch);
    expect([...batch]).toEqual([...timestampsS, Infinity, Infinity, Infinity]);
    expect(meanArrivalRate({ kind: 'trace', timestampsS })).toBeCloseTo(7 / 3600, 12);
  });

  it('fill() and next() give the same sequence for the same seed (the simulator reads batches)', () => {
    const specs: ArrivalSpec[] = [
      { kind: 'poisson', ratePerSecond: 0.3 },
      { kind: 'bursts', onRatePerSecond: 3, offRatePerSecond: 0.1, onS: 30, offS: 90 },
    ];
    for (const spec of specs) {
      const batch = new Float64Array(600);
      createArrivals(spec, new Random(8)).fill(batch);
      const one = createArrivals(spec, new Random(8));
      for (const t of batch) expect(t).toBe(one.next());
    }
  });

  it('piecewise rates: segments of zero length or zero rate are skipped, and time never goes back', () => {
    const process = new PiecewiseRateArrivals([0, 2, 0], [5, 0.5, 0], new Random(6));
    let last = 0;
    let bad = 0;
    for (let i = 0; i < 2000; i++) {
      const t = process.next();
      // Time never goes back, and traffic only falls in [5, 5.5) of each 5.5 s cycle.
      if (t < last || t % 5.5 < 5 - 1e-9) bad++;
      last = t;
    }
    expect(bad).toBe(0);
  });

  it('tiny rates and segments far below the clock resolution still end: whole cycles are skipped, late arrivals stay ordered', () => {
    // 0.2/s for 6.5 ns in every 92.5 s: one arrival per ~7 x 10^10 s, i.e. past 2^40 s within a few dozen.
    const sparse = new PiecewiseRateArrivals([1e-37, 0.2], [92.5, 6.5e-9], new Random(15));
    const times = Array.from({ length: 100 }, () => sparse.next());
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
    expect(times[times.length - 1]).toBe(Infinity);
    // A profile at 10^-19 requests/s: the first arrival is ~10^19 s away, past 2^40 s, so never (found
    // without walking every day in between).
    const profile = createArrivals({ kind: 'profile', meanRatePerSecond: 1e-19, hourlyWeights: new Array<number>(24).fill(1) }, new Random(16));
    expect(profile.next()).toBe(Infinity);
  });
});

describe('a trace spread within its bins', () => {
  const spread = (timestampsS: number[], seed: number, extra: Partial<Extract<ArrivalSpec, { kind: 'trace' }>> = {}, horizonS = 1e9) =>
    arrivalsUntil(createArrivals({ kind: 'trace', timestampsS, spreadS: 60, ...extra }, new Random(seed)), horizonS);

  it('keeps each minute\'s count and draws its times in that minute, in order; the same seed gives the same times', () => {
    // Minute 0: 2 arrivals, minute 2: 3 (as a counts trace spreads them evenly).
    const trace = [15, 45, 130, 150, 170];
    const times = spread(trace, 3);
    expect(times.map((t) => Math.floor(t / 60))).toEqual([0, 0, 2, 2, 2]);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times).not.toEqual(trace);
    expect(spread(trace, 3)).toEqual(times);
    expect(spread(trace, 4)).not.toEqual(times);
  });

  it('one arrival per minute lands uniformly in it: mean position 0.5 and variance 1/12 over 100,000 minutes', () => {
    const trace = Array.from({ length: 100_000 }, (_, minute) => minute * 60 + 30);
    const positions = spread(trace, 1).map((t) => (t % 60) / 60);
    const mean = positions.reduce((a, b) => a + b, 0) / positions.length;
    const variance = positions.reduce((a, b) => a + (b - mean) ** 2, 0) / positions.length;
    // Standard errors: 0.29 / sqrt(1e5) = 0.0009 for the mean; about 0.0003 for the variance.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.004);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.0015);
  });

  it('repeats with the span as its period, and the last bin ends with the span', () => {
    // Span 90 s: the second minute is cut at 90 s; copies start at 0, 90, 180.
    const times = spread([30, 75], 2, { spanS: 90, repeat: true }, 270);
    expect(times.map((t) => Math.floor(t / 90))).toEqual([0, 0, 1, 1, 2, 2]);
    for (let i = 0; i < 6; i += 2) {
      expect((times[i] as number) % 90).toBeLessThan(60);
      expect((times[i + 1] as number) % 90).toBeGreaterThanOrEqual(60);
    }
    expect(meanArrivalRate({ kind: 'trace', timestampsS: [30, 75], spanS: 90 })).toBeCloseTo(2 / 90, 12);
  });
});

