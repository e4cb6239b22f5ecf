// A simulator-generated correction of the fast model (queueingScalerRates in ./scaling-chain.ts; for
// per-request, the levels model of ./fast-endpoint.ts): queue-delay under each reading, request-count
// and per-request, with 0 to 3 active workers.
// scripts/fast-correction.ts simulated grids over dimensionless parameters and stored, per grid node,
// the ratios of the simulator's flex worker starts, flex idle seconds, active workers' busy seconds and
// cold-start rate (shifted: see WAITED_SHIFT) to the model's; the fast path multiplies the model's starts
// (and so their billed seconds and rounding), idle seconds, with active workers the active workers' busy
// seconds (the flex workers execute the rest of the load), and its cold-start rate by them,
// interpolated multilinearly (in the log of every axis but the execution time's squared variation,
// which can be 0; in the log of the ratio, as stored): continuous, so a small change in load moves them
// a little. The active share is corrected rather than the flex
// one: it saturates at the active workers' count, where a ratio on the flex share, steep in the load
// past it, would make steps. Without active workers the flex execution seconds are the load, exact.
import { CORRECTION_GRIDS } from './fast-correction-table.js';
import { meanStartOf, type FastEndpointInput } from './fast-endpoint.js';

/** The largest active worker count with its own grid; more active workers use its grid (outside the validated domain). */
export const CORRECTION_MAX_ACTIVE = 3;

/**
 * The queue-delay grids' smallest threshold, in mean executions (every queue-delay grid has the same first
 * axis): below it the correction is the edge's, not simulated.
 */
export const CORRECTION_MIN_THRESHOLD_EXECS = Math.min(
  ...Object.entries(CORRECTION_GRIDS)
    .filter(([key]) => key.startsWith('queue-delay'))
    .map(([, grid]) => grid.axes[0]?.[0] ?? Infinity),
);

/** Every grid's smallest start, in mean executions (the fourth axis; the same in every grid). */
export const CORRECTION_MIN_START_EXECS = Math.min(...Object.values(CORRECTION_GRIDS).map((grid) => grid.axes[3]?.[0] ?? Infinity));

/** Grid keys by scaler and active workers (built once: the fast path looks one up per evaluation). */
const KEYS: Record<'queue-delay pending' | 'queue-delay eager' | 'request-count' | 'per-request', readonly string[]> = {
  'queue-delay pending': [0, 1, 2, 3].map((a) => `queue-delay pending/${a}`),
  'queue-delay eager': [0, 1, 2, 3].map((a) => `queue-delay eager/${a}`),
  'request-count': [0, 1, 2, 3].map((a) => `request-count/${a}`),
  'per-request': [0, 1, 2, 3].map((a) => `per-request/${a}`),
};

/** The grid that covers this input's scaler and active workers. */
export function correctionGridKey(input: FastEndpointInput): string {
  const scaler = input.scaler;
  const active = Math.min(input.active, CORRECTION_MAX_ACTIVE);
  const name = scaler.kind === 'queue-delay' ? (scaler.eager ? 'queue-delay eager' : 'queue-delay pending') : scaler.kind;
  return KEYS[name][active] as string;
}

/** The point's coordinates, in the axes' order: threshold / exec (request-count: the value; per-request: 1), load, max, start / exec, idle timeout / exec, squared variation. */
export function correctionCoordinates(input: FastEndpointInput): number[] {
  const s = input.exec.meanS;
  const { startS } = meanStartOf(input);
  const first = input.scaler.kind === 'queue-delay' ? input.scaler.thresholdS / s : input.scaler.kind === 'request-count' ? input.scaler.value : 1;
  return [first, input.ratePerSecond * s, input.max, startS / s, input.idleTimeoutS / s, input.exec.squaredVariation];
}

/** Axes interpolated in the coordinate itself rather than its log (the squared variation, which can be 0). */
const LINEAR_AXES: readonly boolean[] = [false, false, false, false, false, true];

export interface CorrectionRatios {
  starts: number;
  idle: number;
  activeBusy: number;
  /** The cold-start rate's, shifted: corrected rate = (model rate + WAITED_SHIFT) x waited - WAITED_SHIFT (see correctedColdStartRate). */
  waited: number;
}

/**
 * The cold-start rate is corrected as (rate + WAITED_SHIFT), a share of requests: a ratio of two rates
 * near 0 is noise, and a shift keeps it bounded where the simulator's rate is near 0 and the model's is
 * not (a queue the ready workers drain before a start ends), while leaving a rate of several percent
 * corrected almost as a plain ratio.
 */
export const WAITED_SHIFT = 0.002;

/** The corrected cold-start rate (a share of requests, 0 to 1) from the model's and the grid's shifted ratio. */
export function correctedColdStartRate(modelRate: number, waited: number): number {
  return Math.min(1, Math.max(0, (modelRate + WAITED_SHIFT) * waited - WAITED_SHIFT));
}

const NONE: CorrectionRatios = { starts: 1, idle: 1, activeBusy: 1, waited: 1 };

/** A grid's stored values (1000 ln ratio): starts, idle, active busy (all 0 without active workers) and waited columns. */
export interface GridValues {
  axes: readonly (readonly number[])[];
  starts: Int16Array;
  idle: Int16Array;
  activeBusy: Int16Array;
  waited: Int16Array;
}

/** Grids decoded on first use (the table is a string until then, which keeps start-up cheap). */
const decoded = new Map<string, GridValues | null>();

/** The stored values of a grid, or null when there is no such grid. */
export function gridValues(key: string): GridValues | null {
  let values = decoded.get(key);
  if (values !== undefined) return values;
  const grid = CORRECTION_GRIDS[key];
  if (grid === undefined) values = null;
  else {
    const binary = atob(grid.ratios);
    const all = new Int16Array(binary.length / 2);
    // Little-endian pairs; the typed array wraps them to 16 bits with their sign.
    for (let i = 0; i < all.length; i++) all[i] = binary.charCodeAt(2 * i) | (binary.charCodeAt(2 * i + 1) << 8);
    const n = all.length / grid.columns.length;
    const column = (name: string) => {
      const at = grid.columns.indexOf(name);
      return at >= 0 ? all.subarray(at * n, (at + 1) * n) : new Int16Array(n);
    };
    values = { axes: grid.axes, starts: column('starts'), idle: column('idle'), activeBusy: column('activeBusy'), waited: column('waited') };
  }
  decoded.set(key, values);
  return values;
}

/** The cell of a grid a point lies in: its base node and the axes it lies strictly between two nodes of, with its weights there. */
interface GridCell {
  /** The base node (each axis's lower bracket, or the node itself when the point sits on one). */
  base: number;
  /** Per axis the point lies strictly between two nodes of: the weight of the upper node ... */
  weights: number[];
  /** ... and the stride from the lower node to the upper in the row-major values. */
  strides: number[];
}

/** The grid cell of these coordinates, clamped to the grid's edges: only its 2^k corners carry weight. */
function cellOf(axes: readonly (readonly number[])[], coords: readonly number[]): GridCell {
  let base = 0;
  let stride = 1;
  const weights: number[] = [];
  const strides: number[] = [];
  for (let d = axes.length - 1; d >= 0; d--) {
    const axis = axes[d] as readonly number[];
    const f = LINEAR_AXES[d] === true ? (v: number) => v : Math.log;
    const x = f(Math.max(axis[0] as number, Math.min(axis[axis.length - 1] as number, coords[d] as number)));
    let i = 0;
    while (i < axis.length - 2 && x > f(axis[i + 1] as number)) i++;
    const a = f(axis[i] as number);
    const b = axis.length > 1 ? f(axis[i + 1] as number) : a;
    const w = b > a ? Math.min(1, Math.max(0, (x - a) / (b - a))) : 0;
    if (w >= 1) base += (i + 1) * stride;
    else {
      base += i * stride;
      if (w > 0) {
        weights.push(w);
        strides.push(stride);
      }
    }
    stride *= axis.length;
  }
  return { base, weights, strides };
}

/** Multilinear interpolation of log(ratio) in each coordinate's log (or itself), clamped to the grid's edges. */
export function correctionRatios(input: FastEndpointInput): CorrectionRatios {
  const grid = gridValues(correctionGridKey(input));
  if (grid === null) return NONE;
  const { base, weights, strides } = cellOf(grid.axes, correctionCoordinates(input));
  let logStarts = 0;
  let logIdle = 0;
  let logActiveBusy = 0;
  let logWaited = 0;
  for (let corner = 0; corner < 1 << weights.length; corner++) {
    let w = 1;
    let index = base;
    for (let k = 0; k < weights.length; k++) {
      const wk = weights[k] as number;
      if ((corner >> k) & 1) {
        w *= wk;
        index += strides[k] as number;
      } else w *= 1 - wk;
    }
    logStarts += w * (grid.starts[index] as number);
    logIdle += w * (grid.idle[index] as number);
    logActiveBusy += w * (grid.activeBusy[index] as number);
    logWaited += w * (grid.waited[index] as number);
  }
  return { starts: Math.exp(logStarts / 1000), idle: Math.exp(logIdle / 1000), activeBusy: Math.exp(logActiveBusy / 1000), waited: Math.exp(logWaited / 1000) };
}

/** The ratios stored at the corners of the grid cell this input is interpolated in (one on a node; none without a grid). */
export function correctionCornerRatios(input: FastEndpointInput): CorrectionRatios[] {
  const grid = gridValues(correctionGridKey(input));
  if (grid === null) return [];
  const { base, weights, strides } = cellOf(grid.axes, correctionCoordinates(input));
  const corners: CorrectionRatios[] = [];
  for (let corner = 0; corner < 1 << weights.length; corner++) {
    let index = base;
    for (let k = 0; k < weights.length; k++) if ((corner >> k) & 1) index += strides[k] as number;
    const ratio = (column: Int16Array) => Math.exp((column[index] as number) / 1000);
    corners.push({ starts: ratio(grid.starts), idle: ratio(grid.idle), activeBusy: ratio(grid.activeBusy), waited: ratio(grid.waited) });
  }
  return corners;
}

/**
 * How steep the cold-start rate's correction is around this point: the largest over the smallest of its
 * (shifted) ratios at the corners of the grid cell the point is interpolated in, less 1 (0 on a node or
 * in a flat cell; 0.25 where one corner's ratio is 25% over another's). Interpolating across a steep
 * cell is where the corrected rate errs (bench/fast-vs-sim.ts); 0 without a grid.
 */
export function coldStartCorrectionSteepness(input: FastEndpointInput): number {
  const waited = correctionCornerRatios(input).map((corner) => corner.waited);
  return waited.length === 0 ? 0 : Math.max(...waited) / Math.min(...waited) - 1;
}
