// Every output format of every command, in one record, so flags, renderers and row encoders cannot drift
// apart: a format renders a whole report (what every command offers), streams rows (a sweep's CSV, NDJSON
// and JSON envelope), or both. The formats a command accepts are derived from this record.
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { RenderOptions } from './options.js';
import type { Report } from './report.js';
import { csvRows, jsonEnvelopeRows, ndjsonRows, type RowEncoder } from './stream.js';
import { renderTable } from './table.js';

export type Renderer = (report: Report, options: RenderOptions) => string;

/** What a format does: render a whole report, stream rows one at a time, or both. */
type FormatEntry = { report: Renderer; rows?: RowEncoder } | { report?: Renderer; rows: RowEncoder };

export const outputFormats = {
  table: { report: renderTable },
  json: { report: renderJson, rows: jsonEnvelopeRows },
  csv: { report: renderCsv, rows: csvRows },
  markdown: { report: renderMarkdown },
  ndjson: { rows: ndjsonRows },
} satisfies Record<string, FormatEntry>;

/** Any format of any command. */
export type OutputFormat = keyof typeof outputFormats;
/** A format that renders a whole report. */
export type Format = { [F in OutputFormat]: (typeof outputFormats)[F] extends { report: Renderer } ? F : never }[OutputFormat];
/** A format that streams rows. */
export type RowFormat = { [F in OutputFormat]: (typeof outputFormats)[F] extends { rows: RowEncoder } ? F : never }[OutputFormat];

/** The formats that render a whole report, which every command but the sweep accepts (in --help's order). */
export const FORMATS = (Object.keys(outputFormats) as OutputFormat[]).filter((format): format is Format => 'report' in outputFormats[format]);

export function isRowFormat(format: OutputFormat): format is RowFormat {
  return 'rows' in outputFormats[format];
}

export function render(report: Report, format: Format, options: RenderOptions): string {
  return outputFormats[format].report(report, options);
}

/** Starts a stream of rows in `format` (see stream.ts). */
export function rowEncoder(format: RowFormat): RowEncoder {
  return outputFormats[format].rows;
}
