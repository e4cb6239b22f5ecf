// Zod issues in the words a user reads: what was expected and what was found.
import type { z } from 'zod';

/** A zod issue in the words a user reads: what was expected and what was found. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue && issue.input !== undefined ? `, got ${show(issue.input)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing: expected ${withArticle(issue.expected)}`;
      return `expected ${withArticle(issue.expected)}${got}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `unknown key "${issue.keys[0]}"`
        : `unknown keys ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return 'expected a non-empty string';
      return `expected a number ${issue.inclusive === false ? '>' : '>='} ${issue.minimum}${got}`;
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${issue.maximum} item(s)`;
      return `expected a number ${issue.inclusive === false ? '<' : '<='} ${issue.maximum}${got}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}${got}`;
    case 'invalid_key':
      return `bad key ${show(issue.input)}: ${issue.issues[0]?.message ?? issue.message}`;
    case 'invalid_format':
    case 'custom':
    default:
      return issue.message.startsWith('expected') && !issue.message.includes(', got') ? `${issue.message}${got}` : issue.message;
  }
}

function withArticle(expected: string): string {
  if (expected === 'object') return 'a map of keys';
  if (expected === 'array') return 'a list';
  if (expected === 'null' || expected === 'undefined') return expected;
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/**
 * The issue to report for a value no branch of a union accepts: the branch that got furthest into the
 * value (its issue has the deepest path; fewer issues break a tie), with the path from the union's root.
 * `{ mean: "4 sec" }` for an execution time then reads "execution.mean: expected a duration like 4s",
 * not "execution: Invalid input". Any other issue is returned as it is.
 */
export function deepestIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  let best: { issue: z.core.$ZodIssue; count: number } | undefined;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first === undefined) continue;
    const candidate = deepestIssue(first);
    if (best === undefined || candidate.path.length > best.issue.path.length || (candidate.path.length === best.issue.path.length && branch.length < best.count)) {
      best = { issue: candidate, count: branch.length };
    }
  }
  return best === undefined ? issue : { ...best.issue, path: [...issue.path, ...best.issue.path] };
}
