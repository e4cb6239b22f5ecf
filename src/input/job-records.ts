// Job records a team already has, read for `calibrate`: RunPod's job status objects (what /run + /status
// and /runsync return: id, status, delayTime and executionTime in milliseconds, workerId where returned)
// with a submission time per job, or the job list of GET /v2/serverless/{id}/jobs (id, status, createdAt,
// completedAt, durationMs). As NDJSON or CSV they are streamed a line at a time (memory flat in the number
// of records); a JSON array (or the job list's `{ "jobs": [...] }`) is parsed whole, up to MAX_JSON_BYTES.
// Column and key names can be mapped. Every mistake names the file, the line (or the record's index in a
// JSON array) and the field.
import { statSync } from 'node:fs';
import { InputError, type InputLocation } from './error.js';
import { readInstant, type InstantUnit } from './instants.js';
import { forEachLine, peekText } from './lines.js';
import { readInputFile } from './read-file.js';

/** The fields a record is read for, by RunPod's names. */
export const RECORD_FIELDS = ['id', 'status', 'createdAt', 'delayTime', 'executionTime', 'workerId'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const RECORD_FORMATS = ['auto', 'ndjson', 'csv', 'json'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

/** A JSON file is parsed whole, so it is held to this size; NDJSON and CSV of any size are streamed. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** How to read the files: where each field is, the format, and the unit of delayTime and executionTime. */
export interface RecordReading {
  /** Our field -> the key or column that holds it, where the file names it differently. */
  fields: Partial<Record<RecordField, string>>;
  format: RecordFormat;
  /** delayTime and executionTime are milliseconds in RunPod's objects; a log may keep seconds. */
  durationUnit: 'ms' | 's';
}

/** One job, read. Times in epoch milliseconds, durations in milliseconds. */
export interface JobRecord {
  file: string;
  /** The line it was read from (NDJSON, CSV), or null in a JSON array. */
  line: number | null;
  /** Its index in a JSON array, or null. */
  index: number | null;
  id: string | null;
  /** Upper case: COMPLETED, FAILED, TIMED_OUT, CANCELLED, IN_QUEUE, IN_PROGRESS, ...; null when not given. */
  status: string | null;
  submittedMs: number;
  delayMs: number | null;
  executionMs: number | null;
  workerId: string | null;
}

/** What the reader saw beyond the records: how times were written. */
export interface RecordFiles {
  records: number;
  timeUnit: InstantUnit | null;
  /** ISO times without a zone were read as UTC. */
  zonelessTimes: boolean;
}

/** A mistake in a record's field, located: `file:line: field: ...`, or in a JSON array `file: [index].field: ...`. */
export function recordError(record: Pick<JobRecord, 'file' | 'line' | 'index'>, field: string, message: string): InputError {
  const where: InputLocation = record.line !== null ? { file: record.file, line: record.line } : { file: record.file };
  return new InputError(message, where, record.line !== null ? field : `[${record.index ?? 0}].${field}`);
}

/** The keys a field is looked up by: the mapped one, else RunPod's (a submission time: createdAt or submittedAt). */
function keysOf(field: RecordField, reading: RecordReading): string[] {
  const mapped = reading.fields[field];
  if (mapped !== undefined) return [mapped];
  return field === 'createdAt' ? ['createdAt', 'submittedAt'] : [field];
}

/** Reads the files in order, calling onRecord with each record as it is read. */
export function readJobRecords(files: readonly { path: string; name: string }[], reading: RecordReading, onRecord: (record: JobRecord) => void): RecordFiles {
  const state: RecordFiles & { firstUnitAt: string } = { records: 0, timeUnit: null, zonelessTimes: false, firstUnitAt: '' };
  const emit = (record: JobRecord) => {
    state.records++;
    onRecord(record);
  };
  for (const { path, name } of files) {
    const format = reading.format === 'auto' ? detectFormat(path, name) : reading.format;
    const before = state.records;
    if (format === 'json') readJson(path, name, reading, state, emit);
    else if (format === 'ndjson') readNdjson(path, name, reading, state, emit);
    else readCsv(path, name, reading, state, emit);
    if (state.records === before) throw new InputError('no job records in the file', { file: name });
  }
  return { records: state.records, timeUnit: state.timeUnit, zonelessTimes: state.zonelessTimes };
}

/** `[` starts a JSON array; `{` starts NDJSON when its first line is a whole object, else one JSON object (the job list); anything else is CSV. */
function detectFormat(path: string, name: string): Exclude<RecordFormat, 'auto'> {
  const head = peekText(path, name, 'job records').replace(/^\uFEFF/, '');
  const start = head.trimStart();
  if (start === '') throw new InputError('the file is empty: no job records', { file: name });
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) {
    const firstLine = start.split('\n', 1)[0] ?? '';
    let first: unknown;
    try {
      first = JSON.parse(firstLine);
    } catch {
      return 'json';
    }
    // The job list on one line is one JSON object, not a line of NDJSON.
    return Array.isArray((first as { jobs?: unknown }).jobs) ? 'json' : 'ndjson';
  }
  return 'csv';
}

type Emit = (record: JobRecord) => void;
type ReaderState = RecordFiles & { firstUnitAt: string };

function readNdjson(path: string, name: string, reading: RecordReading, state: ReaderState, emit: Emit): void {
  forEachLine(path, name, 'job records', (text, line) => {
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line === 1 ? text.replace(/^\uFEFF/, '') : text);
    } catch (error) {
      throw new InputError(`not a JSON object: ${(error as Error).message}`, { file: name, line });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('expected a JSON object (one job per line)', { file: name, line });
    emit(normalise(value as Record<string, unknown>, { file: name, line, index: null }, reading, state));
  });
}

function readJson(path: string, name: string, reading: RecordReading, state: ReaderState, emit: Emit): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    size = 0;
  }
  if (size > MAX_JSON_BYTES) throw new InputError(`a JSON file is read whole, up to ${MAX_JSON_BYTES / 1024 / 1024} MB: write the records as NDJSON (one object per line) or CSV, which are streamed`, { file: name });
  let value: unknown;
  try {
    value = JSON.parse(readInputFile(path, 'job records').replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.message, { file: name });
    throw new InputError(`not JSON: ${(error as Error).message}`, { file: name });
  }
  // The job list (GET /v2/serverless/{id}/jobs) wraps its records: { jobs: [...], cursor }.
  const jobs = Array.isArray(value) ? value : typeof value === 'object' && value !== null && Array.isArray((value as { jobs?: unknown }).jobs) ? (value as { jobs: unknown[] }).jobs : null;
  if (jobs === null) throw new InputError('expected a JSON array of jobs, or the job list\'s { "jobs": [...] }', { file: name });
  jobs.forEach((job, index) => {
    if (typeof job !== 'object' || job === null || Array.isArray(job)) throw new InputError('expected a JSON object', { file: name }, `[${index}]`);
    emit(normalise(job as Record<string, unknown>, { file: name, line: null, index }, reading, state));
  });
}

function readCsv(path: string, name: string, reading: RecordReading, state: ReaderState, emit: Emit): void {
  let columns: Map<string, number> | null = null;
  forEachLine(path, name, 'job records', (text, line) => {
    if (text.trim() === '') return;
    const cells = splitCsvLine(line === 1 ? text.replace(/^\uFEFF/, '') : text, name, line);
    if (columns === null) {
      columns = headerColumns(cells, reading, name, line);
      return;
    }
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) row[key] = cells[column];
    emit(normalise(row, { file: name, line, index: null }, reading, state));
  });
  if (columns === null) throw new InputError('the file is empty: no job records', { file: name });
}

/** The columns the fields are read from (by their header name), from the header row; a submission time is required. */
function headerColumns(cells: string[], reading: RecordReading, name: string, line: number): Map<string, number> {
  const names = cells.map((cell) => cell.trim());
  const columns = new Map<string, number>();
  for (const field of RECORD_FIELDS) {
    for (const key of keysOf(field, reading)) if (names.includes(key)) columns.set(key, names.indexOf(key));
  }
  if (!keysOf('createdAt', reading).some((key) => columns.has(key))) {
    throw new InputError(`no ${keysOf('createdAt', reading).join(' or ')} column in the header: every job needs its submission time (map another column with --field createdAt=<column>)`, { file: name, line });
  }
  return columns;
}

/** One CSV line's cells (RFC 4180 quoting; a quoted cell may not span lines). */
export function splitCsvLine(text: string, name: string, line: number): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let cell = '';
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new InputError('a quoted cell is not closed on its line', { file: name, line });
        cell += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          cell += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      cells.push(cell);
      if (i === text.length) return cells;
      if (text[i] !== ',') throw new InputError(`expected a comma after a quoted cell, got ${JSON.stringify(text[i])}`, { file: name, line, column: i + 1 });
      i++;
    } else {
      const comma = text.indexOf(',', i);
      if (comma === -1) {
        cells.push(text.slice(i));
        return cells;
      }
      cells.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

type Position = Pick<JobRecord, 'file' | 'line' | 'index'>;

/** The first of the keys the object has (not null or an empty string), with the key found. */
function pick(object: Record<string, unknown>, keys: string[]): { key: string; value: unknown } | null {
  for (const key of keys) {
    const value = object[key];
    if (value !== undefined && value !== null && value !== '') return { key, value };
  }
  return null;
}

function normalise(object: Record<string, unknown>, at: Position, reading: RecordReading, state: ReaderState): JobRecord {
  const time = pick(object, keysOf('createdAt', reading));
  if (time === null) {
    const keys = keysOf('createdAt', reading);
    throw recordError(at, keys[0] as string, `missing: every job needs its submission time (${keys.join(' or ')}: ISO 8601, or epoch seconds or milliseconds)`);
  }
  const instant = readInstant(time.value);
  if (instant === null) throw recordError(at, time.key, `expected a time (ISO 8601, or epoch seconds or milliseconds), got ${JSON.stringify(time.value)}`);
  if (state.timeUnit === null) {
    state.timeUnit = instant.unit;
    state.firstUnitAt = `${at.file} ${at.line !== null ? `line ${at.line}` : `record ${at.index ?? 0}`}`;
  } else if (state.timeUnit !== instant.unit) {
    throw recordError(at, time.key, `mixed units: ${instant.unit} here, ${state.timeUnit} in ${state.firstUnitAt}; write every time the same way`);
  }
  if (!state.zonelessTimes && instant.unit === 'iso' && typeof time.value === 'string' && !time.value.endsWith('Z') && !/(Z|[+-]\d{2}:?\d{2})\s*$/i.test(time.value)) state.zonelessTimes = true;
  return {
    file: at.file,
    line: at.line,
    index: at.index,
    id: text(pick(object, keysOf('id', reading))),
    status: text(pick(object, keysOf('status', reading)))?.toUpperCase() ?? null,
    submittedMs: instant.ms,
    delayMs: duration(pick(object, keysOf('delayTime', reading)), at, reading),
    executionMs: duration(pick(object, keysOf('executionTime', reading)), at, reading),
    workerId: text(pick(object, keysOf('workerId', reading))),
  };
}

function text(found: { value: unknown } | null): string | null {
  if (found === null) return null;
  const value = typeof found.value === 'string' ? found.value.trim() : typeof found.value === 'number' ? String(found.value) : null;
  return value === '' ? null : value;
}

/** A duration in milliseconds (delayTime, executionTime); null when the record has none. */
function duration(found: { key: string; value: unknown } | null, at: Position, reading: RecordReading): number | null {
  if (found === null) return null;
  const value = typeof found.value === 'number' ? found.value : typeof found.value === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(found.value) ? Number(found.value) : NaN;
  const unit = reading.durationUnit === 'ms' ? 'milliseconds' : 'seconds';
  if (!(value >= 0 && Number.isFinite(value))) throw recordError(at, found.key, `expected a non-negative number of ${unit}, got ${JSON.stringify(found.value)}`);
  return reading.durationUnit === 'ms' ? value : value * 1000;
}
