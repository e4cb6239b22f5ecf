// bench/cost: how many `compare` evaluations per second the pure model does in one thread (target:
// over 1,000,000/s, so sweeps are never limited by it). Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { findGpu } from '../src/catalog/lookup.js';
import { CatalogSchema } from '../src/catalog/schema.js';
import { parseYamlSource } from '../src/input/yaml.js';
import { estimateFlexWorkers } from '../src/model/cost.js';
import { compareOptions } from '../src/plan/compare.js';
import { chooseActiveRate, choosePodGpu, flexProfileOf, type Workload } from '../src/plan/workload.js';

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

function measure(label: string, seconds: number, run: (i: number) => number): void {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += run(i); // warm-up: let the JIT settle
  let count = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 10_000; i++) sink += run(count + i);
    count += 10_000;
    now = process.hrtime.bigint();
  }
  const elapsedS = Number(now - start) / 1e9;
  console.log(`${label.padEnd(44)} ${Math.round(count / elapsedS).toLocaleString('en-US').padStart(12)} per second   (checksum ${sink.toExponential(3)})`);
}

const profile = flexProfileOf(base, catalog);
console.log('bench/cost (one thread; target: compare over 1,000,000 evaluations per second)');
measure('estimateFlexWorkers (one option)', 1, (i) => estimateFlexWorkers({ ...profile, requestsPerSecond: rates[i & 1023] as number }).monthlyUsd);
measure('compareOptions (flex, flex+active, 2 pods)', 2, (i) => compareOptions(catalog, { ...base, requestsPerSecond: rates[i & 1023] as number }).options.length);
