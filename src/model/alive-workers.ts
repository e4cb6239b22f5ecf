// An alternative fast model for the queueing scalers (queue-delay, request-count): a slow chain on the
// number of alive workers N (active + flex, ready or starting) with the fast occupancy process inside
// each state taken as an M/M/N queue at its own stationary law. Experimental: bench/fast-vs-sim.ts
// measures it against the simulator next to the levels model (./fast-endpoint.ts).
//
// Why: the levels model's occupancy chain averages the birth rate at a level over "a worker is idle
// above" and "none is", which for a scaler that lets arrivals queue overstates how often a new level
// (a new worker) appears over a long idle timeout. Here a new worker appears only by a start:
//   - from N = 0 any arrival starts one, and arrivals during that start add more (request-count: one per
//     value arrivals; queue-delay: each one that crosses the threshold before the start ends, plus, under
//     the eager reading, one for the first job itself when the start is longer than the threshold);
//   - from N >= 1, an arrival that finds all N busy starts one with the scaler's chance (request-count:
//     the queue already holds (value - 1) N jobs, rho^((value - 1) N); queue-delay: its wait exceeds the
//     threshold, Allen-Cunneen's exponential tail), plus those arriving during that start likewise.
// The top flex worker stops when occupancy stays below N for the idle timeout T: its visits come at rate
// nu = lambda P(O = N - 1), so the expected life is (e^(nu' T) - 1)(mean gap under T + busy spell) + T.
import type { FastEndpointInput, FastEndpointRates } from './fast-endpoint.js';

/** M/M/N occupancy given N servers at offered load a: P(O = k) for k < N in out[0..N-1], and P(all busy). */
function occupancy(n: number, a: number, out: Float64Array): number {
  if (n === 0) return 1;
  if (a >= n) {
    out.fill(0, 0, n);
    return 1;
  }
  // Weights a^k / k! for k < N, and the all-busy mass a^N / N! / (1 - rho), scaled to avoid overflow.
  let weight = 1;
  let total = 0;
  for (let k = 0; k < n; k++) {
    out[k] = weight;
    total += weight;
    weight *= a / (k + 1);
  }
  const allBusy = weight / (1 - a / n);
  total += allBusy;
  for (let k = 0; k < n; k++) out[k] = (out[k] as number) / total;
  return allBusy / total;
}

/** Stationary law of a chain on 0..n-1 with generator q (row-major, rows summing to 0), by Gaussian elimination. */
function stationary(n: number, q: Float64Array, out: Float64Array): void {
  // Solve pi Q = 0 with sum pi = 1: transpose, replace the last equation by the normalisation.
  const m = new Float64Array(n * (n + 1));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * (n + 1) + j] = q[j * n + i] as number;
  for (let j = 0; j < n; j++) m[(n - 1) * (n + 1) + j] = 1;
  m[(n - 1) * (n + 1) + n] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * (n + 1) + col] as number) > Math.abs(m[pivot * (n + 1) + col] as number)) pivot = r;
    if (pivot !== col) for (let c = 0; c <= n; c++) [m[col * (n + 1) + c], m[pivot * (n + 1) + c]] = [m[pivot * (n + 1) + c] as number, m[col * (n + 1) + c] as number];
    const p = m[col * (n + 1) + col] as number;
    if (p === 0) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = (m[r * (n + 1) + col] as number) / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r * (n + 1) + c] = (m[r * (n + 1) + c] as number) - f * (m[col * (n + 1) + c] as number);
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

/** The endpoint's steady-state rates under a queueing scaler (see the top of this file). */
export function aliveWorkerRates(input: FastEndpointInput): FastEndpointRates {
  const lambda = input.ratePerSecond;
  const s = input.exec.meanS;
  const A = input.active;
  const M = input.max;
  const K = A + M;
  const T = input.idleTimeoutS;
  const h = input.hitRate;
  const startS = h * input.restoreS + (1 - h) * input.fullS;
  const billedStartS = h * input.restoreBilledS + (1 - h) * input.fullBilledS;
  const load = lambda * s;
  const scaler = input.scaler;
  if (!(lambda > 0) || K === 0 || load >= K) {
    const overloaded = lambda > 0 && (K === 0 || load >= K);
    return { activeBusy: overloaded ? A : 0, flexStart: 0, flexExecution: overloaded ? M : 0, flexIdle: 0, flexRounding: 0, workerStarts: 0, waitedOnStart: 0, meanLatencyS: overloaded ? Infinity : s, overloaded };
  }
  const thresholdS = scaler.kind === 'queue-delay' ? scaler.thresholdS : 0;
  const overThreshold = (1 - h) * Math.max(0, input.fullS - thresholdS) + h * Math.max(0, input.restoreS - thresholdS);
  const slowStartChance = (1 - h) * (input.fullS > thresholdS ? 1 : 0) + h * (input.restoreS > thresholdS ? 1 : 0);
  const value = scaler.kind === 'request-count' ? scaler.value : 1;

  const size = K + 1;
  const q = new Float64Array(size * size);
  const p = new Float64Array(size);
  const starts = new Float64Array(size);
  const activeBusyAt = new Float64Array(size);
  for (let n = A; n <= K; n++) {
    const allBusy = occupancy(n, load, p);
    let busyActive = allBusy * Math.min(n, A);
    for (let k = 0; k < n; k++) busyActive += (p[k] as number) * Math.min(k, A);
    activeBusyAt[n] = busyActive;
    if (n < K) {
      let rate: number;
      let jump: number;
      if (n === 0) {
        rate = lambda;
        jump = scaler.kind === 'request-count' ? Math.max(1, (1 + lambda * startS) / value) : 1 + lambda * overThreshold + (scaler.kind === 'queue-delay' && scaler.eager ? slowStartChance : 0);
      } else {
        const rho = load / n;
        let trigger: number;
        if (scaler.kind === 'request-count') trigger = Math.pow(rho, (value - 1) * n);
        else if (scaler.kind === 'queue-delay') {
          const meanWait = ((s / (n * (1 - rho))) * (1 + input.exec.squaredVariation)) / 2;
          trigger = Math.exp(-thresholdS / meanWait);
        } else trigger = 1;
        rate = lambda * allBusy * trigger;
        jump = 1 + (scaler.kind === 'request-count' ? (lambda * startS * allBusy) / value : lambda * overThreshold * allBusy * trigger);
      }
      jump = Math.min(jump, K - n);
      // The mean jump split between its two neighbouring whole numbers.
      const low = Math.floor(jump);
      const frac = jump - low;
      if (rate > 0) {
        q[n * size + n + low] = (q[n * size + n + low] as number) + rate * (1 - frac);
        if (frac > 0) q[n * size + n + low + 1] = (q[n * size + n + low + 1] as number) + rate * frac;
        starts[n] = rate * jump;
      }
    }
    if (n > A && n > 0) {
      const nu = lambda * (p[n - 1] as number);
      let death = 0;
      if (nu > 0 && allBusy < 1) {
        const back = nu / (1 - allBusy);
        const spell = allBusy / nu;
        const x = back * T;
        const meanGap = x < 1e-9 ? T / 2 : 1 / back - (T * Math.exp(-x)) / -Math.expm1(-x);
        const life = x > 700 ? Infinity : startS + spell + Math.expm1(x) * (meanGap + spell) + T;
        death = 1 / life;
      }
      q[n * size + n - 1] = death;
    }
  }
  for (let n = 0; n < size; n++) {
    let out = 0;
    for (let m = 0; m < size; m++) if (m !== n) out += q[n * size + m] as number;
    q[n * size + n] = -out;
  }
  // States below A are unreachable: solve on A..K.
  const states = K - A + 1;
  const sub = new Float64Array(states * states);
  for (let i = 0; i < states; i++) for (let j = 0; j < states; j++) sub[i * states + j] = q[(A + i) * size + A + j] as number;
  const pi = new Float64Array(states);
  stationary(states, sub, pi);

  let workerStarts = 0;
  let activeBusy = 0;
  let aliveFlex = 0;
  let waited = 0;
  for (let i = 0; i < states; i++) {
    const n = A + i;
    const w = pi[i] as number;
    workerStarts += w * (starts[n] as number);
    activeBusy += w * (activeBusyAt[n] as number);
    aliveFlex += w * (n - A);
    waited += n === 0 ? w * lambda * Math.max(starts[0] as number / lambda, 1 + lambda * startS) : w * (starts[n] as number);
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
