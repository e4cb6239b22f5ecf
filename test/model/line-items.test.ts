import { describe, expect, it } from 'vitest';
import { DEFAULT_MONTH_HOURS, THIRTY_DAY_MONTH_HOURS, monthSeconds } from '../../src/model/line-items.js';
import { DAY_S } from '../helpers/cost-model.js';

describe('monthSeconds', () => {
  it.each([
    // Infracost's month: 730 h x 3600 = 2,628,000 s.
    [DEFAULT_MONTH_HOURS, 2_628_000],
    // A 30-day month: 720 h x 3600 = 2,592,000 s.
    [THIRTY_DAY_MONTH_HOURS, 2_592_000],
    [24, DAY_S],
  ])('%d h = %d s', (hours, seconds) => {
    expect(monthSeconds(hours)).toBe(seconds);
  });

  it('defaults to the 730 h month', () => {
    expect(monthSeconds()).toBe(730 * 3600);
  });
});
