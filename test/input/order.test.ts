import { describe, expect, it } from 'vitest';
import { byCodeUnits } from '../../src/input/order.js';

describe('byCodeUnits', () => {
  it('orders by code units, whatever the locale: upper case before lower, digits before both', () => {
    expect(['b', 'B', 'a', 'A100', '2x'].sort(byCodeUnits)).toEqual(['2x', 'A100', 'B', 'a', 'b']);
    expect(byCodeUnits('api', 'api')).toBe(0);
  });
});
