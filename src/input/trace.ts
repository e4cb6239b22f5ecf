// Traffic traces a user replays: a CSV of arrival timestamps (seconds from the start), or of counts per
// minute, including the wide format of the public Azure Functions traces (Shahrad et al., "Serverless in
// the Wild", ATC 2020: columns HashOwner,HashApp,HashFunction,Trigger,1..1440, one row per function).
import { InputError } from './error.js';
import { LIMITS, outsideLimit, type Limit } from './limits.js';

export const TRACE_FORMATS = ['timestamps', 'counts'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

const NUMBER = /^\s*(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?\s*$/i;

/** The most arrivals a trace may expand to: 8 bytes each, 160 MB. */
export const MAX_TRACE_ARRIVALS = 20_000_000;

/**
 * Arrival times in seconds, sorted, from a trace file's text (or, with `what: 'samples'`, execution times).
 * Errors name the file, line and column, and never quote the file: a plan may point at any file.
 */
export function parseTrace(text: string, file: string, format: TraceFormat, what: 'trace' | 'samples' = 'trace'): number[] {
  const lines = text.split(/\r?\n/);
  const rows = lines.map((line, index) => ({ line: index + 1, cells: line.split(',') })).filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (rows.length === 0) throw new InputError('the trace is empty', { file });
  // A first row that does not start with a number is a header (`timestamp`, `count`, `HashOwner,...`).
  const header = rows[0] !== undefined && !NUMBER.test(rows[0].cells[0] ?? '') ? rows.shift() : undefined;
  if (rows.length === 0) throw new InputError('the trace has a header but no rows', { file });
  if (what === 'samples') return timestamps(rows, file, LIMITS.execution, 'an execution time in seconds');
  return format === 'timestamps' ? timestamps(rows, file, LIMITS.traceTime, 'an arrival time in seconds') : countsPerMinute(rows, header?.cells, file);
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

function countsPerMinute(rows: { line: number; cells: string[] }[], header: string[] | undefined, file: string): number[] {
  // Wide format: the minute columns are those whose header is a minute number (Azure: 1..1440).
  const minuteColumns = header?.map((name, index) => ({ index, minute: /^\s*\d+\s*$/.test(name) ? Number(name) - 1 : -1 })).filter((entry) => entry.minute >= 0);
  const perMinute = new Map<number, number>();
  const add = (minute: number, count: number) => perMinute.set(minute, (perMinute.get(minute) ?? 0) + count);
  if (minuteColumns !== undefined && minuteColumns.length > 1) {
    for (const row of rows) for (const { index, minute } of minuteColumns) add(minute, numberAt(row.cells[index], file, row.line, index + 1, LIMITS.traceCount, 'a count of requests'));
  } else {
    rows.forEach((row, minute) => add(minute, numberAt(row.cells[row.cells.length - 1], file, row.line, row.cells.length, LIMITS.traceCount, 'a count of requests')));
  }
  let total = 0;
  for (const count of perMinute.values()) total += Math.round(count);
  if (total > MAX_TRACE_ARRIVALS) {
    throw new InputError(`the trace holds ${total} requests, over the ${MAX_TRACE_ARRIVALS} a trace may expand to: give a rate with a daily profile instead`, { file });
  }
  const times: number[] = [];
  for (const [minute, count] of [...perMinute.entries()].sort((a, b) => a[0] - b[0])) {
    const whole = Math.round(count);
    // Spread a minute's arrivals evenly: deterministic, and the trace holds no finer timing anyway.
    for (let i = 0; i < whole; i++) times.push(minute * 60 + ((i + 0.5) * 60) / whole);
  }
  return times;
}
