// A plan evaluated into a result: every resource priced by its kind in the registry (endpoints simulated,
// or with `fast` priced by the fast path; pods and network volumes priced), with the totals and the
// assumptions as data.
import type { Catalog } from '../catalog/schema.js';
import type { AssumptionOf, EndpointAssumption } from '../endpoint/assumptions.js';
import { checkRunSettings } from '../endpoint/resolve.js';
import { InputError, type InputLocation } from '../input/error.js';
import type { PlanFiles } from './files.js';
import { RESOURCE_SECTIONS, RESOURCES } from './resources/index.js';
import type { EndpointWatcher, PlanSettings, Resource, ResourceResult } from './resources/resource.js';
import type { Plan } from './schema.js';
import type * as z from 'zod';
import { byCodeUnits } from '../input/order.js';

export type { ResourceResult } from './resources/resource.js';

export type PlanAssumption = AssumptionOf<'plan.month', { monthS: number; given: boolean; fast: boolean; horizonS: number; horizonGiven: boolean; precision: number; seed: number }>;

export interface PlanResult {
  resources: ResourceResult[];
  monthlyUsd: number;
  dailyUsd: number;
  requestsPerMonth: number;
  /** Endpoint cost per 1,000 requests (pods and volumes excluded); null without requests. */
  usdPer1000Requests: number | null;
  monthHours: number;
  method: 'sim' | 'analytic';
  assumptions: (PlanAssumption | EndpointAssumption)[];
}

export interface EvaluateOptions {
  /** The fast path instead of simulation (fast; no latency percentiles). */
  fast: boolean;
  /** The files the plan names, read where it was loaded. */
  files: PlanFiles;
  /** Where a key path is written in the plan, for errors. */
  locate: (path: (string | number)[]) => InputLocation;
  /** Leave the assumptions out (a sweep's rows show none): default false. */
  withoutAssumptions?: boolean;
  /** Called with each endpoint as resolved and evaluated (calibrate's replay reads the simulation behind it). */
  onEndpoint?: EndpointWatcher;
}

const DEFAULT_HORIZON_S = 30 * 86_400;
const DEFAULT_PRECISION = 0.01;
const DEFAULT_MONTH_S = 730 * 3600;

/** An error raised at a path inside a plan entry (or the plan), re-pointed at where the plan writes it. */
function inPlan(error: unknown, at: string[], locate: EvaluateOptions['locate']): unknown {
  if (!(error instanceof InputError) || error.where.file !== undefined || error.where.flag !== undefined) return error;
  const path = [...at, ...(error.path === '' ? [] : error.path.split('.'))];
  return new InputError(error.message, locate(path), path.join('.'));
}

/** Prices every resource of a plan: sections in the registry's order, entries in name order, each endpoint with the plan's seed. */
export function evaluatePlan(catalog: Catalog, plan: Plan, options: EvaluateOptions): PlanResult {
  const settings: PlanSettings = {
    monthS: plan.month ?? DEFAULT_MONTH_S,
    horizonS: plan.horizon ?? DEFAULT_HORIZON_S,
    horizonGiven: plan.horizon !== undefined,
    precision: plan.precision ?? DEFAULT_PRECISION,
    seed: plan.seed,
    ...(plan.maxRequests === undefined ? {} : { maxRequests: plan.maxRequests }),
  };
  try {
    checkRunSettings(settings);
  } catch (error) {
    throw inPlan(error, [], options.locate);
  }
  const context = { catalog, settings, fast: options.fast, files: options.files, assumptions: options.withoutAssumptions !== true, ...(options.onEndpoint === undefined ? {} : { onEndpoint: options.onEndpoint }) };
  const resources: ResourceResult[] = [];
  const assumptions: (PlanAssumption | EndpointAssumption)[] = [
    {
      key: 'month',
      value: settings.monthS / 3600,
      id: 'plan.month',
      values: { monthS: settings.monthS, given: plan.month !== undefined, fast: options.fast, horizonS: settings.horizonS, horizonGiven: settings.horizonGiven, precision: settings.precision, seed: plan.seed },
    },
  ];
  for (const section of RESOURCE_SECTIONS) {
    const resource = RESOURCES[section] as Resource<z.ZodType>;
    const entries = Object.entries(plan[section] as Record<string, unknown>).sort((a, b) => byCodeUnits(a[0], b[0]));
    for (const [name, entry] of entries) {
      try {
        const evaluated = resource.evaluate(name, entry, context);
        resources.push(evaluated.result);
        assumptions.push(...evaluated.assumptions);
      } catch (error) {
        throw inPlan(error, [section, name], options.locate);
      }
    }
  }
  const monthlyUsd = resources.reduce((sum, resource) => sum + resource.monthlyUsd, 0);
  const endpointUsd = resources.filter((resource) => resource.kind === 'endpoint').reduce((sum, resource) => sum + resource.monthlyUsd, 0);
  const requestsPerMonth = resources.reduce((sum, resource) => sum + (resource.requestsPerMonth ?? 0), 0);
  // Per request served: an overloaded endpoint's unserved requests are not a saving.
  const servedPerMonth = resources.reduce((sum, resource) => sum + (resource.overload?.servedPerMonth ?? resource.requestsPerMonth ?? 0), 0);
  return {
    resources,
    monthlyUsd,
    dailyUsd: monthlyUsd / (settings.monthS / 86_400),
    requestsPerMonth,
    usdPer1000Requests: servedPerMonth > 0 ? (endpointUsd / servedPerMonth) * 1000 : null,
    monthHours: settings.monthS / 3600,
    method: options.fast ? 'analytic' : 'sim',
    assumptions,
  };
}
