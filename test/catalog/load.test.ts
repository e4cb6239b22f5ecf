// The catalog loading policy on layers held in memory: no files, no clock (today is passed in).
import { describe, expect, it, vi } from 'vitest';
import { loadCatalog, type CatalogLayer, type CatalogValidator } from '../../src/catalog/load.js';
import { CatalogSchema } from '../../src/catalog/schema.js';
import { InputError } from '../../src/input/error.js';
import { renderWarning } from '../../src/render/warnings.js';
import { bundledCatalog } from '../helpers/catalog.js';

const DAY_S = 86_400;
const bundled = bundledCatalog(); // name runpod-2026-11, asOf 2026-09-25
const validate: CatalogValidator = (value) => CatalogSchema.safeParse(value);
const precompiled = (value: unknown = bundled): CatalogLayer => ({ file: 'pricing/runpod-2026-11.yaml', value, validated: true });
const userFile = (value: unknown, file = 'mine.yaml'): CatalogLayer => ({ file, value, validated: false });
const policy = { discount: 0, today: '2026-11-23', maxAgeS: 120 * DAY_S, validate };

function loaded(result: ReturnType<typeof loadCatalog>) {
  if (!result.ok) throw new Error(`expected a catalog, got ${result.error.message}`);
  return result;
}

describe('the age warning, as data', () => {
  it('a catalog dated 2026-09-15 is 69 days old on 2026-11-23 (15 days of September + 31 of October + 23 of November)', () => {
    const result = loaded(loadCatalog([precompiled(), userFile({ asOf: '2026-09-15' })], { ...policy, maxAgeS: 60 * DAY_S }));
    expect(result.warnings).toEqual([{ code: 'catalog-age', name: 'runpod-2026-11', asOf: '2026-09-15', ageDays: 69, maxAgeS: 60 * DAY_S }]);
  });

  it.each([
    ['69 days allowed: exactly at the limit, no warning', 69 * DAY_S, 0],
    ['69 days less one second allowed: over it, one warning', 69 * DAY_S - 1, 1],
    ['120 days allowed (the default): no warning', 120 * DAY_S, 0],
  ])('%s', (_name, maxAgeS, warnings) => {
    const result = loaded(loadCatalog([precompiled(), userFile({ asOf: '2026-09-15' })], { ...policy, maxAgeS }));
    expect(result.warnings).toHaveLength(warnings);
  });

  it('the bundled catalog (2026-11-26) is 157 days old on 2027-05-02, over 120 days', () => {
    const result = loaded(loadCatalog([precompiled()], { ...policy, today: '2027-05-02' }));
    expect(result.warnings).toEqual([{ code: 'catalog-age', name: 'runpod-2026-11', asOf: '2026-11-26', ageDays: 157, maxAgeS: 120 * DAY_S }]);
    // The CLI prints it as `warning: <this>`; the wording lives in src/render/warnings.ts alone.
    expect(renderWarning(result.warnings[0]!)).toBe(
      'the price catalog runpod-2026-11 is dated 2026-11-26, 157 days ago (over 120d); prices may have changed. Layer newer prices with --catalog, or raise --max-catalog-age.',
    );
  });
});

describe('layering and validation', () => {
  it('takes the precompiled snapshot as it is: no validator needed, none called', () => {
    const result = loaded(loadCatalog([precompiled()], { discount: 0, today: '2026-11-23', maxAgeS: 120 * DAY_S }));
    expect(result.loaded.catalog).toBe(bundled);
    expect(result.loaded).toMatchObject({ files: ['pricing/runpod-2026-11.yaml'], overrides: [], discount: 0 });
  });

  it('validates a snapshot that was not validated by the build (the YAML read when the JSON is stale)', () => {
    const spy = vi.fn(validate);
    loaded(loadCatalog([{ ...precompiled(), validated: false }], { ...policy, validate: spy }));
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('a layer to validate without a validator is a bug, not a user mistake', () => {
    expect(() => loadCatalog([precompiled(), userFile({ asOf: '2026-09-15' })], { discount: 0, today: '2026-11-23', maxAgeS: 0 })).toThrow(/no validator/);
  });

  it('later files win key by key, lists are replaced whole, and every key a user file set is an override', () => {
    const first = userFile({ serverless: { ADA_24: { activeUsdPerSecond: 0.0002 } } }, 'a.yaml');
    const second = userFile({ serverless: { ADA_24: { activeUsdPerSecond: 0.000122, gpus: ['RTX 4090'] } } }, 'b.yaml');
    const result = loaded(loadCatalog([precompiled(), first, second], policy));
    const ada = result.loaded.catalog.serverless.ADA_24;
    expect(ada?.activeUsdPerSecond).toBe(0.000122);
    expect(ada?.flexUsdPerSecond).toBe(bundled.serverless.ADA_24?.flexUsdPerSecond);
    expect(ada?.gpus).toEqual(['RTX 4090']);
    expect(result.loaded.files).toEqual(['pricing/runpod-2026-11.yaml', 'a.yaml', 'b.yaml']);
    expect(result.loaded.overrides).toEqual(['serverless.ADA_24.activeUsdPerSecond', 'serverless.ADA_24.activeUsdPerSecond', 'serverless.ADA_24.gpus']);
  });

  it('a 12% discount scales the loaded prices by 0.88 (ADA_24 flex 0.00031 -> 0.0002728) and is recorded', () => {
    const result = loaded(loadCatalog([precompiled()], { ...policy, discount: 0.12 }));
    expect(result.loaded.catalog.serverless.ADA_24?.flexUsdPerSecond).toBeCloseTo(0.0002728, 12);
    expect(result.loaded.discount).toBe(0.12);
  });

  it("returns the schema's complaint, with its key path, for the caller to locate in the files", () => {
    const result = loadCatalog([precompiled(), userFile({ serverless: { ADA_24: { flexUsdPerSecond: 'cheap' } } })], policy);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues[0]?.path).toEqual(['serverless', 'ADA_24', 'flexUsdPerSecond']);
  });

  it('a `__proto__` key stays a plain key, which the strict schema then rejects', () => {
    const overlay = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const result = loadCatalog([precompiled(), userFile(overlay)], policy);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['__proto__'] });
  });

  it('a file that is not a map is an InputError at its first line', () => {
    const thrown = (() => {
      try {
        loadCatalog([precompiled(), userFile(['a list'], 'list.yaml')], policy);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).where).toEqual({ file: 'list.yaml', line: 1, column: 1 });
  });
});

