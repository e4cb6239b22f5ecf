import { describe, expect, it } from 'vitest';
import { podsExit, scaledArrivals, volumeGrid } from '../../src/decisions/tokens-breakeven.js';

describe('the break-even volume against an API', () => {
  it('the grid: 0, then doubling up to the highest volume (13 points)', () => {
    const grid = volumeGrid(4096);
    expect(grid).toHaveLength(13);
    expect(grid.slice(0, 4)).toEqual([0, 2, 4, 8]);
    expect(grid[12]).toBe(4096);
  });

  it('the traffic keeps its shape at another volume: 172,800 requests a day is 2 a second; bursts scale both rates; a trace cannot be scaled', () => {
    expect(scaledArrivals({ kind: 'poisson', ratePerSecond: 1 }, 1, 172_800)).toEqual({ kind: 'poisson', ratePerSecond: 2 });
    expect(scaledArrivals({ kind: 'profile', meanRatePerSecond: 1, hourlyWeights: [1, 2] }, 1, 172_800)).toEqual({ kind: 'profile', meanRatePerSecond: 2, hourlyWeights: [1, 2] });
    expect(scaledArrivals({ kind: 'bursts', onRatePerSecond: 3, offRatePerSecond: 1, onS: 10, offS: 10 }, 2, 172_800)).toEqual({ kind: 'bursts', onRatePerSecond: 3, offRatePerSecond: 1, onS: 10, offS: 10 });
    expect(scaledArrivals({ kind: 'bursts', onRatePerSecond: 3, offRatePerSecond: 1, onS: 10, offS: 10 }, 2, 345_600)).toEqual({ kind: 'bursts', onRatePerSecond: 6, offRatePerSecond: 2, onS: 10, offS: 10 });
    expect(scaledArrivals({ kind: 'trace', timestampsS: [1, 2] }, 1, 86_400)).toBeNull();
  });

  it('pods at $1,000 a month, 100 requests a day each, the API $30 a month per request a day: winning from 33.3, never dearer again', () => {
    // One pod's share at the API: 100 x $30 = $3,000, more than two pods' $2,000.
    expect(podsExit(33.3, 100, 1000, 30)).toBeNull();
  });

  it('pods at $1,452.70, 216,000 requests a day each, API $0.0076042 a month per request a day: dearer past 216,000, cheaper for good from 8 pods x 191,040', () => {
    const a = (730 / 24) * 0.00025;
    // 216,000 x a = $1,642.50 < 2 x $1,452.70; k = ceil(1,452.70 / (1,642.50 - 1,452.70)) = ceil(7.654) = 8.
    const exit = podsExit(191_040, 216_000, 1452.7, a);
    expect(exit?.dearerFrom).toBe(216_000);
    expect(exit?.cheaperForGoodFrom).toBeCloseTo(8 * 191_040, 6);
    // A crossing past one pod's share (pods cannot first win there): nothing to say.
    expect(podsExit(300_000, 216_000, 1452.7, a)).toBeNull();
  });
});
