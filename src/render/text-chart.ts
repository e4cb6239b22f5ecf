// A line chart in plain characters, so a crossing of two cost curves is visible in a terminal.
import type { Chart } from './report.js';
import { formatNumber } from './number-format.js';

const MARKS = ['*', '+', 'o', 'x', '#', '@', '%', '&'];

/** The chart `plotWidth` characters wide, narrower where `maxWidth` (a terminal's) leaves less room. */
export function renderTextChart(chart: Chart, maxWidth?: number, plotWidth = 60, height = 14): string {
  const values = chart.series.flatMap((series) => series.y).filter(Number.isFinite);
  const xs = chart.x;
  if (values.length === 0 || xs.length === 0) return '';
  const yMin = Math.min(0, ...values);
  const yMax = Math.max(...values);
  const xMin = xs[0] as number;
  const xMax = xs[xs.length - 1] as number;
  const labelTop = formatNumber(yMax);
  const labelBottom = formatNumber(yMin);
  const pad = Math.max(labelTop.length, labelBottom.length);
  const width = maxWidth === undefined ? plotWidth : Math.max(MIN_PLOT_WIDTH, Math.min(plotWidth, maxWidth - pad - 2));
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  const col = (x: number) => (xMax === xMin ? 0 : Math.round(((x - xMin) / (xMax - xMin)) * (width - 1)));
  const row = (y: number) => (yMax === yMin ? height - 1 : height - 1 - Math.round(((y - yMin) / (yMax - yMin)) * (height - 1)));
  chart.series.forEach((series, index) => {
    const mark = MARKS[index % MARKS.length] as string;
    series.y.forEach((y, i) => {
      const x = xs[i];
      if (x === undefined || !Number.isFinite(y)) return;
      const line = grid[row(y)];
      if (line !== undefined) line[col(x)] = mark;
    });
  });
  const lines = [`${chart.title} (${chart.yLabel})`];
  grid.forEach((cells, i) => {
    const label = i === 0 ? labelTop : i === height - 1 ? labelBottom : '';
    lines.push(`${label.padStart(pad)} |${cells.join('').trimEnd()}`);
  });
  lines.push(`${' '.repeat(pad)} +${'-'.repeat(width)}`);
  const left = formatNumber(xMin);
  const right = formatNumber(xMax);
  lines.push(`${' '.repeat(pad + 2)}${left}${right.padStart(width - left.length)}`);
  lines.push(`${' '.repeat(pad + 2)}${chart.xLabel}`);
  lines.push(...legend(chart.series.map((series, index) => `${MARKS[index % MARKS.length]} ${series.name}`), maxWidth));
  return lines.join('\n');
}

const MIN_PLOT_WIDTH = 20;

/** The series' marks and names, three spaces apart, on as many lines as `maxWidth` needs (one without it). */
function legend(entries: string[], maxWidth: number | undefined): string[] {
  const lines: string[] = [];
  for (const entry of entries) {
    const last = lines.length - 1;
    const joined = last < 0 ? entry : `${lines[last]}   ${entry}`;
    if (last >= 0 && (maxWidth === undefined || joined.length <= maxWidth)) lines[last] = joined;
    else lines.push(entry);
  }
  return lines;
}
