// A fast approximation of one serverless endpoint under steady Poisson traffic, built to follow the
// simulator's rules (src/sim/simulate.ts) rather than a headroom policy: one FIFO queue, active workers
// first, then the most recently used idle flex worker, an idle timeout per worker, and the scaler's own
// start rule. Measured against the simulator by bench/fast-vs-sim.ts; src/endpoint/fast.ts states the
// domain where that measurement holds.
//
// The model ("levels"). Number the workers by the order in which an arrival would take them: active
// workers are levels 1..A, flex workers A+1..A+M. Because the most recently used idle worker takes the
// next job, the idle workers form a stack: the worker at level k goes idle when occupancy (workers busy
// or starting) drops below k, is taken again when occupancy returns to k, and times out when occupancy
// stays below k for the idle timeout T. So the flex workers alive at time t are the levels reached by
// occupancy in [t - T, t] (the running maximum), which gives, for a stationary occupancy process O:
//   - idle flex workers = E[max over [t-T, t] of O] - E[O] (levels above A only), and
//   - an arrival finds no idle worker iff O(t) equals that running maximum.
// O is approximated by a birth-death chain (reversible, so looking back over T equals looking forward:
// P(max over the past T >= m | O = j) = P_j(reach m within T), computed exactly in ./birth-death.ts).
// Births: an arrival that finds an idle worker, or one that starts a worker (per the scaler). Arrivals
// that find every worker busy and start none queue ("absorbed"): they lengthen busy periods instead,
// which the chain carries as longer holding times. Holding times per level come from work balance
// (busy seconds = executed work + billed-or-not start seconds), solved as a fixed point with the share
// of arrivals that find the endpoint at its running maximum.
//
// The scaler enters through the chance a_j that an arrival at the top (no idle worker, occupancy j) is
// absorbed rather than starting a worker:
//   - per-request: never (it starts its own worker, up to max);
//   - request-count (value v): a worker starts only once (queued + in progress) / v exceeds the workers,
//     i.e. the queue reaches (v - 1) j: P(queue >= q | all busy) ~ rho^q (the M/M/c geometric tail);
//   - queue-delay (threshold theta): a worker starts only when the job waits theta; the wait of a job
//     that waits is about exponential with the M/G/c mean s (1 + cv^2) / (2 c (1 - rho)) (Allen-Cunneen;
//     exact for exponential service), or the rest of a start under way when one is. Reading 'eager'
//     also starts a second worker for a job already waiting on a start longer than theta.
// An arrival that finds no worker at all always starts one (every scaler, as in the simulator).
import { ChainScratch, logStationaryWeights } from './birth-death.js';
import { PathMemo } from './reach-memo.js';

/** Execution time: its mean and its squared coefficient of variation (1 exponential, 0 constant), which drives queueing. */
export interface FastExecShape {
  meanS: number;
  squaredVariation: number;
}

/** The scaler, as the fast model reads it. */
export type FastScaler =
  | { kind: 'queue-delay'; thresholdS: number; eager: boolean }
  | { kind: 'request-count'; value: number }
  | { kind: 'per-request' };

/** One endpoint at one steady arrival rate. Times in seconds. */
export interface FastEndpointInput {
  ratePerSecond: number;
  exec: FastExecShape;
  /** Full cold start and its billed part; a restore (FlashBoot) with probability hitRate. */
  fullS: number;
  fullBilledS: number;
  restoreS: number;
  restoreBilledS: number;
  hitRate: number;
  active: number;
  max: number;
  idleTimeoutS: number;
  scaler: FastScaler;
  roundingS: number;
}

/** Per second of wall-clock time (multiply by a month's seconds for monthly figures). */
export interface FastEndpointRates {
  /** Busy active-worker seconds per second. */
  activeBusy: number;
  /** Billed flex seconds per second, by kind (as the simulator splits them). */
  flexStart: number;
  flexExecution: number;
  flexIdle: number;
  flexRounding: number;
  /** Flex worker starts per second. */
  workerStarts: number;
  /** Arrivals per second that waited on a worker start (the simulator's jobsWaitedOnStart). */
  waitedOnStart: number;
  /** Mean queue wait (cold starts included) plus execution, seconds. */
  meanLatencyS: number;
  /** Offered load at or above what active + max workers can serve: every worker busy, the queue grows. */
  overloaded: boolean;
}

/** Fixed-point iterations and damping of the holding-time / top-share loop (converges in a few dozen at most). */
const MAX_ITERATIONS = 40;
const DAMPING = 0.5;
const TOLERANCE = 1e-6;
/** A level whose chance of being reached within an idle timeout is below this is left out (see fastEndpointRates). */
const NEGLIGIBLE_LEVEL = 1e-12;

/** The chains this thread has solved, along each evaluation's path (a pure function's answers, remembered: see ./reach-memo.ts). */
const memo = new PathMemo();

/** The inputs but max, hashed: the evaluations whose paths an evaluation may follow (see PathMemo). */
const keyInputs = new Float64Array(14);
const keyWords = new Uint32Array(keyInputs.buffer);
function pathKey(input: FastEndpointInput): number {
  const scaler = input.scaler;
  keyInputs[0] = input.ratePerSecond;
  keyInputs[1] = input.exec.meanS;
  keyInputs[2] = input.exec.squaredVariation;
  keyInputs[3] = input.fullS;
  keyInputs[4] = input.fullBilledS;
  keyInputs[5] = input.restoreS;
  keyInputs[6] = input.restoreBilledS;
  keyInputs[7] = input.hitRate;
  keyInputs[8] = input.active;
  keyInputs[9] = input.idleTimeoutS;
  keyInputs[10] = input.roundingS;
  keyInputs[11] = scaler.kind === 'queue-delay' ? 1 : scaler.kind === 'request-count' ? 2 : 3;
  keyInputs[12] = scaler.kind === 'queue-delay' ? scaler.thresholdS : scaler.kind === 'request-count' ? scaler.value : 0;
  keyInputs[13] = scaler.kind === 'queue-delay' && scaler.eager ? 1 : 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < keyWords.length; i++) hash = Math.imul(hash ^ (keyWords[i] as number), 0x01000193);
  return hash;
}

/** The arrays of one evaluation, kept for the next on this thread: allocating them was a tenth of its time. */
interface Workspace {
  size: number;
  births: Float64Array;
  deaths: Float64Array;
  logPi: Float64Array;
  pi: Float64Array;
  top: Float64Array;
  absorb: Float64Array;
  /** Per top state, queue-delay's P(a job still waits after the threshold) with no start under way, and with one (at most 1). */
  running: Float64Array;
  duringStart: Float64Array;
  /** Per top state j, the chance that none of j busy workers frees during a start (see waitedOnStart). */
  stillBusy: Float64Array;
  reach: Float64Array;
  row: Float64Array;
  scratch: ChainScratch;
}

let workspace: Workspace | undefined;

/** Arrays for levels 0..K; every value an evaluation reads it writes first (but top, filled with 1 by the caller). */
function workspaceFor(K: number): Workspace {
  if (workspace !== undefined && workspace.size >= K + 1) return workspace;
  const n = K + 1;
  workspace = {
    size: n,
    births: new Float64Array(n),
    deaths: new Float64Array(n),
    logPi: new Float64Array(n),
    pi: new Float64Array(n),
    top: new Float64Array(n),
    absorb: new Float64Array(n),
    running: new Float64Array(n),
    duringStart: new Float64Array(n),
    stillBusy: new Float64Array(n),
    reach: new Float64Array(n * n),
    row: new Float64Array(n),
    scratch: new ChainScratch(n),
  };
  return workspace;
}

/** P(a job that must wait still waits after theta) with c workers busy at load rho per worker (Allen-Cunneen). */
function waitBeyond(thresholdS: number, c: number, rate: number, exec: FastExecShape, cv2: number): number {
  if (c <= 0) return 1;
  const rho = (rate * exec.meanS) / c;
  if (rho >= 1) return 1;
  const meanWait = ((exec.meanS / (c * (1 - rho))) * (1 + cv2)) / 2;
  return meanWait > 0 ? Math.exp(-thresholdS / meanWait) : 0;
}

/**
 * The chance that none of j busy workers finishes its job within t seconds (jobs of mean s): each
 * residual is uniform over [0, s] for constant jobs, (1 - t / s)^j, and exponential for exponential ones,
 * e^(-j t / s); mixed by the squared variation cv2 (at most 1).
 */
export function noneFreesWithin(t: number, j: number, s: number, cv2: number): number {
  const constant = t < s ? Math.pow(1 - t / s, j) : 0;
  const exponential = Math.exp((-j * t) / s);
  const v = Math.min(1, cv2);
  return v * exponential + (1 - v) * constant;
}

/** A worker start's mean seconds, and billed seconds, over FlashBoot restores (share hitRate) and full starts. */
export function meanStartOf(input: FastEndpointInput): { startS: number; billedStartS: number } {
  const h = input.hitRate;
  return { startS: h * input.restoreS + (1 - h) * input.fullS, billedStartS: h * input.restoreBilledS + (1 - h) * input.fullBilledS };
}

/** The endpoint's steady-state rates (see the model at the top of this file). */
export function fastEndpointRates(input: FastEndpointInput): FastEndpointRates {
  const lambda = input.ratePerSecond;
  const s = input.exec.meanS;
  const A = input.active;
  const M = input.max;
  const K = A + M;
  const T = input.idleTimeoutS;
  const h = input.hitRate;
  const { startS, billedStartS } = meanStartOf(input);
  const load = lambda * s;
  const roundingPerWindow = input.roundingS / 2;

  if (!(lambda > 0) || K === 0) {
    return { activeBusy: 0, flexStart: 0, flexExecution: 0, flexIdle: 0, flexRounding: 0, workerStarts: 0, waitedOnStart: 0, meanLatencyS: s, overloaded: K === 0 && lambda > 0 };
  }
  if (load >= K) {
    // Every worker busy all the time; the queue grows without bound (the simulator's overload).
    return { activeBusy: A, flexStart: 0, flexExecution: M, flexIdle: 0, flexRounding: 0, workerStarts: 0, waitedOnStart: 0, meanLatencyS: Infinity, overloaded: true };
  }

  const cv2 = input.exec.squaredVariation;
  const scaler = input.scaler;
  // Share of starts that take longer than the threshold (a job waiting on such a start crosses it).
  const thresholdS = scaler.kind === 'queue-delay' ? scaler.thresholdS : 0;
  const startOverThreshold = (1 - h) * Math.max(0, input.fullS - thresholdS) + h * Math.max(0, input.restoreS - thresholdS);
  // The chance that a start outlasts the threshold (a job waiting on it crosses; 'eager' then starts another).
  const slowStartChance = (1 - h) * (input.fullS > thresholdS ? 1 : 0) + h * (input.restoreS > thresholdS ? 1 : 0);

  const { births, deaths, logPi, pi, top, absorb, running, duringStart, stillBusy, reach, row, scratch } = workspaceFor(K);
  top.fill(1, 0, K + 1);
  // The scaler's absorption at each top state j (flex levels only: below A an active worker is idle) does
  // not change between iterations, but for queue-delay's share of jobs that wait on a start under way.
  for (let j = A; j < K; j++) {
    let a = 0;
    if (j > 0) {
      if (scaler.kind === 'request-count') {
        const rho = load / j;
        a = scaler.value > 1 && rho < 1 ? 1 - Math.pow(rho, (scaler.value - 1) * j) : 0;
      } else if (scaler.kind === 'queue-delay') {
        // With a start under way the job waits for the rest of it (uniform over the start) or a completion.
        running[j] = waitBeyond(scaler.thresholdS, j, lambda, input.exec, cv2);
        duringStart[j] = Math.min(1, startOverThreshold > 0 && startS > 0 ? (startOverThreshold / startS) * waitBeyond(scaler.thresholdS, j - 1, lambda, input.exec, cv2) : 0);
      }
    }
    absorb[j] = a;
  }
  const queueDelay = scaler.kind === 'queue-delay';
  // Under a queueing scaler a job that starts a worker with j others busy waits on that start only if
  // none of the j frees first (FIFO: the first worker ready takes it; per-request reserves the new worker
  // for its job): residual executions are uniform over a constant job and exponential for an exponential
  // one (mixed by the squared variation), over FlashBoot's two lengths.
  for (let j = 1; j < K; j++) {
    stillBusy[j] = scaler.kind === 'per-request' ? 1 : h * noneFreesWithin(input.restoreS, j, s, cv2) + (1 - h) * noneFreesWithin(input.fullS, j, s, cv2);
  }

  memo.begin(pathKey(input));
  let holdActive = s;
  let holdFlex = s + startS;
  let startingShare = 0;
  let starts = 0;
  let startsWaitedOn = 0;
  let absorbed = 0;
  let idle = 0;
  let activeBusy = 0;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    if (queueDelay) {
      for (let j = Math.max(A, 1); j < K; j++) absorb[j] = 1 - (startingShare * (duringStart[j] as number) + (1 - startingShare) * (running[j] as number));
    }
    for (let j = 0; j < K; j++) births[j] = j < A ? lambda : lambda * (1 - (absorb[j] as number) * (top[j] as number));
    births[K] = 0;
    deaths[0] = 0;
    for (let n = 1; n <= K; n++) deaths[n] = Math.min(n, A) / holdActive + Math.max(0, n - A) / holdFlex;
    logStationaryWeights(K, births, deaths, logPi);
    let maxLog = -Infinity;
    for (let n = 0; n <= K; n++) maxLog = Math.max(maxLog, logPi[n] as number);
    let total = 0;
    for (let n = 0; n <= K; n++) {
      const p = Math.exp((logPi[n] as number) - maxLog);
      pi[n] = p;
      total += p;
    }
    for (let n = 0; n <= K; n++) pi[n] = (pi[n] as number) / total;

    for (let m = A + 1; m <= K; m++) {
      // By reversibility, P(max over a window of T >= m) <= pi_m + (upcrossings into m per second) x T;
      // once that bound is negligible, so are the reach probabilities to m and every level above (their
      // sums are weighted by pi_j): skipping them keeps large endpoints at low load cheap to evaluate.
      const upcrossing = (pi[m - 1] as number) * (births[m - 1] as number) * T;
      if ((pi[m] as number) + (Number.isFinite(upcrossing) ? upcrossing : Infinity) < NEGLIGIBLE_LEVEL) {
        for (let level = m; level <= K; level++) for (let j = 0; j < level; j++) reach[j * (K + 1) + level] = 0;
        break;
      }
      memo.reachWithin(m, births, deaths, logPi, T, scratch, row);
      for (let j = 0; j < m; j++) reach[j * (K + 1) + m] = row[j] as number;
    }

    let change = 0;
    starts = 0;
    startsWaitedOn = 0;
    let flexBirths = 0;
    let activeBirths = 0;
    activeBusy = 0;
    let flexOccupied = 0;
    for (let j = 0; j <= K; j++) {
      const p = pi[j] as number;
      if (j < A) activeBirths += p * (births[j] as number);
      else if (j < K) {
        const topShare = 1 - (reach[j * (K + 1) + j + 1] as number);
        change = Math.max(change, Math.abs(topShare - (top[j] as number)));
        top[j] = DAMPING * (top[j] as number) + (1 - DAMPING) * topShare;
        const started = p * lambda * topShare * (1 - (absorb[j] as number));
        starts += started;
        startsWaitedOn += started * (j === 0 ? 1 : (stillBusy[j] as number));
        flexBirths += p * (births[j] as number);
      }
      activeBusy += p * Math.min(j, A);
      flexOccupied += p * Math.max(0, j - A);
    }
    absorbed = Math.max(0, lambda - activeBirths - flexBirths);
    // Absorbed work is shared by the busy workers in proportion to their numbers.
    const busyUnits = activeBusy + flexOccupied;
    const absorbedActive = busyUnits > 0 ? (absorbed * activeBusy) / busyUnits : 0;
    const absorbedFlex = absorbed - absorbedActive;
    const nextHoldActive = activeBirths > 0 ? (s * (activeBirths + absorbedActive)) / activeBirths : s;
    const nextHoldFlex = flexBirths > 0 ? (s * (flexBirths + absorbedFlex) + starts * startS) / flexBirths : s + startS;
    const flexWork = s * (flexBirths + absorbedFlex);
    const nextStartingShare = starts * startS + flexWork > 0 ? (starts * startS) / (starts * startS + flexWork) : 0;
    change = Math.max(change, Math.abs(nextHoldFlex - holdFlex) / holdFlex, Math.abs(nextHoldActive - holdActive) / holdActive);
    holdActive = DAMPING * holdActive + (1 - DAMPING) * nextHoldActive;
    holdFlex = DAMPING * holdFlex + (1 - DAMPING) * nextHoldFlex;
    startingShare = DAMPING * startingShare + (1 - DAMPING) * nextStartingShare;
    if (change < TOLERANCE) break;
  }

  idle = 0;
  for (let j = 0; j < K; j++) {
    let above = 0;
    for (let m = Math.max(j, A) + 1; m <= K; m++) above += reach[j * (K + 1) + m] as number;
    idle += (pi[j] as number) * above;
  }
  // Eager reading: a job left waiting on a start longer than theta starts one more worker (up to max),
  // which typically idles out its timeout unused.
  let extraStarts = 0;
  if (scaler.kind === 'queue-delay' && scaler.eager && M > 1 && A === 0) extraStarts = lambda * (pi[0] as number) * (top[0] as number) * slowStartChance;
  const workerStarts = starts + extraStarts;
  const execution = Math.max(0, load - Math.min(activeBusy, load));
  const waitedOnStart = startsWaitedOn + absorbed * startingShare;
  const coldWait = startS / 2;
  return {
    activeBusy: Math.min(activeBusy, load),
    flexStart: workerStarts * billedStartS,
    flexExecution: execution,
    flexIdle: idle + extraStarts * Math.min(T, 1e12),
    flexRounding: workerStarts * roundingPerWindow,
    workerStarts,
    waitedOnStart: Math.min(waitedOnStart, lambda),
    meanLatencyS: s + (Math.min(waitedOnStart, lambda) / lambda) * coldWait + (absorbed / lambda) * (s * (1 + cv2)) / 2,
    overloaded: false,
  };
}
