// Rows written one at a time, for output that streams while it is computed (a sweep of thousands of
// points): CSV lines, NDJSON, or a JSON array opened at the first row and closed at the end. Numbers stay
// raw, as in the JSON and CSV renderers.
import { csvKeys, csvLine, csvRecord } from './csv.js';
import { cleanNumbers } from './number-format.js';
import type { Column, Row } from './report.js';

/** One stream of rows in one format: its text before the first row, each row's, and the text after the last. */
export interface RowStream {
  /** Before the first row (a CSV header line); empty where a format has none. */
  header: string;
  /** One row, with its line break or separator. */
  row(row: Row): string;
  /** After the last row, however many rows there were. */
  end(): string;
}

/** Starts a stream of rows with the given columns. */
export type RowEncoder = (columns: readonly Column[]) => RowStream;

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

/** A JSON array with one row per line; `[]` when no row came. */
export const jsonArrayRows: RowEncoder = () => {
  let written = 0;
  return {
    header: '',
    row: (row) => `${written++ === 0 ? '[\n' : ',\n'}  ${JSON.stringify(cleanNumbers(row))}`,
    end: () => (written === 0 ? '[]\n' : '\n]\n'),
  };
};
