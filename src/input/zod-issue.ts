// Zod issues in the words a user reads: what was expected and what was found.
import type { z } from 'zod';

/** A zod issue in the words a user reads: what was expected and what was found. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue && issue.input !== undefined ? `, got ${showValue(issue.input)}` : '';
  // Our own messages (units, limits, a union's shapes) say what is expected already.
  if (issue.message.startsWith('missing: ') || issue.message.includes(', got')) return issue.message;
  if (issue.message.startsWith('expected ')) return issue.code === 'invalid_union' && 'input' in issue && issue.input === undefined ? `missing: ${issue.message}` : `${issue.message}${got}`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing: expected ${withArticle(issue.expected)}`;
      // A schema that words what it expects (`expected an id like ...`) is taken at its word.
      if (issue.message.startsWith('expected ')) return `${issue.message}${got}`;
      return `expected ${withArticle(issue.expected)}${got}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `unknown key "${issue.keys[0]}"`
        : `unknown keys ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item(s)${got}`;
      if (issue.origin === 'string') return 'expected a non-empty string';
      return `expected a number ${issue.inclusive === false ? '>' : '>='} ${issue.minimum}${got}`;
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${issue.maximum} item(s)${got}`;
      if (issue.origin === 'string') return `expected at most ${issue.maximum} characters`;
      return `expected a number ${issue.inclusive === false ? '<' : '<='} ${issue.maximum}${got}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}${got}`;
    case 'invalid_key':
      return `bad key ${showValue(issue.input)}: ${issue.issues[0]?.message ?? issue.message}`;
    case 'invalid_union': {
      // A discriminated union's tag that names no shape: `kind: foo`, or no kind at all.
      const tagged = issue as { discriminator?: string; options?: unknown[] };
      if (tagged.discriminator !== undefined && tagged.options !== undefined) {
        const value = typeof issue.input === 'object' && issue.input !== null ? (issue.input as Record<string, unknown>)[tagged.discriminator] : undefined;
        const options = tagged.options.map((option) => JSON.stringify(option)).join(' or ');
        return value === undefined ? `missing: expected ${options}` : `expected ${options}, got ${showValue(value)}`;
      }
      return issue.message;
    }
    case 'invalid_format':
    case 'custom':
    default:
      return issue.message;
  }
}

function withArticle(expected: string): string {
  if (expected === 'object') return 'a map of keys';
  if (expected === 'record') return 'a map of names to entries';
  if (expected === 'array') return 'a list';
  if (expected === 'boolean') return 'true or false';
  if (expected === 'null' || expected === 'undefined') return expected;
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** A value as an error names it: text quoted, a number, true, null, `a list of 3`, `a map`. Never more than 60 characters of text. */
export function showValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

/** The issue at the root of a union's branch that says the value is of another kind than the branch takes. */
function wrongKind(issue: z.core.$ZodIssue, depth: number): boolean {
  if (issue.path.length !== depth) return false;
  if (issue.code === 'invalid_type') return true;
  if (issue.code === 'custom' && (issue.params as { wrongType?: boolean } | undefined)?.wrongType === true) return true;
  // `5` or a map for an enum of names: not a name at all.
  if (issue.code === 'invalid_value' && 'input' in issue) return issue.values.every((value) => typeof value !== typeof issue.input || issue.input === null);
  return false;
}

/**
 * The issue to report for a value no branch of a union accepts. Branches the value does not fit at all are
 * set aside: the value is of another kind (a map for a duration, a list for a map), or a map with keys the
 * branch does not have. Of the others, the one that got furthest into the value (its issue has the deepest
 * path; fewer issues break a tie), with the path from the union's root: `{ mean: "4 sec" }` for an
 * execution time reads "execution.mean: expected a duration like 4s or 250ms", not "execution: Invalid
 * input". When every branch is set aside, the union's own message (the shapes it takes) if it has one.
 * Any other issue is returned as it is.
 */
export function deepestIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  let best: { issue: z.core.$ZodIssue; count: number } | undefined;
  let fallback: { issue: z.core.$ZodIssue; count: number } | undefined;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first === undefined) continue;
    const candidate = { issue: deepestIssue(first), count: branch.length };
    const better = (than: typeof best) => than === undefined || candidate.issue.path.length > than.issue.path.length || (candidate.issue.path.length === than.issue.path.length && candidate.count < than.count);
    const unfit = wrongKind(first, 0) || branch.some((each) => each.code === 'unrecognized_keys' && each.path.length === 0);
    if (!unfit && better(best)) best = candidate;
    if (better(fallback)) fallback = candidate;
  }
  if (best === undefined && issue.message !== 'Invalid input') return issue;
  const chosen = best ?? fallback;
  return chosen === undefined ? issue : { ...chosen.issue, path: [...issue.path, ...chosen.issue.path] };
}
