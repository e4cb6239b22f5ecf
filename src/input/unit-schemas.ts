// Zod types for values with units, shared by flags and (later) plan files: a string such as `4s` or
// `6.9GB` is parsed once at the edge into seconds, GB, USD or a fraction.
import * as z from 'zod';
import { parseBandwidth, parseCount, parseDuration, parseMoney, parsePercent, parseRate, parseSize, UnitError } from '../model/units.js';

function unitSchema(parse: (text: string) => number) {
  return z.union([z.string(), z.number()]).transform((input, ctx) => {
    try {
      return parse(String(input));
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });
}

/** `250ms`, `4s`, `2m`, `1.5h`, `1d` -> seconds. */
export const DurationSchema = unitSchema(parseDuration);
/** `500MB`, `6.9GB`, `1TB`, `16GiB` -> GB (decimal). */
export const SizeSchema = unitSchema(parseSize);
/** `100MB/s`, `1.3GB/s` -> GB/s. */
export const BandwidthSchema = unitSchema(parseBandwidth);
/** `$500`, `500`, `0.00031` -> USD. */
export const MoneySchema = unitSchema(parseMoney);
/** `20%`, `0.2` -> 0.2. */
export const PercentSchema = unitSchema(parsePercent);
/** `50000`, `50,000`, `50k` -> a number. */
export const CountSchema = unitSchema(parseCount);
/** `$0.44/h`, `$0.00031/s` -> USD per second. */
export const RateSchema = unitSchema(parseRate);
/** A whole number such as a worker or GPU count: `0`, `3`. */
export const WholeNumberSchema = z.union([z.string(), z.number()]).transform((input, ctx) => {
  const text = String(input).trim();
  if (!/^\d+$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: `expected a whole number like 0 or 3, got "${text}"` });
    return z.NEVER;
  }
  return Number(text);
});
/** A plain non-negative number such as requests per second: `0.5`, `12`. */
export const NumberSchema = z.union([z.string(), z.number()]).transform((input, ctx) => {
  const text = String(input).trim();
  if (!/^(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    ctx.addIssue({ code: 'custom', message: `expected a non-negative number like 0.5 or 12, got "${text}"` });
    return z.NEVER;
  }
  return Number(text);
});
