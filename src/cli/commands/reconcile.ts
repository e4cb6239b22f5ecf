// `reconcile`: a plan's estimate against RunPod's billing records, per resource and day; exit 1 when a gap
// is over --max-gap.
import { resolve } from 'node:path';
import { Command } from 'commander';
import * as z from 'zod';
import type { EndpointOutcome } from '../../endpoint/outcome.js';
import type { ResolvedEndpoint } from '../../endpoint/resolve.js';
import { readBillingFile } from '../../input/billing.js';
import { InputError } from '../../input/error.js';
import { parseMoney, parsePercent, UnitError } from '../../input/units.js';
import { DEFAULT_MONTH_HOURS, FLEX_IDLE_TAILS_ITEM } from '../../model/line-items.js';
import { evaluatePlan } from '../../plan/evaluate.js';
import { evenEstimate, tracedEstimate, type Estimate } from '../../reconcile/estimates.js';
import { gapExceeds, reconcile } from '../../reconcile/reconcile.js';
import { render } from '../../render/index.js';
import { reconcileReport } from '../../render/reports/reconcile.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../errors.js';
import { writeResult } from '../output.js';
import { parseFlags } from '../parse-flags.js';
import { loadPlan, withPlanCatalog } from '../plan-file.js';

const ReconcileOptionsSchema = CommonOptionsSchema.extend({ billing: z.array(z.string()), maxGap: z.string().optional(), output: z.string().optional() });

function parseGap(text: string): { share: number } | { usd: number } {
  try {
    return text.trim().endsWith('%') ? { share: parsePercent(text) } : { usd: parseMoney(text) };
  } catch (error) {
    if (error instanceof UnitError) throw new InputError(`expected a percentage like 10% or an amount like $50, got "${text}"`, { flag: '--max-gap' });
    throw error;
  }
}

export function reconcileCommand(context: CliContext): Command {
  const command = new Command('reconcile')
    .argument('<plan>', 'a plan file (YAML) whose endpoints and network volumes name their RunPod id (id: ...)')
    .description("a plan's estimate against RunPod's billing records, per resource and UTC day, with what explains each gap; exit 1 when one is over --max-gap")
    .option('--billing <file>', 'the JSON of GET /v2/billing/serverless or /v2/billing/network-volumes (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
    .option('--max-gap <limit>', "largest gap between a resource's estimate and its bill over the period: 10% or $50")
    .option('--output <file>', 'write the result to a file, atomically')
    .addHelpText(
      'after',
      `
An endpoint replaying a dated trace (as calibrate writes it) is estimated day by day from its simulation;
any other resource's month is spread evenly over its days. Exit codes: 0 fine; 1 a gap over --max-gap; 2 bad input.

Examples:
  runpod-plan reconcile calibrated.yaml --billing serverless-billing.json
  runpod-plan reconcile plan.yaml --billing serverless.json --billing volumes.json --max-gap 10% --format markdown`,
    );
  addCommonOptions(command).action(async (file: string, raw: unknown) => {
    const options = parseFlags(ReconcileOptionsSchema, raw);
    if (options.billing.length === 0) throw new InputError('required: the billing records, e.g. --billing billing.json (GET /v2/billing/serverless)', { flag: '--billing' });
    const limit = options.maxGap === undefined ? null : parseGap(options.maxGap);
    const io = context.io;
    const loaded = await loadPlan(file, io);
    const billing = options.billing.flatMap((name) => readBillingFile(resolve(io.cwd, name), name));
    const catalog = await loadCatalogForRun(withPlanCatalog(options, loaded), io);
    const evaluated = new Map<string, { endpoint: ResolvedEndpoint; outcome: EndpointOutcome }>();
    const result = evaluatePlan(catalog.catalog, loaded.plan, { fast: false, files: loaded.files, locate: loaded.locate, onEndpoint: (name, endpoint, outcome) => evaluated.set(name, { endpoint, outcome }) });
    const monthS = (loaded.plan.month ?? DEFAULT_MONTH_HOURS * 3600);
    const serverlessIds = [...new Set(billing.filter((r) => r.parts.kind === 'serverless').map((r) => r.id))];
    const endpointNames = Object.keys(loaded.plan.endpoints);
    const estimates: Estimate[] = [];
    const locations = new Map<string, { file: string; path: string }>();
    for (const resource of result.resources) {
      if (resource.kind === 'pod') continue;
      const section = resource.kind === 'endpoint' ? 'endpoints' : 'networkVolumes';
      const given = (loaded.plan[section] as Record<string, { id?: string }>)[resource.name]?.id;
      // One endpoint and one endpoint billed: they are the same, id or not.
      const id = given ?? (resource.kind === 'endpoint' && endpointNames.length === 1 && serverlessIds.length === 1 ? serverlessIds[0] : undefined);
      if (id === undefined) continue;
      const at = loaded.locate([section, resource.name, ...(given === undefined ? [] : ['id'])]);
      locations.set(id, { file: at.line === undefined ? file : `${file}:${at.line}`, path: `${section}.${resource.name}.id` });
      const run = evaluated.get(resource.name);
      const facts = run?.endpoint.traffic.facts;
      if (run !== undefined && facts?.kind === 'trace' && facts.startsAt !== null) {
        estimates.push(tracedEstimate(resource.name, id, run.endpoint, run.outcome, Date.parse(facts.startsAt)));
      } else {
        const idle = resource.lineItems.find((item) => item.name === FLEX_IDLE_TAILS_ITEM)?.monthlyUsd ?? 0;
        const usdPerWorkerSecond = run === undefined ? 0 : run.endpoint.pricing.flexUsdPerSecond * run.endpoint.pricing.gpuCount;
        estimates.push(evenEstimate(resource.name, resource.kind === 'endpoint' ? 'endpoint' : 'networkVolume', id, resource.monthlyUsd, monthS, resource.monthlyUsd > 0 ? idle / resource.monthlyUsd : 0, usdPerWorkerSecond));
      }
    }
    if (estimates.length === 0) throw new InputError('no resource of the plan names its RunPod id: add id: <endpoint id> to the endpoints (and network volumes) to reconcile', { file });
    const reconciliation = reconcile(estimates, billing, (id) => locations.get(id) ?? { file, path: '' });
    const failed = limit === null ? null : gapExceeds(reconciliation.totals, limit);
    const report = reconcileReport(reconciliation, file, failed, options.maxGap ?? null, catalogInfo(catalog), result.assumptions);
    writeResult(render(report, options.format, renderOptions(options, io, context.version)), options.output, io);
    if (failed !== null && failed.length > 0) context.exitCode = EXIT.checkFailed;
  });
  return command;
}
