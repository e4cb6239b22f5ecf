// CSV for spreadsheets and notebooks: the report's first section, header then raw numbers. The same
// lines as the sweep's streamed CSV (stream.ts): one quoting rule for every CSV this tool writes.
import { cleanNumber } from './number-format.js';
import type { Cell, Column, Report, Row } from './report.js';

export function renderCsv(report: Report): string {
  const section = report.sections[0];
  if (section === undefined) return '';
  const keys = csvKeys(section.columns);
  const lines = [csvLine(keys), ...section.rows.map((row) => csvRecord(row, keys))];
  return `${lines.join('\n')}\n`;
}

/** The columns CSV carries, by key: every one but those drawn for people only. */
export function csvKeys(columns: readonly Column[]): string[] {
  return columns.filter((column) => column.humanOnly !== true).map((column) => column.key);
}

/** One CSV record, without its line break; a missing cell is an empty field, as null is. */
export function csvLine(values: readonly (Cell | undefined)[]): string {
  return values.map(quoteCsvField).join(',');
}

/** A row's CSV record under `keys`, without its line break: csvLine of its cells, built in one pass for streamed rows. */
export function csvRecord(row: Row, keys: readonly string[]): string {
  const fields = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) fields[i] = quoteCsvField(row[keys[i] as string]);
  return fields.join(',');
}

// RFC 4180: quote a field holding a comma, a quote or a line break; double any quote inside. A number's
// text never holds one.
function quoteCsvField(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(cleanNumber(value));
  const text = typeof value === 'object' ? value.join(', ') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
