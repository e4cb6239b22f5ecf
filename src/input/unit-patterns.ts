// The plan's JSON Schema for values with units: a string pattern per unit (ECMA-262, as JSON Schema
// validators and editors use it: no flags, so case-insensitive units are spelled [mM][bB]), and numbers
// where the parser takes them. Built from the parsers' own fragments (./units.ts), so an editor flags
// `4 sec` while it is typed and never a value the parser reads; test/input/unit-patterns.test.ts holds
// them together on generated values.
import { COUNT_SUFFIXES, DURATION_UNITS, GROUPED_NUM, NUM, RATE_UNITS, SIZE_UNITS } from './units.js';

/** A JSON Schema fragment (draft 2020-12). */
export type JsonSchema = Record<string, unknown>;

/** Every letter of a unit in either case: `mb` -> `[mM][bB]`. */
function caseless(word: string): string {
  return word.replace(/[a-z]/gi, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`);
}

// The parsers trim the text first.
const pattern = (body: string) => String.raw`^\s*${body}\s*$`;
const EXPONENT = String.raw`(?:[eE][+-]?\d+)`;
const anyOf = (...schemas: JsonSchema[]): JsonSchema => ({ anyOf: schemas });
const text = (body: string): JsonSchema => ({ type: 'string', pattern: pattern(body) });

/** A bare fraction the percentage parser takes: at most 1 (`0.2`, `.5`, `1`, `1.0`). */
const FRACTION = String.raw`(?:0+(?:\.\d+)?|\.\d+|0*1(?:\.0+)?)`;

export const UNIT_JSON_SCHEMAS = {
  // Units largest first, each at most once, at least one (the lookahead: not empty).
  duration: text(String.raw`(?=\S)${DURATION_UNITS.map(({ unit }) => `(?:${NUM}${caseless(unit)})?`).join('')}`),
  size: text(`${NUM} ?(?:${SIZE_UNITS.map(caseless).join('|')})`),
  bandwidth: text(`${NUM} ?(?:${SIZE_UNITS.map(caseless).join('|')})/[sS]`),
  // Numbers are read as they print (String(500) is 500): any non-negative one.
  money: anyOf(text(String.raw`\$?${GROUPED_NUM}${EXPONENT}?`), { type: 'number', minimum: 0 }),
  percent: anyOf(text(`(?:${NUM}%|${FRACTION})`), { type: 'number', minimum: 0, maximum: 1 }),
  count: anyOf(text(`${GROUPED_NUM}[${COUNT_SUFFIXES}]?`), { type: 'number', minimum: 0 }),
  rate: text(String.raw`\$?${GROUPED_NUM}${EXPONENT}? ?/ ?(?:${RATE_UNITS.map(caseless).join('|')})`),
  wholeNumber: anyOf(text(String.raw`\d+`), { type: 'integer', minimum: 0 }),
  number: anyOf(text(`${NUM}${EXPONENT}?`), { type: 'number', minimum: 0 }),
  tokenRate: anyOf(text(String.raw`${NUM}\s*(?:${caseless('tokens/s')}|${caseless('tok/s')})?`), { type: 'number', minimum: 0 }),
} as const satisfies Record<string, JsonSchema>;
