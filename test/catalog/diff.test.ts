// Two catalogs compared, price by price, with the arithmetic worked by hand.
import { describe, expect, it } from 'vitest';
import { changesBeyond, diffCatalogs } from '../../src/catalog/diff.js';
import type { Catalog } from '../../src/catalog/schema.js';
import { bundledCatalog } from '../helpers/catalog.js';

const OLD = { source: 'https://docs.runpod.io/serverless/pricing', retrieved: '2026-06-08' };
const NEW = { source: 'https://api.runpod.io/v2/catalog/gpus', retrieved: '2026-11-23' };

function catalog(serverless: Catalog['serverless'], gpus: Catalog['gpus']): Catalog {
  return { ...bundledCatalog(), serverless, gpus };
}

const before = catalog(
  {
    ADA_24: { label: '24 GB PRO', gpus: ['RTX 4090'], vramGB: 24, flexUsdPerSecond: 0.00031, activeUsdPerSecond: 0.00021, ...OLD },
    AMPERE_24: { label: '24 GB', gpus: ['L4', 'RTX 3090'], vramGB: 24, flexUsdPerSecond: 0.00016, activeUsdPerSecond: 0.00011, ...OLD },
    HOPPER_141: { label: '141 GB', gpus: ['H200'], vramGB: 141, flexUsdPerSecond: 0.00155, activeUsdPerSecond: 0.00124, ...OLD },
  },
  {
    'RTX 4090': { vramGB: 24, pod: { secureUsdPerHour: 0.74, communityUsdPerHour: 0.34, ...OLD }, ...OLD },
    L4: { vramGB: 24, ...OLD },
    'RTX 3090': { vramGB: 24, pod: { secureUsdPerHour: 0.46, communityUsdPerHour: 0.22, ...OLD }, ...OLD },
    H200: { vramGB: 141, pod: { secureUsdPerHour: 4.59, communityUsdPerHour: 3.59, ...OLD }, ...OLD },
    A40: { vramGB: 48, ...OLD },
  },
);

const after = catalog(
  {
    ADA_24: { label: '24 GB PRO', gpus: ['RTX 4090', 'RTX 3090'], vramGB: 24, flexUsdPerSecond: 1.1 / 3600, activeUsdPerSecond: null, ...NEW },
    AMPERE_24: { label: '24 GB', gpus: ['L4'], vramGB: 24, flexUsdPerSecond: 0.576 / 3600, activeUsdPerSecond: null, ...NEW },
    BLACKWELL_32: { label: '32 GB', gpus: ['RTX PRO 4500'], vramGB: 32, flexUsdPerSecond: 1.3 / 3600, activeUsdPerSecond: null, ...NEW },
  },
  {
    'RTX 4090': { vramGB: 24, pod: { secureUsdPerHour: 0.79, communityUsdPerHour: null, ...NEW }, ...NEW },
    L4: { vramGB: 24, pod: { secureUsdPerHour: 0.43, communityUsdPerHour: null, ...NEW }, ...NEW },
    'RTX 3090': { vramGB: 24, pod: { secureUsdPerHour: 0.46, communityUsdPerHour: 0.22, ...NEW }, ...NEW },
    'RTX PRO 4500': { vramGB: 32, ...NEW },
  },
);

const diff = diffCatalogs(before, after);
const find = (item: string, price: string | null) => diff.changes.find((change) => change.item === item && change.price === price);

describe('price by price, per GPU-hour', () => {
  it('pod Secure 0.74 -> 0.79 $/h: +0.05 / 0.74 = +6.76%', () => {
    const change = find('RTX 4090', 'podSecure');
    expect(change).toMatchObject({ itemKind: 'gpu', status: 'changed', oldUsdPerGpuHour: 0.74, newUsdPerGpuHour: 0.79, oldRetrieved: '2026-06-08', newRetrieved: '2026-11-23' });
    expect(change?.change).toBeCloseTo(0.0675676, 6);
  });

  it('flex 0.00031 $/s = 1.116 $/h -> 1.1 $/h: -0.016 / 1.116 = -1.43%', () => {
    const change = find('ADA_24', 'flex');
    expect(change?.oldUsdPerGpuHour).toBeCloseTo(1.116, 12);
    expect(change?.newUsdPerGpuHour).toBeCloseTo(1.1, 12);
    expect(change?.change).toBeCloseTo(-0.0143369, 6);
  });

  it('active 0.00021 $/s = 0.756 $/h -> no active price, so the flex rate 1.1 $/h: +0.344 / 0.756 = +45.50%', () => {
    const change = find('ADA_24', 'active');
    expect(change).toMatchObject({ status: 'changed', oldAtFlexRate: false, newAtFlexRate: true });
    expect(change?.oldUsdPerGpuHour).toBeCloseTo(0.756, 12);
    expect(change?.newUsdPerGpuHour).toBeCloseTo(1.1, 12);
    expect(change?.change).toBeCloseTo(0.455026, 6);
  });

  it('0.00016 $/s = 0.576 $/h and 0.576 / 3600 $/s are the same price (they differ in the last bit): no row', () => {
    expect(0.576 / 3600).not.toBe(0.00016);
    expect(find('AMPERE_24', 'flex')).toBeUndefined();
  });

  it('a price that appears or goes is added or removed, without a change in %', () => {
    expect(find('RTX 4090', 'podCommunity')).toMatchObject({ status: 'removed', oldUsdPerGpuHour: 0.34, newUsdPerGpuHour: null, change: null });
    expect(find('L4', 'podSecure')).toMatchObject({ status: 'added', oldUsdPerGpuHour: null, newUsdPerGpuHour: 0.43, change: null });
  });
});

describe('pools and GPUs that come and go', () => {
  it('an added pool: its flex rate, and its active rate (the flex rate, none being published)', () => {
    expect(find('BLACKWELL_32', 'flex')).toMatchObject({ itemKind: 'pool', status: 'added', newUsdPerGpuHour: 1.3 });
    expect(find('BLACKWELL_32', 'active')).toMatchObject({ status: 'added', newUsdPerGpuHour: 1.3, newAtFlexRate: true });
  });

  it('a removed pool and a removed GPU, each price of it', () => {
    expect(find('HOPPER_141', 'flex')).toMatchObject({ status: 'removed' });
    expect(find('HOPPER_141', 'flex')?.oldUsdPerGpuHour).toBeCloseTo(5.58, 12); // 0.00155 $/s x 3600
    expect(find('H200', 'podSecure')).toMatchObject({ status: 'removed', oldUsdPerGpuHour: 4.59 });
    expect(find('H200', 'podCommunity')).toMatchObject({ status: 'removed', oldUsdPerGpuHour: 3.59 });
  });

  it('a GPU added or removed without any pod price is one row of its own', () => {
    expect(find('RTX PRO 4500', null)).toMatchObject({ status: 'added', oldUsdPerGpuHour: null, newUsdPerGpuHour: null });
    expect(find('A40', null)).toMatchObject({ status: 'removed' });
  });

  it('GPUs that changed pool, in the new catalog\'s GPU order', () => {
    expect(diff.moves).toEqual([
      { gpu: 'RTX 3090', oldPool: 'AMPERE_24', newPool: 'ADA_24' },
      { gpu: 'RTX PRO 4500', oldPool: null, newPool: 'BLACKWELL_32' },
      { gpu: 'H200', oldPool: 'HOPPER_141', newPool: null },
    ]);
  });

  it('rows: pools in the new catalog\'s order then the removed ones, then GPUs the same way; the rest counted as unchanged', () => {
    expect(diff.changes.map((change) => `${change.item} ${change.price ?? '-'} ${change.status}`)).toEqual([
      'ADA_24 flex changed',
      'ADA_24 active changed',
      'AMPERE_24 active changed',
      'BLACKWELL_32 flex added',
      'BLACKWELL_32 active added',
      'HOPPER_141 flex removed',
      'HOPPER_141 active removed',
      'RTX 4090 podSecure changed',
      'RTX 4090 podCommunity removed',
      'L4 podSecure added',
      'RTX PRO 4500 - added',
      'A40 - removed',
      'H200 podSecure removed',
      'H200 podCommunity removed',
    ]);
    // AMPERE_24 flex, RTX 3090 Secure and Community.
    expect(diff.unchanged).toBe(3);
  });

  it('a catalog against itself: nothing changed', () => {
    expect(diffCatalogs(before, before)).toEqual({ changes: [], moves: [], unchanged: 2 * 3 + 2 * 3 });
  });
});

describe('--fail-on-change', () => {
  it('5%: catches +6.76% and +45.5%, not -1.43%; every added, removed and moved item counts as beyond it', () => {
    const beyond = changesBeyond(diff, 0.05);
    expect(beyond.changes.map((change) => `${change.item} ${change.price ?? '-'}`)).not.toContain('ADA_24 flex');
    expect(beyond.changes.map((change) => `${change.item} ${change.price ?? '-'}`)).toContain('RTX 4090 podSecure');
    expect(beyond.changes.map((change) => `${change.item} ${change.price ?? '-'}`)).toContain('ADA_24 active');
    expect(beyond.changes).toHaveLength(diff.changes.length - 1);
    expect(beyond.moves).toHaveLength(3);
  });

  it('exactly at the limit is not beyond it: 0.74 -> 0.79 is 6.7568%, caught at 6.75%, not at 6.76%', () => {
    const only = { changes: diff.changes.filter((change) => change.item === 'RTX 4090' && change.price === 'podSecure'), moves: [], unchanged: 0 };
    expect(changesBeyond(only, 0.0675).changes).toHaveLength(1);
    expect(changesBeyond(only, 0.0676).changes).toHaveLength(0);
  });
});
