// A Mermaid xychart-beta block, which GitHub renders in pull-request comments.
import type { Chart } from './report.js';

export function renderMermaidChart(chart: Chart): string {
  const quote = (text: string) => `"${text.replace(/"/g, "'")}"`;
  const number = (value: number) => (Number.isFinite(value) ? String(+value.toPrecision(6)) : '0');
  const lines = [
    '```mermaid',
    'xychart-beta',
    `    title ${quote(chart.title)}`,
    `    x-axis ${quote(chart.xLabel)} [${chart.x.map(number).join(', ')}]`,
    `    y-axis ${quote(chart.yLabel)}`,
    ...chart.series.map((series) => `    line [${series.y.map(number).join(', ')}]`),
    '```',
    '',
    // xychart-beta draws no legend; name the lines in drawing order.
    `Lines, in order: ${chart.series.map((series, index) => `${index + 1}. ${series.name}`).join('; ')}.`,
  ];
  return lines.join('\n');
}
