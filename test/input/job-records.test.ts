// Job records in: NDJSON, CSV and JSON, mapped columns, times as ISO or epoch numbers, and every mistake
// named by file, line (or record) and field. Put in order within a window; duplicates refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInputError, InputError } from '../../src/input/error.js';
import { formatMinute, readInstant } from '../../src/input/instants.js';
import { readJobRecords, type JobRecord, type RecordReading } from '../../src/input/job-records.js';
import { RecordOrder } from '../../src/input/record-order.js';

const dir = mkdtempSync(join(tmpdir(), 'runpod-plan-records-'));
const READING: RecordReading = { fields: {}, format: 'auto', durationUnit: 'ms' };

function file(name: string, text: string): { path: string; name: string } {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, name };
}

function read(files: { path: string; name: string }[], reading: Partial<RecordReading> = {}): JobRecord[] {
  const records: JobRecord[] = [];
  readJobRecords(files, { ...READING, ...reading }, (record) => records.push(record));
  return records;
}

function message(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof InputError) return `error: ${formatInputError(error)}`;
    throw error;
  }
  throw new Error('expected an InputError');
}

const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

describe('readInstant', () => {
  it.each([
    ['2026-06-01T12:00:00Z', T0, 'iso'],
    ['2026-06-01T12:00:00.250Z', T0 + 250, 'iso'],
    ['2026-06-01T14:00:00+02:00', T0, 'iso'],
    ['2026-06-01 12:00:00', T0, 'iso'],
    ['2026-06-01T12:00Z', T0, 'iso'],
    [T0 / 1000, T0, 'epoch seconds'],
    [`${T0 / 1000 + 0.5}`, T0 + 500, 'epoch seconds'],
    [T0, T0, 'epoch milliseconds'],
  ] as const)('%j -> %d (%s)', (value, ms, unit) => {
    expect(readInstant(value)).toEqual({ ms, unit });
  });

  it.each(['2026-02-30T00:00:00Z', '2026-06-01T25:00:00Z', 'yesterday', '', -5, true])('%j is not a time', (value) => {
    expect(readInstant(value)).toBeNull();
  });

  it('formats a minute in UTC', () => {
    expect(formatMinute(T0 + 59_999)).toBe('2026-06-01T12:00Z');
  });
});

describe('readJobRecords', () => {
  it('reads NDJSON status objects: ids, upper-case status, delay and execution in ms, worker', () => {
    const records = read([
      file(
        'a.ndjson',
        `{"id":"a","status":"COMPLETED","createdAt":"2026-06-01T12:00:00Z","delayTime":120,"executionTime":2500,"workerId":"w1"}\n\n{"id":"b","status":"failed","submittedAt":"2026-06-01T12:00:01Z","delayTime":"15000"}\n`,
      ),
    ]);
    expect(records).toEqual([
      { file: 'a.ndjson', line: 1, index: null, id: 'a', status: 'COMPLETED', submittedMs: T0, delayMs: 120, executionMs: 2500, workerId: 'w1' },
      { file: 'a.ndjson', line: 3, index: null, id: 'b', status: 'FAILED', submittedMs: T0 + 1000, delayMs: 15000, executionMs: null, workerId: null },
    ]);
  });

  it('reads CSV with quoted cells and mapped columns, durations in seconds', () => {
    const records = read([file('b.csv', 'job,"sent at",delay,exec,state\nx,1780315200,0.12,"2.5",COMPLETED\n"y,z",1780315201,,3,COMPLETED\n')], {
      fields: { id: 'job', createdAt: 'sent at', delayTime: 'delay', executionTime: 'exec', status: 'state' },
      durationUnit: 's',
    });
    expect(records.map((r) => [r.id, r.submittedMs, r.delayMs, r.executionMs, r.status])).toEqual([
      ['x', 1780315200_000, 120, 2500, 'COMPLETED'],
      ['y,z', 1780315201_000, null, 3000, 'COMPLETED'],
    ]);
  });

  it('reads a JSON array and the job list ({ jobs: [...] }), with epoch milliseconds', () => {
    const list = { jobs: [{ id: 'j1', status: 'COMPLETED', createdAt: T0, completedAt: T0 + 4000, durationMs: 4000 }], cursor: null };
    expect(read([file('c.json', JSON.stringify(list))])).toEqual([{ file: 'c.json', line: null, index: 0, id: 'j1', status: 'COMPLETED', submittedMs: T0, delayMs: null, executionMs: null, workerId: null }]);
    expect(read([file('d.json', `[{"createdAt":"${new Date(T0).toISOString()}","executionTime":1}]`)])[0]).toMatchObject({ index: 0, submittedMs: T0, executionMs: 1 });
  });

  it.each([
    ['e1.ndjson', '{"id":"a","createdAt":"2026-06-01T12:00:00Z"}\n{"id":"b","delayTime":5}\n', 'error: e1.ndjson:2: createdAt: missing: every job needs its submission time (createdAt or submittedAt: ISO 8601, or epoch seconds or milliseconds)'],
    ['e2.ndjson', '{"createdAt":"2026-06-01T12:00:00Z","executionTime":-3}\n', 'error: e2.ndjson:1: executionTime: expected a non-negative number of milliseconds, got -3'],
    ['e3.ndjson', '{"createdAt":"2026-06-01T12:00:00Z","delayTime":"soon"}\n', 'error: e3.ndjson:1: delayTime: expected a non-negative number of milliseconds, got "soon"'],
    ['e4.ndjson', '{"createdAt":1780315200}\n{"createdAt":1780315200000}\n', 'error: e4.ndjson:2: createdAt: mixed units: epoch milliseconds here, epoch seconds in e4.ndjson line 1; write every time the same way'],
    ['e5.ndjson', '{"createdAt":"2026-06-01T12:00:00Z"}\n{"createdAt":"12:00"}\n', 'error: e5.ndjson:2: createdAt: expected a time (ISO 8601, or epoch seconds or milliseconds), got "12:00"'],
    ['e6.ndjson', '{"createdAt":"2026-06-01T12:00:00Z"}\n{"createdAt":\n', 'error: e6.ndjson:2: not a JSON object: Unexpected end of JSON input'],
    ['e7.csv', 'id,time\na,1\n', 'error: e7.csv:1: no createdAt or submittedAt column in the header: every job needs its submission time (map another column with --field createdAt=<column>)'],
    ['e8.csv', '\n\n', 'error: e8.csv: the file is empty: no job records'],
    ['e9.json', '[]', 'error: e9.json: no job records in the file'],
    ['e10.json', '[{"createdAt":"2026-06-01T12:00:00Z","executionTime":null,"delayTime":[1]}]', 'error: e10.json: [0].delayTime: expected a non-negative number of milliseconds, got [1]'],
    ['e11.csv', 'createdAt\n"2026-06-01\n', 'error: e11.csv:2: a quoted cell is not closed on its line'],
  ])('%s -> %s', (name, text, expected) => {
    expect(message(() => read([file(name, text)]))).toBe(expected);
  });

  it('a missing file is named', () => {
    expect(message(() => read([{ path: join(dir, 'none.ndjson'), name: 'none.ndjson' }]))).toBe('error: none.ndjson: cannot read job records: no such file');
  });
});

describe('RecordOrder', () => {
  const record = (id: string | null, seconds: number, line: number): JobRecord => ({ file: 'r.ndjson', line, index: null, id, status: null, submittedMs: T0 + seconds * 1000, delayMs: null, executionMs: null, workerId: null });
  const order = (records: JobRecord[], windowS = 60) => {
    const out: string[] = [];
    const sorter = new RecordOrder(windowS * 1000, `${windowS}s`, (r) => out.push(`${r.id}`));
    for (const r of records) sorter.push(r);
    sorter.finish();
    return out;
  };

  it('puts records back in submission order within the window (a log written at completion)', () => {
    expect(order([record('b', 10, 1), record('a', 0, 2), record('d', 70, 3), record('c', 30, 4), record(null, 30, 5)])).toEqual(['a', 'b', 'c', 'null', 'd']);
  });

  it('refuses a record further back than the window, and a job seen twice', () => {
    // c at 300 s passes b (200 s) on; d at 150 s comes after b was passed on.
    expect(message(() => order([record('a', 0, 1), record('b', 200, 2), record('c', 300, 3), record('d', 150, 4)]))).toBe(
      'error: r.ndjson:4: createdAt: out of order: submitted 2026-06-01T12:02:30Z, more than 60s before a job read earlier (2026-06-01T12:05:00Z); sort the records by submission time, or widen --reorder-window',
    );
    expect(order([record('a', 0, 1), record('b', 200, 2), record('c', 150, 3)])).toEqual(['a', 'c', 'b']);
    expect(message(() => order([record('a', 0, 1), record('b', 5, 2), record('a', 0, 3)]))).toBe(
      'error: r.ndjson:3: id: duplicate id "a", first read at r.ndjson:1: each job once (a log of every status poll repeats its job)',
    );
  });
});
