// Generates src/model/fast-correction-table.ts: for each node of a grid over dimensionless parameters
// (threshold / exec or request-count value, load, max workers, start / exec, idle timeout / exec, squared
// variation of the execution time), the ratios of the simulator's
// worker starts and idle seconds to the levels model's, for queue-delay 'pending' and request-count
// (values 1, 2, 4) without active workers (see src/model/fast-correction.ts). Each node is simulated
// until the flex cost's 95% half-width is within 1% (x4 horizon, three tries), with 4 s exponential jobs,
// full cold starts all billed, 1 s rounding; a load above 80% of max is simulated at 80% (the fast path
// claims nothing beyond).
// Run (about 6 minutes on 2 cores; --only queue-delay|request-count regenerates one scaler's nodes):
//   npx esbuild scripts/fast-correction.ts --bundle --platform=node --format=esm --outfile=/tmp/fast-correction.mjs
//   node /tmp/fast-correction.mjs --part 0 --parts 2 --out /tmp/c0.json &
//   node /tmp/fast-correction.mjs --part 1 --parts 2 --out /tmp/c1.json; wait
//   node /tmp/fast-correction.mjs --merge /tmp/c0.json /tmp/c1.json
import { readFileSync, writeFileSync } from 'node:fs';
import { fastInputOf } from '../src/endpoint/fast.js';
import { fastEndpointRates } from '../src/model/fast-endpoint.js';
import { RECOMMENDED_MAX_QUEUED_JOBS, simulate, type SimulationConfig } from '../src/sim/simulate.js';

const SHARED_AXES = [
  [0.01, 0.04, 0.15, 0.5, 1.2, 2.4],
  [1, 2, 3, 5, 10, 20],
  [0.3, 1, 3, 10],
  [0.03, 0.2, 1, 6, 40, 600],
  [0, 0.5625, 1],
] as const;
/** Per scaler, its first axis (queue-delay: threshold / exec; request-count: the value) and the shared ones. */
export const AXES = {
  'queue-delay': [[0.05, 0.3, 2, 12], ...SHARED_AXES],
  'request-count': [[1, 2, 4], ...SHARED_AXES],
} as const;
const EXEC_S = 4;
const TARGET_HALF_WIDTH = 0.01;
const MAX_LOAD_SHARE = 0.8;
type Scaler = 'queue-delay' | 'request-count';

/** 4 s jobs with a squared coefficient of variation of 0 (constant), 0.5625 (lognormal, p95 = 3 p50) or 1 (exponential). */
function execOf(squaredVariation: number): SimulationConfig['exec'] {
  if (squaredVariation === 0) return { kind: 'constant', seconds: EXEC_S };
  if (squaredVariation === 1) return { kind: 'exponential', meanS: EXEC_S };
  const sigma = Math.sqrt(Math.log1p(squaredVariation));
  const p50S = EXEC_S / Math.exp((sigma * sigma) / 2);
  return { kind: 'lognormal', p50S, p95S: p50S * Math.exp(1.6448536269514722 * sigma) };
}

export function nodeConfig(scaler: Scaler, [first, load, max, start, idle, squaredVariation]: number[], horizonS: number, seed: number): SimulationConfig {
  const fullS = (start as number) * EXEC_S;
  return {
    horizonS,
    seed,
    arrivals: { kind: 'poisson', ratePerSecond: Math.min(load as number, MAX_LOAD_SHARE * (max as number)) / EXEC_S },
    exec: execOf(squaredVariation as number),
    coldStart: { fullS, fullBilledS: fullS, restoreS: 2, restoreBilled: true, hitRate: 0 },
    workers: { active: 0, max: max as number, idleTimeoutS: (idle as number) * EXEC_S, jobsPerWorker: 1, executionTimeoutS: Infinity },
    scaler: scaler === 'queue-delay' ? { kind: 'queue-delay', thresholdS: (first as number) * EXEC_S, reading: 'pending' } : { kind: 'request-count', value: first as number },
    roundingS: 1,
    maxQueuedJobs: RECOMMENDED_MAX_QUEUED_JOBS,
  };
}

/** Simulated / modelled worker starts and idle seconds at one node. */
export function nodeRatio(scaler: Scaler, coords: number[], seed: number, startHorizonS?: number): { starts: number; idle: number; halfWidth: number } {
  const rate = Math.min(coords[1] as number, MAX_LOAD_SHARE * (coords[2] as number)) / EXEC_S;
  const cycle = EXEC_S * ((coords[3] as number) + (coords[4] as number) + 1);
  let horizonS = startHorizonS ?? Math.min(2e6 / rate, Math.max(1e5 / rate, 5e3 * cycle));
  const model = fastEndpointRates(fastInputOf(nodeConfig(scaler, coords, 1, seed), rate, EXEC_S, 1));
  for (let attempt = 0; ; attempt++) {
    const result = simulate(nodeConfig(scaler, coords, horizonS, seed));
    const b = result.billedSeconds;
    const simTotal = (b.flexStart + b.flexIdle + b.flexRounding + b.flexExecution) / horizonS;
    const halfWidth = result.precision.billedSecondsHalfWidth.flexTotal / horizonS / simTotal;
    if (!(halfWidth > TARGET_HALF_WIDTH) || attempt === 2 || startHorizonS !== undefined) {
      // Near zero on both sides: no correction (a ratio of two tiny numbers is noise).
      const ratio = (sim: number, fast: number) => (fast > 1e-9 && sim > 1e-9 ? Math.min(10, Math.max(0.1, sim / fast)) : 1);
      return { starts: ratio(result.coldStarts.workerStarts / horizonS, model.workerStarts), idle: ratio(b.flexIdle / horizonS, model.flexIdle), halfWidth };
    }
    horizonS *= 4;
  }
}

/** Every node's index, row-major over the scaler's axes. */
function indices(scaler: Scaler): number[][] {
  const axes = AXES[scaler];
  const list: number[][] = [];
  const rec = (prefix: number[]) => {
    if (prefix.length === axes.length) list.push(prefix);
    else for (let i = 0; i < (axes[prefix.length] as readonly number[]).length; i++) rec([...prefix, i]);
  };
  rec([]);
  return list;
}

function nodes(scalers: readonly Scaler[]): { scaler: Scaler; index: number[] }[] {
  return scalers.flatMap((scaler) => indices(scaler).map((index) => ({ scaler, index })));
}

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? (args[args.indexOf(name) + 1] as string) : null);
if (opt('--merge') !== null) {
  const merged: Record<string, [number, number]> = {};
  for (const file of args.slice(args.indexOf('--merge') + 1)) Object.assign(merged, JSON.parse(readFileSync(file, 'utf8')) as Record<string, [number, number]>);
  const starts: Record<Scaler, number[]> = { 'queue-delay': [], 'request-count': [] };
  const idle: Record<Scaler, number[]> = { 'queue-delay': [], 'request-count': [] };
  for (const scaler of ['queue-delay', 'request-count'] as const) {
    for (const index of indices(scaler)) {
      const key = `${scaler}:${index.join(',')}`;
      const value = merged[key];
      if (value === undefined) throw new Error(`missing ${key}`);
      starts[scaler].push(Number(value[0].toFixed(3)));
      idle[scaler].push(Number(value[1].toFixed(3)));
    }
  }
  const lines = [
    '// Generated by scripts/fast-correction.ts (do not edit): simulated / levels-model worker starts and idle',
    '// seconds at each node of the grid below, row-major over the axes (queue-delay threshold / exec or',
    '// request-count value, load in GPUs, max workers, start / exec, idle timeout / exec, squared variation',
    '// of the execution time); see src/model/fast-correction.ts.',
    `export const CORRECTION_AXES = ${JSON.stringify(AXES)} as const;`,
    "export const CORRECTION_TABLE: Record<'queue-delay' | 'request-count', { starts: readonly number[]; idle: readonly number[] }> = {",
    `  'queue-delay': { starts: ${JSON.stringify(starts['queue-delay'])}, idle: ${JSON.stringify(idle['queue-delay'])} },`,
    `  'request-count': { starts: ${JSON.stringify(starts['request-count'])}, idle: ${JSON.stringify(idle['request-count'])} },`,
    '};',
    '',
  ];
  writeFileSync('src/model/fast-correction-table.ts', lines.join('\n'));
  console.log('wrote src/model/fast-correction-table.ts');
} else if (opt('--out') !== null) {
  const part = Number(opt('--part') ?? 0);
  const parts = Number(opt('--parts') ?? 1);
  const out: Record<string, [number, number]> = {};
  const started = performance.now();
  let worst = 0;
  const only = opt('--only');
  nodes(only === 'queue-delay' || only === 'request-count' ? [only] : ['queue-delay', 'request-count']).forEach((node, i) => {
    if (i % parts !== part) return;
    const coords = node.index.map((k, d) => (AXES[node.scaler][d] as readonly number[])[k] as number);
    const { starts, idle, halfWidth } = nodeRatio(node.scaler, coords, 1000 + i);
    worst = Math.max(worst, halfWidth);
    out[`${node.scaler}:${node.index.join(',')}`] = [starts, idle];
  });
  writeFileSync(opt('--out') as string, JSON.stringify(out));
  console.log(`part ${part}/${parts}: ${Object.keys(out).length} nodes in ${((performance.now() - started) / 1000).toFixed(0)} s, worst half-width ${(100 * worst).toFixed(2)}%`);
}
