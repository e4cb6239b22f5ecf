// Terminal output: cli-table3 tables, numbers right-aligned, colour only when asked for.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { wordAssumption } from './assumptions.js';
import { formatCell } from './number-format.js';
import { describeCatalog, type RenderOptions } from './options.js';
import { cellKind, type Column, type Report, type Section } from './report.js';
import { renderTextChart } from './text-chart.js';

export function renderTable(report: Report, options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [chalk.bold(report.title), ''];
  for (const section of report.sections) {
    if (section.title !== '') out.push(chalk.bold(section.title));
    out.push(renderSectionTable(section, (text) => chalk.bold(text), (text) => chalk.red.bold(text)), '');
  }
  for (const chart of report.charts) out.push(renderTextChart(chart), '');
  for (const note of report.notes) out.push(note);
  if (report.notes.length > 0) out.push('');
  out.push(chalk.dim(describeCatalog(report.catalog)));
  for (const assumption of report.assumptions) out.push(chalk.dim(`- ${wordAssumption(assumption)}`));
  return `${out.join('\n')}\n`;
}

function renderSectionTable(section: Section, header: (text: string) => string, alert: (text: string) => string): string {
  const table = new Table({
    head: visibleColumns(section).map((column) => header(column.header)),
    // cli-table3 colours headers red and borders grey by default; colour is ours to decide.
    style: { head: [], border: [] },
    colAligns: visibleColumns(section).map((column) => (column.kind === 'text' ? 'left' : 'right')),
  });
  for (const row of section.rows) {
    table.push(
      visibleColumns(section).map((column) => {
        const text = formatCell(row[column.key] ?? null, cellKind(column, row));
        return column.alert !== undefined && text === column.alert ? alert(text) : text;
      }),
    );
  }
  // cli-table3 rules off every row; keep only the rule under the header so long lists stay compact.
  const lines = table.toString().split('\n');
  const headerRule = lines.findIndex((line) => line.startsWith('├'));
  return lines.filter((line, index) => index === headerRule || !line.startsWith('├')).join('\n');
}

function visibleColumns(section: Section): Column[] {
  return section.columns.filter((column) => column.machineOnly !== true);
}
