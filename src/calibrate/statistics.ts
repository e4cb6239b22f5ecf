// The small statistics calibrate fits with, each kept to what it needs: the normal CDF, a lognormal fitted
// by its log-moments with the Kolmogorov-Smirnov distance to the data, and the index of dispersion of
// per-minute counts. Pure and deterministic.

/** The standard normal's 95th percentile: a lognormal's p95 is e^(mu + Z95 sigma). */
export const Z95 = 1.6448536269514722;

/**
 * The standard normal CDF, by the complementary error function of Numerical Recipes (erfcc, Chebyshev
 * fit, fractional error under 1.2e-7 everywhere): Phi(z) = erfc(-z / sqrt 2) / 2.
 */
export function normalCdf(z: number): number {
  const x = -z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return (x >= 0 ? y : 2 - y) / 2;
}

/** Running sums of ln x over positive values: what a lognormal's fit needs, in constant memory. */
export class LogMoments {
  count = 0;
  private sum = 0;
  private sumSquares = 0;

  add(x: number): void {
    const l = Math.log(x);
    this.count++;
    this.sum += l;
    this.sumSquares += l * l;
  }

  /** Mean and (population) standard deviation of ln x. */
  moments(): { mu: number; sigma: number } {
    const mu = this.sum / this.count;
    return { mu, sigma: Math.sqrt(Math.max(0, this.sumSquares / this.count - mu * mu)) };
  }
}

/** A lognormal: ln X ~ N(mu, sigma^2). */
export interface Lognormal {
  mu: number;
  sigma: number;
  /** e^mu. */
  p50S: number;
  /** e^(mu + Z95 sigma). */
  p95S: number;
  /** e^(mu + sigma^2 / 2). */
  meanS: number;
}

export function lognormal(mu: number, sigma: number): Lognormal {
  return { mu, sigma, p50S: Math.exp(mu), p95S: Math.exp(mu + Z95 * sigma), meanS: Math.exp(mu + (sigma * sigma) / 2) };
}

/** The lognormal CDF at x. */
export function lognormalCdf(fit: Pick<Lognormal, 'mu' | 'sigma'>, x: number): number {
  if (!(x > 0)) return 0;
  if (fit.sigma === 0) return Math.log(x) >= fit.mu ? 1 : 0;
  return normalCdf((Math.log(x) - fit.mu) / fit.sigma);
}

/**
 * The Kolmogorov-Smirnov distance between sorted samples and a CDF: the largest gap between the
 * empirical CDF (a step of 1/n at each sample) and F, max over i of max(i/n - F(x_i), F(x_i) - (i-1)/n).
 */
export function ksDistance(sorted: ArrayLike<number>, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] as number);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * The index of dispersion of per-minute counts within groups of `groupSize` consecutive minutes (an hour:
 * 60): sum over groups of sum((c - m)^2 / m), m the group's mean, over the degrees of freedom sum(size - 1).
 * Poisson arrivals give 1 (within +/- 1.96 sqrt(2 / df) at 95%), whatever the rate does from hour to hour;
 * above 1, the minutes are burstier than random arrivals at the hour's rate. Groups with no arrivals tell
 * nothing and are left out. Null with no degrees of freedom.
 */
export function dispersionIndex(counts: ArrayLike<number>, groupSize: number, offset = 0): { index: number; degreesOfFreedom: number } | null {
  let chi = 0;
  let df = 0;
  // `offset`: the first minute is that far into its group (a group is a clock hour), so the first group is shorter.
  for (let from = 0, to = groupSize - offset; from < counts.length; from = to, to += groupSize) {
    to = Math.min(counts.length, to);
    let total = 0;
    for (let i = from; i < to; i++) total += counts[i] as number;
    if (total === 0 || to - from < 2) continue;
    const mean = total / (to - from);
    for (let i = from; i < to; i++) chi += ((counts[i] as number) - mean) ** 2 / mean;
    df += to - from - 1;
  }
  return df === 0 ? null : { index: chi / df, degreesOfFreedom: df };
}
