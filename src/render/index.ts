// The formats a user can ask for, derived from this record so flags and renderers cannot drift apart.
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { RenderOptions } from './options.js';
import type { Report } from './report.js';
import { renderTable } from './table.js';

export type Renderer = (report: Report, options: RenderOptions) => string;

export const renderers = {
  table: renderTable,
  json: renderJson,
  csv: renderCsv,
  markdown: renderMarkdown,
} satisfies Record<string, Renderer>;

export type Format = keyof typeof renderers;
export const FORMATS = Object.keys(renderers) as Format[];

export function render(report: Report, format: Format, options: RenderOptions): string {
  return renderers[format](report, options);
}
