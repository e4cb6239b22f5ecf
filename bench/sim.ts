// bench/sim: how fast the discrete-event simulator runs, and that its memory stays flat as the horizon
// grows (nothing is kept per request). Reference month from the brief: Poisson 50,000 requests/day,
// lognormal execution p50 3 s / p95 9 s, queue-delay scaler (4 s), 0 active, max 10, idle timeout 5 s,
// cold start 20 s (15 billed), no FlashBoot. Target: at least 2,000,000 simulated requests per second
// on one core (SimFaaS, in Python, does tens of thousands). Also: the 95% half-width of the month's flex
// bill (result.precision), and the overload case of issue 12 (1,000,000 requests/day of 4 s on 10
// workers) with and without a queue cap (maxQueuedJobs), to show memory staying flat. Prints figures;
// asserts nothing.
// Run: node bench/run.mjs sim
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RECOMMENDED_MAX_QUEUED_JOBS, simulate, type SimulationConfig, type SimulationResult } from '../src/sim/simulate.js';

const DAY_S = 86_400;

/** The reference endpoint for a horizon of `days` days. */
function reference(days: number, seed: number): SimulationConfig {
  return {
    horizonS: days * DAY_S,
    seed,
    arrivals: { kind: 'poisson', ratePerSecond: 50_000 / DAY_S },
    exec: { kind: 'lognormal', p50S: 3, p95S: 9 },
    coldStart: { fullS: 20, fullBilledS: 15, restoreS: 2, restoreBilled: true, hitRate: 0 },
    workers: { active: 0, max: 10, idleTimeoutS: 5, jobsPerWorker: 1, executionTimeoutS: 600 },
    scaler: { kind: 'queue-delay', thresholdS: 4, reading: 'eager' },
    roundingS: 1,
  };
}

// A forced GC makes heap figures comparable between horizons. The bench runner starts node without
// --expose-gc, so turn the flag on at run time and fetch gc() from a fresh context (a known V8 idiom).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// Count garbage collections during each run: a simulator that allocates per request would trigger
// scavenges in proportion to the requests; a flat loop triggers none or a handful.
let gcCount = 0;
const observer = new PerformanceObserver((list) => {
  gcCount += list.getEntries().length;
});
observer.observe({ entryTypes: ['gc'] });
/** Lets the observer deliver pending GC entries (they arrive asynchronously). */
const flushGcEntries = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1).padStart(6);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Warms the JIT up: a full GC deoptimizes code that embeds objects it collected ("weak objects"), so warm up after it. */
function warmUp(): void {
  for (let i = 0; i < 4; i++) simulate(reference(1, 1000 + i));
}

/** The reference endpoint with a daily profile of the same mean (busy 9:00-18:00) instead of flat Poisson traffic. */
function profiled(days: number, seed: number): SimulationConfig {
  const hourlyWeights = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? 4 : 1));
  return { ...reference(days, seed), arrivals: { kind: 'profile', meanRatePerSecond: 50_000 / DAY_S, hourlyWeights } };
}

/** Issue 12's overload case: 1,000,000 requests/day of exponential 4 s jobs on 10 workers (2.5 jobs/s at most, 11.6 offered). */
function overloaded(days: number, seed: number, maxQueuedJobs?: number): SimulationConfig {
  const config: SimulationConfig = { ...reference(days, seed), arrivals: { kind: 'poisson', ratePerSecond: 1_000_000 / DAY_S }, exec: { kind: 'exponential', meanS: 4 } };
  return maxQueuedJobs === undefined ? config : { ...config, maxQueuedJobs };
}

/** Runs one horizon and prints speed, memory and a few result figures. */
async function measure(days: number, make: (days: number, seed: number) => SimulationConfig = reference, label = ''): Promise<SimulationResult> {
  gc();
  warmUp();
  for (let i = 0; i < 2; i++) simulate(make(1, 2000 + i));
  await flushGcEntries();
  const before = process.memoryUsage();
  gcCount = 0;
  const start = process.hrtime.bigint();
  const result = simulate(make(days, 42));
  const elapsedS = Number(process.hrtime.bigint() - start) / 1e9;
  const after = process.memoryUsage();
  await flushGcEntries();
  const gcsDuringRun = gcCount;
  gc();
  const afterGc = process.memoryUsage();
  const perSecond = result.requests.arrived / elapsedS;
  // Typed arrays (the queue's ring buffer) live outside the JavaScript heap: arrayBuffers counts them.
  console.log(
    `${String(days).padStart(4)} days ${fmt(result.requests.arrived).padStart(11)} requests ${elapsedS.toFixed(3).padStart(7)} s ${fmt(perSecond).padStart(11)} req/s` +
      `   heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} MB (${mb(afterGc.heapUsed)} after gc)   rss ${mb(after.rss)} MB   array buffers ${mb(after.arrayBuffers)} MB   GCs during run ${gcsDuringRun}${label}`,
  );
  return result;
}

console.log('bench/sim (one thread; target: at least 2,000,000 simulated requests per second)');
{
  // Cold: the first call in a fresh process, as a CLI making one run sees it (interpreter, then JIT).
  const start = process.hrtime.bigint();
  const cold = simulate(reference(30, 7));
  const elapsedS = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`cold first call, 30 days: ${fmt(cold.requests.arrived)} requests in ${elapsedS.toFixed(3)} s (${fmt(cold.requests.arrived / elapsedS)} req/s)`);
}
await measure(1);
const month = await measure(30);
const year = await measure(365);
await measure(30, profiled, '   (daily profile instead of flat Poisson)');
const billed = year.billedSeconds;
const perRequest = (billed.flexStart + billed.flexExecution + billed.flexIdle + billed.flexRounding) / year.requests.arrived;
console.log(
  `365-day result: cold-start rate ${(year.coldStarts.rate * 100).toFixed(3)}%, ${fmt(year.coldStarts.workerStarts)} starts, ` +
    `p50/p95/p99 total ${year.latency.total.p50.toFixed(2)}/${year.latency.total.p95.toFixed(2)}/${year.latency.total.p99.toFixed(2)} s, ` +
    `billed ${perRequest.toFixed(3)} s/request, workers mean ${year.workers.timeWeightedMean.toFixed(3)} peak ${year.workers.peak}`,
);
{
  const b = month.billedSeconds;
  const hw = month.precision.billedSecondsHalfWidth;
  const flex = b.flexStart + b.flexExecution + b.flexIdle + b.flexRounding;
  console.log(
    `30-day precision (${month.precision.batches} batches): flex billed ${fmt(flex)} s +/- ${((100 * hw.flexTotal) / flex).toFixed(2)}%, ` +
      `cold-start rate ${(month.coldStarts.rate * 100).toFixed(3)}% +/- ${(month.precision.coldStartRateHalfWidth * 100).toFixed(3)} points`,
  );
}
const capped = await measure(30, (days, seed) => overloaded(days, seed, RECOMMENDED_MAX_QUEUED_JOBS), '   (overloaded: 1,000,000/day, 4 s, 10 workers; queue capped at 2^20)');
const o = capped.overload;
if (o !== null) {
  console.log(
    `  capped: queue peak ${fmt(o.peakQueuedJobs)} jobs in ${mb(o.queueBytes)} MB; served ${fmt(o.servedRequests)}, unserved ${fmt(o.unservedRequests)} ` +
      `(${fmt(o.rejectedRequests)} turned away from ${(o.firstRejectedAtS / 3600).toFixed(2)} h); backlog growing ${fmt(o.backlogGrowthPerHour)} jobs/h`,
  );
}
await measure(3, (days, seed) => overloaded(days, seed), '   (overloaded as above, no cap: the queue grows with the backlog)');
// The general loop (issue 15): a load-balancing endpoint on the reference traffic (2-minute wait, 3 retries
// 5 s apart, request-count scaler), and LLM workers sharing their pace by a throughput table (30 in flight,
// 60/45/25 tok/s at 1/8/32; 500,000 requests a day of 8 s alone on 1 active + 4 flex workers).
const balanced = await measure(30, (days, seed) => ({ ...reference(days, seed), scaler: { kind: 'request-count', value: 1 }, loadBalancer: { maxWaitS: 120, retries: 3, retryDelayS: 5 } }), '   (load-balancing endpoint)');
console.log(`  load balancer: ${fmt(balanced.requests.dropped)} dropped, ${fmt(balanced.loadBalancer?.retries ?? 0)} retries, p95 ${balanced.latency.total.p95.toFixed(2)} s`);
const rates = Array.from({ length: 30 }, (_, i) => (i + 1 <= 8 ? 60 - (15 * i) / 7 : 45 - (20 * (i + 1 - 8)) / 24) / 60);
const shared = await measure(
  30,
  (days, seed) => ({
    ...reference(days, seed),
    arrivals: { kind: 'poisson', ratePerSecond: 500_000 / DAY_S },
    exec: { kind: 'exponential', meanS: 8 },
    workers: { active: 1, max: 4, idleTimeoutS: 60, jobsPerWorker: 30, executionTimeoutS: 600 },
    concurrency: { ratesByInFlight: rates },
  }),
  '   (workers sharing their pace: a throughput table, 30 in flight)',
);
console.log(`  shared: execution mean ${shared.latency.execution.mean.toFixed(2)} s (8 s alone), workers mean ${shared.workers.timeWeightedMean.toFixed(3)}`);
observer.disconnect();
