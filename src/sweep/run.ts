// One grid point of a sweep, evaluated: used by the main thread and by each worker thread alike, so a
// point gives the same row whichever thread runs it (and the same seed gives the same rows).
import type { Catalog } from '../catalog/schema.js';
import { InputError } from '../input/error.js';
import { resolveGpu } from '../catalog/lookup.js';
import { evaluatePlan } from '../plan/evaluate.js';
import type { PlanFiles } from '../plan/files.js';
import type { Plan } from '../plan/schema.js';
import { pointAt, type Axis, type AxisValue } from './grid.js';
import type { SweepMetrics } from './select.js';
import { metricsOf, pointPlanner, type PointPlanner } from './point.js';

/** Everything a thread needs to evaluate any point; plain data, so it can be posted to a worker. */
export interface SweepJob {
  rawPlan: unknown;
  axes: Axis[];
  catalog: Catalog;
  /** The files the plan's endpoints name (and those the axes name), read once by the main thread. */
  files: PlanFiles;
  fast: boolean;
}

export interface SweepRow {
  index: number;
  values: AxisValue[];
  metrics: SweepMetrics;
  /** Monthly cost per resource, in the plan's order. */
  resources: { name: string; monthlyUsd: number }[];
  /** With --fast: an endpoint of this point is outside the domain where the fast path was validated. */
  outsideFastDomain: boolean;
  /** With --fast: an endpoint of this point is inside that domain but its cold-start rate is outside the narrower domain where the rate was validated. */
  coldStartRateOutsideFastDomain: boolean;
}

// Each thread builds a job's point planner once (the job reaches a worker as a copy, so a cache keyed by the
// job object is per thread by construction).
const planners = new WeakMap<SweepJob, PointPlanner>();

/** The plan of point `index` of the job's grid. */
function planOf(job: SweepJob, values: AxisValue[], index: number) {
  let planner = planners.get(job);
  if (planner === undefined) {
    planner = pointPlanner(job.rawPlan, job.axes);
    planners.set(job, planner);
  }
  return planner(values, index);
}

/** A point's error names the point and its axis values, and the axis as the flag to fix. */
function atPoint(error: unknown, job: SweepJob, values: AxisValue[], index: number): unknown {
  if (!(error instanceof InputError) || error.message.startsWith('point ')) return error;
  const axis = job.axes.find((candidate) => error.path !== '' && (error.path.startsWith(candidate.name) || candidate.name.startsWith(error.path)));
  const point = job.axes.map((candidate, i) => `${candidate.name}=${String(values[i])}`).join(', ');
  return new InputError(`point ${index + 1} (${point}): ${error.path === '' ? '' : `${error.path}: `}${error.message}`, error.where.file === undefined ? { flag: axis === undefined ? '--set' : `--set ${axis.name}` } : error.where);
}

/**
 * Checks a point before any row is written: the schema, and every GPU name, so a bad axis value stops
 * the sweep with one line instead of after half the rows.
 */
export function validatePoint(job: SweepJob, index: number): void {
  const values = pointAt(job.axes, index);
  const plan = planOf(job, values, index);
  try {
    for (const [name, endpoint] of Object.entries(plan.endpoints)) resolvePlanGpu(job.catalog, endpoint.gpu, ['endpoints', name, 'gpu']);
    for (const [name, pod] of Object.entries(plan.pods)) resolvePlanGpu(job.catalog, pod.gpu, ['pods', name, 'gpu']);
  } catch (error) {
    throw atPoint(error, job, values, index);
  }
}

/**
 * Checks every value of every axis before any row is written, on the points where the other axes take
 * their first value: as many checks as there are axis values, not as many as points. (A value bad only
 * in combination with another axis still fails, at its point, when the sweep reaches it.)
 */
export function validateAxisValues(job: SweepJob): void {
  for (const index of axisValuePoints(job)) validatePoint(job, index);
}

/** The points where one axis takes each of its values and the others their first: one per axis value. */
function axisValuePoints(job: SweepJob): number[] {
  const points: number[] = [];
  let stride = 1;
  for (let a = job.axes.length - 1; a >= 0; a--) {
    const axis = job.axes[a] as SweepJob['axes'][number];
    for (let v = 0; v < axis.values.length; v++) points.push(v * stride);
    stride *= axis.values.length;
  }
  return points;
}

/** The plans at every axis value: what names the files a sweep must read before it starts. */
export function axisValuePlans(job: SweepJob): Plan[] {
  return axisValuePoints(job).map((index) => planOf(job, pointAt(job.axes, index), index));
}

function resolvePlanGpu(catalog: SweepJob['catalog'], query: string, path: string[]): void {
  try {
    resolveGpu(catalog, query);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.message, {}, path.join('.'));
    throw error;
  }
}

export async function evaluatePoint(job: SweepJob, index: number): Promise<SweepRow> {
  const values = pointAt(job.axes, index);
  const plan = planOf(job, values, index);
  try {
    // Points are validated by the schema above; positions inside the base plan are not meaningful here.
    const result = evaluatePlan(job.catalog, plan, { fast: job.fast, files: job.files, locate: () => ({}), withoutAssumptions: true });
    return {
      index,
      values,
      metrics: metricsOf(result),
      resources: result.resources.map((resource) => ({ name: resource.name, monthlyUsd: resource.monthlyUsd })),
      outsideFastDomain: result.resources.some((resource) => resource.outsideFastDomain !== null),
      coldStartRateOutsideFastDomain: result.resources.some((resource) => resource.coldStartRateOutsideFastDomain !== null),
    };
  } catch (error) {
    throw atPoint(error, job, values, index);
  }
}
