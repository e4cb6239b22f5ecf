// Terminal output: cli-table3 tables, numbers right-aligned, colour only when asked for. Given a width (the
// terminal's, or COLUMNS), a table wider than that is fitted to it: first its long headers go onto more
// lines; then the columns its report needs least are left out, the most needed kept while they fit, and
// named under the table; where even the columns a report always keeps do not fit, each row becomes a block
// of `label: value` lines with nothing left out. Prose is broken between words at the same width. Without
// a width (--wide, a pipe), the full table, every line whole.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { wordAssumption } from './assumptions.js';
import { formatCell } from './number-format.js';
import { describeCatalog, type RenderOptions } from './options.js';
import { cellKind, type Column, type Report, type Section } from './report.js';
import { renderTextChart } from './text-chart.js';
import { displayWidth, wrapHeader, wrapWords } from './text-wrap.js';

export function renderTable(report: Report, options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = options.width;
  const prose = (text: string, first = '', rest = first) => wrapWords(text, width, first, rest);
  const out: string[] = [...prose(report.title).map((line) => chalk.bold(line)), ''];
  for (const section of report.sections) {
    if (section.title !== '') out.push(...prose(section.title).map((line) => chalk.bold(line)));
    out.push(...renderSection(section, width, chalk), '');
  }
  for (const chart of report.charts) out.push(renderTextChart(chart, width), '');
  for (const note of report.notes) out.push(...prose(note));
  if (report.notes.length > 0) out.push('');
  out.push(...prose(describeCatalog(report.catalog)).map((line) => chalk.dim(line)));
  for (const assumption of report.assumptions) out.push(...prose(wordAssumption(assumption), '- ', '  ').map((line) => chalk.dim(line)));
  return `${out.join('\n')}\n`;
}

/** A section's columns as people see them, with every row's cells as text. */
interface Grid {
  columns: Column[];
  cells: string[][];
}

/** The section as lines: the full table, a fitted one (and what it left out), or blocks. */
function renderSection(section: Section, width: number | undefined, chalk: ChalkInstance): string[] {
  const columns = section.columns.filter((column) => column.machineOnly !== true);
  const grid: Grid = { columns, cells: section.rows.map((row) => columns.map((column) => formatCell(row[column.key] ?? null, cellKind(column, row)))) };
  const all = columns.map((_, index) => index);
  const headers = columns.map((column) => [column.header]);
  if (width === undefined || tableWidth(grid, all, headers) <= width) return [drawTable(grid, all, headers, chalk)];

  // Long headers onto two or three lines: a column need not be wider than its widest cell.
  const wrapped = columns.map((column, index) => wrapHeader(column.header, Math.max(MIN_HEADER_WIDTH, cellsWidth(grid, index), Math.ceil(displayWidth(column.header) / 2))));
  if (tableWidth(grid, all, wrapped) <= width) return [drawTable(grid, all, unwrapWhileFits(grid, all, wrapped, headers, width), chalk)];

  const kept = all.filter((index) => columns[index]?.priority === undefined);
  let used = tableWidth(grid, kept, wrapped);
  if (used > width) return renderBlocks(grid, width, chalk);
  // The most needed of the others while they fit (ties: the leftmost first); a wide one may be passed over
  // for narrower ones after it.
  const optional = all.filter((index) => !kept.includes(index)).sort((a, b) => (columns[b]?.priority ?? 0) - (columns[a]?.priority ?? 0) || a - b);
  for (const index of optional) {
    const extra = columnWidth(grid, index, wrapped) + 3;
    if (used + extra <= width) {
      kept.push(index);
      used += extra;
    }
  }
  const shown = all.filter((index) => kept.includes(index));
  const left = all.filter((index) => !kept.includes(index)).map((index) => columns[index]?.header ?? '');
  const note = `Left out to fit ${width} columns: ${left.join(', ')} (--wide shows every column).`;
  return [drawTable(grid, shown, unwrapWhileFits(grid, shown, wrapped, headers, width), chalk), ...wrapWords(note, width).map((line) => chalk.dim(line))];
}

/** The wrapped headers, each back on one line where the room left allows, from the left. */
function unwrapWhileFits(grid: Grid, indexes: number[], wrapped: string[][], headers: string[][], width: number): string[][] {
  const fitted = [...wrapped];
  for (const index of indexes) {
    const before = fitted[index] ?? [];
    fitted[index] = headers[index] ?? [];
    if (tableWidth(grid, indexes, fitted) > width) fitted[index] = before;
  }
  return fitted;
}

/** The width of a column's cells, without its header. */
function cellsWidth(grid: Grid, index: number): number {
  return Math.max(0, ...grid.cells.map((row) => displayWidth(row[index] ?? '')));
}

function columnWidth(grid: Grid, index: number, headers: string[][]): number {
  return Math.max(cellsWidth(grid, index), ...(headers[index] ?? []).map(displayWidth));
}

/** What cli-table3 draws for these columns: a border, then each column's text, one space each side, and a border. */
function tableWidth(grid: Grid, indexes: number[], headers: string[][]): number {
  return indexes.reduce((sum, index) => sum + columnWidth(grid, index, headers) + 3, 1);
}

function drawTable(grid: Grid, indexes: number[], headers: string[][], chalk: ChalkInstance): string {
  const columns = indexes.map((index) => grid.columns[index] as Column);
  const table = new Table({
    head: indexes.map((index) => (headers[index] ?? []).map((line) => chalk.bold(line)).join('\n')),
    // cli-table3 colours headers red and borders grey by default; colour is ours to decide.
    style: { head: [], border: [] },
    colAligns: columns.map((column) => (column.kind === 'text' ? 'left' : 'right')),
  });
  for (const row of grid.cells) {
    table.push(
      indexes.map((index) => {
        const text = row[index] ?? '';
        // A check's FAIL (the column's alert value) in red where colour is on.
        const alert = grid.columns[index]?.alert;
        return alert !== undefined && text === alert ? chalk.red.bold(text) : text;
      }),
    );
  }
  // cli-table3 rules off every row; keep only the rule under the header so long lists stay compact.
  const lines = table.toString().split('\n');
  const headerRule = lines.findIndex((line) => line.startsWith('├'));
  return lines.filter((line, index) => index === headerRule || !line.startsWith('├')).join('\n');
}

/**
 * One block per row: its first cell as a heading, then every other column as `label: value`, values broken
 * between words under themselves (or, beside labels too long to leave room, on lines of their own).
 */
function renderBlocks(grid: Grid, width: number, chalk: ChalkInstance): string[] {
  const [first, ...others] = grid.columns;
  if (first === undefined) return [];
  const labels = others.map((column) => `${column.header}:`);
  const labelWidth = Math.max(0, ...labels.map(displayWidth));
  const indent = ' '.repeat(2 + labelWidth + 1);
  const besideLabels = width - indent.length >= MIN_VALUE_WIDTH;
  const out: string[] = [];
  grid.cells.forEach((row, rowIndex) => {
    if (rowIndex > 0) out.push('');
    const heading = first.kind === 'text' ? (row[0] ?? '') : `${first.header} ${row[0] ?? ''}`;
    out.push(...wrapWords(heading, width).map((line) => chalk.bold(line)));
    labels.forEach((label, index) => {
      const value = row[index + 1] ?? '';
      if (besideLabels) out.push(...wrapWords(value, width, `  ${label.padEnd(labelWidth)} `, indent));
      else out.push(`  ${label}`, ...wrapWords(value, width, '    '));
    });
  });
  return out;
}

/** Headers this short stay on one line (`p95 s`, `$/month`). */
const MIN_HEADER_WIDTH = 8;

/** The narrowest room a block's values get beside their labels; with less, they go under them. */
const MIN_VALUE_WIDTH = 20;
