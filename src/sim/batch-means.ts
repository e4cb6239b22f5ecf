// Confidence intervals from one run by the method of batch means: cut the horizon into b batches of
// equal simulated time, treat the b batch totals as (nearly) independent, identically distributed
// observations, and use Student's t with b - 1 degrees of freedom (Law, "Simulation Modeling and
// Analysis", 5th ed., section 9.5.3; Alexopoulos and Seila, "Output data analysis", in Handbook of
// Simulation, 1998). A total over the horizon is b x the batch mean, so its half-width is
// t_{0.975, b-1} x s x sqrt(b), s the batches' standard deviation. A ratio of two totals (the cold-start
// rate: jobs that waited on a start / arrivals) uses the ratio estimator's residuals
// d = w - R a, whose standard deviation over the total a gives the standard error (the delta method).
//
// The simulator only copies its running totals at each batch boundary (b times per run), so the
// intervals cost nothing in the event loop.
import type { PrecisionReport } from './config.js';

/** The default number of batches: 20 to 30 is the usual advice (Schmeiser, "Batch size effects", 1982). */
export const DEFAULT_PRECISION_BATCHES = 20;

/** The running totals the simulator copies at each batch boundary, by their offset in a row of BATCH_FIELDS. */
export const BATCH_FLEX_START = 0;
export const BATCH_FLEX_EXECUTION = 1;
export const BATCH_FLEX_IDLE = 2;
export const BATCH_FLEX_ROUNDING = 3;
export const BATCH_WAITED_ON_START = 4;
export const BATCH_ARRIVED = 5;
export const BATCH_WORKER_STARTS = 6;
export const BATCH_DROPPED = 7;
export const BATCH_FAILED = 8;
export const BATCH_FIELDS = 9;

/** Two-sided 95% Student t quantiles t_{0.975, df} for df = 1..30 (scipy.stats.t.ppf, 6 decimals). */
const T_975 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.13145,
  2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272,
];

/** The standard normal 0.975 quantile. */
const Z_975 = 1.959963984540054;

/**
 * t_{0.975, df}, the quantile a 95% two-sided interval uses. Tabulated to df 30; beyond, the Cornish-Fisher
 * expansion in 1/df (Abramowitz and Stegun 26.7.5), which matches the exact value to 1e-6 from df 30 up.
 */
export function studentT975(df: number): number {
  if (!(df >= 1 && Number.isInteger(df))) throw new RangeError(`studentT975: df must be >= 1, got ${String(df)}`);
  if (df <= T_975.length) return T_975[df - 1] as number;
  const z = Z_975;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/**
 * The per-batch parts of one running total, from rows of totals copied at the batch boundaries: row k
 * (k = 0..b) holds `fields` totals at the end of batch k - 1 (row 0: at time 0), field `field` at offset k x fields + field.
 */
export function batchParts(rows: Float64Array, fields: number, field: number): Float64Array {
  const b = rows.length / fields - 1;
  const parts = new Float64Array(b);
  for (let k = 0; k < b; k++) parts[k] = (rows[(k + 1) * fields + field] as number) - (rows[k * fields + field] as number);
  return parts;
}

/** Sample standard deviation of values around a given mean (b - 1 in the denominator). */
function deviation(values: Float64Array, mean: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - mean;
    sum += d * d;
  }
  return Math.sqrt(sum / (values.length - 1));
}

/** Half-width of the 95% interval of a total over the horizon, from its per-batch parts. */
export function totalHalfWidth(batchTotals: Float64Array): number {
  const b = batchTotals.length;
  let sum = 0;
  for (let i = 0; i < b; i++) sum += batchTotals[i] as number;
  return studentT975(b - 1) * deviation(batchTotals, sum / b) * Math.sqrt(b);
}

/** Half-width of the 95% interval of the ratio of two totals (numerator / denominator), from their per-batch parts; 0 when the denominator's total is 0. */
export function ratioHalfWidth(numerators: Float64Array, denominators: Float64Array): number {
  const b = numerators.length;
  let top = 0;
  let bottom = 0;
  for (let i = 0; i < b; i++) {
    top += numerators[i] as number;
    bottom += denominators[i] as number;
  }
  if (!(bottom > 0)) return 0;
  const ratio = top / bottom;
  const residuals = new Float64Array(b);
  for (let i = 0; i < b; i++) residuals[i] = (numerators[i] as number) - ratio * (denominators[i] as number);
  // The residuals sum to 0 by construction of the ratio.
  return (studentT975(b - 1) * deviation(residuals, 0) * Math.sqrt(b)) / bottom;
}

/**
 * The precision report of a run from its batch rows: rows.length / BATCH_FIELDS - 1 batches, row k holding
 * the running totals at the end of batch k - 1 (row 0: zeros at time 0; the last row: the run's totals).
 */
export function summarizeBatches(rows: Float64Array, horizonS: number): PrecisionReport {
  const batches = rows.length / BATCH_FIELDS - 1;
  const parts = (field: number) => batchParts(rows, BATCH_FIELDS, field);
  const start = parts(BATCH_FLEX_START);
  const execution = parts(BATCH_FLEX_EXECUTION);
  const idle = parts(BATCH_FLEX_IDLE);
  const rounding = parts(BATCH_FLEX_ROUNDING);
  const flexTotal = new Float64Array(batches);
  for (let k = 0; k < batches; k++) flexTotal[k] = (start[k] as number) + (execution[k] as number) + (idle[k] as number) + (rounding[k] as number);
  return {
    batches,
    batchSeconds: horizonS / batches,
    tQuantile: studentT975(batches - 1),
    billedSecondsHalfWidth: {
      active: 0,
      flexStart: totalHalfWidth(start),
      flexExecution: totalHalfWidth(execution),
      flexIdle: totalHalfWidth(idle),
      flexRounding: totalHalfWidth(rounding),
      flexTotal: totalHalfWidth(flexTotal),
    },
    coldStartRateHalfWidth: ratioHalfWidth(parts(BATCH_WAITED_ON_START), parts(BATCH_ARRIVED)),
    workerStartsHalfWidth: totalHalfWidth(parts(BATCH_WORKER_STARTS)),
    dropRateHalfWidth: ratioHalfWidth(parts(BATCH_DROPPED), parts(BATCH_ARRIVED)),
    failedShareHalfWidth: ratioHalfWidth(parts(BATCH_FAILED), parts(BATCH_ARRIVED)),
  };
}
