// A versioned envelope with raw numbers, so `--format json | jq` never has to parse "$1,234.56".
import { wordAssumption } from './assumptions.js';
import { cleanNumbers } from './number-format.js';
import type { RenderOptions } from './options.js';
import { JSON_SCHEMA_VERSION, type Report, type Row, type Section } from './report.js';

/** The JSON projection of a report, kept apart from writing it so it can be tested as data. */
export function toJsonEnvelope(report: Report, options: RenderOptions): Record<string, unknown> {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'runpod-plan', version: options.toolVersion },
    command: report.command,
    title: report.title,
    catalog: report.catalog,
    assumptions: report.assumptions.map((assumption) => ({ key: assumption.key, value: assumption.value, text: wordAssumption(assumption) })),
    ...Object.fromEntries(report.sections.map((section) => [section.id, section.rows.map((row) => withoutHumanOnly(row, section))])),
    ...(report.data === undefined ? {} : { data: report.data }),
    ...(report.charts.length === 0 ? {} : { charts: report.charts }),
    notes: report.notes,
  };
}

export function renderJson(report: Report, options: RenderOptions): string {
  return `${JSON.stringify(cleanNumbers(toJsonEnvelope(report, options)), null, 2)}\n`;
}

function withoutHumanOnly(row: Row, section: Section): Row {
  const hidden = section.columns.filter((column) => column.humanOnly === true).map((column) => column.key);
  if (hidden.length === 0) return row;
  return Object.fromEntries(Object.entries(row).filter(([key]) => !hidden.includes(key)));
}
