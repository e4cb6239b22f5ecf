// Delays as a mixture of lognormals, fitted by expectation-maximisation (Dempster, Laird and Rubin, 1977) on
// binned log values: a RunPod job's delayTime is a warm dispatch (a tenth of a second) or includes a worker
// start ("Delay time includes the cold start time if a new worker needs to be spun up",
// serverless/development/benchmarking.mdx), a FlashBoot restore or a full cold start, and the modes are far
// apart on a log scale. The values are kept as counts in fixed bins of ln x (memory flat in the number of
// records), and every step is deterministic: fixed starting points, a fixed number of iterations at most.

/** Bins of ln x from 1 ms to 10^6 s, 0.01 of a decade wide: 900 bins. */
const LOG_MIN = Math.log(1e-3);
const LOG_MAX = Math.log(1e6);
const BINS = 900;
const BIN_WIDTH = (LOG_MAX - LOG_MIN) / BINS;

/** Counts of values in bins of ln x; values under 1 ms count in the first bin, over 10^6 s in the last. */
export class LogBins {
  readonly counts = new Float64Array(BINS);
  total = 0;

  add(x: number): void {
    const at = Math.floor((Math.log(Math.max(x, 1e-3)) - LOG_MIN) / BIN_WIDTH);
    this.counts[Math.min(BINS - 1, Math.max(0, at))]! += 1;
    this.total++;
  }

  /** The centre of bin i, in ln x. */
  static centre(i: number): number {
    return LOG_MIN + (i + 0.5) * BIN_WIDTH;
  }

  /** The value at quantile p (0-1), as a bin centre in ln x. */
  quantileLog(p: number): number {
    let seen = 0;
    for (let i = 0; i < BINS; i++) {
      seen += this.counts[i] as number;
      if (seen >= p * this.total && seen > 0) return LogBins.centre(i);
    }
    return LogBins.centre(BINS - 1);
  }
}

/** One component: a share of the values, lognormal with ln x ~ N(mu, sigma^2). */
export interface Component {
  weight: number;
  mu: number;
  sigma: number;
}

export interface Mixture {
  /** Components by increasing mu. */
  components: Component[];
  logLikelihood: number;
  /** Bayesian information criterion, -2 log L + (3k - 1) ln n: lower is better. */
  bic: number;
}

const MAX_ITERATIONS = 500;
const TOLERANCE = 1e-9;
/** Half a bin: no component narrower than the bins can show (Sheppard's correction: width^2 / 12). */
const MIN_SIGMA = BIN_WIDTH / Math.sqrt(12);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** The log-likelihood of the binned values under components (densities at bin centres). */
function logLikelihood(bins: LogBins, components: readonly Component[]): number {
  let total = 0;
  for (let i = 0; i < BINS; i++) {
    const count = bins.counts[i] as number;
    if (count === 0) continue;
    const x = LogBins.centre(i);
    let density = 0;
    for (const c of components) density += c.weight * Math.exp(-((x - c.mu) ** 2) / (2 * c.sigma * c.sigma) - LOG_SQRT_2PI) / c.sigma;
    total += count * Math.log(Math.max(density, 1e-300));
  }
  return total;
}

/** One EM step: each bin's share in each component (E), then each component's weight, mean and spread (M). */
export function emStep(bins: LogBins, components: readonly Component[]): Component[] {
  const k = components.length;
  const weights = new Float64Array(k);
  const sums = new Float64Array(k);
  const squares = new Float64Array(k);
  const share = new Float64Array(k);
  for (let i = 0; i < BINS; i++) {
    const count = bins.counts[i] as number;
    if (count === 0) continue;
    const x = LogBins.centre(i);
    let total = 0;
    for (let j = 0; j < k; j++) {
      const c = components[j] as Component;
      share[j] = (c.weight * Math.exp(-((x - c.mu) ** 2) / (2 * c.sigma * c.sigma))) / c.sigma;
      total += share[j] as number;
    }
    if (!(total > 0)) {
      // Far from every component: it belongs to the nearest.
      let nearest = 0;
      for (let j = 1; j < k; j++) if (Math.abs(x - (components[j] as Component).mu) < Math.abs(x - (components[nearest] as Component).mu)) nearest = j;
      share.fill(0);
      share[nearest] = 1;
      total = 1;
    }
    for (let j = 0; j < k; j++) {
      const r = (count * (share[j] as number)) / total;
      weights[j]! += r;
      sums[j]! += r * x;
      squares[j]! += r * x * x;
    }
  }
  const n = bins.total;
  return components.map((c, j) => {
    const w = weights[j] as number;
    if (!(w > 0)) return { weight: 0, mu: c.mu, sigma: c.sigma };
    const mu = (sums[j] as number) / w;
    return { weight: w / n, mu, sigma: Math.max(MIN_SIGMA, Math.sqrt(Math.max(0, (squares[j] as number) / w - mu * mu))) };
  });
}

/** EM from one start until the log-likelihood stops rising (or MAX_ITERATIONS). */
function runEm(bins: LogBins, start: Component[]): Mixture {
  let components = start;
  let previous = -Infinity;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    components = emStep(bins, components).filter((c) => c.weight > 0);
    const current = logLikelihood(bins, components);
    if (current - previous < TOLERANCE * Math.abs(current)) {
      previous = current;
      break;
    }
    previous = current;
  }
  const sorted = [...components].sort((a, b) => a.mu - b.mu);
  return { components: sorted, logLikelihood: previous, bic: -2 * previous + (3 * sorted.length - 1) * Math.log(bins.total) };
}

/**
 * The best k-component mixture from two deterministic starts: means at the data's quantiles (i + 0.5) / k,
 * and means spread evenly from its 0.5th to its 99.5th percentile (which finds a small mode far out, such
 * as 5% of cold starts among warm dispatches).
 */
export function fitMixture(bins: LogBins, k: number): Mixture {
  const low = bins.quantileLog(0.005);
  const high = bins.quantileLog(0.995);
  const spread = Math.max(MIN_SIGMA, (high - low) / (2 * k));
  const byQuantile = Array.from({ length: k }, (_, i) => ({ weight: 1 / k, mu: bins.quantileLog((i + 0.5) / k), sigma: spread }));
  const byRange = Array.from({ length: k }, (_, i) => ({ weight: 1 / k, mu: k === 1 ? (low + high) / 2 : low + ((high - low) * i) / (k - 1), sigma: spread }));
  const fits = [runEm(bins, byQuantile), runEm(bins, byRange)];
  return fits.reduce((best, fit) => (fit.logLikelihood > best.logLikelihood ? fit : best));
}

/**
 * Ashman's D between two components, sqrt 2 |mu1 - mu2| / sqrt(sigma1^2 + sigma2^2): above 2 their modes
 * are cleanly apart (Ashman, Bird and Zepf, 1994).
 */
export function separation(a: Component, b: Component): number {
  return (Math.SQRT2 * Math.abs(a.mu - b.mu)) / Math.sqrt(a.sigma * a.sigma + b.sigma * b.sigma);
}

/** Components of at least this share of the values count as modes (a smaller one is noise the BIC let in). */
export const MIN_MODE_WEIGHT = 0.005;
/** Two components at least this far apart (Ashman's D) are separate modes; closer, one mode of an odd shape. */
export const MIN_SEPARATION = 2;

/**
 * The mixture of 1 to maxK components with the lowest BIC whose every component holds at least
 * MIN_MODE_WEIGHT of the values. Delays are not lognormal mixtures exactly (jobs queued behind a start or
 * a busy worker smear between the modes), so the BIC adds broad components for the smear; what they mean
 * is read by the caller from their spread and separation.
 */
export function chooseMixture(bins: LogBins, maxK: number): Mixture {
  let best: Mixture | null = null;
  for (let k = 1; k <= maxK; k++) {
    const fit = fitMixture(bins, k);
    if (fit.components.length === k && fit.components.every((c) => c.weight >= MIN_MODE_WEIGHT) && (best === null || fit.bic < best.bic)) best = fit;
  }
  return best ?? fitMixture(bins, 1);
}

/** The share of the binned values each component holds (posterior memberships summed): what the weights estimate. */
export function posteriorShares(bins: LogBins, components: readonly Component[]): number[] {
  return emStep(bins, components).map((c) => c.weight);
}
