import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/render/csv.js';
import { FORMATS, isRowFormat, outputFormats, render, rowEncoder, type OutputFormat } from '../../src/render/index.js';
import type { Column, Report, Row } from '../../src/render/report.js';
import { csvRows, jsonEnvelopeRows, ndjsonRows, type RowEncoder } from '../../src/render/stream.js';

const columns: Column[] = [
  { key: 'option', header: 'Option', kind: 'text' },
  { key: 'bar', header: 'Bar', kind: 'text', humanOnly: true },
  { key: 'monthlyUsd', header: 'Monthly $', kind: 'usd' },
  { key: 'p95S', header: 'p95 s', kind: 'number' },
];
const rows: Row[] = [
  { option: 'flex, "scale to zero"', bar: '####', monthlyUsd: 0.1 + 0.2, p95S: null },
  { option: 'pod\nsecure', bar: '#', monthlyUsd: 316.8, p95S: 12 },
];

const reportOf = (given: Row[], cols: Column[] = columns): Report => ({
  command: 'example',
  title: 'Example',
  catalog: { name: 'c', asOf: '2026-09-25', files: ['bundled:c.yaml'], overrides: [], discount: 0 },
  sections: [{ id: 'options', title: '', columns: cols, rows: given }],
  notes: ['A note.'],
  assumptions: [{ key: 'monthHours', value: 730, id: 'workload.month', values: { monthS: 730 * 3600, isDefault: true } }],
  charts: [],
  data: { gridPoints: 2 },
});
const options = { color: false, toolVersion: '0.0.0-test' };

/** Everything a stream writes for the rows: header, rows, end. */
const streamed = (encoder: RowEncoder, given: Row[], cols: Column[] = columns) => {
  const stream = encoder(cols, { report: reportOf([], cols), options });
  return stream.header + given.map((row) => stream.row(row)).join('') + stream.end();
};

describe('row encoders', () => {
  it('CSV streams the same bytes as the CSV renderer: one quoting rule, raw numbers, no columns drawn for people', () => {
    const report: Report = {
      command: 'example',
      title: 'Example',
      catalog: { name: 'c', asOf: '2026-09-25', files: [], overrides: [], discount: 0 },
      sections: [{ id: 'options', title: '', columns, rows }],
      notes: [],
      assumptions: [],
      charts: [],
    };
    expect(streamed(csvRows, rows)).toBe('option,monthlyUsd,p95S\n"flex, ""scale to zero""",0.3,\n"pod\nsecure",316.8,12\n');
    expect(streamed(csvRows, rows)).toBe(renderCsv(report));
  });

  it('NDJSON writes each row whole, one a line', () => {
    expect(streamed(ndjsonRows, rows)).toBe('{"option":"flex, \\"scale to zero\\"","bar":"####","monthlyUsd":0.3,"p95S":null}\n{"option":"pod\\nsecure","bar":"#","monthlyUsd":316.8,"p95S":12}\n');
    expect(streamed(ndjsonRows, [])).toBe('');
  });

  it('JSON streams the envelope --format json prints for the whole report, one row a line', () => {
    const plain: Column[] = [
      { key: 'a', header: 'A', kind: 'int' },
      { key: 'b', header: 'B', kind: 'text' },
    ];
    const given: Row[] = [{ a: 1, b: 'x' }, { a: 2, b: null }];
    for (const some of [[], given.slice(0, 1), given]) {
      expect(JSON.parse(streamed(jsonEnvelopeRows, some, plain))).toEqual(JSON.parse(render(reportOf(some, plain), 'json', options)));
    }
    const text = streamed(jsonEnvelopeRows, given, plain);
    expect(text).toContain('  "options": [\n    {"a":1,"b":"x"},\n    {"a":2,"b":null}\n  ],\n  "data": {');
    expect(text.endsWith('}\n')).toBe(true);
    expect(streamed(jsonEnvelopeRows, [], plain)).toContain('  "options": [],\n');
  });

  it('a JSON stream opens its envelope with the first row, so a shard without the header still prints one whole', () => {
    const stream = jsonEnvelopeRows(columns, { report: reportOf([]), options });
    expect(stream.header).toBe('');
    expect(JSON.parse(stream.row(rows[0]!) + stream.end())).toMatchObject({ schemaVersion: 2, command: 'example', options: [{ monthlyUsd: 0.3 }] });
  });
});

describe('the format registry', () => {
  it('lists every format once; reports come in four, rows stream in three', () => {
    expect(Object.keys(outputFormats)).toEqual(['table', 'json', 'csv', 'markdown', 'ndjson']);
    expect(FORMATS).toEqual(['table', 'json', 'csv', 'markdown']);
    expect((Object.keys(outputFormats) as OutputFormat[]).filter(isRowFormat)).toEqual(['json', 'csv', 'ndjson']);
    expect(rowEncoder('csv')).toBe(csvRows);
  });
});
