// Closed-form queueing results for serverless workers: Poisson arrivals at rate L per second, an idle
// timeout T, a cold start of C seconds and a mean service time of s seconds. Pure functions only; the
// formulas and the checked case come from the shared reference coldstart-figures.md section 3 (which
// follows SimFaaS, https://github.com/pacslab/simfaas, and Mahmoudi and Khazaei, IEEE TCC 2020).
//
// Every function accepts the limits a planner meets in practice: a rate of 0 (no traffic yet) and an
// infinite idle timeout (never scale down) give the limiting values rather than NaN.
import { requireBelow, requireNonNegative, requirePositive, requireWholeCount } from './guards.js';

/** Gap-only P(cold) at light load: a request finds the worker gone iff the gap before it exceeds T (P(gap > T) = e^(-LT)). */
export function probabilityGapExceeds(ratePerSecond: number, idleTimeoutS: number): number {
  requireNonNegative('ratePerSecond', ratePerSecond);
  requireNonNegative('idleTimeoutS', idleTimeoutS);
  // 0 * Infinity is NaN; with no traffic every (hypothetical) gap is infinite, so P = 1 whatever T is.
  if (ratePerSecond === 0) return 1;
  return Math.exp(-ratePerSecond * idleTimeoutS);
}

/** E[min(gap, T)] = (1 - e^(-LT)) / L: the billed idle tail per request in the gap-only view; T in the limit L -> 0. */
export function expectedIdlePerRequest(ratePerSecond: number, idleTimeoutS: number): number {
  requireNonNegative('ratePerSecond', ratePerSecond);
  requireNonNegative('idleTimeoutS', idleTimeoutS);
  // With no traffic there are no requests; T is the limit (every tail runs to the timeout), which keeps
  // the function continuous at 0 for callers that sweep the rate.
  if (ratePerSecond === 0) return idleTimeoutS;
  // -expm1 keeps full precision when L*T is tiny (1 - e^-x would cancel to 0).
  return -Math.expm1(-ratePerSecond * idleTimeoutS) / ratePerSecond;
}

/** Inputs of one scale-to-zero worker that serves one request at a time. */
export interface SingleWorkerInput {
  /** Poisson arrival rate the worker sees, requests per second. */
  ratePerSecond: number;
  /** Mean service (execution) time of a request, seconds; any distribution (M/G/1). */
  execS: number;
  /** Seconds from the start signal until the worker can serve (all of it, billed or not). */
  coldStartS: number;
  /** Seconds the worker stays up after its queue empties before it scales down. */
  idleTimeoutS: number;
}

/** Steady-state results of one worker; per-cycle figures are per "busy cycle" (one busy period and the idle period after it). */
export interface SingleWorkerStable {
  /** Discriminant: the queue is stable (rho < 1). */
  stable: true;
  /** rho = L * s: the share of wall-clock time the worker executes requests. */
  utilization: number;
  /** q = e^(-LT): the chance an idle period ends by timeout (so the next busy period needs a cold start). */
  timeoutProbability: number;
  /** Share of requests that trigger a cold start: q(1 - rho) / (1 + qLC). */
  pCold: number;
  /** Share of requests that wait on a cold start (the trigger plus those arriving during it): q(1 + LC)(1 - rho) / (1 + qLC). */
  pDelayed: number;
  /** N = (1 + qLC) / (1 - rho): requests served per busy cycle. */
  requestsPerCycle: number;
  /** A = (s + qC) / (1 - rho) + (1 - q) / L: seconds the worker is up (starting, busy or idle) per cycle. */
  aliveSecondsPerCycle: number;
  /** s * N: seconds executing requests per cycle. */
  busySecondsPerCycle: number;
  /** q * C: seconds spent in a cold start per cycle. */
  coldStartSecondsPerCycle: number;
  /** (1 - q) / L: seconds idle (waiting for work, up to T) per cycle. */
  idleSecondsPerCycle: number;
  /** A + q / L: wall-clock seconds per cycle including the scaled-to-zero time (so N / cycleSeconds = L). */
  cycleSeconds: number;
  /** A / N: seconds the worker is up per request served (what is billed when the whole cold start is billed). */
  aliveSecondsPerRequest: number;
  /** s: execution seconds per request (the busy part of A / N). */
  execSecondsPerRequest: number;
  /** pCold * C: cold-start seconds per request (the start part of A / N). */
  coldStartSecondsPerRequest: number;
  /** (1 - q) / (L N): idle seconds per request (the tail part of A / N). */
  idleSecondsPerRequest: number;
  /** A / (A + q/L): share of wall-clock time the worker is up. */
  aliveFraction: number;
}

/** The worker cannot keep up (rho >= 1): the queue grows without bound, so no steady state exists. */
export interface SingleWorkerUnstable {
  /** Discriminant: the queue is unstable. */
  stable: false;
  /** rho = L * s, at least 1. */
  utilization: number;
}

/** Result of analyzeSingleWorker: stable with all figures, or unstable (never a throw, so sweeps can continue). */
export type SingleWorkerResult = SingleWorkerStable | SingleWorkerUnstable;

/**
 * Analyzes one scale-to-zero worker as M/G/1 with setup and an idle timeout (coldstart-figures.md section 3,
 * checked there by simulation: L = 1/60, T = 120, C = 30, s = 2 gives P_cold 0.1225, 52.65 s per request).
 */
export function analyzeSingleWorker(input: SingleWorkerInput): SingleWorkerResult {
  const { ratePerSecond: L, execS: s, coldStartS: C, idleTimeoutS: T } = input;
  requireNonNegative('ratePerSecond', L);
  requireNonNegative('execS', s);
  requireNonNegative('coldStartS', C);
  requireNonNegative('idleTimeoutS', T);
  const rho = L * s;
  if (!(rho < 1)) return { stable: false, utilization: rho };

  // Derivation. Cut time into busy cycles: a busy period, then the idle period after it. An idle period
  // ends by timeout with probability q = e^(-LT) (memoryless arrivals), and then the next busy period
  // starts with a cold start of C; otherwise the next arrival finds the worker warm. So a fraction q of
  // busy periods carry a setup, independently of the cycle itself.
  // - Busy period with a setup: its length B and served count N satisfy B = C + s N (every served request
  //   adds s) and N = 1 + L B (the trigger plus every arrival during the period), so
  //   N = (1 + LC) / (1 - rho) and B = (C + s) / (1 - rho). Without a setup put C = 0.
  // - Averaging over q: N = (1 + qLC) / (1 - rho), busy-or-starting time (s + qC) / (1 - rho).
  // - Idle time per cycle: E[min(gap, T)] = (1 - q) / L, so A = (s + qC) / (1 - rho) + (1 - q) / L.
  // - Split of A: executing s N, starting q C, idle (1 - q) / L. They sum to A because
  //   s N + q C = (s + qC rho + qC (1 - rho)) / (1 - rho) = (s + qC) / (1 - rho), using s L = rho.
  //   (The start is q C per cycle, not q C / (1 - rho): arrivals during the start are served in the busy
  //   part, and s N already counts them.)
  // - Per request divide by N: s + pCold C + (1 - q) / (L N), with pCold = q / N (one start per cycle
  //   with a setup) and pDelayed = q (1 + LC) / N (the trigger and the L C arrivals during the start).
  // - Rate check: after a timeout the worker is down for one mean gap 1/L, so a cycle lasts A + q / L
  //   and N / (A + q/L) = L (the identity N = L A + q), which the tests assert.
  // L = 0 is taken as the limit: q = 1, N = 1, idle (1 - q)/L -> T, and no scaled-down time is counted.
  const q = probabilityGapExceeds(L, T);
  const idleSecondsPerCycle = expectedIdlePerRequest(L, T);
  const requestsPerCycle = (1 + q * L * C) / (1 - rho);
  const busySecondsPerCycle = s * requestsPerCycle;
  const coldStartSecondsPerCycle = q * C;
  const aliveSecondsPerCycle = (s + q * C) / (1 - rho) + idleSecondsPerCycle;
  // With no traffic the worker, once down, waits for ever: the cycle (and its down time) is infinite.
  const cycleSeconds = L === 0 ? Infinity : aliveSecondsPerCycle + q / L;
  const { pCold, pDelayed, idleSecondsPerRequest } = singleWorkerPerRequest(L, s, C, T);
  return {
    stable: true,
    utilization: rho,
    timeoutProbability: q,
    pCold,
    pDelayed,
    requestsPerCycle,
    aliveSecondsPerCycle,
    busySecondsPerCycle,
    coldStartSecondsPerCycle,
    idleSecondsPerCycle,
    cycleSeconds,
    aliveSecondsPerRequest: aliveSecondsPerCycle / requestsPerCycle,
    execSecondsPerRequest: s,
    coldStartSecondsPerRequest: pCold * C,
    idleSecondsPerRequest,
    // Limits at L = 0: a worker that never scales down (T = Infinity) is always up; otherwise never.
    aliveFraction: L === 0 ? (T === Infinity ? 1 : 0) : aliveSecondsPerCycle / cycleSeconds,
  };
}

/** A stable worker's per-request shares, the part of analyzeSingleWorker the cost model needs on every evaluation. */
export interface SingleWorkerPerRequest {
  /** Share of requests that trigger a cold start: q(1 - rho) / (1 + qLC). */
  pCold: number;
  /** Share of requests that wait on a cold start: q(1 + LC)(1 - rho) / (1 + qLC). */
  pDelayed: number;
  /** Idle seconds per request: E[min(gap, T)] / N with N = (1 + qLC) / (1 - rho). */
  idleSecondsPerRequest: number;
}

/**
 * pCold, pDelayed and the idle tail per request of one stable worker (see analyzeSingleWorker for the
 * derivation; it takes these three from here, so the formulas live once). A small function returning a small
 * object: V8 inlines it into the cost model's loop and never allocates the object, where analyzeSingleWorker's
 * sixteen figures cost an allocation on every evaluation of a sweep.
 */
export function singleWorkerPerRequest(ratePerSecond: number, execS: number, coldStartS: number, idleTimeoutS: number): SingleWorkerPerRequest {
  const L = ratePerSecond;
  const C = coldStartS;
  const rho = L * execS;
  requireNonNegative('ratePerSecond', L);
  requireNonNegative('execS', execS);
  requireNonNegative('coldStartS', C);
  requireBelow('ratePerSecond x execS', rho, 1, 'below 1 (a stable worker)');
  const q = probabilityGapExceeds(L, idleTimeoutS);
  const setupPerCycle = 1 + q * L * C;
  return {
    pCold: (q * (1 - rho)) / setupPerCycle,
    pDelayed: (q * (1 + L * C) * (1 - rho)) / setupPerCycle,
    idleSecondsPerRequest: expectedIdlePerRequest(L, idleTimeoutS) / (setupPerCycle / (1 - rho)),
  };
}

/**
 * Erlang-B: the chance an arrival finds all n servers busy (loss view), offered load a = L * s erlangs.
 * Uses the stable recurrence B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)) (coldstart-figures.md section 3),
 * which never forms a^n or n! and so cannot overflow.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  requireWholeCount('servers', servers); // the Erlang recurrences step one server at a time
  requireNonNegative('offeredLoad', offeredLoad);
  let b = 1;
  for (let k = 1; k <= servers; k += 1) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/**
 * Erlang-C: the chance an arrival must queue with n servers and an infinite queue, C = n B / (n - a(1 - B))
 * for a < n; 1 for a >= n, where the queue never empties (coldstart-figures.md section 3).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  requireWholeCount('servers', servers); // the Erlang recurrences step one server at a time
  requireNonNegative('offeredLoad', offeredLoad);
  if (offeredLoad >= servers) return 1;
  const b = erlangB(servers, offeredLoad);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/**
 * Little's law: workers busy on average = requests per second x mean execution seconds (RunPod's own
 * sizing rule "active workers = RPM x duration / 60", https://docs.runpod.io/serverless/endpoints/endpoint-configurations).
 */
export function littlesLawBusyWorkers(ratePerSecond: number, execS: number): number {
  requireNonNegative('ratePerSecond', ratePerSecond);
  requireNonNegative('execS', execS);
  return ratePerSecond * execS;
}

/** M/M/n with a bounded FIFO wait (a load-balancing endpoint): how arrivals fare, as shares of all arrivals. */
export interface BoundedWaitLoss {
  /** Waited the whole limit with no server free, and failed. */
  pDropped: number;
  /** Found a server free. */
  pServedAtOnce: number;
  /** Waited some time under the limit, then was served. */
  pServedAfterWait: number;
  /** Mean wait of the arrivals served (those at once count 0). */
  meanWaitServedS: number;
}

/**
 * M/M/n+D: n servers, Poisson arrivals at L per second, exponential service of mean s, FIFO, and every
 * arrival waits at most tau seconds for a server, then leaves (a deterministic patience). Baccelli and
 * Hebuterne, "On queues with impatient customers" (Performance '81, 1981) give the virtual waiting time
 * of M/M/n+G; for a fixed patience it reads, with mu = 1/s, theta = n mu - L and beta = Erlang-B(n - 1, L s)
 * (the chance, given a free server, that exactly n - 1 are busy), per unit of P(a server is free):
 *   density of the virtual wait f(v) = L beta e^(-theta v) for 0 < v <= tau, and L beta e^(-theta tau)
 *   e^(-n mu (v - tau)) above tau (an arrival joins only below tau, adding one Exp(n mu) service gap),
 * so P(free) = 1 / D with D = 1 + L beta (I1 + I2), I1 = (1 - e^(-theta tau)) / theta, I2 = e^(-theta tau) / (n mu);
 * an arrival is dropped with P(V > tau) = L beta I2 / D, served after waiting with L beta I1 / D.
 * tau = 0 gives Erlang-B(n, L s); n = 1 gives M/M/1+D's (1 - rho) rho e^(-(mu - L) tau) / (1 - rho^2 e^(-(mu - L) tau)).
 * Stable for any load: with theta < 0 every term is scaled by e^(theta tau) so nothing overflows.
 */
export function boundedWaitLoss(servers: number, ratePerSecond: number, meanServiceS: number, maxWaitS: number): BoundedWaitLoss {
  requireWholeCount('servers', servers);
  requireNonNegative('ratePerSecond', ratePerSecond);
  requirePositive('meanServiceS', meanServiceS);
  requireNonNegative('maxWaitS', maxWaitS);
  if (servers === 0) return { pDropped: ratePerSecond > 0 ? 1 : 0, pServedAtOnce: 0, pServedAfterWait: 0, meanWaitServedS: 0 };
  const mu = 1 / meanServiceS;
  const lambdaBeta = ratePerSecond * erlangB(servers - 1, ratePerSecond * meanServiceS);
  const theta = servers * mu - ratePerSecond;
  const x = theta * maxWaitS;
  // Terms of D scaled by a common factor (1 when theta >= 0, e^(theta tau) when theta < 0), and the integral of v f(v) over the wait.
  let free: number;
  let waited: number;
  let dropped: number;
  let waitIntegral: number;
  if (theta === 0) {
    free = 1;
    waited = maxWaitS;
    dropped = 1 / (servers * mu);
    waitIntegral = (maxWaitS * maxWaitS) / 2;
  } else if (theta > 0) {
    const decay = Math.exp(-x);
    free = 1;
    waited = -Math.expm1(-x) / theta;
    dropped = decay / (servers * mu);
    waitIntegral = (-Math.expm1(-x) - x * decay) / (theta * theta);
  } else {
    const scale = Math.exp(x);
    free = scale;
    waited = -Math.expm1(x) / -theta;
    dropped = 1 / (servers * mu);
    waitIntegral = (-x - 1 + scale) / (theta * theta);
  }
  const d = free + lambdaBeta * (waited + dropped);
  const pDropped = (lambdaBeta * dropped) / d;
  const served = 1 - pDropped;
  return {
    pDropped,
    pServedAtOnce: free / d,
    pServedAfterWait: (lambdaBeta * waited) / d,
    meanWaitServedS: served > 0 ? (lambdaBeta * waitIntegral) / d / served : 0,
  };
}
