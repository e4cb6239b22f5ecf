// A whole cold start with a share of FlashBoot restores: what calibrate writes from measured delays.
import { describe, expect, it } from 'vitest';
import { resolveColdStart } from '../../src/endpoint/cold-start.js';
import { KEY_NAMES } from '../../src/endpoint/field-names.js';
import { ColdStartSpecSchema } from '../../src/endpoint/spec.js';
import { bundledCatalog } from '../helpers/catalog.js';

const catalog = bundledCatalog();
const resolve = (spec: unknown) => resolveColdStart(catalog, ColdStartSpecSchema.parse(spec), 1, undefined, KEY_NAMES);

describe('resolveColdStart: a whole cold start with FlashBoot restores', () => {
  it('20 s full (all billed), 25% restores of 2 s (billed): mean 0.25 x 2 + 0.75 x 20 = 15.5 s, all of it billed', () => {
    const resolved = resolve({ coldStart: '20s', flashbootHit: '25%', restore: '2s' });
    expect(resolved).toMatchObject({ fullS: 20, fullBilledS: 20, restoreS: 2, restoreBilled: true, hitRate: 0.25, source: { kind: 'given', billedGiven: false } });
    expect(resolved.meanS).toBeCloseTo(15.5, 12);
    expect(resolved.meanBilledS).toBeCloseTo(15.5, 12);
  });

  it('without restore, the catalog\'s restore time; without flashbootHit, none', () => {
    expect(resolve({ coldStart: '20s', flashbootHit: '10%' }).restoreS).toBe(catalog.coldStart.flashbootRestoreS.value);
    expect(resolve({ coldStart: '20s' })).toMatchObject({ hitRate: 0, meanS: 20 });
  });

  it('restores need FlashBoot on, as with the cold-start model', () => {
    expect(() => resolve({ coldStart: '20s', flashbootHit: '10%', flashboot: false })).toThrow(
      expect.objectContaining({ message: 'flashboot is off: no start can be a FlashBoot restore; turn it on with flashboot', path: 'flashbootHit' }),
    );
    expect(() => resolve({ coldStart: '20s', flashbootHit: '10%', createdWith: 'api' })).toThrow(expect.objectContaining({ path: 'flashbootHit' }));
  });

  it('a model field still refuses a whole cold start', () => {
    expect(() => resolve({ coldStart: '20s', weights: '5GB', flashbootHit: '10%' })).toThrow(expect.objectContaining({ path: 'coldStart' }));
  });
});
