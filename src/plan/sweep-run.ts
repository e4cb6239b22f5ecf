// One grid point of a sweep, evaluated: used by the main thread and by each worker thread alike, so a
// point gives the same row whichever thread runs it (and the same seed gives the same rows).
import type { Catalog } from '../catalog/schema.js';
import { evaluatePlan } from './evaluate.js';
import { metricsOf, planAt, pointAt, type Axis, type AxisValue, type SweepMetrics } from './sweep.js';

/** Everything a thread needs to evaluate any point; plain data, so it can be posted to a worker. */
export interface SweepJob {
  rawPlan: unknown;
  axes: Axis[];
  catalog: Catalog;
  planDir: string;
  fast: boolean;
}

export interface SweepRow {
  index: number;
  values: AxisValue[];
  metrics: SweepMetrics;
  /** Monthly cost per resource, in the plan's order. */
  resources: { name: string; monthlyUsd: number }[];
}

export async function evaluatePoint(job: SweepJob, index: number): Promise<SweepRow> {
  const values = pointAt(job.axes, index);
  const plan = planAt(job.rawPlan, job.axes, values, index);
  // Points are validated by the schema above; positions inside the base plan are not meaningful here.
  const result = await evaluatePlan(job.catalog, plan, { fast: job.fast, planDir: job.planDir, locate: () => ({}) });
  return { index, values, metrics: metricsOf(result), resources: result.resources.map((resource) => ({ name: resource.name, monthlyUsd: resource.monthlyUsd })) };
}
