import { describe, expect, it } from 'vitest';
import { FORMATS, render } from '../../src/render/index.js';
import { cleanNumber, formatCell, formatPercent, formatPrice, formatUsd } from '../../src/render/number-format.js';
import type { Report } from '../../src/render/report.js';

const report: Report = {
  command: 'example',
  title: 'Example | costs',
  catalog: { name: 'runpod-2026-11', asOf: '2026-09-25', files: ['pricing/runpod-2026-11.yaml'], overrides: [], discount: 0.12 },
  sections: [
    {
      id: 'options',
      title: 'Options',
      columns: [
        { key: 'option', header: 'Option', kind: 'text' },
        { key: 'monthlyUsd', header: 'Monthly $', kind: 'usd' },
        { key: 'perRequestUsd', header: '$/request', kind: 'usd' },
        { key: 'rate', header: 'Rate $/s', kind: 'price' },
        { key: 'coldRate', header: 'Cold starts', kind: 'percent' },
      ],
      rows: [
        { option: 'flex, "scale to zero"', monthlyUsd: 1234.5678, perRequestUsd: 0.0010564, rate: 0.00031, coldRate: 0.9715 },
        { option: 'pod, secure', monthlyUsd: 316.8, perRequestUsd: null, rate: 0.1 + 0.2, coldRate: 0 },
      ],
    },
  ],
  notes: ['Cheapest: pod, secure, by $917.77 a month.'],
  assumptions: [{ key: 'monthHours', value: 730, id: 'workload.month', values: { monthS: 730 * 3600, isDefault: true } }],
  charts: [],
};
const options = { color: false, toolVersion: '0.0.0-test' };

describe('number formatting (the only place numbers are rounded)', () => {
  it.each([
    [1234.5678, '$1,234.57'],
    [316.8, '$316.80'],
    [1.056, '$1.06'],
    [0.24, '$0.24'],
    [0.0010564, '$0.00106'],
    // Three significant digits below $1, whatever the size: a per-request cost beside another.
    [0.00519129, '$0.00519'],
    [0.03552, '$0.0355'],
    [0.03999, '$0.04'],
    [0.00540407, '$0.00540'],
    [0.4896, '$0.49'],
    [0.00031 * 0.001, '$0.000000310'],
    [0.3233, '$0.323'],
    [0.9996, '$1.00'],
    [0, '$0.00'],
    [-5.5, '-$5.50'],
    [-0.01234, '-$0.0123'],
    // Past toFixed's 100 places (a budget typed as 5e-324): exponential, never a crash.
    [5e-324, '$4.94e-324'],
    [1e-98, `$0.${'0'.repeat(97)}100`],
    [1.5e-99, '$1.50e-99'],
  ])('formatUsd(%f) = %s', (value, text) => expect(formatUsd(value)).toBe(text));

  it.each([
    [0.00031, '$0.00031'],
    [1.116, '$1.116'],
    [0.74, '$0.74'],
    [0.0006, '$0.0006'],
    [3.9960000000000004, '$3.996'],
    // A discounted rate keeps four significant digits: 0.00031 x 0.88.
    [0.0002728, '$0.0002728'],
    [0.00031 * 0.875, '$0.0002713'],
    [4.176, '$4.176'],
    [12.5, '$12.50'],
    [1234.5, '$1,234.50'],
  ])('formatPrice(%f) = %s', (value, text) => expect(formatPrice(value)).toBe(text));

  it.each([
    [0.3226, '32.3%'],
    [0.2, '20%'],
    [0, '0%'],
    [0.0005, '0.05%'],
  ])('formatPercent(%f) = %s', (value, text) => expect(formatPercent(value)).toBe(text));

  it('null prints as "-" in every kind', () => expect(formatCell(null, 'usd')).toBe('-'));
  it('cleanNumber removes float noise only', () => {
    expect(cleanNumber(0.1 + 0.2)).toBe(0.3);
    expect(cleanNumber(0.00031 * 3600)).toBe(1.116);
    expect(cleanNumber(1 / 3)).toBe(0.333333333333);
    expect(cleanNumber(12345678901234)).toBe(12345678901234);
  });
});

describe('renderers', () => {
  it('offers exactly the four formats', () => expect(FORMATS).toEqual(['table', 'json', 'csv', 'markdown']));

  it('table', () => {
    expect(render(report, 'table', options)).toMatchInlineSnapshot(`
      "Example | costs

      Options
      ┌───────────────────────┬───────────┬───────────┬──────────┬─────────────┐
      │ Option                │ Monthly $ │ $/request │ Rate $/s │ Cold starts │
      ├───────────────────────┼───────────┼───────────┼──────────┼─────────────┤
      │ flex, "scale to zero" │ $1,234.57 │  $0.00106 │ $0.00031 │       97.2% │
      │ pod, secure           │   $316.80 │         - │    $0.30 │          0% │
      └───────────────────────┴───────────┴───────────┴──────────┴─────────────┘

      Cheapest: pod, secure, by $917.77 a month.

      Catalog: runpod-2026-11 (as of 2026-09-25); discount 12% on GPU compute prices
      - A month is 730h (365 days / 12; --month 720h for 30 days).
      "
    `);
  });

  it('json: versioned envelope, raw numbers, catalog and assumptions', () => {
    const json = JSON.parse(render(report, 'json', options));
    expect(json).toEqual({
      schemaVersion: 2,
      tool: { name: 'runpod-plan', version: '0.0.0-test' },
      command: 'example',
      title: 'Example | costs',
      catalog: report.catalog,
      assumptions: [{ key: 'monthHours', value: 730, text: 'A month is 730h (365 days / 12; --month 720h for 30 days).' }],
      options: [
        { option: 'flex, "scale to zero"', monthlyUsd: 1234.5678, perRequestUsd: 0.0010564, rate: 0.00031, coldRate: 0.9715 },
        { option: 'pod, secure', monthlyUsd: 316.8, perRequestUsd: null, rate: 0.3, coldRate: 0 },
      ],
      notes: ['Cheapest: pod, secure, by $917.77 a month.'],
    });
  });

  it('csv: header of keys, raw numbers, RFC 4180 quoting', () => {
    expect(render(report, 'csv', options)).toMatchInlineSnapshot(`
      "option,monthlyUsd,perRequestUsd,rate,coldRate
      "flex, ""scale to zero""",1234.5678,0.0010564,0.00031,0.9715
      "pod, secure",316.8,,0.3,0
      "
    `);
  });

  it('markdown: a GitHub table with escaped pipes and dollars, assumptions folded', () => {
    expect(render(report, 'markdown', options)).toMatchInlineSnapshot(`
      "### Example | costs

      #### Options

      | Option | Monthly \\$ | \\$/request | Rate \\$/s | Cold starts |
      | --- | ---: | ---: | ---: | ---: |
      | flex, "scale to zero" | \\$1,234.57 | \\$0.00106 | \\$0.00031 | 97.2% |
      | pod, secure | \\$316.80 | - | \\$0.30 | 0% |

      > Cheapest: pod, secure, by \\$917.77 a month.

      <details><summary>Assumptions</summary>

      - Catalog: runpod-2026-11 (as of 2026-09-25); discount 12% on GPU compute prices
      - A month is 730h (365 days / 12; --month 720h for 30 days).

      </details>
      "
    `);
  });
});
