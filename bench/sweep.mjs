// bench/sweep: points per second of `runpod-plan sweep`, run as a user runs it (the built binary):
// - the README's own plan (the example of "Plan files and CI", read from README.md) with --fast over a
//   10,000-point grid, on one thread and on every core;
// - an analytic grid of 10,000 points (--fast) of a one-endpoint plan, on one thread and on every core;
// - a simulated grid of 100 points (each a 30-day month) on one thread and on every core, with the speedup.
// `--baseline <bin/runpod-plan.js of another checkout>` also runs the README plan's grid with that build,
// taking turns with this one, and prints the ratio (before and after a change, on the same machine in one
// session). Prints figures; asserts nothing. Each figure is the median of three runs taking turns.
// Targets: analytic 10,000 points in under 2 s; simulated speedup >= 1.7x on 2 cores; the README plan's
// grid three times the points per second of the 2026-11-26 build (issue "Fit the terminal").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/runpod-plan.js', import.meta.url));
const baselineAt = process.argv.indexOf('--baseline');
const baseline = baselineAt === -1 ? undefined : resolve(process.argv[baselineAt + 1] ?? '');
const dir = mkdtempSync(join(tmpdir(), 'runpod-plan-bench-sweep-'));
const plan = join(dir, 'plan.yaml');
writeFileSync(
  plan,
  `version: 1
endpoints:
  api:
    gpu: ADA_24
    traffic: { requestsPerDay: 5000 }
    execution: { p50: 3s, p95: 9s }
    coldStart: 20s
    coldStartBilled: 15s
    workers: { max: 10 }
`,
);
// The README's plan: the first YAML block under "### Plan files and CI".
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const readmePlanText = /### Plan files and CI[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
if (readmePlanText === undefined) throw new Error('README.md: no YAML block under "### Plan files and CI"');
const readmePlan = join(dir, 'readme-plan.yaml');
writeFileSync(readmePlan, readmePlanText);

function run(args, using = bin, file = plan) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [using, 'sweep', file, ...args], { encoding: 'utf8', env: { ...process.env, RUNPOD_PLAN_TODAY: '2026-11-23' }, maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`sweep failed: ${result.stderr}`);
  return { seconds, rows: result.stdout.trim().split('\n').length - 1 };
}

/** Runs each case ROUNDS times, taking turns, and returns the median run of each. A case is args, or { args, bin, plan }. */
const ROUNDS = 3;
function alternating(...cases) {
  const times = cases.map(() => []);
  const rows = cases.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    cases.forEach((each, i) => {
      const { args, bin: using = bin, plan: file = plan } = Array.isArray(each) ? { args: each } : each;
      const result = run(args, using, file);
      times[i].push(result.seconds);
      rows[i] = result.rows;
    });
  }
  return times.map((seconds, i) => {
    const sorted = [...seconds].sort((a, b) => a - b);
    return { seconds: sorted[Math.floor(ROUNDS / 2)], min: sorted[0], max: sorted[ROUNDS - 1], rows: rows[i] };
  });
}
const range = (r) => `median of ${ROUNDS}; range ${r.min.toFixed(2)}-${r.max.toFixed(2)} s`;
const perSecond = (r) => Math.round(r.rows / r.seconds);

try {
  const cores = availableParallelism();
  console.log(`${cores} cores; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (the machines are shared: compare figures within one run)`);
  // 10 x 10 x 100 = 10,000 points of the README's plan: active workers, max workers, requests per day.
  const readmeAxes = ['--set', 'endpoints.sdxl.workers.active=0..9', '--set', 'endpoints.sdxl.workers.max=1..10', '--set', 'endpoints.sdxl.traffic.requestsPerDay=100..10000x1.0476', '--fast'];
  const onReadme = (threads, using = bin) => ({ args: [...readmeAxes, '--threads', String(threads)], bin: using, plan: readmePlan });
  if (baseline !== undefined) {
    const [before1, after1, beforeAll, afterAll] = alternating(onReadme(1, baseline), onReadme(1), onReadme(cores, baseline), onReadme(cores));
    console.log(`README plan, --fast, 1 thread:  before ${perSecond(before1)} points/s (${range(before1)}), after ${perSecond(after1)} points/s (${range(after1)}): ${(before1.seconds / after1.seconds).toFixed(2)}x`);
    console.log(`README plan, --fast, ${cores} threads: before ${perSecond(beforeAll)} points/s (${range(beforeAll)}), after ${perSecond(afterAll)} points/s (${range(afterAll)}): ${(beforeAll.seconds / afterAll.seconds).toFixed(2)}x`);
  } else {
    const [readmeOne, readmeAll] = alternating(onReadme(1), onReadme(cores));
    console.log(`README plan, --fast, 1 thread:  ${readmeOne.rows} points in ${readmeOne.seconds.toFixed(2)} s = ${perSecond(readmeOne)} points/s (${range(readmeOne)})`);
    console.log(`README plan, --fast, ${cores} threads: ${readmeAll.rows} points in ${readmeAll.seconds.toFixed(2)} s = ${perSecond(readmeAll)} points/s (${range(readmeAll)})`);
  }
  // 10 x 10 x 100 = 10,000 points.
  const analyticAxes = ['--set', 'endpoints.api.workers.active=0..9', '--set', 'endpoints.api.workers.max=1..10', '--set', 'endpoints.api.traffic.requestsPerDay=100..10000x1.0476'];
  const [analyticOne, analytic] = alternating([...analyticAxes, '--fast', '--threads', '1'], [...analyticAxes, '--fast', '--threads', String(cores)]);
  console.log(`analytic grid, 1 thread:  ${analyticOne.rows} points in ${analyticOne.seconds.toFixed(2)} s = ${perSecond(analyticOne)} points/s (${range(analyticOne)})`);
  console.log(`analytic grid, ${cores} threads: ${analytic.rows} points in ${analytic.seconds.toFixed(2)} s = ${perSecond(analytic)} points/s (${range(analytic)}; target: 10,000 in under 2 s)`);
  const simAxes = ['--set', 'endpoints.api.workers.active=0..4', '--set', 'endpoints.api.workers.idleTimeout=1s,5s,15s,30s,1m,2m,5m,10m,30m,1h', '--set', 'endpoints.api.gpu=ADA_24,AMPERE_48'];
  const [one, all] = alternating([...simAxes, '--threads', '1'], [...simAxes, '--threads', String(cores)]);
  console.log(`simulated grid, 1 thread:  ${one.rows} points in ${one.seconds.toFixed(2)} s = ${(one.rows / one.seconds).toFixed(1)} points/s (${range(one)})`);
  console.log(`simulated grid, ${cores} threads: ${all.rows} points in ${all.seconds.toFixed(2)} s = ${(all.rows / all.seconds).toFixed(1)} points/s (${range(all)})`);
  console.log(`speedup: ${(one.seconds / all.seconds).toFixed(2)}x on ${cores} cores, medians (target: at least 1.7x on 2 cores)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
