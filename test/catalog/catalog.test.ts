import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_PRESETS_FILE } from '../../src/catalog/bundled.js';
import { applyDiscount, catalogAgeDays, loadCatalog } from '../../src/catalog/load.js';
import { CatalogSchema, type Catalog } from '../../src/catalog/schema.js';
import { formatInputError } from '../../src/input/error.js';
import { parseYamlSource, toInputError } from '../../src/input/yaml.js';
import { ROOT, runInProcess } from '../helpers/cli.js';

const shipped = readdirSync(join(ROOT, 'pricing')).filter((file) => file.endsWith('.yaml') && file !== MODEL_PRESETS_FILE);

function loadShipped(name: string): Catalog {
  const source = parseYamlSource(readFileSync(join(ROOT, 'pricing', name), 'utf8'), `pricing/${name}`);
  const parsed = CatalogSchema.safeParse(source.value);
  if (!parsed.success) throw new Error(formatInputError(toInputError(parsed.error, [source])));
  return parsed.data;
}

describe('shipped catalogs', () => {
  it('ships at least one catalog', () => expect(shipped.length).toBeGreaterThan(0));

  it.each(shipped)('%s parses against the schema', (name) => {
    expect(() => loadShipped(name)).not.toThrow();
  });

  it.each(shipped)('%s: every price and rule carries a source and a retrieval date', (name) => {
    // The schema requires source/retrieved on every priced object; this checks no object holding a
    // price-like key slipped through without them (e.g. a tier list, which is covered by its parent).
    const missing: string[] = [];
    const visit = (value: unknown, path: string[], sourced: boolean) => {
      if (typeof value !== 'object' || value === null) return;
      const record = value as Record<string, unknown>;
      const here = sourced || (typeof record.source === 'string' && typeof record.retrieved === 'string');
      for (const [key, inner] of Object.entries(record)) {
        if (/Usd|usd/.test(key) && typeof inner === 'number' && !here) missing.push([...path, key].join('.'));
        visit(inner, [...path, key], here);
      }
    };
    visit(loadShipped(name), [], false);
    expect(missing).toEqual([]);
  });

  it('records the flex prices of the reference table (per GPU per second), the discounted active ones as history only', () => {
    const catalog = loadShipped('runpod-2026-11.yaml');
    const prices = Object.fromEntries(
      Object.entries(catalog.serverless).map(([id, pool]) => [id, [pool.flexUsdPerSecond, pool.activeUsdPerSecond, pool.lastPublishedActive?.usdPerSecond ?? null]]),
    );
    // Since 2026-05-13 RunPod bills active workers at the flex rate: no class states an active rate of its own.
    expect(prices).toEqual({
      AMPERE_16: [0.00016, null, 0.00011],
      AMPERE_24: [0.00019, null, 0.00013],
      ADA_24: [0.00031, null, 0.00021],
      ADA_32_PRO: [0.00044, null, 0.00031],
      AMPERE_48: [0.00034, null, 0.00024],
      ADA_48_PRO: [0.00053, null, 0.00037],
      AMPERE_80: [0.00076, null, 0.0006],
      ADA_80_PRO: [0.00116, null, 0.00093],
      BLACKWELL_96: [0.00111, null, null],
      HOPPER_141: [0.00155, null, 0.00124],
      BLACKWELL_180: [0.0024, null, 0.0019],
    });
    const rule = catalog.billing.serverless.activeWorkers;
    expect([rule.billedAtFlexRate, rule.effective]).toEqual([true, '2026-05-13']);
  });

  it('prices a pod for every GPU of the two cheapest serverless classes, each with its own date', () => {
    const catalog = loadShipped('runpod-2026-11.yaml');
    const podOf = (name: string) => {
      const pod = catalog.gpus[name]?.pod;
      return pod === undefined ? undefined : [pod.secureUsdPerHour, pod.communityUsdPerHour, pod.retrieved];
    };
    expect(['RTX A4000', 'RTX A4500', 'RTX 4000 Ada', 'RTX 2000 Ada', 'L4', 'RTX A5000', 'RTX 3090', 'L40', 'B300'].map(podOf)).toEqual([
      [0.29, 0.17, '2025-07'],
      [0.34, 0.19, '2025-07'],
      [0.34, 0.2, '2025-07'],
      [0.28, null, '2025-07'],
      [0.43, null, '2025-07'],
      [0.26, 0.16, '2025-07'],
      [0.43, 0.22, '2025-07'],
      [0.99, 0.69, '2025-07'],
      [7.89, null, '2026-10-07'],
    ]);
  });

  it('records the REST API v2 defaults where they differ from the console', () => {
    const catalog = loadShipped('runpod-2026-11.yaml');
    const api = catalog.apiDefaults;
    expect([api.idleTimeoutS.value, api.executionTimeoutS.value, api.flashboot.value]).toEqual([10, 300, false]);
    expect([catalog.defaults.idleTimeoutS.value, catalog.defaults.executionTimeoutS.value, catalog.defaults.flashboot.value]).toEqual([5, 600, true]);
  });

  it('bills image pull and cached-model download as not billed since 2026-06-29', () => {
    const phases = loadShipped('runpod-2026-11.yaml').billing.serverless.billedPhases;
    expect(phases.effective).toBe('2026-06-29');
    expect([phases.imagePull, phases.cachedModelDownload]).toEqual([false, false]);
    expect([phases.containerStart, phases.weightLoad]).toEqual([true, true]);
  });
});

describe('user catalog files: each mistake names its file, line, column and key path', () => {
  it.each([
    ['bad-type.yaml', 'error: test/fixtures/catalogs/bad-type.yaml:4:5: serverless.ADA_24.flexUsdPerSecond: expected a number, got "cheap"'],
    ['unknown-key.yaml', 'error: test/fixtures/catalogs/unknown-key.yaml:3:5: serverless.ADA_24.activeUsdPerSecnd: unknown key "activeUsdPerSecnd"'],
    ['missing-field.yaml', 'error: test/fixtures/catalogs/missing-field.yaml:2:3: serverless.NEW_POOL.flexUsdPerSecond: missing: expected a number'],
    ['syntax.yaml', 'error: test/fixtures/catalogs/syntax.yaml:3:3: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['negative-price.yaml', 'error: test/fixtures/catalogs/negative-price.yaml:4:7: gpus.RTX 4090.pod.secureUsdPerHour: expected $0 to $1000, got -$0.5'],
    ['unknown-pool-member.yaml', 'error: test/fixtures/catalogs/unknown-pool-member.yaml:3:22: serverless.ADA_24.gpus.1: unknown GPU "RTX 4090 Ti": add it under gpus'],
    ['bad-date.yaml', 'error: test/fixtures/catalogs/bad-date.yaml:1:1: asOf: expected a date like 2026-09-25, got "last week"'],
    ['proto.yaml', 'error: test/fixtures/catalogs/proto.yaml:2:1: "__proto__" is a reserved name: choose another'],
    ['alias-bomb.yaml', 'error: test/fixtures/catalogs/alias-bomb.yaml:1:1: YAML: Excessive alias count indicates a resource exhaustion attack'],
    ['not-a-map.yaml', 'error: test/fixtures/catalogs/not-a-map.yaml:1:1: expected a map of catalog keys (name, serverless, gpus, ...)'],
    ['does-not-exist.yaml', 'error: test/fixtures/catalogs/does-not-exist.yaml: cannot read catalog: no such file'],
  ])('%s', async (file, message) => {
    const run = await runInProcess(['gpus', '--catalog', `test/fixtures/catalogs/${file}`]);
    expect(run).toEqual({ stdout: '', stderr: `${message}\n`, exitCode: 2 });
  });

  it('layers a negotiated rate and a new GPU class over the bundled catalog', async () => {
    const run = await runInProcess(['gpus', '--catalog', 'test/fixtures/catalogs/new-gpu.yaml', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    const ada = json.pools.find((pool: { poolId: string }) => pool.poolId === 'ADA_24');
    expect(ada.activeUsdPerSecond).toBe(0.000122);
    expect(ada.flexUsdPerSecond).toBe(0.00031);
    expect(json.pools.map((pool: { poolId: string }) => pool.poolId)).toContain('HOPPER_TEST');
    expect(json.catalog.files).toEqual(['bundled:runpod-2026-11.yaml', 'test/fixtures/catalogs/new-gpu.yaml']);
    expect(json.catalog.overrides).toContain('serverless.ADA_24.activeUsdPerSecond');
  });
});

describe('merging, discount and age', () => {
  const base = { file: 'base.yaml', value: { a: 1 }, validated: false };

  it('a discount of 12% scales GPU compute prices by 0.88 and leaves storage alone', () => {
    const catalog = loadShipped('runpod-2026-11.yaml');
    const discounted = applyDiscount(catalog, 0.12);
    expect(discounted.serverless.ADA_24?.flexUsdPerSecond).toBeCloseTo(0.00031 * 0.88, 12); // 0.0002728
    expect(discounted.serverless.BLACKWELL_96?.activeUsdPerSecond).toBeNull();
    expect(discounted.gpus['A100 SXM']?.pod?.secureUsdPerHour).toBeCloseTo(1.59 * 0.88, 12); // 1.3992
    expect(discounted.storage).toEqual(catalog.storage);
  });

  it('rejects a discount of 100% or more', () => {
    expect(() => loadCatalog([base], { discount: 1, today: '2026-11-23', maxAgeS: 0, validate: (value) => CatalogSchema.safeParse(value) })).toThrow(/expected a discount from 0% to below 100%, got 100%/);
  });

  it.each([
    ['2026-09-25', '2026-11-23', 59],
    ['2026-09-25', '2026-09-25', 0],
    ['2026-09-25', '2027-01-23', 120],
    ['2024-02-28', '2024-03-01', 2], // leap year
  ])('catalog dated %s is %i days old on %s', (asOf, today, days) => {
    expect(catalogAgeDays(asOf, today)).toBe(days);
  });

  it('warns on stderr, with the date, when the catalog is older than --max-catalog-age', async () => {
    const stale = await runInProcess(['gpus', '--format', 'csv'], { today: '2027-05-02' });
    expect(stale.exitCode).toBe(0);
    expect(stale.stderr).toBe(
      'warning: the price catalog runpod-2026-11 is dated 2026-11-26, 157 days ago (over 120d); prices may have changed. Layer newer prices with --catalog, or raise --max-catalog-age.\n',
    );
    const allowed = await runInProcess(['gpus', '--format', 'csv', '--max-catalog-age', '200d'], { today: '2027-05-02' });
    expect(allowed.stderr).toBe('');
    expect(allowed.stdout).toBe(stale.stdout);
  });
});

describe('model presets', () => {
  it('are stored in the weight formats the cold-start model knows the size of', async () => {
    const { PRESET_DTYPES } = await import('../../src/catalog/models.js');
    const { BYTES_PER_PARAMETER } = await import('../../src/model/cold-start.js');
    expect([...PRESET_DTYPES].sort()).toEqual(Object.keys(BYTES_PER_PARAMETER).sort());
  });
});
