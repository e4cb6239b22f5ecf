// GitHub-flavoured Markdown that reads well as a pull-request comment.
import { wordAssumption } from './assumptions.js';
import { formatCell } from './number-format.js';
import { describeCatalog } from './options.js';
import { cellKind, type Column, type Report, type Section } from './report.js';
import { renderMermaidChart } from './mermaid-chart.js';

export function renderMarkdown(report: Report): string {
  const out: string[] = [`### ${report.title}`, ''];
  for (const section of report.sections) {
    if (section.title !== '') out.push(`#### ${section.title}`, '');
    out.push(renderSectionMarkdown(section), '');
  }
  for (const chart of report.charts) out.push(renderMermaidChart(chart), '');
  for (const note of report.notes) out.push(`> ${escapeText(note)}`, '');
  out.push('<details><summary>Assumptions</summary>', '');
  out.push(`- ${escapeText(describeCatalog(report.catalog))}`);
  for (const assumption of report.assumptions) out.push(`- ${escapeText(wordAssumption(assumption))}`);
  out.push('', '</details>');
  return `${out.join('\n')}\n`;
}

function renderSectionMarkdown(section: Section): string {
  const header = `| ${visibleColumns(section).map((column) => escapeCell(column.header)).join(' | ')} |`;
  const align = `|${visibleColumns(section).map((column) => (column.kind === 'text' ? ' --- ' : ' ---: ')).join('|')}|`;
  const rows = section.rows.map(
    (row) => `| ${visibleColumns(section).map((column) => escapeCell(formatCell(row[column.key] ?? null, cellKind(column, row)))).join(' | ')} |`,
  );
  return [header, align, ...rows].join('\n');
}

// A pipe would end the cell and a newline the row; `$` pairs can start maths on GitHub.
function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function escapeText(text: string): string {
  return text.replace(/\$/g, '\\$').replace(/</g, '&lt;');
}

function visibleColumns(section: Section): Column[] {
  return section.columns.filter((column) => column.machineOnly !== true);
}
