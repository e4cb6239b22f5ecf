// Rounding happens here and only here: the model keeps full precision and every renderer prints
// through these functions, so a figure reads the same in a table and in Markdown.
import type { Cell, ColumnKind } from './report.js';

// Built on first use: a NumberFormat costs milliseconds to make, and a JSON or CSV run never formats.
let grouped2Format: Intl.NumberFormat | undefined;
let groupedIntFormat: Intl.NumberFormat | undefined;
const grouped2 = () => (grouped2Format ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const groupedInt = () => (groupedIntFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }));

/**
 * An amount of money (a cost, a cost per request): cents from $1 up; below $1, three significant digits,
 * so $0.00519 and $0.0355 per request read alike and stay visible; whole cents stay cents ($0.04, not $0.0400).
 */
export function formatUsd(usd: number): string {
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  if (abs === 0 || Number(abs.toPrecision(3)) >= 1) return `${sign}$${grouped2().format(abs)}`;
  const rounded = Number(abs.toPrecision(3));
  // toFixed, not toPrecision's text, which turns exponential below 1e-6 ($3.1e-7 per request of 1ms).
  const places = Math.max(2, 2 - Math.floor(Math.log10(rounded)));
  // toFixed takes at most 100 places: an amount under 1e-98 (a typed 5e-324 budget) prints as 4.94e-324.
  if (places > 100) return `${sign}$${rounded.toPrecision(3)}`;
  const digits = rounded.toFixed(places);
  // Whole cents print as cents ($0.04, not $0.0400); anything finer keeps its three digits ($0.00540).
  const cents = trimZeros(digits, 2);
  return `${sign}$${cents.length <= 4 ? cents : digits}`;
}

/**
 * A unit price (a rate per second, hour, GPU-hour or GB-month): four significant digits, and never less
 * than cents. Catalog rates have at most three ($0.00116/s), so their hourly figures need four
 * ($4.176/h): a rate prints as RunPod publishes it ($0.00031/s = $1.116/h), not rounded to a cent it is not.
 */
export function formatPrice(usd: number): string {
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  if (abs >= 10) return `${sign}$${grouped2().format(abs)}`;
  return `${sign}$${trimZeros(Number(abs.toPrecision(4)).toFixed(10), 2)}`;
}

/** A fraction as a percentage with one decimal: 0.3226 -> 32.3%. */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${trimZeros(percent.toFixed(Math.abs(percent) < 0.1 && percent !== 0 ? 3 : 1), 0)}%`;
}

/** A plain number: grouped, at most 2 decimals (or 3 significant digits when small). */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return groupedInt().format(value);
  const abs = Math.abs(value);
  if (abs < 1) return trimZeros(value.toPrecision(3), 0);
  return trimZeros(grouped2().format(value), 0);
}

/** One cell as text for a table or Markdown. `null` means "not available". */
export function formatCell(value: Cell, kind: ColumnKind): string {
  if (value === null) return '-';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return value.join(', ');
  switch (kind) {
    case 'usd':
      return formatUsd(value);
    case 'price':
      return formatPrice(value);
    case 'percent':
      return formatPercent(value);
    case 'int':
      return groupedInt().format(value);
    case 'hours':
      return `${formatNumber(value)} h`;
    case 'seconds':
      return `${formatNumber(value)} s`;
    case 'number':
    case 'text':
      return formatNumber(value);
  }
}

/** Drops trailing zeros after the decimal point, keeping at least `minDecimals`. */
function trimZeros(text: string, minDecimals: number): string {
  if (!text.includes('.') || text.includes('e')) return text;
  const [whole, fraction = ''] = text.split('.');
  let kept = fraction.replace(/0+$/, '');
  if (kept.length < minDecimals) kept = kept.padEnd(minDecimals, '0');
  return kept.length === 0 ? (whole as string) : `${whole}.${kept}`;
}

/**
 * A raw number for JSON and CSV without binary floating-point noise: 12 significant digits keep
 * every meaningful digit of a price or a cost (3.9960000000000004 -> 3.996) and change no figure.
 */
export function cleanNumber(value: number): number {
  return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(12));
}

/** A value with every number in it cleaned (see cleanNumber), for JSON output. */
export function cleanNumbers(value: unknown): unknown {
  if (typeof value === 'number') return cleanNumber(value);
  if (Array.isArray(value)) return value.map(cleanNumbers);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cleanNumbers(inner)]));
  }
  return value;
}
