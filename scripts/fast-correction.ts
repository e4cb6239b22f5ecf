// Generates src/model/fast-correction-table.ts: for each node of a grid over dimensionless parameters,
// the ratios of the simulator's flex worker starts, flex idle seconds, (with active workers) active
// workers' busy seconds and cold-start rate (shifted by WAITED_SHIFT) to the fast model's (queueingScalerRates in src/model/scaling-chain.ts; per-request: the levels
// model), for queue-delay under each reading, request-count and per-request, with 0 to 3 active workers (see
// src/model/fast-correction.ts). One grid per scaler and active count, over (queue-delay threshold /
// exec or request-count value, load in GPUs, max workers, start / exec, idle timeout / exec, squared
// variation of the execution time); with active workers (which bill most of the month whatever the
// flex workers do) the grid is coarser. Each node is simulated with 4 s jobs, full cold starts all
// billed and 1 s rounding until the billed seconds' 95% half-width is within 1% of the flex seconds
// plus half the active ones (at least 100,000 arrivals or 5,000 cycles of start + idle timeout + execution up to
// 500,000 arrivals; x4 once if still wider); a load above 80% of active + max is simulated
// at 80% (the fast path claims nothing beyond). The cold-start rate is not run to a precision of its own:
// two seeds' ratios differ by up to 5% at the nodes test/model/fast-correction.test.ts re-simulates.
// The 87,800 nodes took 861 s and 1,106 s in two processes (--parts 2) on a 2-core machine.
// Run (about 18 minutes on 2 cores; --only <grid key prefixes, comma-separated>, e.g. "queue-delay eager",
// regenerates part, merged with the other parts' earlier files):
//   npx esbuild scripts/fast-correction.ts --bundle --platform=node --format=esm --outfile=/tmp/fast-correction.mjs
//   nice -n 10 node /tmp/fast-correction.mjs --part 0 --parts 2 --out /tmp/c0.json &
//   nice -n 10 node /tmp/fast-correction.mjs --part 1 --parts 2 --out /tmp/c1.json; wait
//   node /tmp/fast-correction.mjs --merge /tmp/c0.json /tmp/c1.json
import { readFileSync, writeFileSync } from 'node:fs';
import { fastInputOf } from '../src/endpoint/fast-input.js';
import { WAITED_SHIFT } from '../src/model/fast-correction.js';
import { queueingScalerRates } from '../src/model/scaling-chain.js';
import { RECOMMENDED_MAX_QUEUED_JOBS, simulate, type SimulationConfig } from '../src/sim/simulate.js';

export type GridScaler = 'queue-delay pending' | 'queue-delay eager' | 'request-count' | 'per-request';
export const GRID_SCALERS: readonly GridScaler[] = ['queue-delay pending', 'queue-delay eager', 'request-count', 'per-request'];
export const GRID_ACTIVE = [0, 1, 2, 3] as const;

const THRESHOLDS = [0.01, 0.05, 0.3, 1, 3, 10];
const VALUES = [1, 2, 4];
/** Without active workers: load, max, start / exec, idle / exec, squared variation. */
const FINE = [
  [0.01, 0.04, 0.15, 0.5, 1.2, 2.4],
  [1, 2, 3, 5, 10, 20],
  [0.05, 0.3, 1, 3, 10],
  [0.03, 0.2, 1, 6, 40, 600],
  [0, 0.5625, 1],
];
/** With active workers. */
const COARSE = [
  [0.01, 0.1, 0.4, 1, 2.4],
  [1, 3, 10, 20],
  [0.05, 0.3, 2, 10],
  [0.03, 0.5, 6, 100, 600],
  [0, 1],
];

/** A grid's key: its scaler and active workers. */
export function gridKey(scaler: GridScaler, active: number): string {
  return `${scaler}/${active}`;
}

/** Every grid's axes, by key. */
export const AXES: Record<string, readonly (readonly number[])[]> = Object.fromEntries(
  GRID_SCALERS.flatMap((scaler) =>
    GRID_ACTIVE.map((active) => {
      // Per-request (the levels model's own ground, measured closer) has one coarse grid per active count.
      if (scaler === 'per-request') return [gridKey(scaler, active), [[1], ...COARSE]];
      return [gridKey(scaler, active), [scaler === 'request-count' ? VALUES : THRESHOLDS, ...(active === 0 ? FINE : COARSE)]];
    }),
  ),
);

const EXEC_S = 4;
const TARGET_HALF_WIDTH = 0.01;
const MAX_LOAD_SHARE = 0.8;
/** Ratios are kept within these bounds; a quantity this small next to the bill (flex + active seconds) keeps ratio 1. */
const RATIO_BOUNDS = [0.05, 20] as const;
const NEGLIGIBLE_SHARE = 1e-3;

/** 4 s jobs with a squared coefficient of variation of 0 (constant), 0.5625 (lognormal, p95 = 3 p50) or 1 (exponential). */
function execOf(squaredVariation: number): SimulationConfig['exec'] {
  if (squaredVariation === 0) return { kind: 'constant', seconds: EXEC_S };
  if (squaredVariation === 1) return { kind: 'exponential', meanS: EXEC_S };
  const sigma = Math.sqrt(Math.log1p(squaredVariation));
  const p50S = EXEC_S / Math.exp((sigma * sigma) / 2);
  return { kind: 'lognormal', p50S, p95S: p50S * Math.exp(1.6448536269514722 * sigma) };
}

export function nodeConfig(key: string, [first, load, max, start, idle, squaredVariation]: number[], horizonS: number, seed: number): SimulationConfig {
  const [scaler, activeText] = key.split('/') as [GridScaler, string];
  const active = Number(activeText);
  const fullS = (start as number) * EXEC_S;
  return {
    horizonS,
    seed,
    arrivals: { kind: 'poisson', ratePerSecond: Math.min(load as number, MAX_LOAD_SHARE * (active + (max as number))) / EXEC_S },
    exec: execOf(squaredVariation as number),
    coldStart: { fullS, fullBilledS: fullS, restoreS: 2, restoreBilled: true, hitRate: 0 },
    workers: { active, max: max as number, idleTimeoutS: (idle as number) * EXEC_S, jobsPerWorker: 1, executionTimeoutS: Infinity },
    scaler:
      scaler === 'per-request'
        ? { kind: 'per-request' }
        : scaler === 'request-count'
          ? { kind: 'request-count', value: first as number }
          : { kind: 'queue-delay', thresholdS: (first as number) * EXEC_S, reading: scaler === 'queue-delay eager' ? 'eager' : 'pending' },
    roundingS: 1,
    maxQueuedJobs: RECOMMENDED_MAX_QUEUED_JOBS,
  };
}

export interface NodeRatios {
  starts: number;
  idle: number;
  activeBusy: number;
  /** Jobs that waited on a start, as the shifted ratio WAITED_SHIFT of src/model/fast-correction.ts. */
  waited: number;
  halfWidth: number;
}

/** Simulated / modelled flex worker starts, flex idle seconds and active workers' busy seconds at one node. */
export function nodeRatio(key: string, coords: number[], seed: number, startHorizonS?: number): NodeRatios {
  const probe = nodeConfig(key, coords, 1, seed);
  const rate = (probe.arrivals as { ratePerSecond: number }).ratePerSecond;
  const active = probe.workers.active;
  const cycle = EXEC_S * ((coords[3] as number) + (coords[4] as number) + 1);
  let horizonS = startHorizonS ?? Math.max(1e5 / rate, Math.min(5e5 / rate, 5e3 * cycle));
  const model = queueingScalerRates(fastInputOf(probe, rate, EXEC_S, 1));
  for (let attempt = 0; ; attempt++) {
    const result = simulate(nodeConfig(key, coords, horizonS, seed));
    const b = result.billedSeconds;
    const flex = (b.flexStart + b.flexIdle + b.flexRounding + b.flexExecution) / horizonS;
    const scale = flex + active;
    const halfWidth = result.precision.billedSecondsHalfWidth.flexTotal / horizonS / (flex + active / 2);
    if (!(halfWidth > TARGET_HALF_WIDTH) || attempt === 1 || startHorizonS !== undefined) {
      // A quantity negligible next to the bill on either side keeps ratio 1 (a ratio of two tiny numbers is noise).
      const ratio = (sim: number, fast: number) =>
        fast > NEGLIGIBLE_SHARE * scale && sim > NEGLIGIBLE_SHARE * scale ? Math.min(RATIO_BOUNDS[1], Math.max(RATIO_BOUNDS[0], sim / fast)) : 1;
      // Starts compared as the seconds they bill (the start and half a rounding second each).
      const perStartS = EXEC_S * (coords[3] as number) + 0.5;
      const starts = ratio((result.coldStarts.workerStarts / horizonS) * perStartS, model.workerStarts * perStartS);
      // The active workers' busy seconds: the offered work less what the flex workers executed.
      const activeBusy = active > 0 ? ratio(rate * EXEC_S - b.flexExecution / horizonS, model.activeBusy) : 1;
      // The cold-start rate, shifted so that a rate near 0 on either side gives a bounded ratio.
      const waited = Math.min(RATIO_BOUNDS[1], Math.max(RATIO_BOUNDS[0], (result.coldStarts.rate + WAITED_SHIFT) / (model.waitedOnStart / rate + WAITED_SHIFT)));
      return { starts, idle: ratio(b.flexIdle / horizonS, model.flexIdle), activeBusy, waited, halfWidth };
    }
    horizonS *= 4;
  }
}

/** Every node of a grid, row-major over its axes (the last varies fastest). */
export function gridNodes(key: string): number[][] {
  const axes = AXES[key] as readonly (readonly number[])[];
  const list: number[][] = [];
  const rec = (prefix: number[]) => {
    if (prefix.length === axes.length) list.push(prefix);
    else for (let i = 0; i < (axes[prefix.length] as readonly number[]).length; i++) rec([...prefix, i]);
  };
  rec([]);
  return list;
}

/** A ratio as stored: round(1000 ln ratio). */
export function encodeRatio(ratio: number): number {
  return Math.round(1000 * Math.log(ratio));
}

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? (args[args.indexOf(name) + 1] as string) : null);
if (opt('--merge') !== null) {
  const merged: Record<string, [number, number, number, number]> = {};
  for (const file of args.slice(args.indexOf('--merge') + 1)) Object.assign(merged, JSON.parse(readFileSync(file, 'utf8')) as Record<string, [number, number, number, number]>);
  const lines = [
    '// Generated by scripts/fast-correction.ts (do not edit): per grid (scaler / active workers), its axes',
    '// (queue-delay threshold / exec, request-count value or 1 for per-request, load in GPUs, max workers,',
    '// start / exec, idle timeout / exec, squared variation of the execution time) and, base64 of 16-bit',
    '// little-endian integers, round(1000 ln r) of the simulated / modelled flex worker starts, idle seconds,',
    '// (with active workers) active busy seconds and the cold-start rate (shifted), one column after the',
    '// other as `columns` names them, each row-major over the axes; see src/model/fast-correction.ts.',
    'export const CORRECTION_GRIDS: Record<string, { axes: readonly (readonly number[])[]; columns: readonly string[]; ratios: string }> = {',
  ];
  for (const key of Object.keys(AXES)) {
    const nodes = gridNodes(key);
    // Stored values by column: starts, idle, active busy, waited (active busy only with active workers).
    const columns = key.endsWith('/0') ? [0, 1, 3] : [0, 1, 2, 3];
    const names = ['starts', 'idle', 'activeBusy', 'waited'];
    const bytes = new Uint8Array(nodes.length * columns.length * 2);
    const view = new DataView(bytes.buffer);
    nodes.forEach((index, n) => {
      const value = merged[`${key}:${index.join(',')}`];
      if (value === undefined) throw new Error(`missing ${key}:${index.join(',')}`);
      columns.forEach((column, k) => view.setInt16((k * nodes.length + n) * 2, encodeRatio(value[column] as number), true));
    });
    lines.push(`  '${key}': {`, `    axes: ${JSON.stringify(AXES[key])},`, `    columns: ${JSON.stringify(columns.map((c) => names[c]))},`, `    ratios: '${Buffer.from(bytes).toString('base64')}',`, '  },');
  }
  lines.push('};', '');
  writeFileSync('src/model/fast-correction-table.ts', lines.join('\n'));
  console.log('wrote src/model/fast-correction-table.ts');
} else if (opt('--out') !== null) {
  const part = Number(opt('--part') ?? 0);
  const parts = Number(opt('--parts') ?? 1);
  const only = opt('--only');
  const out: Record<string, [number, number, number, number]> = {};
  const started = performance.now();
  let worst = 0;
  let i = 0;
  for (const key of Object.keys(AXES)) {
    for (const index of gridNodes(key)) {
      const seed = 1000 + i;
      if (i++ % parts !== part || (only !== null && !only.split(',').some((prefix) => key.startsWith(prefix)))) continue;
      const coords = index.map((k, d) => ((AXES[key] as readonly (readonly number[])[])[d] as readonly number[])[k] as number);
      const r = nodeRatio(key, coords, seed);
      worst = Math.max(worst, r.halfWidth);
      out[`${key}:${index.join(',')}`] = [r.starts, r.idle, r.activeBusy, r.waited];
    }
  }
  writeFileSync(opt('--out') as string, JSON.stringify(out));
  console.log(`part ${part}/${parts}: ${Object.keys(out).length} nodes in ${((performance.now() - started) / 1000).toFixed(0)} s, worst half-width ${(100 * worst).toFixed(2)}%`);
}
