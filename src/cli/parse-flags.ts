// Flags go through zod once, here; a bad value becomes `--flag: expected ..., got "..."`.
import type { z } from 'zod';
import { InputError } from '../input/error.js';
import { deepestIssue, describeIssue } from '../input/zod-issue.js';

/** Validates commander's option object against a schema; issue paths are option names. */
export function parseFlags<S extends z.ZodType>(schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options, { reportInput: true });
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const issue = first === undefined ? undefined : deepestIssue(first);
  const key = issue?.path[0];
  const flag = typeof key === 'string' ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : undefined;
  throw new InputError(issue === undefined ? 'invalid flags' : describeIssue(issue), flag === undefined ? {} : { flag });
}
