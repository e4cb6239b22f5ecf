// Unit parsing and exact formatting. Internal units: seconds, decimal GB (RunPod bills 1 GB = 1e9 B),
// GB/s, USD, and fractions for percentages.
//
// Every parser scales the decimal digits the user typed with BigInt and converts to a double exactly once,
// so the result is the double nearest the exact value (`1.1h` is 3960 s, whereas 1.1 * 3600 = 3960.0000000000005).
// Formatters work on the shortest decimal that identifies a double (String(x)) for the same reason, which is
// what makes format-then-parse give back the identical double.

/** Thrown when user text is not a value of the expected unit; the message tells the user what would be accepted. */
export class UnitError extends Error {
  override name = 'UnitError';
  readonly expected: string;
  readonly got: string;

  constructor(expected: string, got: string) {
    super(`expected ${expected}, got "${got}"`);
    this.expected = expected;
    this.got = got;
  }
}

/** value = coef * 10^exp, coef >= 0: an exact decimal, so scaling by units never rounds. */
interface Decimal {
  readonly coef: bigint;
  readonly exp: number;
}

const dec = (coef: bigint, exp = 0): Decimal => ({ coef, exp });

// Leading-dot numbers (`.5`) are accepted everywhere for consistency with `$.5`; a trailing dot (`5.`) is not.
// These fragments also make the plan's JSON Schema patterns (./unit-patterns.ts), so the two cannot drift.
export const NUM = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
// Thousands separators must be real groups of three so `1,5k` is an error rather than 15k.
export const GROUPED_NUM = String.raw`(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)`;
const LITERAL_RE = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

function parseDecimal(literal: string): Decimal {
  const m = LITERAL_RE.exec(literal.replaceAll(',', ''));
  if (!m) throw new Error(`internal: not a decimal literal: ${literal}`);
  const intPart = m[1] ?? '';
  const fracPart = m[2] ?? '';
  return dec(BigInt(`${intPart}${fracPart}` || '0'), Number(m[3] ?? '0') - fracPart.length);
}

/** String(x) is the shortest decimal that round-trips to x, so it is the canonical exact form of a double. */
function fromNumber(x: number): Decimal {
  return parseDecimal(String(x));
}

function toNumber(d: Decimal): number {
  // JS string-to-number conversion is correctly rounded, so this is the only rounding step.
  return Number(`${d.coef}e${d.exp}`);
}

function mul(a: Decimal, b: Decimal): Decimal {
  return dec(a.coef * b.coef, a.exp + b.exp);
}

function add(a: Decimal, b: Decimal): Decimal {
  const exp = Math.min(a.exp, b.exp);
  return dec(a.coef * 10n ** BigInt(a.exp - exp) + b.coef * 10n ** BigInt(b.exp - exp), exp);
}

function shift(d: Decimal, places: number): Decimal {
  return dec(d.coef, d.exp + places);
}

function normalize(d: Decimal): Decimal {
  if (d.coef === 0n) return dec(0n);
  let { coef, exp } = d;
  while (exp < 0 && coef % 10n === 0n) {
    coef /= 10n;
    exp += 1;
  }
  return dec(coef, exp);
}

function decimalPlaces(d: Decimal): number {
  return Math.max(0, -normalize(d).exp);
}

/** Rounds half-up to `places` decimals. */
function roundTo(d: Decimal, places: number): Decimal {
  const drop = -d.exp - places;
  if (drop <= 0) return d;
  const div = 10n ** BigInt(drop);
  let q = d.coef / div;
  if ((d.coef % div) * 2n >= div) q += 1n;
  return dec(q, -places);
}

/**
 * Exact d / f if it has at most `maxPlaces` decimals, else undefined. Dividing by the integer f.coef can
 * never remove decimals, so a quotient that would need more than `maxPlaces` before dividing is rejected up front.
 */
function divideExactly(d: Decimal, f: Decimal, maxPlaces: number): Decimal | undefined {
  const e = d.exp - f.exp + maxPlaces;
  if (e < 0) {
    const n = normalize(d);
    if (n.exp - f.exp + maxPlaces < 0) return undefined;
    return divideExactly(n, f, maxPlaces);
  }
  const scaled = d.coef * 10n ** BigInt(e);
  if (scaled % f.coef !== 0n) return undefined;
  return normalize(dec(scaled / f.coef, -maxPlaces));
}

function atLeastOne(d: Decimal): boolean {
  return d.coef !== 0n && (d.exp >= 0 || d.coef >= 10n ** BigInt(-d.exp));
}

function toPlain(d: Decimal): string {
  const n = normalize(d);
  if (n.coef === 0n) return '0';
  const digits = n.coef.toString();
  if (n.exp >= 0) return digits + '0'.repeat(n.exp);
  const places = -n.exp;
  const padded = digits.padStart(places + 1, '0');
  return `${padded.slice(0, -places)}.${padded.slice(-places)}`;
}

function finiteOrThrow(value: number, expected: string, text: string): number {
  if (!Number.isFinite(value)) throw new UnitError(expected, text);
  return value;
}

/** Formatters are for our own computed values, so a non-finite one is a bug, not user error. */
function signed(value: number, kind: string, format: (magnitude: number) => string): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${String(value)} as ${kind}`);
  // Negative values (deltas, savings) print with a leading '-'; the parsers reject them, so they do not round-trip.
  return value < 0 ? `-${format(-value)}` : format(value);
}

// ---------------------------------------------------------------------------------------------- durations

export const DURATION_EXPECTED = 'a duration like 4s or 250ms';

/** Largest first, which is both the compound order and the formatting preference. */
export const DURATION_UNITS = [
  { unit: 'd', seconds: dec(86400n) },
  { unit: 'h', seconds: dec(3600n) },
  { unit: 'm', seconds: dec(60n) },
  { unit: 's', seconds: dec(1n) },
  { unit: 'ms', seconds: dec(1n, -3) },
] as const;

const DURATION_RE = new RegExp(
  `^${DURATION_UNITS.map(({ unit }) => `(?:(${NUM})${unit})?`).join('')}$`,
  'i',
);

/** Parses `250ms`, `4s`, `1.5h`, `1h30m` into seconds. */
export function parseDuration(text: string): number {
  const m = DURATION_RE.exec(text.trim());
  if (!m) throw new UnitError(DURATION_EXPECTED, text);
  let total: Decimal | undefined;
  DURATION_UNITS.forEach(({ seconds }, i) => {
    const part = m[i + 1];
    if (part !== undefined) {
      const value = mul(parseDecimal(part), seconds);
      total = total === undefined ? value : add(total, value);
    }
  });
  // The all-optional pattern also matches the empty string.
  if (total === undefined) throw new UnitError(DURATION_EXPECTED, text);
  return finiteOrThrow(toNumber(total), DURATION_EXPECTED, text);
}

/** Formats seconds in the largest unit where the value is >= 1 and exact in <= 6 decimals; always round-trips. */
export function formatDuration(seconds: number): string {
  return signed(seconds, 'a duration', (x) => {
    if (x === 0) return '0s';
    const exact = fromNumber(x);
    for (const { unit, seconds: factor } of DURATION_UNITS) {
      const q = divideExactly(exact, factor, 6);
      // `>= 1` keeps 0.25 s as `250ms` rather than `0.25s`, and 360 s as `6m` rather than `0.1h`.
      if (q !== undefined && atLeastOne(q)) return `${toPlain(q)}${unit}`;
    }
    // Sub-millisecond or odd values: milliseconds are a power-of-ten shift, so this is always exact.
    return `${toPlain(shift(exact, 3))}ms`;
  });
}

// -------------------------------------------------------------------------------------- sizes, bandwidth

export const SIZE_EXPECTED = 'a size like 500MB, 6.9GB or 1TB';
export const BANDWIDTH_EXPECTED = 'a bandwidth like 100MB/s or 1.3GB/s';

/** Size of one unit in decimal GB; keys are lower-case because unit matching is case-insensitive. */
const SIZE_FACTORS: Readonly<Record<string, Decimal>> = {
  b: dec(1n, -9),
  kb: dec(1n, -6),
  mb: dec(1n, -3),
  gb: dec(1n),
  tb: dec(1n, 3),
  kib: dec(1024n, -9),
  mib: dec(1024n ** 2n, -9),
  gib: dec(1024n ** 3n, -9),
  tib: dec(1024n ** 4n, -9),
};

export const SIZE_UNITS = ['b', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'tib'] as const;
const SIZE_UNIT = `(${SIZE_UNITS.join('|')})`;
const SIZE_RE = new RegExp(`^(${NUM}) ?${SIZE_UNIT}$`, 'i');
const BANDWIDTH_RE = new RegExp(`^(${NUM}) ?${SIZE_UNIT}/s$`, 'i');

function parseSized(re: RegExp, expected: string, text: string): number {
  const m = re.exec(text.trim());
  const factor = SIZE_FACTORS[(m?.[2] ?? '').toLowerCase()];
  if (!m?.[1] || !factor) throw new UnitError(expected, text);
  return finiteOrThrow(toNumber(mul(parseDecimal(m[1]), factor)), expected, text);
}

/** Decimal units only, smallest first; `exp` is the unit's size as a power of ten of GB. */
const SIZE_LADDER = [
  { unit: 'B', exp: -9, min: 0 },
  { unit: 'KB', exp: -6, min: 1e-6 },
  { unit: 'MB', exp: -3, min: 1e-3 },
  { unit: 'GB', exp: 0, min: 1 },
  { unit: 'TB', exp: 3, min: 1e3 },
] as const;

function formatSized(gb: number): string {
  if (gb === 0) return '0GB';
  let i = Math.max(0, SIZE_LADDER.findLastIndex(({ min }) => gb >= min));
  for (;;) {
    const step = SIZE_LADDER[i] ?? SIZE_LADDER[0];
    // Six decimals keep sizes readable; it is exact for whole KB below 1 TB and whole MB at any size.
    const q = roundTo(shift(fromNumber(gb), -step.exp), 6);
    // Rounding can carry up to 1000 (999.9999999 GB), which reads better one unit up.
    if (i < SIZE_LADDER.length - 1 && toNumber(q) >= 1000) {
      i += 1;
      continue;
    }
    return `${toPlain(q)}${step.unit}`;
  }
}

/** Parses `500MB`, `6.9 GB`, `1GiB` into decimal GB (binary units are converted: 1 GiB = 1.073741824 GB). */
export function parseSize(text: string): number {
  return parseSized(SIZE_RE, SIZE_EXPECTED, text);
}

/** Formats decimal GB in the largest unit that keeps the number >= 1, with at most 6 decimals. */
export function formatSize(gb: number): string {
  return signed(gb, 'a size', formatSized);
}

/** Parses `100MB/s`, `1.3GB/s`, `1GiB/s` into GB/s. */
export function parseBandwidth(text: string): number {
  return parseSized(BANDWIDTH_RE, BANDWIDTH_EXPECTED, text);
}

/** Formats GB/s like formatSize, with a `/s` suffix. */
export function formatBandwidth(gbPerSecond: number): string {
  return signed(gbPerSecond, 'a bandwidth', (x) => `${formatSized(x)}/s`);
}

// ----------------------------------------------------------------------------------------------- money

export const MONEY_EXPECTED = 'an amount of money like $500 or 0.00031';
// `$.5` is accepted (0.5 USD): it is unambiguous, and per-second prices are often written that way.
const MONEY_RE = new RegExp(String.raw`^\$?(${GROUPED_NUM}(?:e[+-]?\d+)?)$`, 'i');

/** Parses `$500`, `0.00031`, `$1,200.50`, `3.1e-4` into USD. */
export function parseMoney(text: string): number {
  const m = MONEY_RE.exec(text.trim());
  if (!m?.[1]) throw new UnitError(MONEY_EXPECTED, text);
  return finiteOrThrow(toNumber(parseDecimal(m[1])), MONEY_EXPECTED, text);
}

/** Formats USD exactly (shortest round-tripping digits, no rounding, no separators) for messages and assumptions. */
export function formatMoney(usd: number): string {
  return signed(usd, 'money', (x) => `$${toPlain(fromNumber(x))}`);
}

// ------------------------------------------------------------------------------------------------ rate

export const RATE_EXPECTED = 'a price like $0.44/h or $0.00031/s';
export const RATE_UNITS = ['s', 'sec', 'second', 'h', 'hr', 'hour'] as const;
const RATE_RE = new RegExp(String.raw`^\$?(${GROUPED_NUM}(?:e[+-]?\d+)?) ?/ ?(${RATE_UNITS.join('|')})$`, 'i');

/** Parses a price per unit of time, `$0.44/h` or `$0.00031/s`, into USD per second. */
export function parseRate(text: string): number {
  const m = RATE_RE.exec(text.trim());
  if (!m?.[1] || !m[2]) throw new UnitError(RATE_EXPECTED, text);
  const usd = finiteOrThrow(toNumber(parseDecimal(m[1])), RATE_EXPECTED, text);
  return m[2].toLowerCase().startsWith('h') ? usd / 3600 : usd;
}

// --------------------------------------------------------------------------------------------- percent

export const PERCENT_EXPECTED = 'a percentage like 20% or 0.2';
const PERCENT_RE = new RegExp(`^(${NUM})(%?)$`);

/** Parses `20%` or a bare fraction `0.2` into a fraction; a bare number above 1 is ambiguous and rejected. */
export function parsePercent(text: string): number {
  const m = PERCENT_RE.exec(text.trim());
  if (!m?.[1]) throw new UnitError(PERCENT_EXPECTED, text);
  const digits = parseDecimal(m[1]);
  // Shifting the decimal point (not Number(x) / 100) makes `7%` exactly the double 0.07, like typing 0.07.
  const fraction = toNumber(m[2] === '%' ? shift(digits, -2) : digits);
  if (!Number.isFinite(fraction) || (m[2] === '' && fraction > 1)) throw new UnitError(PERCENT_EXPECTED, text);
  return fraction;
}

/** Formats a fraction as a percentage (`0.2` -> `20%`) that parses back to the identical double. */
export function formatPercent(fraction: number): string {
  // Shifting the shortest decimal of the fraction avoids 0.07 * 100 = 7.000000000000001.
  return signed(fraction, 'a percentage', (x) => `${toPlain(shift(fromNumber(x), 2))}%`);
}

// ----------------------------------------------------------------------------------------------- count

export const COUNT_EXPECTED = 'a number like 500 or 50k';
// Lower-case `m` is rejected rather than guessed: it reads as milli as easily as million.
// `B` (billion) is for parameter counts: `8B`, `70B`.
export const COUNT_SUFFIXES = 'kKMB';
const COUNT_RE = new RegExp(`^(${GROUPED_NUM})([${COUNT_SUFFIXES}]?)$`);
const COUNT_FACTORS: Readonly<Record<string, Decimal>> = { '': dec(1n), k: dec(1n, 3), K: dec(1n, 3), M: dec(1n, 6), B: dec(1n, 9) };

/** Parses `50000`, `50,000`, `50k`, `1.5M` (requests per day) or `8B` (parameters). */
export function parseCount(text: string): number {
  const m = COUNT_RE.exec(text.trim());
  const factor = COUNT_FACTORS[m?.[2] ?? ''];
  if (!m?.[1] || !factor) throw new UnitError(COUNT_EXPECTED, text);
  return finiteOrThrow(toNumber(mul(parseDecimal(m[1]), factor)), COUNT_EXPECTED, text);
}

// ---------------------------------------------------------------------------------------------- tokens

export const TOKEN_RATE_EXPECTED = 'a token rate like 60 tok/s';
const TOKEN_RATE_RE = new RegExp(`^(${NUM})\\s*(tok/s|tokens/s)?$`, 'i');

/** Parses `60 tok/s`, `60tokens/s` or a bare `60` into tokens per second. */
export function parseTokenRate(text: string): number {
  const m = TOKEN_RATE_RE.exec(text.trim());
  if (!m?.[1]) throw new UnitError(TOKEN_RATE_EXPECTED, text);
  return finiteOrThrow(toNumber(parseDecimal(m[1])), TOKEN_RATE_EXPECTED, text);
}

const TOKEN_PRICE_EXPECTED = 'a price per million tokens like $0.20/Mtok';
const TOKEN_PRICE_RE = new RegExp(`^\\$(${NUM})\\s*/\\s*(Mtok|ktok|tok)$`, 'i');
const TOKEN_PRICE_DIVISORS: Readonly<Record<string, number>> = { mtok: 1e6, ktok: 1e3, tok: 1 };

/** Parses `$0.20/Mtok` (also `/ktok`, `/tok`) into USD per token. */
export function parseTokenPrice(text: string): number {
  const m = TOKEN_PRICE_RE.exec(text.trim());
  const divisor = TOKEN_PRICE_DIVISORS[(m?.[2] ?? '').toLowerCase()];
  if (!m?.[1] || divisor === undefined) throw new UnitError(TOKEN_PRICE_EXPECTED, text);
  return finiteOrThrow(toNumber(parseDecimal(m[1])), TOKEN_PRICE_EXPECTED, text) / divisor;
}
