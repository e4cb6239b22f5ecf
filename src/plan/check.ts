// `check`: a plan's result against its budget and latency targets (and a baseline), as rules with their
// value, limit and pass/fail. The exit code follows from the rules alone (see checkExitCode and cli/commands/plan-commands.ts).
import type { PlanResult } from './evaluate.js';
import type { Plan } from './schema.js';

export interface Rule {
  /** budget.monthly, budget.per1000Requests, budget.maxIncrease, budget.maxIncreasePercent, slo.p95, slo.p99, slo.maxColdRate, slo.maxDropRate, slo.ttftP95 */
  rule: string;
  /** What it applies to: `plan` or an endpoint's name. */
  subject: string;
  value: number | null;
  limit: number;
  unit: 'usd' | 'seconds' | 'percent';
  pass: boolean;
}

export interface CheckResult {
  rules: Rule[];
  baselineMonthlyUsd: number | null;
}

/** Limits given on the command line: they add to the plan's, or replace them. */
export interface RuleOverrides {
  maxMonthlyUsd?: number;
  maxPer1000Usd?: number;
  maxIncreaseUsd?: number;
  maxIncreasePercent?: number;
  maxP95S?: number;
  maxP99S?: number;
  maxColdRate?: number;
  maxDropRate?: number;
  maxTtftP95S?: number;
}

// A value a rule cannot see (a latency percentile from the fast path) fails the rule: a check that
// cannot be evaluated must not pass silently.
const within = (value: number | null, limit: number) => value !== null && value <= limit + 1e-12;

export function checkPlan(plan: Plan, result: PlanResult, overrides: RuleOverrides, baseline: PlanResult | null): CheckResult {
  const rules: Rule[] = [];
  const add = (rule: string, subject: string, value: number | null, limit: number | undefined, unit: Rule['unit']) => {
    if (limit !== undefined) rules.push({ rule, subject, value, limit, unit, pass: within(value, limit) });
  };
  const budget = plan.budget;
  add('budget.monthly', 'plan', result.monthlyUsd, overrides.maxMonthlyUsd ?? budget?.monthly, 'usd');
  add('budget.per1000Requests', 'endpoints', result.usdPer1000Requests, overrides.maxPer1000Usd ?? budget?.per1000Requests, 'usd');
  if (baseline !== null) {
    const increase = result.monthlyUsd - baseline.monthlyUsd;
    add('budget.maxIncrease', 'plan', increase, overrides.maxIncreaseUsd ?? budget?.maxIncrease?.usd, 'usd');
    add('budget.maxIncreasePercent', 'plan', baseline.monthlyUsd > 0 ? increase / baseline.monthlyUsd : increase > 0 ? Infinity : 0, overrides.maxIncreasePercent ?? budget?.maxIncrease?.percent, 'percent');
  }
  for (const resource of result.resources) {
    if (resource.kind !== 'endpoint') continue;
    const slo = plan.endpoints[resource.name]?.slo;
    add('slo.p95', resource.name, resource.p95S, overrides.maxP95S ?? slo?.p95, 'seconds');
    add('slo.p99', resource.name, resource.p99S, overrides.maxP99S ?? slo?.p99, 'seconds');
    add('slo.maxColdRate', resource.name, resource.coldStartRate, overrides.maxColdRate ?? slo?.maxColdRate, 'percent');
    add('slo.maxDropRate', resource.name, resource.dropRate, overrides.maxDropRate ?? slo?.maxDropRate, 'percent');
    add('slo.ttftP95', resource.name, resource.ttftP95S, overrides.maxTtftP95S ?? slo?.ttftP95, 'seconds');
  }
  return { rules, baselineMonthlyUsd: baseline?.monthlyUsd ?? null };
}

/** 0 when every rule passes, 1 when one fails (the CLI's contract; 2 is bad input). */
export function checkExitCode(check: CheckResult): 0 | 1 {
  return check.rules.every((rule) => rule.pass) ? 0 : 1;
}
