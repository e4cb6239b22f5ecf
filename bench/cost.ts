// bench/cost: how many `compare` evaluations per second the pure model does in one thread (target:
// over 1,000,000/s, so sweeps are never limited by it). Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { findGpu } from '../src/catalog/lookup.js';
import { CatalogSchema } from '../src/catalog/schema.js';
import { parseYamlSource } from '../src/input/yaml.js';
import { estimateFlexWorkers, type FlexWorkersInput } from '../src/model/flex-workers.js';
import { compareOptions } from '../src/decisions/compare.js';
import { choosePodGpu } from '../src/catalog/lookup.js';
import { flexProfileOf, type Workload } from '../src/decisions/workload.js';
import { chooseActiveRate } from '../src/endpoint/resolve.js';

const catalog = CatalogSchema.parse(parseYamlSource(readFileSync('pricing/runpod-2026-09.yaml', 'utf8'), 'catalog').value);
const lookup = findGpu(catalog, 'rtx4090');
if (!lookup.ok) throw new Error('rtx4090 not in the catalog');
const gpu = lookup.match;
const base: Workload = {
  gpu,
  gpuCount: 1,
  requestsPerSecond: 500 / 86_400,
  execS: 4,
  idleTimeoutS: 5,
  maxWorkers: 3,
  activeWorkers: 1,
  coldStartS: 20,
  coldStartBilledS: 15,
  monthHours: 730,
  ...chooseActiveRate(gpu, undefined),
  pod: choosePodGpu(catalog, gpu, undefined),
  savingsPlanDiscount: null,
  podContainerDiskGB: 20,
  podVolumeDiskGB: 50,
  networkVolumeGB: 0,
};

// Traffic varies per evaluation (1 to 100,000 requests a day) so no result can be cached or hoisted.
const rates = Array.from({ length: 1024 }, (_, i) => (1 + ((i * 97) % 100_000)) / 86_400);

// Each evaluation gets a fresh workload, built as a sweep builds one: a literal of fixed shape. (A spread such
// as `{ ...base, requestsPerSecond }` would measure the spread as much as the model; see src/model/flex-workers.ts.)
function workloadAt(requestsPerSecond: number): Workload {
  return {
    gpu: base.gpu,
    gpuCount: base.gpuCount,
    requestsPerSecond,
    execS: base.execS,
    idleTimeoutS: base.idleTimeoutS,
    maxWorkers: base.maxWorkers,
    activeWorkers: base.activeWorkers,
    coldStartS: base.coldStartS,
    coldStartBilledS: base.coldStartBilledS,
    monthHours: base.monthHours,
    activeUsdPerSecond: base.activeUsdPerSecond,
    activeRateSource: base.activeRateSource,
    pod: base.pod,
    savingsPlanDiscount: base.savingsPlanDiscount,
    podContainerDiskGB: base.podContainerDiskGB,
    podVolumeDiskGB: base.podVolumeDiskGB,
    networkVolumeGB: base.networkVolumeGB,
  };
}

const profile = flexProfileOf(base, catalog);
function flexInputAt(requestsPerSecond: number): FlexWorkersInput {
  return {
    requestsPerSecond,
    execS: profile.execS,
    idleTimeoutS: profile.idleTimeoutS,
    coldStartS: profile.coldStartS,
    coldStartBilledS: profile.coldStartBilledS,
    gpuCount: profile.gpuCount,
    flexUsdPerSecond: profile.flexUsdPerSecond,
    roundingS: profile.roundingS,
    monthSeconds: profile.monthSeconds,
    maxWorkers: profile.maxWorkers,
  };
}

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

console.log('bench/cost (one thread; target: compare over 1,000,000 evaluations per second)');
measure('estimateFlexWorkers (one option)', 0.5, (i) => estimateFlexWorkers(flexInputAt(rates[i & 1023] as number)).monthlyUsd);
measure('compareOptions (flex, flex+active, 2 pods)', 1, (i) => compareOptions(catalog, workloadAt(rates[i & 1023] as number)).options.length);
