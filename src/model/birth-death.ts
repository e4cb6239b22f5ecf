// Birth-death chains for the fast endpoint model (./fast-endpoint.ts): the stationary distribution, and
// the chance of reaching a level within a fixed time, computed exactly (no exponential stand-in for the
// deterministic idle timeout) from the eigen-decomposition of the chain killed at that level. A
// birth-death generator is similar to a symmetric tridiagonal matrix (D Q D^-1 with D = diag(sqrt(pi))),
// so its eigenvalues are real and the implicit QL algorithm finds them stably (tql2 of EISPACK, as in
// JAMA's EigenvalueDecomposition). Chains here have at most active + max workers + 1 states (24).

const EPSILON = 2 ** -52;

/**
 * sqrt(a^2 + b^2) with the same operations, so the same bits, as V8's Math.hypot (v8/src/builtins/math.tq:
 * both scaled by the larger, Kahan-summed squares, whose compensation is zero for two terms), a few
 * times faster: Math.hypot is a builtin call with a variadic arguments array, and a third of the fast
 * path's time went to it. test/model/birth-death.test.ts holds the two to the same bits. A NaN comes
 * back computed (x + y), not as the constant: with `return NaN` the decomposition took a quarter longer.
 */
export function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const max = x > y ? x : y;
  if (max === Infinity || x === Infinity || y === Infinity) return Infinity;
  if (max > 0) {
    const p = x / max;
    const q = y / max;
    return Math.sqrt(p * p + q * q) * max;
  }
  // Both 0, or a NaN (x + y is NaN then).
  return x === 0 && y === 0 ? 0 : x + y;
}

/**
 * Eigenvalues and eigenvectors of the symmetric tridiagonal matrix with diagonal d[0..n-1] and
 * off-diagonal e[i] = J[i][i+1] (e[n-1] ignored). On return d holds the eigenvalues and column j of the
 * row-major n x n matrix v the eigenvector of d[j]. Overwrites d and e.
 */
export function symmetricTridiagonalEigen(n: number, d: Float64Array, e: Float64Array, v: Float64Array): void {
  v.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l] as number) + Math.abs(e[l] as number));
    let m = l;
    while (m < n - 1 && Math.abs(e[m] as number) > EPSILON * tst1) m++;
    if (m > l) {
      do {
        let g = d[l] as number;
        let p = ((d[l + 1] as number) - g) / (2 * (e[l] as number));
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = (e[l] as number) / (p + r);
        d[l + 1] = (e[l] as number) * (p + r);
        const dl1 = d[l + 1] as number;
        let h = g - (d[l] as number);
        for (let i = l + 2; i < n; i++) d[i] = (d[i] as number) - h;
        f += h;
        p = d[m] as number;
        let c = 1;
        let c2 = 1;
        let c3 = 1;
        const el1 = e[l + 1] as number;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          const ei = e[i] as number;
          g = c * ei;
          h = c * p;
          r = hypot(p, ei);
          e[i + 1] = s * r;
          s = ei / r;
          c = p / r;
          p = c * (d[i] as number) - s * g;
          d[i + 1] = h + s * (c * g + s * (d[i] as number));
          for (let k = 0; k < n; k++) {
            const row = k * n;
            const vk1 = v[row + i + 1] as number;
            const vk = v[row + i] as number;
            v[row + i + 1] = s * vk + c * vk1;
            v[row + i] = c * vk - s * vk1;
          }
        }
        p = (-s * s2 * c3 * el1 * (e[l] as number)) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l] as number) > EPSILON * tst1);
    }
    d[l] = (d[l] as number) + f;
    e[l] = 0;
  }
}

/**
 * Natural logarithms of the stationary distribution's weights (unnormalised) of the chain on 0..k with
 * birth rates births[i] (i -> i + 1) and death rates deaths[i] (i -> i - 1): log pi_i = sum log(b / d).
 * A zero birth rate makes the states above it unreachable (-Infinity).
 */
export function logStationaryWeights(k: number, births: Float64Array, deaths: Float64Array, out: Float64Array): void {
  out[0] = 0;
  for (let i = 1; i <= k; i++) {
    const b = births[i - 1] as number;
    const d = deaths[i] as number;
    out[i] = b > 0 ? (out[i - 1] as number) + Math.log(b) - Math.log(d) : -Infinity;
  }
}

/** Scratch arrays for reachWithin, sized once per evaluation. */
export class ChainScratch {
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly v: Float64Array;
  readonly w: Float64Array;
  readonly c: Float64Array;
  readonly c2: Float64Array;
  constructor(size: number) {
    this.d = new Float64Array(size);
    this.e = new Float64Array(size);
    this.v = new Float64Array(size * size);
    this.w = new Float64Array(size);
    this.c = new Float64Array(size);
    this.c2 = new Float64Array(size);
  }
}

/**
 * For the chain killed on reaching level m, started at each j < m: out[j] = P(reach m within t seconds).
 * logPi holds the chain's log stationary weights (logStationaryWeights). Exact up to rounding for j of
 * non-negligible stationary weight; the callers weight every out[j] by pi_j, and the rounding error of a
 * state of tiny weight (amplified by sqrt(pi_max / pi_j)) is then below 1e-16 in their sums.
 */
export function reachWithin(
  m: number,
  births: Float64Array,
  deaths: Float64Array,
  logPi: Float64Array,
  t: number,
  scratch: ChainScratch,
  out: Float64Array,
): void {
  const { d, e, v, w, c } = scratch;
  if (!((births[m - 1] as number) > 0)) {
    out.fill(0, 0, m);
    return;
  }
  let top = -Infinity;
  for (let i = 0; i < m; i++) top = Math.max(top, logPi[i] as number);
  for (let i = 0; i < m; i++) {
    d[i] = -((births[i] as number) + (i > 0 ? (deaths[i] as number) : 0));
    e[i] = i + 1 < m ? Math.sqrt((births[i] as number) * (deaths[i + 1] as number)) : 0;
    w[i] = Math.exp(0.5 * ((logPi[i] as number) - top));
  }
  symmetricTridiagonalEigen(m, d, e, v);
  // Survival u = D^-1 V exp(Lambda t) V^T D 1, with D = diag(w).
  for (let k = 0; k < m; k++) {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += (v[i * m + k] as number) * (w[i] as number);
    const decay = t === Infinity ? 0 : Math.exp((d[k] as number) * t);
    c[k] = sum * decay;
  }
  for (let j = 0; j < m; j++) {
    const wj = w[j] as number;
    if (!(wj > 1e-150)) {
      out[j] = 0;
      continue;
    }
    let sum = 0;
    for (let k = 0; k < m; k++) sum += (v[j * m + k] as number) * (c[k] as number);
    const survival = sum / wj;
    out[j] = survival >= 1 ? 0 : survival <= 0 ? 1 : 1 - survival;
  }
}

/**
 * Like reachWithin, and also the mean time spent before reaching m or t elapsing, E[min(tau_m, t)], from
 * each j < m: the integral of the survival over [0, t] (meanTime[j]).
 */
export function reachWithinAndMeanTime(
  m: number,
  births: Float64Array,
  deaths: Float64Array,
  logPi: Float64Array,
  t: number,
  scratch: ChainScratch,
  out: Float64Array,
  meanTime: Float64Array,
): void {
  const { d, e, v, w, c } = scratch;
  if (!((births[m - 1] as number) > 0)) {
    out.fill(0, 0, m);
    meanTime.fill(t, 0, m);
    return;
  }
  let top = -Infinity;
  for (let i = 0; i < m; i++) top = Math.max(top, logPi[i] as number);
  for (let i = 0; i < m; i++) {
    d[i] = -((births[i] as number) + (i > 0 ? (deaths[i] as number) : 0));
    e[i] = i + 1 < m ? Math.sqrt((births[i] as number) * (deaths[i + 1] as number)) : 0;
    w[i] = Math.exp(0.5 * ((logPi[i] as number) - top));
  }
  symmetricTridiagonalEigen(m, d, e, v);
  const integral = scratch.c2;
  for (let k = 0; k < m; k++) {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += (v[i * m + k] as number) * (w[i] as number);
    const dk = d[k] as number;
    c[k] = sum * (t === Infinity ? 0 : Math.exp(dk * t));
    integral[k] = sum * (dk < 0 ? (t === Infinity ? -1 / dk : Math.expm1(dk * t) / dk) : t);
  }
  for (let j = 0; j < m; j++) {
    const wj = w[j] as number;
    if (!(wj > 1e-150)) {
      out[j] = 0;
      meanTime[j] = 0;
      continue;
    }
    let sum = 0;
    let area = 0;
    for (let k = 0; k < m; k++) {
      sum += (v[j * m + k] as number) * (c[k] as number);
      area += (v[j * m + k] as number) * (integral[k] as number);
    }
    const survival = sum / wj;
    out[j] = survival >= 1 ? 0 : survival <= 0 ? 1 : 1 - survival;
    meanTime[j] = Math.min(t, Math.max(0, area / wj));
  }
}
