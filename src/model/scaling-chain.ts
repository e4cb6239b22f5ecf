// A fast model of the queueing scalers (queue-delay, request-count), which let jobs wait instead of
// starting a worker each: a semi-Markov chain on the number n of alive flex workers (starting, busy or
// idle), with A active workers always there. The levels model (./fast-endpoint.ts) follows occupancy
// and lets a new worker appear whenever occupancy would rise; but under these scalers a worker, once
// started, persists (the next job that finds the others busy takes it, which keeps it from its idle
// timeout), and starts are rare: the number of alive workers is a slow process with long memory, which
// an occupancy chain averages away (measured: 50-130% too dear at long thresholds or idle timeouts).
//
// In state n, c = A + n workers serve one FIFO queue (a starting worker counts in n, not in c). The jobs
// in the system move like an M/M/c queue; the queue's variability (Allen-Cunneen's (1 + cv^2) / 2)
// sets its geometric tail (see tailRatio). Two things end a sojourn in n:
//   - a start: the scaler's trigger, taken as the queue reaching a level: request-count value v starts a
//     worker when an arrival finds v c jobs; queue-delay threshold theta when a job waits theta, i.e. the
//     queue reaches the length whose stationary chance equals P(wait > theta) = P(wait) e^(-theta c mu
//     (1 - rho) / ((1 + cv^2) / 2)). The workers a start brings (1 + the jobs that queue past the
//     threshold faster than the c ready serve them while it starts; reading 'eager': every crossing);
//   - a death: the top worker stops when the queue stays below c for the idle timeout T (the most
//     recently used idle worker takes the next job, so the least recently used one ages): the chance
//     that a gap below c ends within T and its mean length come from the gap's birth-death chain, exactly
//     for the deterministic T (./birth-death.ts).
// The queue alternates excursions at or above c (all busy; a gambler's ruin between the trigger level
// and c - 1, so the chance and time of a trigger come in closed form) and gaps below c. How a sojourn
// begins matters: entered by a start, the new worker starts while c - 1 serve the backlog that triggered
// it (then the backlog drains, a long excursion); entered by a death, a gap is under way (the queue is
// short). So each n has two entries, and the embedded chain on (n, entry) gives the share of time in
// each n: alive flex seconds, starts per second, and the active workers' busy share (M/M/c given n).
// Measured against the simulator by bench/fast-vs-sim.ts (the fast path blends it with the levels model
// by how readily a job that finds the workers busy starts one: see queueingScalerRates).
import { ChainScratch, logStationaryWeights, reachWithinAndMeanTime } from './birth-death.js';
import { GapMemo } from './reach-memo.js';
import { fastEndpointRates, meanStartOf, type FastEndpointInput, type FastEndpointRates } from './fast-endpoint.js';

/** Entries of a sojourn in n: by a start (a backlog under way) or by a death (a gap under way). */
const ENTRIES = 2;
const BY_START = 0;
const BY_DEATH = 1;
/** A death needs a gap of T; its chance is kept above this so that no state absorbs the chain. */
const MIN_DEATH_CHANCE = 1e-15;
/** See queueingScalerRates. */
const SKIP_SHARE = 1e-9;

/** Gambler's ruin with up/down ratio sigma per step: P(reach n before 0 from i), 0 < i < n (n may be Infinity). */
export function ruinChance(i: number, n: number, sigma: number): number {
  if (!(sigma > 0)) return 0;
  if (n === Infinity) return sigma > 1 ? 1 - Math.pow(sigma, -i) : 0;
  const l = -Math.log(sigma);
  if (Math.abs(l) < 1e-9) return i / n;
  if (l * n > 700) return Math.exp(-l * (n - i));
  return Math.expm1(l * i) / Math.expm1(l * n);
}

/** The mean number of steps of that walk until it reaches 0 or n, given its chance `hit` of reaching n. */
export function ruinSteps(i: number, n: number, hit: number, sigma: number): number {
  if (!(sigma > 0)) return i;
  if (n === Infinity) return sigma < 1 ? (i * (1 + sigma)) / (1 - sigma) : Infinity;
  if (Math.abs(1 - sigma) < 1e-6) return i * (n - i);
  return Math.max(0, ((i - n * hit) * (1 + sigma)) / (1 - sigma));
}

/** P(Z > z) for a standard normal Z (Abramowitz and Stegun 7.1.26; absolute error under 1.5e-7). */
export function normalTail(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-(z * z) / 2);
  return z >= 0 ? y / 2 : 1 - y / 2;
}

/** E[max(0, X)] for X normal with this mean and standard deviation. */
function positivePart(mean: number, sd: number): number {
  if (!(sd > 0)) return Math.max(0, mean);
  return mean * (1 - normalTail(mean / sd)) + (sd * Math.exp(-(mean * mean) / (2 * sd * sd))) / Math.sqrt(2 * Math.PI);
}

/** The gaps this thread has solved (a pure function's answers, remembered: see ./reach-memo.ts). */
const gaps = new GapMemo();
const gap = new Float64Array(2);

/** The chain of a gap below c workers: births lambda, deaths j mu, and its log stationary weights. */
function gapChain(c: number, lambda: number, mu: number, births: Float64Array, deaths: Float64Array, logPi: Float64Array): void {
  for (let j = 0; j < c; j++) {
    births[j] = lambda;
    deaths[j] = j * mu;
  }
  logStationaryWeights(c - 1, births, deaths, logPi);
}

/** The arrays of one evaluation, kept for the next on this thread (allocating them was a fifth of its time). */
interface ChainWork {
  M: number;
  K: number;
  upChance: Float64Array;
  stay: Float64Array;
  jump: Float64Array;
  /** Per n: the jobs queued when a worker started from n - 1 becomes ready (see waitedOnStart). */
  backlogAt: Float64Array;
  activeBusyAt: Float64Array;
  births: Float64Array;
  deaths: Float64Array;
  logPi: Float64Array;
  scratch: ChainScratch;
  reach: Float64Array;
  meanTime: Float64Array;
  /** Per n: the chance that a gap below c = A + n outlasts T (the top worker's death). */
  outlast: Float64Array;
  /** The embedded chain's transition matrix, the elimination's matrix and its stationary law. */
  P: Float64Array;
  elimination: Float64Array;
  visits: Float64Array;
}

let work: ChainWork | undefined;

/** Arrays for max M and M + active K, zeroed where an evaluation reads them before writing (as new ones are). */
function workFor(M: number, K: number): ChainWork {
  if (work === undefined || work.M < M || work.K < K) {
    const m = Math.max(M, work?.M ?? 0);
    const k = Math.max(K, work?.K ?? 0);
    const size = (m + 1) * ENTRIES;
    work = {
      M: m,
      K: k,
      upChance: new Float64Array(size),
      stay: new Float64Array(size),
      jump: new Float64Array(m + 1),
      backlogAt: new Float64Array(m + 1),
      activeBusyAt: new Float64Array(m + 1),
      births: new Float64Array(k + 1),
      deaths: new Float64Array(k + 1),
      logPi: new Float64Array(k + 1),
      scratch: new ChainScratch(k + 1),
      reach: new Float64Array(k + 1),
      meanTime: new Float64Array(k + 1),
      outlast: new Float64Array(m + 2),
      P: new Float64Array(size * size),
      elimination: new Float64Array(size * (size + 1)),
      visits: new Float64Array(size),
    };
  }
  for (const array of [work.upChance, work.stay, work.jump, work.backlogAt, work.activeBusyAt, work.outlast]) array.fill(0);
  return work;
}

/**
 * Jobs that wait on one worker start of startS seconds that begins with `queued` jobs waiting and c
 * workers serving at mu each, arrivals at lambda: the queue when the worker is ready is normal with mean
 * queued + (lambda - c mu) startS and variance (lambda + c mu) startS; the new worker takes the head if
 * one is left, P(queue >= 1) (with a half-job continuity correction), and its share 1 / (c + 1) of the
 * rest, E[max(0, queue - 1)] / (c + 1), all of which arrived before it was ready.
 */
export function jobsWaitingOnStart(queued: number, c: number, lambda: number, mu: number, startS: number): number {
  const mean = queued + (lambda - c * mu) * startS;
  const sd = Math.sqrt((lambda + c * mu) * Math.max(startS, 0));
  return normalTail((0.5 - mean) / Math.max(sd, 1e-9)) + positivePart(mean - 1, sd) / (c + 1);
}

/** The endpoint's steady-state rates under a queueing scaler (see the top of this file). */
export function scalingChainRates(input: FastEndpointInput): FastEndpointRates {
  const lambda = input.ratePerSecond;
  const s = input.exec.meanS;
  const A = input.active;
  const M = input.max;
  const K = A + M;
  const T = input.idleTimeoutS;
  const h = input.hitRate;
  const { startS, billedStartS } = meanStartOf(input);
  const load = lambda * s;
  const scaler = input.scaler;
  if (!(lambda > 0) || K === 0 || load >= K) {
    const overloaded = lambda > 0 && (K === 0 || load >= K);
    return { activeBusy: overloaded ? A : 0, flexStart: 0, flexExecution: overloaded ? M : 0, flexIdle: 0, flexRounding: 0, workerStarts: 0, waitedOnStart: 0, meanLatencyS: overloaded ? Infinity : s, overloaded };
  }
  const eager = scaler.kind === 'queue-delay' && scaler.eager;
  const thresholdS = scaler.kind === 'queue-delay' ? scaler.thresholdS : 0;
  const value = scaler.kind === 'request-count' ? scaler.value : 1;
  const factor = (1 + input.exec.squaredVariation) / 2;
  const mu = 1 / s;
  // The queue's geometric tail a job: its mean matches Allen-Cunneen's below rho = 1; continued above
  // (where it only times a backlog's growth) by rho^(1 / factor), with the same value and slope at 1.
  const tailRatio = (c: number) => {
    const rho = load / c;
    return rho <= 1 ? (rho * factor) / (1 - rho * (1 - factor)) : Math.pow(rho, 1 / factor);
  };
  /** The jobs in the system (c busy + queued) at which the scaler starts a worker, with c ready. */
  const triggerLevel = (c: number): number => {
    if (scaler.kind === 'request-count') return value * c + 1;
    if (scaler.kind !== 'queue-delay' || thresholdS === 0) return c + 1;
    const rho = load / c;
    // sigma^extra = e^(-theta c mu (1 - rho) / factor), continuous through rho = 1.
    const perJob = Math.abs(rho - 1) < 1e-9 ? 1 : (1 - rho) / (factor * -Math.log(tailRatio(c)));
    return c + 1 + thresholdS * c * mu * perJob;
  };
  /** Workers a start brings beyond the first, with c ready while it starts (see the top of this file). */
  const extraStarts = (c: number): number => {
    const crossing = c > 0 ? lambda * Math.min(1, Math.exp((-thresholdS * c * mu * (1 - load / c)) / factor)) : lambda;
    const during = (window: number): number => {
      if (!(window > 0)) return 0;
      // Net jobs queued over the window (arrivals less completions, normal); with nothing ready, every arrival.
      const queued = c === 0 ? lambda * window : positivePart((lambda - c * mu) * window, Math.sqrt((lambda + c * mu) * window));
      return eager ? Math.max(queued, crossing * window) : queued;
    };
    const lag = scaler.kind === 'queue-delay' ? thresholdS : 0;
    const extra = h * during(input.restoreS - lag) + (1 - h) * during(input.fullS - lag);
    return scaler.kind === 'request-count' ? extra / value : extra;
  };

  /**
   * Jobs that wait on one start from c ready workers (c > 0): the queue the trigger leaves (triggerLevel(c)
   * - c jobs) moves while the worker starts by arrivals less the c workers' completions (normal, as in
   * extraStarts); the new worker takes the job at the head if one is left when it is ready, and its share
   * of the rest (all arrived before it was ready). Over FlashBoot's two start lengths. A queue the ready
   * workers drain before the start ends leaves the new worker nothing: with long starts and short jobs
   * the jobs that trigger a start seldom wait on it.
   */
  const waitedOnStartOf = (c: number): number => {
    const queued = triggerLevel(c) - c;
    return h * jobsWaitingOnStart(queued, c, lambda, mu, input.restoreS) + (1 - h) * jobsWaitingOnStart(queued, c, lambda, mu, input.fullS);
  };

  const { upChance, stay, jump, backlogAt, activeBusyAt, births, deaths, logPi, scratch, reach, meanTime, outlast, P, elimination, visits } = workFor(M, K);
  for (let n = 0; n <= M; n++) {
    const c = A + n;
    jump[n] = n < M ? 1 + extraStarts(c) : 0;
    if (c === 0) {
      // Nothing alive: the next arrival starts a worker; under 'eager' its own wait past the threshold
      // during a start that outlasts it starts another.
      const slowStartChance = (1 - h) * (input.fullS > thresholdS ? 1 : 0) + h * (input.restoreS > thresholdS ? 1 : 0);
      if (eager) jump[n] = (jump[n] as number) + slowStartChance;
      upChance[n * ENTRIES + BY_DEATH] = 1;
      stay[n * ENTRIES + BY_DEATH] = 1 / lambda;
      continue;
    }
    // Active workers' busy share with c serving (M/M/c).
    let weight = 1;
    let total = 0;
    let activeBusy = 0;
    for (let j = 0; j < c; j++) {
      total += weight;
      activeBusy += weight * Math.min(j, A);
      weight *= load / (j + 1);
    }
    const rho = load / c;
    if (rho < 1) {
      const allBusy = weight / (1 - rho);
      activeBusyAt[n] = (activeBusy + allBusy * A) / (total + allBusy);
    } else activeBusyAt[n] = A;
    const sigma = tailRatio(c);
    // The gap below c, from c - 1: the chance it ends (back to c) within T, and E[min(gap, T)].
    let backWithin: number;
    let gapS: number;
    if (n === 0) {
      gapChain(c, lambda, mu, births, deaths, logPi);
      // Active workers only: none can die; the whole gap's mean (first passage c - 1 -> c).
      backWithin = 1;
      let maxLog = -Infinity;
      for (let j = 0; j < c; j++) maxLog = Math.max(maxLog, logPi[j] as number);
      let sum = 0;
      for (let j = 0; j < c; j++) sum += Math.exp((logPi[j] as number) - maxLog);
      gapS = sum / (lambda * Math.exp((logPi[c - 1] as number) - maxLog));
    } else {
      if (gaps.recall(c, lambda, mu, T, gap)) {
        backWithin = gap[0] as number;
        gapS = gap[1] as number;
      } else {
        gapChain(c, lambda, mu, births, deaths, logPi);
        reachWithinAndMeanTime(c, births, deaths, logPi, T, scratch, reach, meanTime);
        backWithin = reach[c - 1] as number;
        gapS = meanTime[c - 1] as number;
        gaps.remember(c, lambda, mu, T, backWithin, gapS);
      }
    }
    // An excursion at or above c, i jobs above c - 1: its chance to reach the trigger, and its mean time,
    // the walk's steps timed so that an excursion with no trigger lasts the busy period, i s / (c (1 - rho)).
    const span = n < M ? triggerLevel(c) - (c - 1) : Infinity;
    const stepS = (s / c) * (Math.abs(1 - rho) < 1e-9 ? 1 / (2 * factor) : (1 - sigma) / ((1 - rho) * (1 + sigma)));
    const excursion = (i: number): [number, number] => {
      if (i >= span) return [1, 0];
      const hit = ruinChance(i, span, sigma);
      return [hit, ruinSteps(i, span, hit, sigma) * stepS];
    };
    const [hit, excursionS] = excursion(1);
    // From an excursion's start: excursions and gaps alternate until a trigger or a gap of T.
    outlast[n] = n > 0 ? Math.max(1 - backWithin, MIN_DEATH_CHANCE) : 0;
    const exit = hit + (1 - hit) * (outlast[n] as number);
    const upFromExcursion = hit / exit;
    const timeFromExcursion = (excursionS + (1 - hit) * gapS) / exit;
    upChance[n * ENTRIES + BY_DEATH] = backWithin * upFromExcursion;
    stay[n * ENTRIES + BY_DEATH] = gapS + backWithin * timeFromExcursion;
    if (n > 0) {
      // Entered by a start: the backlog that triggered it (with c - 1 ready), grown or shrunk while the
      // worker starts, then drained with c.
      const before = c - 1;
      const triggered = before === 0 ? 1 : triggerLevel(before);
      const backlog = Math.max(0, triggered + (lambda - before * mu) * startS - before);
      backlogAt[n] = backlog;
      const [hitB, drainS] = backlog > 0 ? excursion(backlog) : [0, 0];
      upChance[n * ENTRIES + BY_START] = hitB + (1 - hitB) * backWithin * upFromExcursion;
      stay[n * ENTRIES + BY_START] = startS + drainS + (1 - hitB) * (gapS + backWithin * timeFromExcursion);
    }
  }

  // Cascades: when the top worker dies, the next one down may have been idle almost as long (after a
  // burst the workers go idle together). Entered by a death, state n's top worker dies at once with the
  // chance that its own gap began with the dead one's and outlasts T as well: the first step of the dead
  // one's gap went down (c mu against lambda), and a gap below c outlasts T as often, relative to one
  // below c + 1, as outlast[n] / outlast[n + 1].
  for (let n = 1; n < M; n++) {
    const c = A + n;
    const cascade = Math.min(1, ((outlast[n] as number) / (outlast[n + 1] as number)) * ((c * mu) / (lambda + c * mu)));
    upChance[n * ENTRIES + BY_DEATH] = (upChance[n * ENTRIES + BY_DEATH] as number) * (1 - cascade);
    stay[n * ENTRIES + BY_DEATH] = (stay[n * ENTRIES + BY_DEATH] as number) * (1 - cascade);
  }
  // The embedded chain on (n, entry): up to (n + jump, by start), the jump split between its two
  // neighbouring whole numbers; down to (n - 1, by death).
  const size = (M + 1) * ENTRIES;
  P.fill(0, 0, size * size);
  for (let n = 0; n <= M; n++) {
    for (let e = 0; e < ENTRIES; e++) {
      const i = n * ENTRIES + e;
      const up = n < M ? (upChance[i] as number) : 0;
      if (up > 0) {
        const j = Math.min(jump[n] as number, M - n);
        const low = Math.floor(j);
        const frac = j - low;
        P[i * size + (n + low) * ENTRIES + BY_START] = (P[i * size + (n + low) * ENTRIES + BY_START] as number) + up * (1 - frac);
        if (frac > 0) P[i * size + (n + low + 1) * ENTRIES + BY_START] = (P[i * size + (n + low + 1) * ENTRIES + BY_START] as number) + up * frac;
      }
      if (n > 0 && up < 1) P[i * size + (n - 1) * ENTRIES + BY_DEATH] = (P[i * size + (n - 1) * ENTRIES + BY_DEATH] as number) + (1 - up);
    }
  }
  embeddedStationary(size, P, elimination, visits);
  let totalS = 0;
  for (let i = 0; i < size; i++) totalS += (visits[i] as number) * (stay[i] as number);
  let workerStarts = 0;
  let waited = 0;
  let activeBusy = 0;
  let aliveFlex = 0;
  for (let n = 0; n <= M; n++) {
    // Jobs that wait on a start (the worker that runs them became ready after they arrived): from
    // nothing alive, every job that arrives during the start; otherwise the new worker's share of the
    // backlog it finds ready (at least the job at the head of the queue).
    const c = A + n;
    const waitedPerStart = c === 0 ? 1 + lambda * startS : waitedOnStartOf(c);
    for (let e = 0; e < ENTRIES; e++) {
      const i = n * ENTRIES + e;
      const share = ((visits[i] as number) * (stay[i] as number)) / totalS;
      if (n < M) {
        const starts = ((visits[i] as number) * (upChance[i] as number) * Math.min(jump[n] as number, M - n)) / totalS;
        workerStarts += starts;
        waited += c === 0 ? ((visits[i] as number) * (upChance[i] as number) * waitedPerStart) / totalS : starts * waitedPerStart;
      }
      activeBusy += share * (activeBusyAt[n] as number);
      aliveFlex += share * n;
    }
  }
  activeBusy = Math.min(activeBusy, load);
  const flexExecution = Math.max(0, load - activeBusy);
  const flexIdle = Math.max(0, aliveFlex - flexExecution - workerStarts * startS);
  const waitedOnStart = Math.min(waited, lambda);
  return {
    activeBusy,
    flexStart: workerStarts * billedStartS,
    flexExecution,
    flexIdle,
    flexRounding: (workerStarts * input.roundingS) / 2,
    workerStarts,
    waitedOnStart,
    meanLatencyS: s + (waitedOnStart / lambda) * (startS / 2),
    overloaded: false,
  };
}

/**
 * Stationary law of the embedded chain with transition matrix P (row-major; a row of zeros is a state
 * never entered), by Gaussian elimination with partial pivoting on nu (P - I) = 0, sum nu = 1.
 */
function embeddedStationary(n: number, P: Float64Array, m: Float64Array, out: Float64Array): void {
  m.fill(0, 0, n * (n + 1));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[j * (n + 1) + i] = (P[i * n + j] as number) - (i === j ? 1 : 0);
  for (let j = 0; j < n; j++) m[(n - 1) * (n + 1) + j] = 1;
  m[(n - 1) * (n + 1) + n] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * (n + 1) + col] as number) > Math.abs(m[pivot * (n + 1) + col] as number)) pivot = r;
    if (pivot !== col) {
      for (let k = 0; k <= n; k++) {
        const a = m[col * (n + 1) + k] as number;
        m[col * (n + 1) + k] = m[pivot * (n + 1) + k] as number;
        m[pivot * (n + 1) + k] = a;
      }
    }
    const p = m[col * (n + 1) + col] as number;
    if (p === 0) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = (m[r * (n + 1) + col] as number) / p;
      if (f === 0) continue;
      for (let k = col; k <= n; k++) m[r * (n + 1) + k] = (m[r * (n + 1) + k] as number) - f * (m[col * (n + 1) + k] as number);
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = m[i * (n + 1) + i] as number;
    const x = p !== 0 ? Math.max(0, (m[i * (n + 1) + n] as number) / p) : 0;
    out[i] = x;
    total += x;
  }
  for (let i = 0; i < n; i++) out[i] = total > 0 ? (out[i] as number) / total : 0;
}

/**
 * How readily a job that finds the first flex level's workers busy starts a worker, from 1 (at once:
 * request-count 1, a queue-delay threshold of 0) down to 0 (never): the share the levels model, right
 * when jobs start workers as readily as per-request, takes in queueingScalerRates.
 */
export function triggerReadiness(input: FastEndpointInput): number {
  const s = input.exec.meanS;
  const c = input.active + 1;
  const rho = Math.min((input.ratePerSecond * s) / c, 0.95);
  const factor = (1 + input.exec.squaredVariation) / 2;
  const scaler = input.scaler;
  if (scaler.kind === 'queue-delay') return Math.exp((-scaler.thresholdS * (c / s) * (1 - rho)) / factor);
  if (scaler.kind === 'request-count') return Math.pow(rho, ((scaler.value - 1) * c) / factor);
  return 1;
}

/**
 * The queueing scalers' base model: the levels model and the scaling chain, flex starts and idle seconds
 * blended by triggerReadiness (w levels + (1 - w) chain): continuous in every input, the levels model
 * where jobs start workers about as readily as per-request, the chain where they wait. (A geometric blend
 * measured the same on bench/fast-vs-sim's points, and jumps where one model's quantity reaches 0.) The
 * split of the load between active and flex workers is the chain's: the levels model lends queued work
 * to the active workers' holding times, which moves that split by steps in the load. So is the count of
 * jobs that waited on a start (the cold-start rate), which the levels model's absorption overstates
 * (bench/fast-vs-sim: p95 85% against 63% of the rate inside the domain on the tuning seeds).
 */
export function queueingScalerRates(input: FastEndpointInput): FastEndpointRates {
  if (input.scaler.kind === 'per-request') return fastEndpointRates(input);
  const w = triggerReadiness(input);
  // A model whose share is below SKIP_SHARE moves the blend by less than that share of the two models'
  // difference: it is left out (the levels model is the dearer one) unless the chain's split is needed.
  if (w > 1 - SKIP_SHARE && input.active === 0) return fastEndpointRates(input);
  const chain = scalingChainRates(input);
  if (w < SKIP_SHARE || chain.overloaded) return chain;
  const levels = fastEndpointRates(input);
  const mix = (a: number, b: number) => w * a + (1 - w) * b;
  const starts = mix(levels.workerStarts, chain.workerStarts);
  const h = input.hitRate;
  const billedStartS = h * input.restoreBilledS + (1 - h) * input.fullBilledS;
  return {
    activeBusy: chain.activeBusy,
    flexStart: starts * billedStartS,
    flexExecution: chain.flexExecution,
    flexIdle: mix(levels.flexIdle, chain.flexIdle),
    flexRounding: (starts * input.roundingS) / 2,
    workerStarts: starts,
    waitedOnStart: chain.waitedOnStart,
    meanLatencyS: mix(levels.meanLatencyS, chain.meanLatencyS),
    overloaded: false,
  };
}
