// The building blocks of the JSON output's contract (./output-schema.ts): the primitives, the envelope
// every command's output shares around its sections, and the rows and enums more than one command uses.
import * as z from 'zod';
import { JSON_SCHEMA_VERSION } from './report.js';

export const num = z.number();
export const numOrNull = z.number().nullable();
export const text = z.string();
export const textOrNull = z.string().nullable();
export const date = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/);

/** A file as outputs name it: `bundled:NAME` for the shipped catalog, else as the user gave it (never an install path). */
const FileNameSchema = z
  .string()
  .regex(/^(bundled:[^/\\]+|[^/\\].*)$/)
  .describe('`bundled:runpod-2026-11.yaml` for the bundled catalog, else the path as the user gave it');

/** Any JSON value: an assumption's figure is a number, a name, a list or a record, raw. */
const JsonValueSchema: z.ZodType = z
  .union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.lazy(() => JsonValueSchema)).meta({ id: 'JsonArray' }), z.record(z.string(), z.lazy(() => JsonValueSchema))])
  .meta({ id: 'JsonValue' });

/** A key a consumer can rely on: camelCase, or a dotted path of names ending in one (`endpoints.sdxl.coldStartS`). */
const KeySchema = z.string().regex(/^([^.\s]+\.)*[a-z][A-Za-z0-9]*$/);

const CatalogInfoSchema = z
  .strictObject({
    name: text,
    asOf: date,
    files: z.array(FileNameSchema).min(1).describe('the catalog files layered, bundled first'),
    overrides: z.array(text).describe('every catalog key a user file overrode'),
    discount: z.number().min(0).lt(1),
  })
  .meta({ id: 'CatalogInfo', description: 'The catalog the result was computed from.' });

const AssumptionSchema = z
  .strictObject({
    key: KeySchema,
    value: JsonValueSchema.describe('the figure the assumption is about, raw'),
    text: text.describe('the assumption in words'),
  })
  .meta({ id: 'Assumption' });

const ChartSchema = z.strictObject({
  title: text,
  xLabel: text,
  yLabel: text,
  x: z.array(num),
  series: z.array(z.strictObject({ name: text, y: z.array(num) })),
}).meta({ id: 'Chart' });

/** The fields every command's envelope has, around its sections (arrays of rows, keyed by section id). */
export function envelope<const C extends string, S extends z.ZodRawShape>(command: C, sections: S, variant = '') {
  // Its name under $defs: `CatalogDiffOutput`, `GpusPoolsOutput`.
  const id = `${command.replace(/(^|[\s-])(\w)/g, (_, _space: string, letter: string) => letter.toUpperCase())}${variant}Output`;
  return z.strictObject({
    schemaVersion: z.literal(JSON_SCHEMA_VERSION),
    tool: z.strictObject({ name: z.literal('runpod-plan'), version: text }),
    command: z.literal(command),
    title: text,
    catalog: CatalogInfoSchema,
    assumptions: z.array(AssumptionSchema),
    ...sections,
    charts: z.array(ChartSchema).optional(),
    notes: z.array(text).describe('findings and warnings in words'),
  }).meta({ id });
}

export const rows = <T extends z.ZodType>(row: T) => z.array(row);
/** Whether an option or endpoint keeps up with its traffic, and what it serves when it does not. */
export const OVERLOAD = { overloaded: z.boolean(), servedPerMonth: numOrNull, unservedPerMonth: numOrNull };

export const LineItemRow = (owner: 'option' | 'resource' | null) =>
  z.strictObject({
    ...(owner === null ? {} : { [owner]: text }),
    item: text,
    quantity: num,
    unit: text,
    unitPriceUsd: num,
    monthlyUsd: num,
  });

export const OPTION_IDS = ['flex', 'flex-active', 'pod-secure', 'pod-community', 'pod-savings-plan'] as const;
/** How compare's rule ranked the cheapest (decisions/compare.ts, rankingOf), and the failed share it tolerates: compare's and tokens'. */
export const RANKED_BY = z.enum(['monthlyUsd', 'usdPer1000Requests']).describe('monthlyUsd: the options that fail at most maxFailedShare of the requests they are sent, by their bills; usdPer1000Requests: when every option that serves the traffic fails more, by cost per 1,000 requests served');
export const MAX_FAILED_SHARE = num.describe('the share of its requests an option may fail (at the execution timeout or a load balancer\'s cut) and still be ranked by its bill (--max-failed-share)');
export const PRICING = z.enum(['sim', 'analytic']);
