// CSV for spreadsheets and notebooks: the report's first section, header then raw numbers.
import { cleanNumber } from './number-format.js';
import type { Cell, Report } from './report.js';

export function renderCsv(report: Report): string {
  const section = report.sections[0];
  if (section === undefined) return '';
  const columns = section.columns.filter((column) => column.humanOnly !== true);
  const lines = [columns.map((column) => quote(column.key)).join(',')];
  for (const row of section.rows) {
    lines.push(columns.map((column) => quote(row[column.key] ?? null)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

// RFC 4180: quote a field holding a comma, a quote or a line break; double any quote inside.
function quote(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(cleanNumber(value)) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
