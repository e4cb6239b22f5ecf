// bench/sweep: points per second of `runpod-plan sweep`, run as a user runs it (the built binary):
// an analytic grid of 10,000 points (--fast), and a simulated grid of 100 points (each a 30-day month)
// on one thread and on every core, with the speedup. Prints figures; asserts nothing. Each figure is the
// median of three runs, the one-thread and all-thread runs taking turns.
// Targets (issue "What-if sweeps"): analytic 10,000 points in under 2 s; simulated speedup >= 1.7x on 2 cores.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/runpod-plan.js', import.meta.url));
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

function run(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, 'sweep', plan, ...args], { encoding: 'utf8', env: { ...process.env, RUNPOD_PLAN_TODAY: '2026-11-23' }, maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`sweep failed: ${result.stderr}`);
  return { seconds, rows: result.stdout.trim().split('\n').length - 1 };
}

/** Runs each argument list ROUNDS times, alternating between them, and returns the median run of each. */
const ROUNDS = 3;
function alternating(...argLists) {
  const times = argLists.map(() => []);
  let rows = argLists.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    argLists.forEach((args, i) => {
      const result = run(args);
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

try {
  const cores = availableParallelism();
  // The machines are shared and noisy, so one thread and all threads run in turn, ROUNDS times each, and
  // the speedup compares their medians (one run against another taken minutes apart can differ by 15%).
  // 10 x 10 x 100 = 10,000 points.
  const analyticAxes = ['--set', 'endpoints.api.workers.active=0..9', '--set', 'endpoints.api.workers.max=1..10', '--set', 'endpoints.api.traffic.requestsPerDay=100..10000x1.0476'];
  const [analyticOne, analytic] = alternating([...analyticAxes, '--fast', '--threads', '1'], [...analyticAxes, '--fast', '--threads', String(cores)]);
  console.log(`analytic grid, 1 thread:  ${analyticOne.rows} points in ${analyticOne.seconds.toFixed(2)} s = ${Math.round(analyticOne.rows / analyticOne.seconds)} points/s (${range(analyticOne)})`);
  console.log(`analytic grid, ${cores} threads: ${analytic.rows} points in ${analytic.seconds.toFixed(2)} s = ${Math.round(analytic.rows / analytic.seconds)} points/s (${range(analytic)}; target: 10,000 in under 2 s)`);
  const simAxes = ['--set', 'endpoints.api.workers.active=0..4', '--set', 'endpoints.api.workers.idleTimeout=1s,5s,15s,30s,1m,2m,5m,10m,30m,1h', '--set', 'endpoints.api.gpu=ADA_24,AMPERE_48'];
  const [one, all] = alternating([...simAxes, '--threads', '1'], [...simAxes, '--threads', String(cores)]);
  console.log(`simulated grid, 1 thread:  ${one.rows} points in ${one.seconds.toFixed(2)} s = ${(one.rows / one.seconds).toFixed(1)} points/s (${range(one)})`);
  console.log(`simulated grid, ${cores} threads: ${all.rows} points in ${all.seconds.toFixed(2)} s = ${(all.rows / all.seconds).toFixed(1)} points/s (${range(all)})`);
  console.log(`speedup: ${(one.seconds / all.seconds).toFixed(2)}x on ${cores} cores, medians (target: at least 1.7x on 2 cores)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
