import { describe, expect, it } from 'vitest';
import { fullBatchSpeedup, relativeRates, tokensPerSecondAt } from '../../src/model/throughput.js';

// The table: 60 tok/s alone, 45 at 8 in flight, 25 at 32.
const TABLE = [
  { inFlight: 1, tokensPerSecond: 60 },
  { inFlight: 8, tokensPerSecond: 45 },
  { inFlight: 32, tokensPerSecond: 25 },
];

describe('throughput table', () => {
  it.each([
    [1, 60],
    // Linear between 1 and 8: 60 - 15 x 3/7.
    [4, 60 - (15 * 3) / 7],
    [8, 45],
    // Between 8 and 32: 45 - 20 x 22/24.
    [30, 45 - (20 * 22) / 24],
    [32, 25],
    // Past the last row: flat (the resolver refuses more jobs per worker than the table has rows for).
    [40, 25],
  ])('%d in flight: %d tok/s each', (n, expected) => {
    expect(tokensPerSecondAt(TABLE, n)).toBeCloseTo(expected, 12);
  });

  it('flat before the first row: a table from 4 in flight gives a request alone the 4-in-flight rate', () => {
    expect(tokensPerSecondAt([{ inFlight: 4, tokensPerSecond: 50 }, { inFlight: 16, tokensPerSecond: 30 }], 1)).toBe(50);
  });

  it('relative paces for 1..3 in flight: 1, (60 - 15/7)/60, (60 - 30/7)/60', () => {
    const rates = relativeRates(TABLE, 3);
    expect(rates[0]).toBe(1);
    expect(rates[1]).toBeCloseTo((60 - 15 / 7) / 60, 12);
    expect(rates[2]).toBeCloseTo((60 - 30 / 7) / 60, 12);
  });

  it('a full batch of 30 does the work of 30 x 26.667 / 60 = 13.33 requests alone; of 32, 32 x 25 / 60 = 13.33', () => {
    expect(fullBatchSpeedup(TABLE, 30)).toBeCloseTo((30 * (45 - (20 * 22) / 24)) / 60, 12);
    expect(fullBatchSpeedup(TABLE, 32)).toBeCloseTo((32 * 25) / 60, 12);
  });
});
