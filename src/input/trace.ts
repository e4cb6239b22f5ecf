// Traffic traces a user replays: a CSV of arrival timestamps (seconds from the start), or of counts per
// minute, including the wide format of the public Azure Functions traces (Shahrad et al., "Serverless in
// the Wild", ATC 2020: columns HashOwner,HashApp,HashFunction,Trigger,1..1440, one row per function). A
// counts trace may date its rows (`2026-06-01T00:00Z,12`, as `calibrate` writes it): each count then
// belongs to its minute, counted from the first row's, and the trace knows when its minute 0 was.
import { InputError } from './error.js';
import { LIMITS, outsideLimit, type Limit } from './limits.js';

export const TRACE_FORMATS = ['timestamps', 'counts'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

const NUMBER = /^\s*(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?\s*$/i;

/** The most arrivals a trace may expand to: 8 bytes each, 160 MB. */
export const MAX_TRACE_ARRIVALS = 20_000_000;

/** A minute a counts trace's row is dated with: ISO 8601 to the minute (`2026-06-01T00:00Z`), UTC or with an offset. */
const DATED_MINUTE = /^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00(\.0+)?)?(Z|[+-]\d{2}:\d{2})\s*$/;

/** What a trace file holds: its arrivals, and for a counts trace the minutes it covers and (dated rows) when minute 0 began. */
export interface TraceContent {
  /** Arrival times in seconds, sorted. */
  timestampsS: number[];
  /** A counts trace: the minutes its rows cover (trailing minutes with no arrivals included); null for timestamps. */
  minutes: number | null;
  /** Dated rows: the start of minute 0, as written in the first row; else null. */
  startsAt: string | null;
}

/**
 * Arrival times in seconds, sorted, from a trace file's text (or, with `what: 'samples'`, execution times).
 * Errors name the file, line and column, and never quote the file: a plan may point at any file.
 */
export function parseTrace(text: string, file: string, format: TraceFormat, what: 'trace' | 'samples' = 'trace'): number[] {
  return readTrace(text, file, format, what).timestampsS;
}

/** A trace file's text read: arrivals, the minutes a counts trace covers, and when its dated rows begin. */
export function readTrace(text: string, file: string, format: TraceFormat, what: 'trace' | 'samples' = 'trace'): TraceContent {
  const lines = text.split(/\r?\n/);
  const rows = lines.map((line, index) => ({ line: index + 1, cells: line.split(',') })).filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (rows.length === 0) throw new InputError('the trace is empty', { file });
  // A first row that starts with neither a number nor a date is a header (`timestamp`, `count`, `HashOwner,...`).
  const first = rows[0]?.cells[0] ?? '';
  const header = !NUMBER.test(first) && !DATED_MINUTE.test(first) ? rows.shift() : undefined;
  if (rows.length === 0) throw new InputError('the trace has a header but no rows', { file });
  if (what === 'samples') return { timestampsS: timestamps(rows, file, LIMITS.execution, 'an execution time in seconds'), minutes: null, startsAt: null };
  if (format === 'timestamps') return { timestampsS: timestamps(rows, file, LIMITS.traceTime, 'an arrival time in seconds'), minutes: null, startsAt: null };
  const dated = rows[0] !== undefined && rows[0].cells.length > 1 && DATED_MINUTE.test(rows[0].cells[0] ?? '');
  return dated ? datedCounts(rows, file) : countsPerMinute(rows, header?.cells, file);
}

function numberAt(cell: string | undefined, file: string, line: number, column: number, limit: Limit, what: string): number {
  if (cell === undefined || !NUMBER.test(cell)) throw new InputError(`expected ${what}, a non-negative number`, { file, line, column });
  const value = Number(cell);
  const problem = outsideLimit(limit, value);
  if (problem !== null) throw new InputError(`${what}: ${problem}`, { file, line, column });
  return value;
}

function timestamps(rows: { line: number; cells: string[] }[], file: string, limit: Limit, what: string): number[] {
  if (rows.length > MAX_TRACE_ARRIVALS) throw new InputError(`over ${MAX_TRACE_ARRIVALS} rows: split the file`, { file });
  const times = rows.map((row) => numberAt(row.cells[0], file, row.line, 1, limit, what));
  // Sorting is cheap and makes a merged, out-of-order log usable as it is.
  return times.sort((a, b) => a - b);
}

function countsPerMinute(rows: { line: number; cells: string[] }[], header: string[] | undefined, file: string): TraceContent {
  // Wide format: the minute columns are those whose header is a minute number (Azure: 1..1440).
  const minuteColumns = header?.map((name, index) => ({ index, minute: /^\s*\d+\s*$/.test(name) ? Number(name) - 1 : -1 })).filter((entry) => entry.minute >= 0);
  const perMinute = new Map<number, number>();
  const add = (minute: number, count: number) => perMinute.set(minute, (perMinute.get(minute) ?? 0) + count);
  if (minuteColumns !== undefined && minuteColumns.length > 1) {
    for (const row of rows) for (const { index, minute } of minuteColumns) add(minute, numberAt(row.cells[index], file, row.line, index + 1, LIMITS.traceCount, 'a count of requests'));
  } else {
    rows.forEach((row, minute) => add(minute, numberAt(row.cells[row.cells.length - 1], file, row.line, row.cells.length, LIMITS.traceCount, 'a count of requests')));
  }
  checkArrivals(perMinute, file);
  return { timestampsS: spreadEvenly(perMinute), minutes: Math.max(0, ...perMinute.keys()) + 1, startsAt: null };
}

/** Rows `minute,count` whose minutes are dated: each count belongs to its minute, counted from the first row's; minutes must increase. */
function datedCounts(rows: { line: number; cells: string[] }[], file: string): TraceContent {
  const startsAt = (rows[0]?.cells[0] ?? '').trim();
  const startMs = Date.parse(startsAt);
  const perMinute = new Map<number, number>();
  let previous = -1;
  for (const row of rows) {
    const cell = row.cells[0] ?? '';
    if (!DATED_MINUTE.test(cell)) throw new InputError('expected a minute like 2026-06-01T00:00Z, as in the first row', { file, line: row.line, column: 1 });
    const minute = (Date.parse(cell.trim()) - startMs) / 60_000;
    if (!(minute > previous)) throw new InputError('expected minutes in increasing order, later than the row before', { file, line: row.line, column: 1 });
    const tooLate = outsideLimit(LIMITS.traceTime, minute * 60);
    if (tooLate !== null) throw new InputError(`a minute of the trace: ${tooLate}`, { file, line: row.line, column: 1 });
    previous = minute;
    perMinute.set(minute, numberAt(row.cells[row.cells.length - 1], file, row.line, row.cells.length, LIMITS.traceCount, 'a count of requests'));
  }
  checkArrivals(perMinute, file);
  return { timestampsS: spreadEvenly(perMinute), minutes: previous + 1, startsAt };
}

/** A counts trace is sized before it is expanded: at most MAX_TRACE_ARRIVALS arrivals. */
function checkArrivals(perMinute: Map<number, number>, file: string): void {
  let total = 0;
  for (const count of perMinute.values()) total += Math.round(count);
  if (total > MAX_TRACE_ARRIVALS) {
    throw new InputError(`the trace holds ${total} requests, over the ${MAX_TRACE_ARRIVALS} a trace may expand to: give a rate with a daily profile instead`, { file });
  }
}

/** Arrival times from counts per minute, each minute's spread evenly: deterministic, and the trace holds no finer timing anyway. */
function spreadEvenly(perMinute: Map<number, number>): number[] {
  const times: number[] = [];
  for (const [minute, count] of [...perMinute.entries()].sort((a, b) => a[0] - b[0])) {
    const whole = Math.round(count);
    for (let i = 0; i < whole; i++) times.push(minute * 60 + ((i + 0.5) * 60) / whole);
  }
  return times;
}
