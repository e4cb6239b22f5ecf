// The JSON output's contract: the envelope every command prints with --format json (render/json.ts, and the
// sweep's streamed envelope, render/stream.ts), as one zod schema per command. The shipped JSON Schema,
// runpod-plan.output.schema.json (`runpod-plan schema output`), is generated from it, and the tests
// validate every command's output with it. Never loaded by a run that renders: only by `schema` and tests.
// Keys are stable camelCase; lists are lists; numbers are raw (never rounded); files are named, never by
// a machine's absolute path.
import * as z from 'zod';
import { JSON_SCHEMA_VERSION } from './report.js';
import { num, numOrNull, text, textOrNull, date, envelope, rows, OVERLOAD, LineItemRow, OPTION_IDS, RANKED_BY, MAX_FAILED_SHARE, PRICING } from './output-schema-parts.js';


const CompareSchema = envelope('compare', {
  options: rows(
    z.strictObject({
      option: text,
      id: z.enum(OPTION_IDS),
      shape: text,
      monthlyUsd: num,
      monthlyUsdHalfWidth: numOrNull,
      costMethod: z.enum(['sim', 'analytic', 'exact']),
      dailyUsd: num,
      usdPerRequest: numOrNull,
      usdPer1000Requests: numOrNull,
      billedGpuHours: num,
      utilization: num,
      coldStartRate: num,
      coldStartRateHalfWidth: numOrNull,
      p95S: numOrNull,
      // A load-balancing endpoint's (null for pods):
      dropRate: numOrNull.optional(),
      failedShare: num.describe('the share of requests it is sent that fail at the execution timeout (or a load balancer\'s cut): billed, not served; 0 for pods and with --fast'),
      failedShareHalfWidth: num.describe('its 95% half-width (a share; batch means), 0 where the share is exact'),
      ...OVERLOAD,
      backlogGrowthPerHour: numOrNull,
      horizonS: num,
    }),
  ),
  lineItems: rows(LineItemRow('option')),
  data: z.strictObject({
    method: PRICING,
    requestsPerMonth: num,
    offeredLoad: num,
    podCount: z.int(),
    podTargetUtilization: num,
    cheapest: z
      .strictObject({
        id: z.enum(OPTION_IDS),
        rankedBy: RANKED_BY,
        nextId: z.enum(OPTION_IDS).nullable(),
        savingUsd: num.describe('how much more the next option costs, in the unit rankedBy names: a month, or per 1,000 requests served'),
        savingHalfWidthUsd: num,
        tiedWith: z.array(z.enum(OPTION_IDS)),
      })
      .nullable().describe('the cheapest option that serves the traffic; null when none does (overloaded, or finishing no request)'),
    maxFailedShare: MAX_FAILED_SHARE,
    findings: z.array(z.looseObject({ code: text })),
  }),
});

const TokensSchema = envelope('tokens', {
  costs: rows(
    z.strictObject({
      option: text,
      id: z.enum(OPTION_IDS),
      monthlyUsd: num,
      monthlyUsdHalfWidth: numOrNull,
      servedRequestsPerMonth: num,
      usageInputUsdPerMtok: numOrNull,
      usageOutputUsdPerMtok: numOrNull,
      usageBlendedUsdPerMtok: numOrNull,
      reservedInputUsdPerMtok: numOrNull,
      reservedOutputUsdPerMtok: numOrNull,
      reservedWorkerMonthUsd: num,
      overloaded: z.boolean(),
    }),
  ),
  experience: rows(
    z.strictObject({
      option: text,
      id: z.enum(OPTION_IDS),
      ttftP50S: numOrNull,
      ttftP95S: numOrNull,
      outputTokensPerSecondP50: numOrNull,
      outputTokensPerSecondP95: numOrNull,
      // A load-balancing endpoint's:
      dropRate: numOrNull.optional(),
    }),
  ),
  // With --api-price:
  api: rows(
    z.strictObject({
      option: text,
      id: z.enum(OPTION_IDS),
      selfHostedUsdPerMonth: num,
      apiUsdPerMonth: numOrNull,
      savingUsdPerMonth: numOrNull,
      savingShare: numOrNull,
      breakEvenTokensPerDay: numOrNull.describe('from what volume self-hosting costs less than the API; 0: at every volume searched; null: never within the range searched, or not searched (a trace)'),
      breakEvenHalfWidthTokensPerDay: numOrNull,
      dearerAgainFromTokensPerDay: numOrNull,
      cheaperForGoodFromTokensPerDay: numOrNull.describe('pods that turn dearer just past each pod\'s share: from where they stay cheaper'),
      searchedUpToTokensPerDay: numOrNull,
      breakEvenSearchStop: z.enum(['costs-agree', 'bracket-narrowed']).nullable().describe('costs-agree: the two months agree within their precision there; bracket-narrowed: exact costs (pods) or a step, where the bracket narrowed onto the crossing'),
    }),
  ).optional(),
  data: z.strictObject({
    inputTokensPerDay: num,
    outputTokensPerDay: num,
    inputShare: num,
    meanTokensIn: num,
    meanTokensOut: num,
    cheapest: z.strictObject({ id: z.enum(OPTION_IDS), rankedBy: RANKED_BY }).nullable().describe("the cheapest per token, by compare's rule; null when no option serves the traffic"),
    maxFailedShare: MAX_FAILED_SHARE,
    breakEvenSearch: z
      .strictObject({ highestRequestsPerDay: num, precision: numOrNull, simulations: z.int(), tokensPerRequest: num })
      .nullable()
      .describe('how the break-even volumes were searched; null without --api-price or for a trace'),
  }),
});

const BreakevenSchema = envelope('breakeven', {
  breakeven: rows(
    z.strictObject({
      poolId: text,
      podGpu: textOrNull,
      rivalId: z.enum(['pod-secure', 'pod-community', 'pod-savings-plan', 'active']),
      rival: text,
      rivalUsdPerHour: num,
      flexUsdPerHour: num,
      hoursPerDayWithoutOverhead: numOrNull,
      // With --exec (overhead counted):
      requestsPerDayWithoutOverhead: numOrNull.optional(),
      hoursPerDayWithOverhead: numOrNull.optional(),
      requestsPerDayWithOverhead: numOrNull.optional(),
      // Simulated (without --fast):
      hoursPerDayWithOverheadHalfWidth: numOrNull.optional(),
      dearerAgainFromHours: numOrNull.optional(),
      flexMonthlyUsdAtBreakEven: numOrNull.optional(),
      flexHalfWidthUsdAtBreakEven: numOrNull.optional(),
      rivalMonthlyUsdAtBreakEven: numOrNull.optional(),
      rivalHalfWidthUsdAtBreakEven: numOrNull.optional(),
      searchStop: textOrNull.optional(),
    }),
  ),
});

const PHASE_IDS = ['imagePull', 'containerStart', 'frameworkImport', 'cudaContext', 'hubDownload', 'cachedModelDownload', 'weightLoad', 'engineWarmup', 'flashbootRestore'] as const;

const ColdstartSchema = envelope('coldstart', {
  strategies: rows(
    z.strictObject({
      strategy: text,
      source: z.enum(['image', 'network-volume', 'download', 'cached']),
      imageGB: num,
      coldStartS: num,
      billedS: num,
      usdPerColdStart: num,
      storageGB: num,
      storageMonthlyUsd: num,
      coldStartsPerDay: numOrNull.optional(),
      flexMonthlyUsd: numOrNull.optional(),
      totalMonthlyUsd: numOrNull.optional(),
    }),
  ).optional(),
  phases: rows(z.strictObject({ id: z.enum(PHASE_IDS), phase: text, startS: num, seconds: num, billed: z.boolean() })),
  summary: rows(
    z.strictObject({
      key: z.enum(['full', 'flashbootMean', 'flashbootP50', 'flashbootP95', 'flashbootMax']),
      measure: text,
      seconds: num,
      billedSeconds: numOrNull,
      usd: numOrNull,
    }),
  ),
});

const SUMMARY_KEYS = ['monthlyUsd', 'usdPer1000Requests', 'requestsPerMonth', 'coldStartRate', 'workerStartsPerMonth', 'billedGpuHoursPerMonth', 'p50S', 'p95S', 'p99S', 'meanLatencyS', 'requestsSimulated', 'requestsFailed', 'requestsUnfinished', 'peakWorkers', 'meanWorkers'] as const;

const SimulateSchema = envelope('simulate', {
  summary: rows(
    z.strictObject({
      key: z.enum(SUMMARY_KEYS).describe('the measure, stable: select rows by it'),
      measure: text.describe('the measure in words, as the table shows it'),
      value: numOrNull,
      halfWidth: numOrNull.optional().describe('95% half-width of a simulated figure, in its unit'),
      unit: text,
      kind: z.enum(['usd', 'int', 'number', 'percent', 'seconds']).describe('how the value prints for people'),
    }),
  ),
  latency: rows(
    z.strictObject({ key: z.enum(['total', 'queueWait', 'execution']), part: text, p50: num, p90: num, p95: num, p99: num, max: num, mean: num }),
  ).optional(),
  lineItems: rows(LineItemRow(null)),
  data: z
    .strictObject({
      hourOfDay: z.array(z.strictObject({ hour: z.int(), meanWorkers: num, flexBilledSeconds: num, arrivals: num })),
      billedSeconds: z.strictObject({ active: num, flexStart: num, flexExecution: num, flexIdle: num, flexRounding: num }),
      coldStarts: z.strictObject({ workerStarts: num, restores: num, jobsWaitedOnStart: num, rate: num }),
    })
    .optional()
    .describe('the raw simulation (without --method analytic)'),
});

const SettingsRow = {
  monthlyUsd: num,
  usdPer1000Requests: numOrNull,
  coldStartRate: num,
  p95S: numOrNull,
  p99S: numOrNull,
  // A load-balancing endpoint's (--endpoint-type load-balancer):
  dropRate: numOrNull.optional(),
  meets: z.boolean().nullable().describe('whether the setting meets --p95 / --max-cold-rate; null without a target'),
};
const MinworkersSchema = envelope('minworkers', { settings: rows(z.strictObject({ activeWorkers: z.int(), ...SettingsRow })) });
const IdleTimeoutSchema = envelope('idle-timeout', { settings: rows(z.strictObject({ idleTimeout: text, idleTimeoutS: num, ...SettingsRow })) });

const ResourceRow = z.strictObject({
  name: text,
  kind: z.enum(['endpoint', 'pod', 'networkVolume']),
  description: text,
  monthlyUsd: num,
  monthlyUsdHalfWidth: numOrNull,
  requestsPerMonth: numOrNull,
  coldStartRate: numOrNull,
  p95S: numOrNull,
  p99S: numOrNull,
  dropRate: numOrNull.optional(),
  ...z.strictObject(OVERLOAD).partial().shape,
});
const Totals = z.strictObject({ monthlyUsd: num, dailyUsd: num, requestsPerMonth: numOrNull, usdPer1000Requests: numOrNull, method: PRICING });

const EstimateSchema = envelope('estimate', { resources: rows(ResourceRow), lineItems: rows(LineItemRow('resource')), data: z.strictObject({ totals: Totals }) });

const CheckSchema = envelope('check', {
  rules: rows(
    z.strictObject({
      status: z.enum(['pass', 'FAIL']),
      rule: text,
      subject: text,
      value: numOrNull,
      limit: numOrNull,
      unit: z.enum(['usd', 'percent', 'seconds']),
    }),
  ),
  resources: rows(ResourceRow),
  lineItems: rows(LineItemRow('resource')),
  data: z.strictObject({ pass: z.boolean(), totals: Totals }),
});

const DiffSchema = envelope('diff', {
  changes: rows(
    z.strictObject({
      resource: text,
      item: text,
      status: z.enum(['added', 'removed', 'changed', 'unchanged']),
      oldMonthlyUsd: numOrNull,
      newMonthlyUsd: numOrNull,
      changeUsd: num,
      changePercent: numOrNull,
    }),
  ),
  data: z.strictObject({ oldMonthlyUsd: num, newMonthlyUsd: num, changeUsd: num }),
});

/** A sweep point: its number, each axis's value keyed by its plan path, then the metrics; `<resource>.monthlyUsd` per resource. */
const SweepPointRow = z
  .object({
    point: z.int().min(1),
    monthlyUsd: num,
    usdPer1000Requests: numOrNull,
    coldStartRate: numOrNull,
    p50S: numOrNull,
    p95S: numOrNull,
    p99S: numOrNull,
    billedGpuHours: num,
  })
  .catchall(z.union([text, num, z.boolean(), z.null()]))
  .describe("also each axis's value under its plan path (endpoints.sdxl.gpu) and each resource's cost (sdxl.monthlyUsd)");

const SweepSchema = envelope('sweep', {
  points: rows(SweepPointRow).describe('the kept points, in grid order (written as they finish)'),
  data: z.strictObject({ gridPoints: z.int(), shard: z.strictObject({ index: z.int().min(1), count: z.int().min(1) }) }),
});

const GpusSchema = z.union([
  envelope('gpus', {
    pools: rows(
      z.strictObject({
        poolId: text,
        label: text,
        gpus: z.array(text).describe('the GPUs of the class'),
        vramGB: num,
        flexUsdPerSecond: num,
        flexUsdPerHour: num,
        activeUsdPerSecond: numOrNull,
        activeUsdPerHour: numOrNull,
        activeDiscount: numOrNull,
        podSecureUsdPerHour: numOrNull,
        podCommunityUsdPerHour: numOrNull,
        podPricesRead: textOrNull,
      }),
    ),
  }, 'Pools'),
  envelope('gpus', {
    pods: rows(z.strictObject({ gpu: text, poolId: textOrNull, vramGB: num, secureUsdPerHour: numOrNull, communityUsdPerHour: numOrNull, retrieved: textOrNull })),
  }, 'Pods'),
]);

const CatalogSchema = envelope('catalog', {
  rules: rows(z.strictObject({ area: text, rule: text, value: text, source: text, retrieved: date, note: textOrNull })),
  sources: rows(z.strictObject({ source: text, retrieved: z.array(date).min(1), figures: z.int() })),
  data: z.strictObject({ catalog: z.looseObject({ name: text, asOf: date, currency: z.literal('USD') }).describe('the catalog as loaded, every figure with its source') }),
});

const CatalogSide = z.strictObject({ label: text, name: text, asOf: date });
/** A GPU that changed serverless pool; null for none (it joined or left serverless). */
const GpuMove = z.strictObject({ gpu: text, oldPool: textOrNull, newPool: textOrNull });
const CatalogDiffSchema = envelope('catalog diff', {
  changes: rows(
    z.strictObject({
      item: text,
      kind: z.enum(['pool', 'GPU']),
      price: z.enum(['flex', 'active', 'podSecure', 'podCommunity']).nullable(),
      status: z.enum(['changed', 'added', 'removed']),
      oldUsdPerGpuHour: numOrNull,
      newUsdPerGpuHour: numOrNull,
      change: numOrNull,
      oldRetrieved: textOrNull,
      newRetrieved: textOrNull,
      note: textOrNull,
    }),
  ),
  moves: rows(GpuMove).optional(),
  data: z.strictObject({
    old: CatalogSide,
    new: CatalogSide,
    unchanged: z.int(),
    moves: z.array(GpuMove),
    failOnChange: z.strictObject({ limit: num, beyond: z.int() }).optional(),
  }),
});

/** Each command's envelope, by the `command` it carries. */
export const OUTPUT_SCHEMAS = {
  compare: CompareSchema,
  breakeven: BreakevenSchema,
  tokens: TokensSchema,
  coldstart: ColdstartSchema,
  simulate: SimulateSchema,
  minworkers: MinworkersSchema,
  'idle-timeout': IdleTimeoutSchema,
  estimate: EstimateSchema,
  check: CheckSchema,
  diff: DiffSchema,
  sweep: SweepSchema,
  gpus: GpusSchema,
  catalog: CatalogSchema,
  'catalog diff': CatalogDiffSchema,
} as const;

/** Any command's --format json output. */
export const OutputSchema = z
  .union([CompareSchema, BreakevenSchema, TokensSchema, ColdstartSchema, SimulateSchema, MinworkersSchema, IdleTimeoutSchema, EstimateSchema, CheckSchema, DiffSchema, SweepSchema, GpusSchema, CatalogSchema, CatalogDiffSchema])
  .describe('The envelope every runpod-plan command prints with --format json: the command, the catalog, every assumption, the sections as arrays of rows with raw numbers, command data, charts and notes.');

const OUTPUT_SCHEMA_ID = `urn:runpod-plan:output:${JSON_SCHEMA_VERSION}`;

/** The JSON Schema of the output (draft 2020-12), with `$schema`, `$id` and `title` first. */
export function outputJsonSchema(): Record<string, unknown> {
  // Schemas with an id (each command's envelope, the catalog, assumptions, charts) go under $defs once each.
  const generated = z.toJSONSchema(OutputSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, description, ...rest } = generated;
  return { $schema, $id: OUTPUT_SCHEMA_ID, title: `runpod-plan JSON output (schemaVersion ${JSON_SCHEMA_VERSION})`, description, ...rest };
}

/** The schema as the file runpod-plan.output.schema.json holds it: two-space JSON and a final newline. */
export function outputJsonSchemaText(): string {
  return `${JSON.stringify(outputJsonSchema(), null, 2)}\n`;
}
