// bench/cost: how many evaluations per second the fast path does in one thread: one flex option
// (approximateEndpoint, what `breakeven --fast` calls at every point of its search), and `compare --fast`
// (both serverless options by the fast path, and the pods). Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { CatalogSchema } from '../src/catalog/schema.js';
import { parseYamlSource } from '../src/input/yaml.js';
import { compareOptions, DEFAULT_MAX_FAILED_SHARE, type ComparisonInput } from '../src/decisions/compare.js';
import { workloadOf } from '../src/decisions/workload.js';
import { approximateEndpoint } from '../src/endpoint/fast.js';
import { KEY_NAMES } from '../src/endpoint/field-names.js';
import { resolveEndpoint } from '../src/endpoint/resolve.js';
import { EndpointSpecSchema } from '../src/endpoint/spec.js';

const catalog = CatalogSchema.parse(parseYamlSource(readFileSync('pricing/runpod-2026-11.yaml', 'utf8'), 'catalog').value);
// Traffic varies per evaluation (1 to 100,000 requests a day) so no result can be cached or hoisted.
const rates = Array.from({ length: 1024 }, (_, i) => (1 + ((i * 97) % 100_000)) / 86_400);

// `compare --fast` on the same endpoint, resolved once per rate as the CLI resolves it (resolution is not timed).
const RUN = { horizonS: 30 * 86_400, horizonGiven: false, precision: 0.01, seed: 1, monthS: 730 * 3600 };
const comparisons: ComparisonInput[] = rates.map((rps) => {
  const spec = EndpointSpecSchema.parse({
    gpu: 'rtx4090',
    traffic: { rps },
    execution: '4s',
    coldStart: '20s',
    coldStartBilled: '15s',
    workers: { active: 1, max: 3, idleTimeout: '5s' },
  });
  const endpoint = resolveEndpoint(catalog, spec, RUN, {}, KEY_NAMES);
  const workload = workloadOf(catalog, endpoint, { containerDiskGB: 20, volumeDiskGB: 50, networkVolumeGB: 0, podTargetUtilization: 0.8 });
  return { endpoint, workload, podTargetUtilization: 0.8, method: 'analytic', maxFailedShare: DEFAULT_MAX_FAILED_SHARE };
});

// One flex option (no active workers) of each resolved endpoint, at its flat rate for 24 hours.
const flexOptions = comparisons.map(({ endpoint, workload }) => ({
  config: { ...endpoint.config, workers: { ...endpoint.config.workers, active: 0 } },
  traffic: { hourlyRatesPerSecond: Array.from({ length: 24 }, () => workload.requestsPerSecond), execMeanS: workload.execS },
  pricing: endpoint.pricing,
}));

/**
 * Evaluations per second: ROUNDS rounds of `seconds` each after a warm-up, reporting the median round and the
 * range (the machines are shared, so one round can be slowed by a neighbour).
 */
const ROUNDS = 5;
function measure(label: string, seconds: number, run: (i: number) => number): void {
  let sink = 0;
  for (let i = 0; i < 50_000; i++) sink += run(i); // warm-up: let the JIT settle
  const perSecond: number[] = [];
  let count = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(Math.round(seconds * 1e9));
    let now = start;
    let done = 0;
    while (now < deadline) {
      for (let i = 0; i < 10_000; i++) sink += run(count + i);
      count += 10_000;
      done += 10_000;
      now = process.hrtime.bigint();
    }
    perSecond.push(done / (Number(now - start) / 1e9));
  }
  perSecond.sort((a, b) => a - b);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const median = perSecond[Math.floor(ROUNDS / 2)] as number;
  console.log(
    `${label.padEnd(44)} ${fmt(median).padStart(12)} per second (median of ${ROUNDS}; range ${fmt(perSecond[0] as number)}-${fmt(perSecond[ROUNDS - 1] as number)}; checksum ${sink.toExponential(3)})`,
  );
}

console.log('bench/cost (one thread)');
measure('approximateEndpoint (one flex option)', 0.5, (i) => {
  const option = flexOptions[i & 1023] as (typeof flexOptions)[number];
  return approximateEndpoint(option.config, option.traffic, option.pricing).monthlyUsd;
});
measure('compare --fast (flex, flex+active, 2 pods)', 1, (i) => compareOptions(catalog, comparisons[i & 1023] as ComparisonInput).options.length);
