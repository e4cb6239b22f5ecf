// bench/fast-vs-sim: the fast path (src/endpoint/fast.ts) against the simulator over a random grid
// (seeded, so every run draws the same points): load 0.01-3 GPUs' worth (rate x mean execution), cold
// start 1-120 s (FlashBoot hit rate 0, 50% or 90% with 2 s restores; all or 60% of it billed), idle
// timeout 1-600 s, max workers 1-20, active 0-3, mean execution 0.5-30 s (exponential, constant,
// lognormal with p95 = 3 x p50), and each scaler: queue-delay (threshold 1, 4 or 10 s) under both
// readings, request-count (value 1, 2 or 4), per-request. Prints the distribution (median, p95, max) of
// |fast - sim| / sim for the monthly cost and the cold-start rate, overall and per scaler, inside and
// outside the domain the fast path claims (checkFastDomain). The cold-start rate's error, as the targets
// read it, is relative above a rate of 2% and absolute below it (|fast - sim| / 0.02): a relative error
// of a rate near 0 is meaningless; it is also printed net of the simulation's own 95% half-width, and
// plain (|fast - sim| / sim). Simulations run until the monthly cost's 95% half-width (result.precision)
// is under 1% of the cost and the cold-start rate's under 2.5% of max(rate, 2%) (a horizon of at least
// 300,000 arrivals or 20,000 cycles of cold start + idle timeout + execution, x4 up to three times
// more); points still noisier are listed and left out of the statistics.
// Prices: flex $0.00031/s, active $0.00021/s (an RTX 4090's 2026 rates), 730 h month.
// Run: node bench/run.mjs fast-vs-sim [--quick] [--points N] [--seed N] [--list N] [--cache FILE] [--model corrected|uncorrected|levels]
// (--model uncorrected measures the queueing scalers' base model without its simulator-generated correction,
// --model levels the levels model alone for every scaler, as the fast path priced them before the scaling chain).
// (--cache keeps the simulated figures in FILE, keyed by point, so a change to the fast model re-runs in seconds).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { approximateEndpoint, type FastModel } from '../src/endpoint/fast.js';
import { priceSimulation, type AnalyticTraffic, type SimulationPricing } from '../src/endpoint/outcome.js';
import { RECOMMENDED_MAX_QUEUED_JOBS, simulate, type SimulationConfig } from '../src/sim/simulate.js';
import { describeFastDomainFinding } from '../src/render/fast-domain.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const quick = args.includes('--quick');
const POINTS = option('--points', quick ? 150 : 1200);
const GRID_SEED = option('--seed', 7);
const LIST = option('--list', 12);
const modelAt = args.indexOf('--model');
const MODEL: FastModel = modelAt >= 0 && (args[modelAt + 1] === 'uncorrected' || args[modelAt + 1] === 'levels') ? args[modelAt + 1] as FastModel : 'corrected';
const cacheAt = args.indexOf('--cache');
const CACHE_FILE = cacheAt >= 0 ? (args[cacheAt + 1] as string) : null;
/** A point's simulated figures; coldTarget is the cold-start rate's target they were run to (older caches have none). */
type SimFigures = { monthlyUsd: number; coldStartRate: number; halfWidth: number; coldHalfWidth?: number; coldTarget?: number };
const cache: Record<string, SimFigures> = CACHE_FILE !== null && existsSync(CACHE_FILE) ? (JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Record<string, SimFigures>) : {};
const TARGET_HALF_WIDTH = 0.01;
const COLD_RATE_FLOOR = 0.02;
/** The cold-start rate's 95% half-width target, relative to max(rate, COLD_RATE_FLOOR) as its error is. */
const COLD_TARGET_HALF_WIDTH = 0.025;

const pricing: SimulationPricing = { gpuCount: 1, flexUsdPerSecond: 0.00031, activeUsdPerSecond: 0.00021, monthHours: 730, roundingS: 1 };

/** A seeded uniform stream for the grid (a linear congruential generator: the grid must not depend on the simulator's streams). */
function gridRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

interface Point {
  index: number;
  scaler: string;
  load: number;
  config: SimulationConfig;
  traffic: AnalyticTraffic;
}

function drawPoints(count: number, seed: number): Point[] {
  const random = gridRandom(seed);
  const logUniform = (a: number, b: number) => Math.exp(Math.log(a) + random() * (Math.log(b) - Math.log(a)));
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)] as T;
  const points: Point[] = [];
  for (let index = 0; index < count; index++) {
    const scalerKind = pick(['queue-delay pending', 'queue-delay eager', 'request-count', 'per-request']);
    const execKind = pick(['exponential', 'constant', 'lognormal']);
    const meanS = logUniform(0.5, 30);
    const load = logUniform(0.01, 3);
    const fullS = logUniform(1, 120);
    const idleTimeoutS = logUniform(1, 600);
    const max = pick([1, 2, 3, 5, 10, 20]);
    const active = pick([0, 0, 0, 1, 2, 3]);
    const thresholdS = pick([1, 4, 4, 10]);
    const value = pick([1, 2, 4]);
    const hitRate = pick([0, 0, 0.5, 0.9]);
    const billedShare = pick([1, 0.6]);
    // Lognormal with p95 = 3 p50 has mean p50 x exp(sigma^2 / 2).
    const sigma = Math.log(3) / 1.6448536269514722;
    const p50S = meanS / Math.exp((sigma * sigma) / 2);
    const exec: SimulationConfig['exec'] =
      execKind === 'exponential' ? { kind: 'exponential', meanS } : execKind === 'constant' ? { kind: 'constant', seconds: meanS } : { kind: 'lognormal', p50S, p95S: 3 * p50S };
    const scaler: SimulationConfig['scaler'] =
      scalerKind === 'queue-delay pending'
        ? { kind: 'queue-delay', thresholdS, reading: 'pending' }
        : scalerKind === 'queue-delay eager'
          ? { kind: 'queue-delay', thresholdS, reading: 'eager' }
          : scalerKind === 'request-count'
            ? { kind: 'request-count', value }
            : { kind: 'per-request' };
    const rate = load / meanS;
    const config: SimulationConfig = {
      horizonS: 1,
      seed: 1000 + index,
      arrivals: { kind: 'poisson', ratePerSecond: rate },
      exec,
      coldStart: { fullS, fullBilledS: fullS * billedShare, restoreS: 2, restoreBilled: true, hitRate },
      workers: { active, max, idleTimeoutS, jobsPerWorker: 1, executionTimeoutS: Infinity },
      scaler,
      roundingS: 1,
      maxQueuedJobs: RECOMMENDED_MAX_QUEUED_JOBS,
    };
    points.push({ index, scaler: scalerKind, load, config, traffic: { hourlyRatesPerSecond: Array.from({ length: 24 }, () => rate), execMeanS: meanS } });
  }
  return points;
}

interface Measured {
  point: Point;
  inDomain: boolean;
  note: string | null;
  /** Inside the cost's domain and the cold-start rate's own (checkFastColdStartDomain). */
  coldInDomain: boolean;
  coldNote: string | null;
  costError: number;
  /** |fast - sim| / max(sim, COLD_RATE_FLOOR), the cold-start rate's error as the targets read it. */
  coldError: number;
  /** The same less the simulation's own 95% half-width (at least 0): the part its noise cannot explain. */
  coldNetError: number;
  /** |fast - sim| / sim, plain (Infinity where the simulation saw no cold start and the fast path some). */
  coldPlainError: number;
  simCost: number;
  fastCost: number;
  simCold: number;
  fastCold: number;
  halfWidth: number;
  /** The simulated cold-start rate's 95% half-width (absolute, a share of requests). */
  coldHalfWidth: number;
  noisy: boolean;
  fastMs: number;
}

/** Simulates a point until its cost's half-width and its cold-start rate's are under their targets (or four tries). */
function simulatePoint(point: Point): SimFigures {
  const rate = point.load / point.traffic.execMeanS;
  const c = point.config;
  const cycle = c.coldStart.fullS + c.workers.idleTimeoutS + point.traffic.execMeanS;
  let horizonS = Math.min(2e6 / rate, Math.max(3e5 / rate, 2e4 * cycle));
  for (let attempt = 0; ; attempt++) {
    const config = { ...c, horizonS };
    const result = simulate(config);
    const outcome = priceSimulation(config, result, pricing);
    const scale = (pricing.monthHours * 3600) / horizonS;
    const halfWidth = (result.precision.billedSecondsHalfWidth.flexTotal * scale * pricing.flexUsdPerSecond) / outcome.monthlyUsd;
    const coldHalfWidth = result.precision.coldStartRateHalfWidth;
    const coldNoise = coldHalfWidth / Math.max(outcome.coldStartRate, COLD_RATE_FLOOR);
    const done = !(halfWidth > TARGET_HALF_WIDTH) && !(coldNoise > COLD_TARGET_HALF_WIDTH);
    if (done || attempt === 3) return { monthlyUsd: outcome.monthlyUsd, coldStartRate: outcome.coldStartRate, halfWidth, coldHalfWidth, coldTarget: COLD_TARGET_HALF_WIDTH };
    horizonS *= 4;
  }
}

function measure(point: Point): Measured {
  const c = point.config;
  const key = `${GRID_SEED}:${point.index}`;
  const cached = cache[key];
  // A cached point is reused if it was run to this target or already meets it.
  const fits = (f: SimFigures) => f.coldTarget === COLD_TARGET_HALF_WIDTH || (f.coldHalfWidth !== undefined && !(f.halfWidth > TARGET_HALF_WIDTH) && !(f.coldHalfWidth / Math.max(f.coldStartRate, COLD_RATE_FLOOR) > COLD_TARGET_HALF_WIDTH));
  const sim = cached !== undefined && fits(cached) ? cached : simulatePoint(point);
  cache[key] = sim;
  const halfWidth = sim.halfWidth;
  const outcome = sim;
  const start = performance.now();
  const fast = approximateEndpoint(c, point.traffic, pricing, MODEL);
  const fastMs = performance.now() - start;
  return {
    point,
    inDomain: fast.inDomain,
    note: fast.outsideFastDomain === null ? null : describeFastDomainFinding(fast.outsideFastDomain),
    coldInDomain: fast.inDomain && fast.coldStartRateOutsideFastDomain === null,
    coldNote: fast.coldStartRateOutsideFastDomain === null ? null : describeFastDomainFinding(fast.coldStartRateOutsideFastDomain),
    costError: Math.abs(fast.monthlyUsd - outcome.monthlyUsd) / outcome.monthlyUsd,
    coldError: Math.abs(fast.coldStartRate - outcome.coldStartRate) / Math.max(outcome.coldStartRate, COLD_RATE_FLOOR),
    coldNetError: Math.max(0, Math.abs(fast.coldStartRate - outcome.coldStartRate) - (sim.coldHalfWidth ?? 0)) / Math.max(outcome.coldStartRate, COLD_RATE_FLOOR),
    coldPlainError: outcome.coldStartRate > 0 ? Math.abs(fast.coldStartRate - outcome.coldStartRate) / outcome.coldStartRate : fast.coldStartRate > 0 ? Infinity : 0,
    simCost: outcome.monthlyUsd,
    fastCost: fast.monthlyUsd,
    simCold: outcome.coldStartRate,
    fastCold: fast.coldStartRate,
    halfWidth,
    coldHalfWidth: sim.coldHalfWidth ?? NaN,
    noisy: halfWidth > TARGET_HALF_WIDTH || (sim.coldHalfWidth ?? 0) / Math.max(outcome.coldStartRate, COLD_RATE_FLOOR) > COLD_TARGET_HALF_WIDTH,
    fastMs,
  };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[at] as number;
}

const pct = (x: number) => (Number.isNaN(x) ? '     -' : x === Infinity ? '   inf' : `${(100 * x).toFixed(1).padStart(5)}%`);

/** Median, p95 and max of one error. */
function triple(items: Measured[], error: (m: Measured) => number): string {
  const sorted = items.map(error).sort((a, b) => a - b);
  return `${pct(quantile(sorted, 0.5))} ${pct(quantile(sorted, 0.95))} ${pct(sorted[sorted.length - 1] ?? NaN)}`;
}

function row(label: string, items: Measured[]): string {
  const n = String(items.length).padStart(5);
  return `${label.padEnd(30)} ${n}  ${triple(items, (m) => m.costError)}  ${triple(items, (m) => m.coldError)}  ${triple(items, (m) => m.coldNetError)}  ${triple(items, (m) => m.coldPlainError)}`;
}

function describe(m: Measured): string {
  const c = m.point.config;
  const s = m.point.traffic.execMeanS;
  const scaler = c.scaler.kind === 'queue-delay' ? `qd ${c.scaler.reading} ${c.scaler.thresholdS}s` : c.scaler.kind === 'request-count' ? `rc ${c.scaler.value}` : 'per-request';
  return (
    `#${m.point.index} ${scaler.padEnd(17)} load ${m.point.load.toFixed(3)} ${c.exec.kind.slice(0, 4)} ${s.toFixed(1)}s cold ${c.coldStart.fullS.toFixed(1)}s hit ${c.coldStart.hitRate} idle ${c.workers.idleTimeoutS.toFixed(1)}s ` +
    `max ${c.workers.max} active ${c.workers.active}: cost sim $${m.simCost.toFixed(2)} fast $${m.fastCost.toFixed(2)} (${(100 * (m.fastCost / m.simCost - 1)).toFixed(1)}%), ` +
    `cold-start rate sim ${(100 * m.simCold).toFixed(2)}% fast ${(100 * m.fastCold).toFixed(2)}%`
  );
}

const points = drawPoints(POINTS, GRID_SEED);
const started = performance.now();
const measured: Measured[] = [];
for (const point of points) measured.push(measure(point));
const elapsedS = (performance.now() - started) / 1000;
if (CACHE_FILE !== null) writeFileSync(CACHE_FILE, JSON.stringify(cache));

const clean = measured.filter((m) => !m.noisy);
const noisy = measured.filter((m) => m.noisy);
console.log(`bench/fast-vs-sim: ${points.length} points (grid seed ${GRID_SEED}${quick ? ', --quick' : ''}, model ${MODEL}), ${elapsedS.toFixed(0)} s`);
console.log(`Errors |fast - sim| / sim of the monthly cost, and of the cold-start rate (share of requests that waited on a worker start) three ways:`);
console.log(`  "cold-start rate": |fast - sim| / max(sim, ${COLD_RATE_FLOOR * 100}%) (relative above ${COLD_RATE_FLOOR * 100}%, absolute / ${COLD_RATE_FLOOR} below: the targets' reading);`);
console.log(`  "net of noise": the same less the simulation's own 95% half-width; "plain": |fast - sim| / sim (inf where the simulation saw none).`);
console.log(`Simulations run until the cost's 95% half-width is under ${TARGET_HALF_WIDTH * 100}% and the cold-start rate's under ${COLD_TARGET_HALF_WIDTH * 100}% of max(rate, ${COLD_RATE_FLOOR * 100}%).`);
const head = (name: string) => name.padStart(10).padEnd(20);
console.log(`${''.padEnd(30)} ${'n'.padStart(5)}  ${head('cost')}  ${head('cold-start')}  ${head('net of noise')}  ${head('plain')}`);
const sub = '  median    p95    max';
console.log(`${''.padEnd(30)} ${''.padStart(5)}${sub}${sub}${sub}${sub}`);
for (const [label, inside] of [
  ['inside the claimed domain', true],
  ['outside it', false],
] as const) {
  const group = clean.filter((m) => m.inDomain === inside);
  console.log(row(label, group));
  for (const scaler of ['queue-delay pending', 'queue-delay eager', 'request-count', 'per-request']) {
    console.log(row(`  ${scaler}`, group.filter((m) => m.point.scaler === scaler)));
    if (inside) {
      console.log(row(`    load <= 1`, group.filter((m) => m.point.scaler === scaler && m.point.load <= 1)));
      console.log(row(`    active 1-3`, group.filter((m) => m.point.scaler === scaler && m.point.config.workers.active > 0)));
    }
  }
}
console.log(row('all points', clean));
// Each metric against its own claimed domain: the cost's (checkFastDomain) and the cold-start rate's,
// narrower (checkFastColdStartDomain, inside the cost's).
console.log('Each metric against its own claimed domain (median / p95 / max):');
const metricRow = (label: string, items: Measured[], error: (m: Measured) => number) => `${label.padEnd(42)} ${String(items.length).padStart(5)}  ${triple(items, error)}`;
console.log(`${'monthly cost'.padEnd(42)} ${'n'.padStart(5)}${sub}`);
for (const [label, inside] of [
  ['inside its domain', true],
  ['outside it', false],
] as const) {
  const group = clean.filter((m) => m.inDomain === inside);
  console.log(metricRow(label, group, (m) => m.costError));
  for (const scaler of ['queue-delay pending', 'queue-delay eager', 'request-count', 'per-request']) console.log(metricRow(`  ${scaler}`, group.filter((m) => m.point.scaler === scaler), (m) => m.costError));
}
console.log(`${'cold-start rate'.padEnd(42)} ${'n'.padStart(5)}${sub}`);
for (const [label, select] of [
  ['inside its domain', (m: Measured) => m.coldInDomain],
  ['inside the cost\'s domain, outside the rate\'s', (m: Measured) => m.inDomain && !m.coldInDomain],
  ['outside both', (m: Measured) => !m.inDomain],
] as const) {
  const group = clean.filter(select);
  console.log(metricRow(label, group, (m) => m.coldError));
  for (const scaler of ['queue-delay pending', 'queue-delay eager', 'request-count', 'per-request']) {
    const part = group.filter((m) => m.point.scaler === scaler);
    if (part.length > 0) console.log(metricRow(`  ${scaler}`, part, (m) => m.coldError));
  }
}
const coldInside = clean.filter((m) => m.coldInDomain).map((m) => m.coldNetError).sort((a, b) => a - b);
console.log(`cold-start rate inside its domain, net of the simulation's noise: median ${pct(quantile(coldInside, 0.5))}, p95 ${pct(quantile(coldInside, 0.95))}, max ${pct(quantile(coldInside, 1))}`);
const ms = measured.map((m) => m.fastMs).sort((a, b) => a - b);
console.log(`fast path per evaluation: median ${quantile(ms, 0.5).toFixed(3)} ms, p95 ${quantile(ms, 0.95).toFixed(3)} ms, max ${quantile(ms, 1).toFixed(3)} ms`);
// Evaluation time by endpoint size: the reference workload (4 s exponential jobs, 8.5 s start, idle 5 s),
// load 0.5 of flat traffic, queue-delay pending 1 s; the chain has active + max + 1 states.
for (const [active, max] of [[0, 1], [0, 3], [0, 5], [1, 10], [0, 20], [3, 20]] as const) {
  const c = drawPoints(1, GRID_SEED)[0] as Point;
  const config: SimulationConfig = { ...c.config, exec: { kind: 'exponential', meanS: 4 }, coldStart: { fullS: 8.5, fullBilledS: 8.5, restoreS: 2, restoreBilled: true, hitRate: 0 }, workers: { active, max, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: Infinity }, scaler: { kind: 'queue-delay', thresholdS: 1, reading: 'pending' } };
  const traffic: AnalyticTraffic = { hourlyRatesPerSecond: Array.from({ length: 24 }, () => 0.125), execMeanS: 4 };
  for (let i = 0; i < 20; i++) approximateEndpoint(config, traffic, pricing);
  const runs = 200;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) approximateEndpoint(config, traffic, pricing);
  console.log(`  evaluation, active ${active} max ${String(max).padStart(2)}: ${((performance.now() - t0) / runs).toFixed(3)} ms`);
}
const coldNoise = clean.filter((m) => m.inDomain).map((m) => m.coldHalfWidth / Math.max(m.simCold, COLD_RATE_FLOOR)).sort((a, b) => a - b);
console.log(`The simulations' own cold-start-rate half-width inside the domain, / max(rate, ${COLD_RATE_FLOOR * 100}%): median ${pct(quantile(coldNoise, 0.5))}, p95 ${pct(quantile(coldNoise, 0.95))}, max ${pct(quantile(coldNoise, 1))}`);
if (noisy.length > 0) {
  console.log(`${noisy.length} points left out: the simulation's 95% half-width stayed above ${TARGET_HALF_WIDTH * 100}% of the cost or ${COLD_TARGET_HALF_WIDTH * 100}% of the cold-start rate:`);
  for (const m of noisy.slice(0, LIST)) console.log(`  ${describe(m)} (half-width ${(100 * m.halfWidth).toFixed(1)}%, cold-start rate ±${(100 * m.coldHalfWidth).toFixed(2)} points)`);
}
const worstCold = clean.filter((m) => m.coldInDomain).sort((a, b) => b.coldError - a.coldError);
console.log(`Largest cold-start rate errors inside its domain:`);
for (const m of worstCold.slice(0, LIST)) console.log(`  ${describe(m)} (±${(100 * m.coldHalfWidth).toFixed(2)} points)`);
const worstScaler = args.indexOf('--worst-scaler') >= 0 ? (args[args.indexOf('--worst-scaler') + 1] as string) : null;
const worst = clean.filter((m) => m.inDomain && (worstScaler === null || m.point.scaler === worstScaler)).sort((a, b) => b.costError - a.costError);
console.log(`Largest cost errors inside the domain:`);
for (const m of worst.slice(0, LIST)) console.log(`  ${describe(m)}`);
const dumpAt = args.indexOf('--dump');
if (dumpAt >= 0) writeFileSync(args[dumpAt + 1] as string, JSON.stringify(measured.map((m) => ({ ...m, point: { ...m.point, traffic: { execMeanS: m.point.traffic.execMeanS } } }))));
const notes = new Map<string, number>();
for (const m of measured) if (m.note !== null) notes.set(m.note.replace(/[\d.]+/g, 'N'), (notes.get(m.note.replace(/[\d.]+/g, 'N')) ?? 0) + 1);
console.log('Out-of-domain reasons:');
for (const [note, count] of notes) console.log(`  ${String(count).padStart(5)}  ${note}`);
