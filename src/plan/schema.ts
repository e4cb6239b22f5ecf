// The plan file: a team's RunPod setup (endpoints, pods, network volumes), its budget and its latency
// targets, kept next to their code. This zod schema is the single source of truth: it validates plans
// (strictly: an unknown key is an error with its line), gives their types, and generates the JSON Schema
// editors use (`runpod-plan schema`), so every field a user writes carries a description. Its resource
// sections come from the registry in ./resources/index.ts.
import { within } from '../input/limits.js';
import * as z from 'zod';
import { duration, percent } from '../endpoint/spec.js';
import { CountSchema, MoneySchema } from '../input/unit-schemas.js';
import { RESOURCES } from './resources/index.js';

const money = (description: string) => within(MoneySchema, 'money').describe(`${description} An amount such as $500.`);

/** Resources one plan may hold. */
export const MAX_PLAN_RESOURCES = 1000;
const RESOURCE_NAMES = Object.keys(RESOURCES) as (keyof typeof RESOURCES)[];

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/;
const nameKey = z.string().regex(NAME, { error: 'expected a name of letters, digits, - and _' });

/** A plan section: entries of one resource kind by name. */
function section<S extends z.ZodType>(resource: { schema: S; sectionDescription: string }) {
  return z.record(nameKey, resource.schema).default({}).describe(resource.sectionDescription);
}

type Sections<R extends Record<string, { schema: z.ZodType; sectionDescription: string }>> = { [K in keyof R]: ReturnType<typeof section<R[K]['schema']>> };

/** One section per resource kind of the registry, in its order. */
function sections<R extends Record<string, { schema: z.ZodType; sectionDescription: string }>>(resources: R): Sections<R> {
  return Object.fromEntries(Object.entries(resources).map(([name, resource]) => [name, section(resource)])) as Sections<R>;
}

export const BudgetSchema = z
  .strictObject({
    monthly: money('Most the whole plan may cost per month.').optional(),
    per1000Requests: money('Most the endpoints may cost per 1,000 requests.').optional(),
    maxIncrease: z
      .strictObject({ percent: percent('Largest increase over the baseline plan.').optional(), usd: money('Largest increase over the baseline plan.').optional() })
      .optional()
      .describe('Largest monthly increase over a baseline plan (check --baseline).'),
  })
  .describe('Budget rules `check` enforces.');

export const PlanSchema = z
  .strictObject({
    version: z.literal(1).describe('Plan format version: 1.'),
    catalog: z.string().min(1).optional().describe('A catalog file layered over the bundled one, relative to the plan.'),
    month: within(duration('The month costs are given for (default 730h; 720h for 30 days).'), 'month').optional(),
    seed: within(z.number(), 'seed').default(1).describe('Random seed of the simulation: same seed, same output.'),
    horizon: within(duration("Simulated time per endpoint (default: from 30d until the monthly cost's 95% interval is within `precision`, at most 360d; a trace's span)."), 'horizon').optional(),
    maxRequests: within(CountSchema, 'maxRequests')
      .optional()
      .describe('The most requests one simulation may hold (default 200M); a plan over it is refused before it starts.'),
    precision: within(percent("Simulate until each endpoint's monthly cost is known within this, at 95% (default 1%)."), 'precision').optional(),
    ...sections(RESOURCES),
    budget: BudgetSchema.optional(),
  })
  .superRefine((plan, ctx) => {
    // Each resource is priced (an endpoint simulated): the work is sized before it starts.
    const count = RESOURCE_NAMES.reduce((sum, section) => sum + Object.keys(plan[section] as Record<string, unknown>).length, 0);
    if (count > MAX_PLAN_RESOURCES) ctx.addIssue({ code: 'custom', path: [], message: `a plan holds at most ${MAX_PLAN_RESOURCES} resources; this one ${count}: split it` });
  })
  .describe('A runpod-plan plan: endpoints, pods, network volumes, budget.');

export type Plan = z.output<typeof PlanSchema>;
