// Terminal tables fitted to a width: headers onto more lines, then the least needed columns left out (and
// named), then blocks; prose broken between words; no width, the full table. Markdown, CSV and JSON never cut.
import { describe, expect, it } from 'vitest';
import { terminalColumns } from '../../src/cli/io.js';
import { renderOptions } from '../../src/cli/common-options.js';
import { render } from '../../src/render/index.js';
import type { Column, Report } from '../../src/render/report.js';
import { renderTextChart } from '../../src/render/text-chart.js';
import { displayWidth, wrapHeader, wrapWords } from '../../src/render/text-wrap.js';
import type { CliIo } from '../../src/cli/io.js';

const columns: Column[] = [
  { key: 'option', header: 'Option', kind: 'text' },
  { key: 'monthlyUsd', header: '$/month', kind: 'usd' },
  { key: 'shape', header: 'Runs', kind: 'text', priority: 3 },
  { key: 'dailyUsd', header: '$/day', kind: 'usd', priority: 1 },
  { key: 'coldStartRate', header: 'Cold starts', kind: 'percent', priority: 6 },
  { key: 'p95S', header: 'p95 latency in seconds', kind: 'seconds', priority: 6 },
];

function report(rows = 2, notes: string[] = []): Report {
  return {
    command: 'example',
    title: 'Example: what one workload costs a month on each option, side by side',
    catalog: { name: 'runpod-2026-11', asOf: '2026-11-26', files: ['bundled:runpod-2026-11.yaml'], overrides: [], discount: 0 },
    sections: [
      {
        id: 'options',
        title: '',
        columns,
        rows: Array.from({ length: rows }, (_, i) => ({
          option: i === 0 ? 'Serverless flex' : 'Serverless flex + active',
          monthlyUsd: 82.64 + i * 700,
          shape: i === 0 ? 'up to 3 flex workers' : '1 active + up to 3 flex workers',
          dailyUsd: 2.72 + i * 23,
          coldStartRate: 0.952 - i * 0.9,
          p95S: 20.44 - i * 8,
        })),
      },
    ],
    notes,
    assumptions: [{ key: 'monthHours', value: 730, id: 'workload.month', values: { monthS: 730 * 3600, isDefault: true } }],
    charts: [],
  };
}

const table = (width?: number, r = report()) => render(r, 'table', { color: false, toolVersion: '0.0.0-test', ...(width === undefined ? {} : { width }) });
const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));

describe('tables fitted to the terminal', () => {
  it('without a width: the full table, every column, lines whatever their length', () => {
    const text = table();
    expect(widest(text)).toBe(120);
    for (const header of ['Runs', '$/day', 'Cold starts', 'p95 latency in seconds']) expect(text).toContain(header);
    expect(text).not.toContain('Left out');
  });

  it('a width the full table fits changes nothing', () => expect(table(120)).toBe(table()));

  it('long headers go onto two lines first, and every column stays while that fits', () => {
    const text = table(110);
    expect(widest(text)).toBeLessThanOrEqual(110);
    expect(text).toContain('│ Cold starts │ p95 latency │');
    expect(text).toContain('│             │  in seconds │');
    expect(text).toContain('1 active + up to 3 flex workers');
    expect(text).not.toContain('Left out');
  });

  it('100 columns: the least needed column out, and a header back on one line in the room that leaves', () => {
    const text = table(100);
    expect(widest(text)).toBe(100);
    expect(text).toContain('│ Runs                            │ Cold starts │ p95 latency │');
    expect(text).toContain('Left out to fit 100 columns: $/day (--wide shows every column).');
  });

  it('80 columns: the least needed columns are left out and named; the most needed kept while they fit', () => {
    const text = table(80);
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).toMatchInlineSnapshot(`
      "Example: what one workload costs a month on each option, side by side

      ┌──────────────────────────┬─────────┬────────┬─────────────┬─────────────┐
      │ Option                   │ $/month │  $/day │ Cold starts │ p95 latency │
      │                          │         │        │             │  in seconds │
      ├──────────────────────────┼─────────┼────────┼─────────────┼─────────────┤
      │ Serverless flex          │  $82.64 │  $2.72 │       95.2% │     20.44 s │
      │ Serverless flex + active │ $782.64 │ $25.72 │        5.2% │     12.44 s │
      └──────────────────────────┴─────────┴────────┴─────────────┴─────────────┘
      Left out to fit 80 columns: Runs (--wide shows every column).

      Catalog: runpod-2026-11 (as of 2026-11-26)
      - A month is 730h (365 days / 12; --month 720h for 30 days).
      "
    `);
  });

  it('a wide column is passed over for narrower ones after it, by priority', () => {
    // In 60 columns, p95 (priority 6) and Runs (3) are too wide beside the rest; $/day (1) is not.
    const text = table(60);
    expect(widest(text)).toBeLessThanOrEqual(60);
    expect(text).toContain('Left out to fit 60 columns: Runs, p95 latency in seconds\n(--wide shows every column).');
    expect(text).toContain('│ Option                   │ $/month │  $/day │   Cold │');
  });

  it('when the columns always kept do not fit, one block per row, nothing left out', () => {
    const narrow: Report = { ...report(), sections: [{ ...report().sections[0]!, columns: columns.map(({ priority: _, ...column }) => column) }] };
    const text = table(60, narrow);
    expect(widest(text)).toBeLessThanOrEqual(60);
    expect(text).toMatchInlineSnapshot(`
      "Example: what one workload costs a month on each option,
      side by side

      Serverless flex
        $/month:                $82.64
        Runs:                   up to 3 flex workers
        $/day:                  $2.72
        Cold starts:            95.2%
        p95 latency in seconds: 20.44 s

      Serverless flex + active
        $/month:                $782.64
        Runs:                   1 active + up to 3 flex workers
        $/day:                  $25.72
        Cold starts:            5.2%
        p95 latency in seconds: 12.44 s

      Catalog: runpod-2026-11 (as of 2026-11-26)
      - A month is 730h (365 days / 12; --month 720h for 30 days).
      "
    `);
  });

  it('blocks put values under labels too long to leave them room', () => {
    const narrow: Report = { ...report(1), sections: [{ ...report(1).sections[0]!, columns: columns.map(({ priority: _, ...column }) => column) }] };
    const text = table(40, narrow);
    expect(widest(text)).toBeLessThanOrEqual(40);
    expect(text).toContain('  p95 latency in seconds:\n    20.44 s');
  });

  it('notes and assumptions are broken between words, assumptions with a hanging indent', () => {
    const note = 'Cheapest: Serverless flex at $82.64/month (± 0.9%), $165.56 (67%) less than Pod, Community Cloud.';
    const text = table(80, report(2, [note]));
    expect(text).toContain('Cheapest: Serverless flex at $82.64/month (± 0.9%), $165.56 (67%) less than Pod,\nCommunity Cloud.');
    expect(table(40, report(1))).toContain('- A month is 730h (365 days / 12;\n  --month 720h for 30 days).');
  });

  it('Markdown, CSV and JSON are never cut', () => {
    for (const format of ['markdown', 'csv', 'json'] as const) {
      const full = render(report(), format, { color: false, toolVersion: '0.0.0-test' });
      expect(render(report(), format, { color: false, toolVersion: '0.0.0-test', width: 40 })).toBe(full);
    }
  });

  it('a chart narrows to the width, and its legend goes onto more lines', () => {
    const chart = { title: 'Cost', xLabel: 'hours', yLabel: 'USD', x: [0, 12, 24], series: [{ name: 'flex (cold starts and idle tails billed)', y: [0, 500, 1000] }, { name: 'pod Secure', y: [540, 540, 540] }] };
    expect(widest(renderTextChart(chart))).toBe(67);
    const narrow = renderTextChart(chart, 50);
    expect(widest(narrow)).toBeLessThanOrEqual(50);
    expect(narrow.split('\n').slice(-2)).toEqual(['* flex (cold starts and idle tails billed)', '+ pod Secure']);
  });
});

describe('wrapping', () => {
  it.each([
    ['Busy h/day (overhead billed, simulated)', 20, ['Busy h/day (overhead', 'billed, simulated)']],
    ['Cold starts', 8, ['Cold', 'starts']],
    ['p95 s', 8, ['p95 s']],
    ['endpoints.sdxl.workers.active', 16, ['endpoints.sdxl.', 'workers.active']],
    ['sdxl-weights $/month', 10, ['sdxl-weights', '$/month']],
  ])('header %j in %i columns', (header, width, lines) => expect(wrapHeader(header, width)).toEqual(lines));

  it('a word longer than the line keeps a line of its own, unbroken', () => {
    expect(wrapWords('see https://docs.runpod.io/serverless/pricing for more', 20)).toEqual(['see', 'https://docs.runpod.io/serverless/pricing', 'for more']);
  });

  it('colour codes take no columns', () => expect(displayWidth('\u001b[1mbold\u001b[22m')).toBe(4));
});

describe('the width comes from the run: a terminal, COLUMNS, or none', () => {
  it.each([
    [120, undefined, 120],
    [120, '80', 120], // a terminal's own width wins over a stale COLUMNS
    [undefined, '100', 100], // a pipe or a CI log told its width
    [undefined, ' 80 ', 80],
    [undefined, undefined, null], // a pipe: the full table
    [undefined, '', null],
    [undefined, 'wide', null],
    [undefined, '0', null],
    [undefined, '-5', null],
    [0, '90', 90], // a terminal that does not know its width
    [undefined, '12', 40], // never narrower than 40
  ])('terminal %j, COLUMNS %j: %j', (terminal, variable, columns) => expect(terminalColumns(terminal, variable)).toBe(columns));

  const io = (stdoutColumns: number | null, stdoutIsTTY = false) => ({ stdoutColumns, stdoutIsTTY, env: {} }) as unknown as CliIo;

  it('--wide, a file (--output) and no width give the full table; a file gets no colour either', () => {
    expect(renderOptions({ color: true, wide: false }, io(100), 'v').width).toBe(100);
    expect(renderOptions({ color: true, wide: true }, io(100), 'v').width).toBeUndefined();
    expect(renderOptions({ color: true, wide: false, output: 'estimate.txt' }, io(100, true), 'v')).toEqual({ color: false, toolVersion: 'v' });
    expect(renderOptions({ color: true, wide: false }, io(null, true), 'v')).toEqual({ color: true, toolVersion: 'v' });
  });
});
