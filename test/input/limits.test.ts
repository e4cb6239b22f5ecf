// The limits table: its checks, its words, and the README's copy of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { describeRange, LIMITS, outsideLimit, within } from '../../src/input/limits.js';
import { ROOT } from '../helpers/cli.js';

describe('outsideLimit', () => {
  it('holds the bounds, exclusive ones and whole numbers', () => {
    expect(outsideLimit(LIMITS.gpuCount, 8)).toBeNull();
    expect(outsideLimit(LIMITS.gpuCount, 9)).toBe('expected a whole number 1 to 8, got 9');
    expect(outsideLimit(LIMITS.gpuCount, 2.5)).toBe('expected a whole number 1 to 8, got 2.5');
    expect(outsideLimit(LIMITS.discount, 0.999)).toBeNull();
    expect(outsideLimit(LIMITS.discount, 1)).toBe('expected 0% to below 100%, got 100%');
    expect(outsideLimit(LIMITS.podTargetUtilization, 0)).toBe('expected above 0%, up to 100%, got 0%');
    expect(outsideLimit(LIMITS.execution, 8 * 86_400)).toBe('expected 1ms to 7d, got 8d');
  });

  it('refuses what is not a finite number', () => {
    for (const value of [Infinity, -Infinity, NaN]) expect(outsideLimit(LIMITS.rps, value)).toBe('expected 0 to 10000, got a number past every limit');
  });

  it('within() reports the first problem as one issue in the user units', () => {
    const schema = within(z.number(), 'idleTimeout');
    expect(schema.safeParse(5).success).toBe(true);
    const failed = schema.safeParse(7200);
    expect(failed.success ? null : failed.error.issues.map((issue) => issue.message)).toEqual(['expected 1s to 1h, got 2h']);
  });
});

describe('the README Limits table', () => {
  it('lists every limit with its range, as --help words it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const limit of Object.values(LIMITS)) expect(readme).toContain(`| ${limit.label} | ${describeRange(limit)} | ${limit.why} |`);
  });
});
