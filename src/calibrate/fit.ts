// What the gathered records say, fitted: the traffic (rate, daily profile, burstiness), the execution time
// (quantiles, a lognormal with its Kolmogorov-Smirnov distance), and the delay split into warm dispatch and
// worker starts. Starts are read from workerId where every record has one (a worker's first job, or its
// first after an idle gap longer than the idle timeout, waited on its start), else from a mixture of
// lognormals over all delays; FlashBoot restores count as their own mode when they show as one.
import type { Histogram } from '../sim/histogram.js';
import type { Exclusion, Gathered, ObservedWindow } from './calibrator.js';
import { chooseMixture, LogBins, MIN_SEPARATION, posteriorShares, separation, type Component } from './mixture.js';
import { byCodeUnits } from '../input/order.js';
import { dispersionIndex, ksDistance, lognormal, lognormalCdf, Z95, type Lognormal } from './statistics.js';

export interface Quantiles {
  p50S: number;
  p95S: number;
}

export interface ExecutionFit {
  count: number;
  /** Jobs that took 0 ms (left out of the lognormal, kept in the samples). */
  zero: number;
  p50S: number;
  p90S: number;
  p95S: number;
  p99S: number;
  maxS: number;
  meanS: number;
  /** Fitted by the mean and spread of ln x over every positive time; null with fewer than 2. */
  lognormal: Lognormal | null;
  /** Kolmogorov-Smirnov distance between the sample and the lognormal, and the 5% critical value for the sample's size (1.36 / sqrt n). */
  ks: { distance: number; samples: number; critical: number } | null;
  /** A uniform sample of the execution times, seconds, in the order drawn. */
  sample: number[];
}

export interface DelayFit {
  count: number;
  p50S: number;
  p95S: number;
  /** How starts were found: from workerId (every delay-usable record has one) or a mixture of all delays. */
  method: 'workers' | 'mixture';
  /** Delays up to this are warm dispatches; longer ones waited on a start (where the warm and cold modes cross). */
  warmUpToS: number | null;
  warm: Quantiles & { share: number };
  /** Share of jobs whose delay included (part of) a worker start. */
  coldStartRate: number;
  /** Full cold starts (restores apart), as the delay of the job that waited on each start; null when none show. */
  coldStart: Quantiles | null;
  /** FlashBoot restores, where they show as a mode of their own: their share of starts and their duration. */
  restore: (Quantiles & { share: number }) | null;
  /** Worker starts seen (workers method only). */
  starts: number | null;
  /** The mixture fitted to all delays (the mixture method; with workerId, what it would have said). */
  components: Component[];
}

export interface TrafficFit {
  requests: number;
  meanRatePerSecond: number;
  /** Arrivals per hour of day (UTC), relative to the mean (mean 1); hours never seen count as the mean. */
  hourlyWeights: number[];
  peakToMean: number;
  /** Index of dispersion of per-minute counts within clock hours, with the range Poisson arrivals give at 95%. */
  dispersion: { index: number; degreesOfFreedom: number; poissonLow: number; poissonHigh: number; poisson: boolean } | null;
}

export interface Calibration {
  records: number;
  period: { firstMs: number; lastMs: number; firstMinute: number; minutes: number };
  countsPerMinute: number[];
  statuses: { status: string | null; count: number }[];
  exclusions: Exclusion[];
  traffic: TrafficFit;
  execution: ExecutionFit | null;
  delay: DelayFit | null;
  /** Worker windows seen in the records (workers method), for the billed seconds they imply. */
  windows: ObservedWindow[] | null;
}

/** Fits what was gathered. */
export function fitCalibration(gathered: Gathered): Calibration {
  const minutes = gathered.countsPerMinute.length;
  const statuses = [...gathered.byStatus.entries()].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count || byCodeUnits(String(a.status), String(b.status)));
  const delay = fitDelay(gathered);
  return {
    records: gathered.records,
    period: { firstMs: gathered.firstMs, lastMs: gathered.lastMs, firstMinute: gathered.firstMinute, minutes },
    countsPerMinute: gathered.countsPerMinute,
    statuses,
    exclusions: gathered.exclusions,
    traffic: fitTraffic(gathered),
    execution: fitExecution(gathered),
    delay,
    windows: delay?.method === 'workers' ? gathered.workers.windows.filter((w) => delay.warmUpToS === null || w.startDelayS > delay.warmUpToS) : null,
  };
}

function fitTraffic(gathered: Gathered): TrafficFit {
  const counts = gathered.countsPerMinute;
  const spanS = counts.length * 60;
  const mean = gathered.records / spanS;
  const perHour = new Float64Array(24);
  const minutesPerHour = new Float64Array(24);
  counts.forEach((count, i) => {
    const hour = Math.floor((gathered.firstMinute + i) / 60) % 24;
    perHour[hour]! += count;
    minutesPerHour[hour]! += 1;
  });
  const rates = Array.from(perHour, (count, h) => ((minutesPerHour[h] as number) > 0 ? count / ((minutesPerHour[h] as number) * 60) : mean));
  const hourlyWeights = rates.map((rate) => (mean > 0 ? rate / mean : 1));
  const dispersion = dispersionIndex(counts, 60, gathered.firstMinute % 60);
  return {
    requests: gathered.records,
    meanRatePerSecond: mean,
    hourlyWeights,
    peakToMean: Math.max(...hourlyWeights),
    dispersion:
      dispersion === null
        ? null
        : (() => {
            const half = 1.96 * Math.sqrt(2 / dispersion.degreesOfFreedom);
            return { ...dispersion, poissonLow: 1 - half, poissonHigh: 1 + half, poisson: Math.abs(dispersion.index - 1) <= half };
          })(),
  };
}

function fitExecution(gathered: Gathered): ExecutionFit | null {
  const e = gathered.execution;
  const h = e.histogram;
  if (h.count === 0) return null;
  const fit = e.logMoments.count >= 2 ? (({ mu, sigma }) => lognormal(mu, sigma))(e.logMoments.moments()) : null;
  const positive = e.sample.filter((x) => x > 0).sort((a, b) => a - b);
  const ks = fit === null || positive.length === 0 ? null : { distance: ksDistance(positive, (x) => lognormalCdf(fit, x)), samples: positive.length, critical: 1.36 / Math.sqrt(positive.length) };
  return { count: h.count, zero: e.zero, p50S: h.percentile(50), p90S: h.percentile(90), p95S: h.percentile(95), p99S: h.percentile(99), maxS: h.max, meanS: h.mean, lognormal: fit, ks, sample: e.sample };
}

/** The delay where a warm component and the next one are equally likely (between their means); null when there is no next. */
function crossing(warm: Component, next: Component | undefined): number | null {
  if (next === undefined) return null;
  const density = (c: Component, x: number) => (c.weight * Math.exp(-((x - c.mu) ** 2) / (2 * c.sigma * c.sigma))) / c.sigma;
  let low = warm.mu;
  let high = next.mu;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (density(warm, mid) > density(next, mid)) low = mid;
    else high = mid;
  }
  return Math.exp((low + high) / 2);
}

/** Quantile p (0-100) of the part of a histogram at or below `upTo` (or above it). */
function truncatedQuantile(h: Histogram, upTo: number, p: number, above = false): number {
  const below = h.fractionAtOrBelow(upTo);
  return above ? h.percentile(100 * (below + ((1 - below) * p) / 100)) : h.percentile(below * p);
}

/**
 * A start's duration varies less than this in ln x (sigma 0.3: its p95 is 1.6 times its median): a cold
 * component this narrow is a kind of start (full, or a FlashBoot restore); a broader one is jobs that waited
 * on part of a start (they arrived while it ran) or behind a busy worker, whose waits smear between the modes.
 */
const START_SIGMA_MAX = 0.3;
/** A restore mode holds at least this share of the starts (restore and full): less is a shoulder of the smear. */
const MIN_RESTORE_SHARE = 0.05;

/** The fitted delay components read: the warm dispatch (the lowest, with any not separate from it), the start modes, the smear. */
export function readComponents(components: readonly Component[]): { warm: Component[]; cold: Component[]; full: Component | null; restore: Component | null } {
  const warm = [components[0] as Component];
  let i = 1;
  while (i < components.length && separation(warm[warm.length - 1] as Component, components[i] as Component) < MIN_SEPARATION) warm.push(components[i++] as Component);
  const cold = components.slice(i);
  const starts = cold.filter((c) => c.sigma <= START_SIGMA_MAX);
  // The heaviest start mode is the full start, or the restores when a mode at least twice as slow holds a
  // share of its own (most starts restored); restores are at most half as long as a full start. Modes
  // closer than that are full starts of another kind (a worker the scaler added after a job had waited).
  const total = starts.reduce((sum, c) => sum + c.weight, 0);
  const heaviest = [...starts].sort((a, b) => b.weight - a.weight)[0];
  const slower = heaviest === undefined ? undefined : [...starts].filter((c) => c.mu >= heaviest.mu + Math.LN2 && c.weight >= MIN_RESTORE_SHARE * total).sort((a, b) => b.weight - a.weight)[0];
  const faster = heaviest === undefined ? undefined : [...starts].filter((c) => c.mu <= heaviest.mu - Math.LN2 && c.weight >= MIN_RESTORE_SHARE * total).sort((a, b) => b.weight - a.weight)[0];
  const full = slower ?? heaviest ?? [...cold].sort((a, b) => b.weight - a.weight)[0] ?? null;
  const restore = slower !== undefined ? (heaviest as Component) : (faster ?? null);
  return { warm, cold, full, restore };
}

function fitDelay(gathered: Gathered): DelayFit | null {
  const { histogram, bins } = gathered.delay;
  if (histogram.count === 0) return null;
  const mixture = chooseMixture(bins, 5);
  const read = readComponents(mixture.components);
  const heaviestWarm = [...read.warm].sort((a, b) => b.weight - a.weight)[0] as Component;
  const warmUpToS = crossing(heaviestWarm, read.cold[0]);
  const workers = gathered.workers;
  const method = workers.withWorker > 0 && workers.withoutWorker === 0 ? 'workers' : 'mixture';
  const warmShare = warmUpToS === null ? 1 : histogram.fractionAtOrBelow(warmUpToS);
  const warmQuantiles = warmUpToS === null ? { p50S: histogram.percentile(50), p95S: histogram.percentile(95) } : { p50S: truncatedQuantile(histogram, warmUpToS, 50), p95S: truncatedQuantile(histogram, warmUpToS, 95) };
  const base = { count: histogram.count, p50S: histogram.percentile(50), p95S: histogram.percentile(95), method, warmUpToS, warm: { ...warmQuantiles, share: warmShare }, components: mixture.components } as const;
  if (method === 'workers') return { ...base, ...startsFromWorkers(workers.windows, warmUpToS, histogram.count) };
  // The mixture: a job in any cold component waited on a start (or, at load, a busy worker).
  const shares = posteriorShares(bins, mixture.components);
  const shareOf = (c: Component) => shares[mixture.components.indexOf(c)] as number;
  const coldStartRate = read.cold.reduce((sum, c) => sum + shareOf(c), 0);
  const quantiles = (c: Component): Quantiles => ({ p50S: Math.exp(c.mu), p95S: Math.exp(c.mu + Z95 * c.sigma) });
  const { full, restore } = read;
  return {
    ...base,
    coldStartRate,
    coldStart: full === null ? null : quantiles(full),
    restore: restore === null || full === null ? null : { ...quantiles(restore), share: shareOf(restore) / (shareOf(restore) + shareOf(full)) },
    starts: null,
  };
}

/** Starts from the worker windows: those whose first job waited longer than a warm dispatch. */
function startsFromWorkers(windows: readonly ObservedWindow[], warmUpToS: number | null, delays: number): Pick<DelayFit, 'coldStartRate' | 'coldStart' | 'restore' | 'starts'> {
  // A window whose first job was dispatched warm began before the records (or is an active worker): no start seen.
  const starts = windows.filter((w) => warmUpToS === null || w.startDelayS > warmUpToS);
  if (starts.length === 0) return { coldStartRate: 0, coldStart: null, restore: null, starts: 0 };
  const coldJobs = starts.reduce((sum, w) => sum + w.jobsBeforeReady, 0);
  const bins = new LogBins();
  for (const w of starts) bins.add(w.startDelayS);
  // The first job of a window waited on all of its start, or (it arrived while the start ran, or the
  // scaler added the worker after the job had waited) part of it: restores are a start mode of their own.
  const read = readComponents([{ weight: 0, mu: -Infinity, sigma: 1 }, ...chooseMixture(bins, 4).components]);
  const restoreMode = read.restore ?? undefined;
  const splitS = restoreMode === undefined || read.full === null ? 0 : (crossing(restoreMode, read.full) ?? 0);
  const delaysOf = (pick: (w: ObservedWindow) => boolean) => starts.filter(pick).map((w) => w.startDelayS).sort((a, b) => a - b);
  const quantiles = (sorted: number[]): Quantiles => ({ p50S: at(sorted, 0.5), p95S: at(sorted, 0.95) });
  const full = delaysOf((w) => w.startDelayS > splitS);
  const restores = restoreMode === undefined ? [] : delaysOf((w) => w.startDelayS <= splitS);
  return {
    coldStartRate: coldJobs / delays,
    coldStart: quantiles(full),
    restore: restores.length === 0 ? null : { ...quantiles(restores), share: restores.length / starts.length },
    starts: starts.length,
  };
}

/** The p-quantile of sorted values (nearest rank). */
function at(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}
