// Rows written one at a time, for output that streams while it is computed (a sweep of thousands of
// points): CSV lines, NDJSON, or the JSON envelope every command prints, its rows written as they come.
// Numbers stay raw, as in the JSON and CSV renderers.
import { csvKeys, csvLine, csvRecord } from './csv.js';
import { toJsonEnvelope } from './json.js';
import { cleanNumbers } from './number-format.js';
import type { RenderOptions } from './options.js';
import type { Column, Report, Row } from './report.js';

/** One stream of rows in one format: its text before the first row, each row's, and the text after the last. */
export interface RowStream {
  /** Before the first row (a CSV header line); empty where a format has none. */
  header: string;
  /** One row, with its line break or separator. */
  row(row: Row): string;
  /** After the last row, however many rows there were. */
  end(): string;
}

/** What the rows are part of: the report they make (its one section without rows yet), for JSON's envelope. */
export interface RowStreamContext {
  report: Report;
  options: RenderOptions;
}

/** Starts a stream of rows with the given columns. */
export type RowEncoder = (columns: readonly Column[], context: RowStreamContext) => RowStream;

/** CSV: a header of column keys, then one line per row, in the columns' order (render/csv.ts's lines). */
export const csvRows: RowEncoder = (columns) => {
  const keys = csvKeys(columns);
  return {
    header: `${csvLine(keys)}\n`,
    row: (row) => `${csvRecord(row, keys)}\n`,
    end: () => '',
  };
};

/** NDJSON: one JSON object per line, nothing around them. */
export const ndjsonRows: RowEncoder = () => ({
  header: '',
  row: (row) => `${JSON.stringify(cleanNumbers(row))}\n`,
  end: () => '',
});

/**
 * The JSON envelope of the report (render/json.ts), its section's rows written one a line as they come;
 * the same value `--format json` of the whole report would be. Opened at the first row or the end, not in
 * the header, so every shard of a sweep prints a whole envelope.
 */
export const jsonEnvelopeRows: RowEncoder = (_columns, { report, options }) => {
  const section = report.sections[0];
  const envelope = cleanNumbers(toJsonEnvelope(report, options)) as Record<string, unknown>;
  // The rows' place in the envelope, marked by a string no value can be (an argument cannot hold a NUL).
  const marker = '\u0000rows';
  if (section !== undefined) envelope[section.id] = marker;
  const text = JSON.stringify(envelope, null, 2);
  const at = text.indexOf(JSON.stringify(marker));
  const before = `${text.slice(0, at)}[`;
  const after = `]${text.slice(at + JSON.stringify(marker).length)}\n`;
  let written = 0;
  return {
    header: '',
    row: (row) => `${written++ === 0 ? before : ','}\n    ${JSON.stringify(cleanNumbers(row))}`,
    end: () => (written === 0 ? `${before}${after}` : `\n  ${after}`),
  };
};
