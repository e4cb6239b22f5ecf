// Zod types for values with units, shared by flags and plan files: a string such as `4s` or `6.9GB` is
// parsed once at the edge into seconds, GB, USD or a fraction. A value of another type (a map, a list,
// true) is refused in the unit's words ("expected a duration like 4s or 250ms, got a map"), and each
// carries its JSON Schema (./unit-patterns.ts) for the plan's schema.
import * as z from 'zod';
import { UNIT_JSON_SCHEMAS, type JsonSchema } from './unit-patterns.js';
import {
  BANDWIDTH_EXPECTED,
  COUNT_EXPECTED,
  DURATION_EXPECTED,
  MONEY_EXPECTED,
  parseBandwidth,
  parseCount,
  parseDuration,
  parseMoney,
  parsePercent,
  parseRate,
  parseSize,
  PERCENT_EXPECTED,
  RATE_EXPECTED,
  parseTokenRate,
  TOKEN_RATE_EXPECTED,
  SIZE_EXPECTED,
  UnitError,
} from './units.js';
import { showValue } from './zod-issue.js';

/** Entries a unit parser remembers before it starts afresh (a sweep meets a few hundred distinct values). */
const MEMO_LIMIT = 4096;

/**
 * The parser with a memory of the texts it has read. The unit parsers are exact (decimal arithmetic on
 * BigInt), so a sweep that re-validates `4s` and `20s` at every one of 10,000 points spent a tenth of its
 * time re-reading them. Only results are remembered; a text that fails is re-read to report it.
 */
function remembering(parse: (text: string) => number): (text: string) => number {
  const memo = new Map<string, number>();
  return (text) => {
    const known = memo.get(text);
    if (known !== undefined) return known;
    const value = parse(text);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, value);
    return value;
  };
}

/**
 * Text or a number; anything else is refused naming what was expected and what came (the issue's
 * `params.wrongType` tells a union that no branch of this kind fits). Missing is worded by the object.
 */
function textOrNumber(expected: string, json: JsonSchema) {
  return z
    .unknown()
    .meta(json)
    .transform((input, ctx): string | number => {
      if (typeof input === 'string' || typeof input === 'number') return input;
      ctx.addIssue({ code: 'custom', message: input === undefined ? `missing: expected ${expected}` : `expected ${expected}, got ${showValue(input)}`, params: { wrongType: true } });
      return z.NEVER;
    });
}

function unitSchema(unremembered: (text: string) => number, expected: string, json: JsonSchema) {
  const parse = remembering(unremembered);
  return textOrNumber(expected, json).transform((input, ctx) => {
    try {
      const value = parse(String(input));
      // A number past float range ("1e400" read as Infinity) is no value at all.
      if (!Number.isFinite(value)) {
        ctx.addIssue({ code: 'custom', message: `expected a finite value, got "${String(input)}"` });
        return z.NEVER;
      }
      return value;
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });
}

/** `250ms`, `4s`, `2m`, `1.5h`, `1d` -> seconds. */
export const DurationSchema = unitSchema(parseDuration, DURATION_EXPECTED, UNIT_JSON_SCHEMAS.duration);
/** `500MB`, `6.9GB`, `1TB`, `16GiB` -> GB (decimal). */
export const SizeSchema = unitSchema(parseSize, SIZE_EXPECTED, UNIT_JSON_SCHEMAS.size);
/** `100MB/s`, `1.3GB/s` -> GB/s. */
export const BandwidthSchema = unitSchema(parseBandwidth, BANDWIDTH_EXPECTED, UNIT_JSON_SCHEMAS.bandwidth);
/** `$500`, `500`, `0.00031` -> USD. */
export const MoneySchema = unitSchema(parseMoney, MONEY_EXPECTED, UNIT_JSON_SCHEMAS.money);
/** `20%`, `0.2` -> 0.2. */
export const PercentSchema = unitSchema(parsePercent, PERCENT_EXPECTED, UNIT_JSON_SCHEMAS.percent);
/** `50000`, `50,000`, `50k` -> a number. */
export const CountSchema = unitSchema(parseCount, COUNT_EXPECTED, UNIT_JSON_SCHEMAS.count);
/** `$0.44/h`, `$0.00031/s` -> USD per second. */
export const RateSchema = unitSchema(parseRate, RATE_EXPECTED, UNIT_JSON_SCHEMAS.rate);
/** `60 tok/s`, `60` -> tokens per second. */
export const TokenRateSchema = unitSchema(parseTokenRate, TOKEN_RATE_EXPECTED, UNIT_JSON_SCHEMAS.tokenRate);
/** A whole number such as a worker or GPU count: `0`, `3`. */
export const WholeNumberSchema = textOrNumber('a whole number like 0 or 3', UNIT_JSON_SCHEMAS.wholeNumber).transform((input, ctx) => {
  const text = String(input).trim();
  if (!/^\d+$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: `expected a whole number like 0 or 3, got "${text}"` });
    return z.NEVER;
  }
  return Number(text);
});
/** A plain non-negative number such as requests per second: `0.5`, `12`. */
export const NumberSchema = textOrNumber('a non-negative number like 0.5 or 12', UNIT_JSON_SCHEMAS.number).transform((input, ctx) => {
  const text = String(input).trim();
  if (!/^(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    ctx.addIssue({ code: 'custom', message: `expected a non-negative number like 0.5 or 12, got "${text}"` });
    return z.NEVER;
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    ctx.addIssue({ code: 'custom', message: `expected a finite number, got "${text}"` });
    return z.NEVER;
  }
  return value;
});
