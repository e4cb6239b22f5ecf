// What-if sweeps: each point of the grid (grid.ts) is a plan of its own, validated by the plan schema
// and evaluated into one row of results.
import * as z from 'zod';
import { InputError } from '../input/error.js';
import { deepestIssue, describeIssue } from '../input/zod-issue.js';
import { GPU_HOUR, GPU_SECOND } from '../model/line-items.js';
import type { PlanResult } from '../plan/evaluate.js';
import type { Axis, AxisValue } from './grid.js';
import type { SweepMetrics } from './select.js';
import { RESOURCE_SECTIONS, RESOURCES, type ResourceSection } from '../plan/resources/index.js';
import { PlanSchema, type Plan } from '../plan/schema.js';

function setPath(target: Record<string, unknown>, path: string[], value: AxisValue): void {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      const created: Record<string, unknown> = {};
      Object.defineProperty(node, key, { value: created, enumerable: true, writable: true, configurable: true });
      node = created;
    } else {
      node = next as Record<string, unknown>;
    }
  }
  Object.defineProperty(node, path[path.length - 1] as string, { value, enumerable: true, writable: true, configurable: true });
}

/** The error for a point whose plan the schema rejects: the point, its axis values, the key and the axis flag. */
function pointError(axes: readonly Axis[], values: readonly AxisValue[], index: number, first: z.core.$ZodIssue | undefined, prefix: readonly string[]): InputError {
  const issue = first === undefined ? undefined : deepestIssue(first);
  const path = [...prefix, ...(issue?.path.map(String) ?? [])].join('.');
  const axis = axes.find((candidate) => path.startsWith(candidate.name) || candidate.name.startsWith(path));
  const point = axes.map((candidate, i) => `${candidate.name}=${String(values[i])}`).join(', ');
  return new InputError(`point ${index + 1} (${point}): ${path === '' ? '' : `${path}: `}${issue === undefined ? 'invalid' : describeIssue(issue)}`, { flag: axis === undefined ? '--set' : `--set ${axis.name}` });
}

/** The plan at one grid point: the base plan's raw value with the axes set, validated by the schema. */
export function planAt(rawPlan: unknown, axes: readonly Axis[], values: readonly AxisValue[], index: number): Plan {
  const copy = structuredClone(rawPlan) as Record<string, unknown>;
  axes.forEach((axis, i) => setPath(copy, axis.path, values[i] as AxisValue));
  const parsed = PlanSchema.safeParse(copy, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw pointError(axes, values, index, parsed.error.issues[0], []);
}

/** The plan's named entries and the schema of one entry: what an axis such as endpoints.api.workers.max lands in. */
const ENTRY_SCHEMAS = Object.fromEntries(RESOURCE_SECTIONS.map((section) => [section, RESOURCES[section].schema])) as { [S in ResourceSection]: (typeof RESOURCES)[S]['schema'] };
type EntrySection = keyof typeof ENTRY_SCHEMAS;

/** One entry of the base plan that axes change, and which axes (by position) land in it. */
interface ChangedEntry {
  section: EntrySection;
  name: string;
  raw: Record<string, unknown>;
  /** The entry as the base plan parsed it. */
  parsed: Record<string, unknown>;
  axes: number[];
  /** Per axis of `axes`, the schema of the field it sets, or null where only a parse of the whole entry will do. */
  fields: (z.ZodType | null)[];
}

/**
 * The schema of the field at `path` inside an entry, when every object on the way is a plain object schema
 * (optional or defaulted is fine; no refinement across its fields, which a lone field could not be checked
 * against): then the field's value can be validated on its own. Null otherwise.
 */
function fieldSchema(entrySchema: z.ZodType, path: readonly string[]): z.ZodType | null {
  let node: z.ZodType = entrySchema;
  for (const key of path) {
    let object: z.ZodType = node;
    while (object instanceof z.ZodDefault || object instanceof z.ZodOptional) object = object.def.innerType as z.ZodType;
    if (!(object instanceof z.ZodObject) || (object.def.checks?.length ?? 0) > 0 || !Object.hasOwn(object.shape, key)) return null;
    node = object.shape[key] as z.ZodType;
  }
  return node;
}

/** A copy of a parsed entry with one field set, copying only the objects on the way; null if one is missing. */
function withField(entry: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> | null {
  const copy = { ...entry };
  let node = copy;
  for (const key of path.slice(0, -1)) {
    const child = Object.hasOwn(node, key) ? node[key] : undefined;
    if (typeof child !== 'object' || child === null || Array.isArray(child)) return null;
    const childCopy = { ...(child as Record<string, unknown>) };
    node[key] = childCopy;
    node = childCopy;
  }
  node[path[path.length - 1] as string] = value;
  return copy;
}

/** Builds the plan of any point of a grid; see pointPlanner. */
export type PointPlanner = (values: readonly AxisValue[], index: number) => Plan;

/**
 * A planAt for every point of one grid, built once. The plan schema has no rule across entries, so where
 * every axis lands inside an entry the base plan already has (endpoints.api.workers.max, pods.train.count),
 * a point re-validates only what its axes change and shares the rest of the base plan, parsed once:
 * - a field inside plain objects is validated on its own and set into a copy of the parsed entry;
 * - otherwise (a field inside a union such as `execution`) the entry is parsed whole, with its own schema.
 * In a sweep, a copy and parse of the whole plan, units and all, was most of a closed-form point's time.
 * Any other axis (month, seed, a new entry) takes planAt's whole-plan path, as do base plans that are
 * invalid until the axes are set. A value the schema rejects is reported from the whole entry's parse, so
 * every path gives planAt's plans and planAt's errors (the tests hold them to it).
 */
export function pointPlanner(rawPlan: unknown, axes: readonly Axis[]): PointPlanner {
  const whole: PointPlanner = (values, index) => planAt(rawPlan, axes, values, index);
  const base = PlanSchema.safeParse(rawPlan);
  if (!base.success || typeof rawPlan !== 'object' || rawPlan === null) return whole;
  const basePlan = base.data;
  const raw = rawPlan as Record<string, unknown>;
  const entries = new Map<string, ChangedEntry>();
  for (const [position, axis] of axes.entries()) {
    const [section, name] = axis.path;
    if (axis.path.length < 3 || section === undefined || name === undefined || !Object.hasOwn(ENTRY_SCHEMAS, section)) return whole;
    const sectionValue = Object.hasOwn(raw, section) ? raw[section] : undefined;
    const entryValue = typeof sectionValue === 'object' && sectionValue !== null && Object.hasOwn(sectionValue, name) ? (sectionValue as Record<string, unknown>)[name] : undefined;
    if (typeof entryValue !== 'object' || entryValue === null || Array.isArray(entryValue)) return whole;
    const key = `${section}\u0000${name}`;
    const entrySection = section as EntrySection;
    const entry = entries.get(key) ?? {
      section: entrySection,
      name,
      raw: entryValue as Record<string, unknown>,
      parsed: (basePlan[entrySection] as Record<string, Record<string, unknown>>)[name] as Record<string, unknown>,
      axes: [],
      fields: [],
    };
    entry.axes.push(position);
    entry.fields.push(fieldSchema(ENTRY_SCHEMAS[entrySection], axis.path.slice(2)));
    entries.set(key, entry);
  }

  /** The entry at a point, field by field; null where a field is invalid or cannot be set on its own. */
  const byFields = (entry: ChangedEntry, values: readonly AxisValue[]): Record<string, unknown> | null => {
    let current: Record<string, unknown> | null = entry.parsed;
    for (let i = 0; i < entry.axes.length && current !== null; i++) {
      const field = entry.fields[i];
      const position = entry.axes[i] as number;
      if (field === null || field === undefined) return null;
      const parsed = field.safeParse(values[position]);
      if (!parsed.success) return null;
      current = withField(current, (axes[position] as Axis).path.slice(2), parsed.data);
    }
    return current;
  };
  /** The entry at a point from its raw value with the axes set, parsed whole. */
  const byParse = (entry: ChangedEntry, values: readonly AxisValue[], index: number): Record<string, unknown> => {
    const copy = structuredClone(entry.raw);
    for (const position of entry.axes) setPath(copy, (axes[position] as Axis).path.slice(2), values[position] as AxisValue);
    const parsed = ENTRY_SCHEMAS[entry.section].safeParse(copy, { reportInput: true });
    if (!parsed.success) throw pointError(axes, values, index, parsed.error.issues[0], [entry.section, entry.name]);
    return parsed.data as Record<string, unknown>;
  };

  return (values, index) => {
    const plan: Plan = { ...basePlan };
    for (const entry of entries.values()) {
      const value = byFields(entry, values) ?? byParse(entry, values, index);
      // The entry keeps its place among the section's entries.
      (plan as Record<EntrySection, unknown>)[entry.section] = { ...plan[entry.section], [entry.name]: value };
    }
    return plan;
  };
}

export function metricsOf(result: PlanResult): SweepMetrics {
  const endpoints = result.resources.filter((resource) => resource.kind === 'endpoint');
  const requests = endpoints.reduce((sum, resource) => sum + (resource.requestsPerMonth ?? 0), 0);
  const worst = (pick: (resource: (typeof endpoints)[number]) => number | null) => {
    const values = endpoints.map(pick).filter((value): value is number => value !== null);
    return values.length === 0 ? null : Math.max(...values);
  };
  let gpuSeconds = 0;
  for (const resource of result.resources) {
    for (const item of resource.lineItems) {
      if (item.unit === GPU_SECOND) gpuSeconds += item.quantity;
      else if (item.unit === GPU_HOUR) gpuSeconds += item.quantity * 3600;
    }
  }
  return {
    monthlyUsd: result.monthlyUsd,
    usdPer1000Requests: result.usdPer1000Requests,
    // Cold-start rate over all endpoints' requests; latency: the worst endpoint.
    coldStartRate: requests > 0 ? endpoints.reduce((sum, resource) => sum + (resource.coldStartRate ?? 0) * (resource.requestsPerMonth ?? 0), 0) / requests : null,
    p50S: worst((resource) => resource.p50S),
    p95S: worst((resource) => resource.p95S),
    p99S: worst((resource) => resource.p99S),
    billedGpuHours: gpuSeconds / 3600,
  };
}

