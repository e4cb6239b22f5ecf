// Points in time as job logs write them: ISO 8601 (`2026-06-01T12:00:03.250Z`, an offset, or no zone, read
// as UTC so every machine reads the same instant), or epoch seconds or milliseconds. One file, one kind: a
// log that mixes them is a mistake the reader names rather than guesses around.

/** How a log writes its times. */
export type InstantUnit = 'iso' | 'epoch seconds' | 'epoch milliseconds';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch numbers below 10^11 are seconds (10^11 s is the year 5138), from there milliseconds (10^11 ms
 * is 1973): any log of a RunPod endpoint is unambiguous.
 */
const MILLISECONDS_FROM = 1e11;

/** A time read: epoch milliseconds and how it was written; null when the text is not a time. */
export function readInstant(value: unknown): { ms: number; unit: InstantUnit } | null {
  if (typeof value === 'number') return epoch(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return epoch(Number(text));
  const m = ISO.exec(text);
  if (m === null) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone] = m;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(`0.${fraction || '0'}`) * 1000);
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || Number(month) > 12) return null;
  // Date.UTC rolls an impossible date over (February 30 -> March 2): refuse it instead.
  if (Number(day) > 28 && new Date(ms).getUTCDate() !== Number(day)) return null;
  return { ms: ms - offsetMs(zone), unit: 'iso' };
}

function epoch(value: number): { ms: number; unit: InstantUnit } | null {
  if (!Number.isFinite(value) || value < 0) return null;
  return value < MILLISECONDS_FROM ? { ms: value * 1000, unit: 'epoch seconds' } : { ms: value, unit: 'epoch milliseconds' };
}

/** Milliseconds a zone is ahead of UTC: `+02:00` -> 7,200,000; none or `Z` -> 0. */
function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** An instant as ISO 8601 in UTC to the minute, for minutes a trace dates: 2026-06-01T12:03Z. */
export function formatMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

/** An instant as ISO 8601 in UTC to the second: 2026-06-01T12:03:05Z. */
export function formatInstant(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
