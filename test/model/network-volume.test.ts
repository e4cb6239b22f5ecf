import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateNetworkVolume } from '../../src/model/network-volume.js';
import { expectWellFormed, RUNS } from '../helpers/cost-model.js';

/** Catalog network-volume tiers: $0.07/GB/month up to 1000 GB, $0.05 above (docs /storage/network-volumes). */
const NETWORK_VOLUME_TIERS = [
  { upToGB: 1000, usdPerGBMonth: 0.07 },
  { upToGB: null, usdPerGBMonth: 0.05 },
];

describe('estimateNetworkVolume', () => {
  it.each([
    // 1000 x 0.07 + 500 x 0.05 = 70 + 25 = $95.00.
    [1500, 95, [1000, 500]],
    // 500 x 0.07 = $35.
    [500, 35, [500]],
    // Exactly the first tier: 1000 x 0.07 = $70, one line item.
    [1000, 70, [1000]],
    // The largest volume: 1000 x 0.07 + 3096 x 0.05 = 70 + 154.80 = $224.80.
    [4096, 224.8, [1000, 3096]],
    [0, 0, []],
  ])('%d GB = $%d/month', (sizeGB, monthlyUsd, quantities) => {
    const estimate = estimateNetworkVolume({ sizeGB, tiers: NETWORK_VOLUME_TIERS });
    expect(estimate.monthlyUsd).toBeCloseTo(monthlyUsd, 12);
    expect(estimate.lineItems.map((line) => line.quantity)).toEqual(quantities);
    expectWellFormed(estimate);
  });

  it('names the tiers it uses', () => {
    expect(estimateNetworkVolume({ sizeGB: 1500, tiers: NETWORK_VOLUME_TIERS }).lineItems.map((line) => line.name)).toEqual([
      'Network volume (first 1000 GB)',
      'Network volume (over 1000 GB)',
    ]);
  });

  it('walks any number of tiers: 2500 GB over 0.07 / 0.06 / 0.05 = 70 + 60 + 25 = $155', () => {
    const tiers = [
      { upToGB: 1000, usdPerGBMonth: 0.07 },
      { upToGB: 2000, usdPerGBMonth: 0.06 },
      { upToGB: null, usdPerGBMonth: 0.05 },
    ];
    const estimate = estimateNetworkVolume({ sizeGB: 2500, tiers });
    expect(estimate.monthlyUsd).toBeCloseTo(155, 12);
    expect(estimate.lineItems.map((line) => line.name)).toEqual([
      'Network volume (first 1000 GB)',
      'Network volume (1000-2000 GB)',
      'Network volume (over 2000 GB)',
    ]);
  });

  it('grows with size and never goes negative', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 4096, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (size, extra) => {
        const smaller = estimateNetworkVolume({ sizeGB: size, tiers: NETWORK_VOLUME_TIERS });
        const larger = estimateNetworkVolume({ sizeGB: size + extra, tiers: NETWORK_VOLUME_TIERS });
        expectWellFormed(smaller);
        expect(larger.monthlyUsd).toBeGreaterThanOrEqual(smaller.monthlyUsd * (1 - 1e-12));
      }),
      RUNS,
    );
  });
});
