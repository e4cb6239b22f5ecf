// A simulator-generated correction for the levels model (./fast-endpoint.ts) under the queueing scalers
// (queue-delay 'pending', request-count values 1 to 4) without active workers, where the model lets arrivals reach
// new workers too easily. scripts/fast-correction.ts simulated a grid over dimensionless parameters and
// stored, per grid node, the ratios of the simulator's worker starts and idle seconds to the model's;
// the fast path multiplies the model's starts (and so their billed seconds and rounding) and idle
// seconds by them, interpolated multilinearly (in the log of every axis but the execution time's
// squared variation, which can be 0; in the log of the ratio): continuous, so a small change in load
// moves them a little. Execution seconds are exact in the model (they equal the load) and are left alone.
import { CORRECTION_AXES, CORRECTION_TABLE } from './fast-correction-table.js';
import type { FastEndpointInput } from './fast-endpoint.js';

/** The scalers the table covers; null for the others (no correction). */
export type CorrectedScaler = 'queue-delay' | 'request-count';

export function correctedScalerOf(input: FastEndpointInput): CorrectedScaler | null {
  if (input.active !== 0) return null;
  if (input.scaler.kind === 'queue-delay' && !input.scaler.eager) return 'queue-delay';
  if (input.scaler.kind === 'request-count') return 'request-count';
  return null;
}

/** The point's coordinates, in the axes' order: threshold / exec (request-count: the value), load, max, start / exec, idle timeout / exec, squared variation. */
export function correctionCoordinates(input: FastEndpointInput): number[] {
  const s = input.exec.meanS;
  const h = input.hitRate;
  const startS = h * input.restoreS + (1 - h) * input.fullS;
  const first = input.scaler.kind === 'queue-delay' ? input.scaler.thresholdS / s : input.scaler.kind === 'request-count' ? input.scaler.value : 1;
  return [first, input.ratePerSecond * s, input.max, startS / s, input.idleTimeoutS / s, input.exec.squaredVariation];
}

/** Axes interpolated in the coordinate itself rather than its log (the squared variation, which can be 0). */
const LINEAR_AXES: readonly boolean[] = [false, false, false, false, false, true];

export interface CorrectionRatios {
  starts: number;
  idle: number;
}

/** Multilinear interpolation of log(ratio) in each coordinate's log (or itself), clamped to the grid's edges. */
export function correctionRatios(input: FastEndpointInput): CorrectionRatios {
  const scaler = correctedScalerOf(input);
  if (scaler === null) return { starts: 1, idle: 1 };
  const table = CORRECTION_TABLE[scaler];
  const axes: readonly (readonly number[])[] = CORRECTION_AXES[scaler];
  const coords = correctionCoordinates(input);
  const lower: number[] = [];
  const weight: number[] = [];
  const strides: number[] = [];
  let stride = 1;
  for (let d = axes.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= (axes[d] as readonly number[]).length;
  }
  for (let d = 0; d < axes.length; d++) {
    const axis = axes[d] as readonly number[];
    const f = LINEAR_AXES[d] === true ? (v: number) => v : Math.log;
    const x = f(Math.max(axis[0] as number, Math.min(axis[axis.length - 1] as number, coords[d] as number)));
    let i = 0;
    while (i < axis.length - 2 && x > f(axis[i + 1] as number)) i++;
    const a = f(axis[i] as number);
    const b = f(axis[i + 1] as number);
    lower.push(i);
    weight.push(b > a ? Math.min(1, Math.max(0, (x - a) / (b - a))) : 0);
  }
  let logStarts = 0;
  let logIdle = 0;
  for (let corner = 0; corner < 1 << axes.length; corner++) {
    let w = 1;
    let index = 0;
    for (let d = 0; d < axes.length; d++) {
      const up = (corner >> d) & 1;
      const wd = weight[d] as number;
      w *= up === 1 ? wd : 1 - wd;
      index += ((lower[d] as number) + up) * (strides[d] as number);
    }
    if (w > 0) {
      logStarts += w * Math.log(table.starts[index] as number);
      logIdle += w * Math.log(table.idle[index] as number);
    }
  }
  return { starts: Math.exp(logStarts), idle: Math.exp(logIdle) };
}
