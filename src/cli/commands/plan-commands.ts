// `estimate`, `check` and `diff`: plan files in, the breakdown, the rules or the changes out.
import { execFileSync } from 'node:child_process';
import { dirname, relative, resolve } from 'node:path';
import { Chalk } from 'chalk';
import { Command } from 'commander';
import * as z from 'zod';
import { InputError } from '../../input/error.js';
import { describeRange, LIMITS, within } from '../../input/limits.js';
import { DurationSchema, MoneySchema, PercentSchema } from '../../input/unit-schemas.js';
import { parseMoney, parsePercent, UnitError } from '../../input/units.js';
import { checkExitCode, checkPlan, type CheckResult, type RuleOverrides } from '../../plan/check.js';
import { diffPlans } from '../../plan/diff.js';
import { evaluatePlan, type PlanResult } from '../../plan/evaluate.js';
import { render } from '../../render/index.js';
import { checkReport, diffReport, estimateReport } from '../../render/reports/plan.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions, type CommonOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import type { CliIo } from '../io.js';
import { writeResult } from '../output.js';
import { parseFlags } from '../parse-flags.js';
import { loadPlan, withPlanCatalog, type LoadedPlan } from '../plan-file.js';

const PlanOptionsSchema = CommonOptionsSchema.extend({ fast: z.boolean(), output: z.string().optional() });

function addPlanOptions(command: Command): Command {
  command.option('--fast', 'price endpoints with the fast path instead of simulating (no latency percentiles; a warning for each endpoint outside its validated domain)', false).option('--output <file>', 'write the result to a file, atomically');
  return addCommonOptions(command);
}

async function evaluate(loaded: LoadedPlan, options: CommonOptions & { fast: boolean }, io: CliIo) {
  const catalog = await loadCatalogForRun(withPlanCatalog(options, loaded), io);
  const result = evaluatePlan(catalog.catalog, loaded.plan, { fast: options.fast, files: loaded.files, locate: loaded.locate });
  return { result, catalog };
}

export function estimateCommand(context: CliContext): Command {
  const command = new Command('estimate')
    .argument('<plan>', 'a plan file (YAML)')
    .description('the monthly cost of a plan: per resource and line item, per month, day and 1,000 requests')
    .addHelpText('after', '\nExamples:\n  runpod-plan estimate plan.yaml\n  runpod-plan estimate plan.yaml --fast --format markdown --output estimate.md');
  addPlanOptions(command).action(async (file: string, raw: unknown) => {
    const options = parseFlags(PlanOptionsSchema, raw);
    const loaded = await loadPlan(file, context.io);
    const { result, catalog } = await evaluate(loaded, options, context.io);
    writeResult(render(estimateReport(result, file, catalogInfo(catalog)), options.format, renderOptions(options, context.io, context.version)), options.output, context.io);
  });
  return command;
}

const CheckOptionsSchema = PlanOptionsSchema.extend({
  baseline: z.string().optional(),
  maxMonthly: MoneySchema.optional(),
  maxPer1000: MoneySchema.optional(),
  maxIncrease: z.string().optional(),
  maxP95: DurationSchema.optional(),
  maxP99: DurationSchema.optional(),
  maxColdRate: PercentSchema.optional(),
  maxDropRate: within(PercentSchema, 'share').optional(),
  maxTtftP95: within(DurationSchema, 'slo').optional(),
});

/** `10%` is a share of the baseline; `$50` or `50` an amount. */
function parseIncrease(text: string): Pick<RuleOverrides, 'maxIncreaseUsd' | 'maxIncreasePercent'> {
  try {
    return text.trim().endsWith('%') ? { maxIncreasePercent: parsePercent(text) } : { maxIncreaseUsd: parseMoney(text) };
  } catch (error) {
    if (error instanceof UnitError) throw new InputError(`expected a percentage like 10% or an amount like $50, got "${text}"`, { flag: '--max-increase' });
    throw error;
  }
}

export function checkCommand(context: CliContext): Command {
  const command = new Command('check')
    .argument('<plan>', 'a plan file (YAML)')
    .description("a plan against its budget and latency targets: every rule with its value and limit; exit 1 if one fails")
    .option('--baseline <plan>', 'the plan before the change, for the maximum increase')
    .option('--max-monthly <money>', 'budget for the whole plan per month, e.g. $500')
    .option('--max-per-1000 <money>', 'budget per 1,000 requests, e.g. $2')
    .option('--max-increase <limit>', 'largest increase over --baseline: 10% or $50')
    .option('--max-p95 <duration>', 'p95 latency target for every endpoint, e.g. 8s')
    .option('--max-p99 <duration>', 'p99 latency target for every endpoint')
    .option('--max-cold-rate <percent>', 'most requests that may wait on a cold start, every endpoint')
    .option('--max-ttft-p95 <duration>', `time-to-first-token p95 target for every endpoint with tokens, e.g. 2s; ${describeRange(LIMITS.slo)}`)
    .option('--max-drop-rate <percent>', `most requests a load-balancing endpoint may fail because no worker was free in time, every endpoint; ${describeRange(LIMITS.share)}`)
    .addHelpText(
      'after',
      `
Exit codes: 0 every rule passes; 1 a rule fails (the data is still printed); 2 bad input.
With --output, stdout gets the verdict in one line: check: FAIL (2 of 5 rules) -> check.md

Examples:
  runpod-plan check plan.yaml
  runpod-plan check plan.yaml --baseline main-plan.yaml --max-increase 10% --format markdown --output check.md`,
    );
  addPlanOptions(command).action(async (file: string, raw: unknown) => {
    const options = parseFlags(CheckOptionsSchema, raw);
    if (options.maxIncrease !== undefined && options.baseline === undefined) throw new InputError('needs --baseline <plan>: the increase is over a baseline plan', { flag: '--max-increase' });
    const overrides: RuleOverrides = {
      ...(options.maxMonthly === undefined ? {} : { maxMonthlyUsd: options.maxMonthly }),
      ...(options.maxPer1000 === undefined ? {} : { maxPer1000Usd: options.maxPer1000 }),
      ...(options.maxIncrease === undefined ? {} : parseIncrease(options.maxIncrease)),
      ...(options.maxP95 === undefined ? {} : { maxP95S: options.maxP95 }),
      ...(options.maxP99 === undefined ? {} : { maxP99S: options.maxP99 }),
      ...(options.maxColdRate === undefined ? {} : { maxColdRate: options.maxColdRate }),
      ...(options.maxDropRate === undefined ? {} : { maxDropRate: options.maxDropRate }),
      ...(options.maxTtftP95 === undefined ? {} : { maxTtftP95S: options.maxTtftP95 }),
    };
    const loaded = await loadPlan(file, context.io);
    const { result, catalog } = await evaluate(loaded, options, context.io);
    let baseline: PlanResult | null = null;
    if (options.baseline !== undefined) baseline = (await evaluate(await loadPlan(options.baseline, context.io), options, context.io)).result;
    const check = checkPlan(loaded.plan, result, overrides, baseline);
    // A file is never coloured, whatever the terminal the run is in.
    const toFile = { ...options, color: options.color && options.output === undefined };
    writeResult(render(checkReport(check, result, file, catalogInfo(catalog)), options.format, renderOptions(toFile, context.io, context.version)), options.output, context.io);
    // The verdict goes to the terminal (stdout), not the file: its colour is the terminal's.
    if (options.output !== undefined) context.io.stdout(checkVerdict(check, options.output, renderOptions({ ...options, output: undefined }, context.io, context.version).color));
    context.exitCode = checkExitCode(check);
  });
  return command;
}

/**
 * The one line `check --output` prints on stdout, which the report left free: `check: FAIL (2 of 5 rules)
 * -> check.md`, `check: pass (5 rules) -> check.md`. FAIL in red on a colour terminal.
 */
function checkVerdict(check: CheckResult, output: string, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const total = check.rules.length;
  const failed = check.rules.filter((rule) => !rule.pass).length;
  const verdict =
    total === 0 ? 'no rules' : failed > 0 ? `${chalk.red.bold('FAIL')} (${failed} of ${total} rule${total === 1 ? '' : 's'})` : `${chalk.green('pass')} (${total} rule${total === 1 ? '' : 's'})`;
  return `check: ${verdict} -> ${output}\n`;
}

const DiffOptionsSchema = PlanOptionsSchema.extend({ baseRef: z.string().optional() });

/** The plan file as it is at a git revision (`git show REF:path`), for `diff --base-ref`. */
function readAtRevision(file: string, ref: string, io: CliIo): string {
  const absolute = resolve(io.cwd, file);
  // A revision is a name, never an option: `--base-ref=--output=x` once reached git as one (and git wrote
  // a file). Refused here, and git is told where its options end.
  if (!/^[A-Za-z0-9_][A-Za-z0-9_./@{}^~-]*$/.test(ref) || ref.includes('..')) {
    throw new InputError(`expected a git revision such as main, origin/main, HEAD~1 or a commit id, got ${JSON.stringify(ref.slice(0, 100))}`, { flag: '--base-ref' });
  }
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dirname(absolute), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    const path = relative(top, absolute).split('\\').join('/');
    return execFileSync('git', ['show', '--end-of-options', `${ref}:${path}`], { cwd: top, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim().split('\n')[0];
    throw new InputError(`cannot read ${file} at ${ref}: ${stderr}`, { flag: '--base-ref' });
  }
}

export function diffCommand(context: CliContext): Command {
  const command = new Command('diff')
    .argument('<old>', 'the plan before (or, with --base-ref, the plan itself)')
    .argument('[new]', 'the plan after')
    .option('--base-ref <ref>', 'compare the plan with itself at a git revision, e.g. main')
    .description('what changed between two plans: per resource and line item, old, new, change in USD and %')
    .addHelpText('after', '\nExamples:\n  runpod-plan diff old.yaml new.yaml\n  runpod-plan diff plan.yaml --base-ref main --format markdown');
  addPlanOptions(command).action(async (oldFile: string, newFile: string | undefined, raw: unknown) => {
    const options = parseFlags(DiffOptionsSchema, raw);
    let before: LoadedPlan;
    let after: LoadedPlan;
    let names: [string, string];
    if (options.baseRef !== undefined) {
      if (newFile !== undefined) throw new InputError('give one plan with --base-ref, or two plans without it', { flag: '--base-ref' });
      before = await loadPlan(`${oldFile}@${options.baseRef}`, context.io, readAtRevision(oldFile, options.baseRef, context.io));
      before = { ...before, dir: dirname(resolve(context.io.cwd, oldFile)) };
      after = await loadPlan(oldFile, context.io);
      names = [`${oldFile}@${options.baseRef}`, oldFile];
    } else {
      if (newFile === undefined) throw new InputError('give two plans, or one with --base-ref', { flag: 'new' });
      before = await loadPlan(oldFile, context.io);
      after = await loadPlan(newFile, context.io);
      names = [oldFile, newFile];
    }
    const old = await evaluate(before, options, context.io);
    const current = await evaluate(after, options, context.io);
    const report = diffReport(diffPlans(old.result, current.result), names[0], names[1], catalogInfo(current.catalog), current.result.assumptions);
    writeResult(render(report, options.format, renderOptions(options, context.io, context.version)), options.output, context.io);
  });
  return command;
}
