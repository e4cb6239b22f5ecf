// bench/startup: the median wall time of `runpod-plan gpus --format json` against bare `node -e 0`, run
// alternately in one process so both see the same machine load, as a ratio. Beside it, for scale: loading
// the bundle and running nothing (the floor a command starts from) and `--version`. Prints figures;
// asserts nothing. Target (issue "Fit the terminal, the package manager and the CI it lives in"): at most
// 1.5x bare Node start. Run `npm run build` first; `node bench/startup.mjs [runs]` (default 25).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 25);
const bin = fileURLToPath(new URL('../bin/runpod-plan.js', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(`${dist}cli.cjs`)) {
  console.error('bench/startup: dist/cli.cjs is missing; run `npm run build` first');
  process.exit(2);
}
const env = { ...process.env, RUNPOD_PLAN_TODAY: '2026-11-23' };
const loader = JSON.stringify(`${dist}load.cjs`);

const cases = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'load the bundle, run nothing', args: ['-e', `require(${loader}).loadBundle(${JSON.stringify(dist)})`] },
  { label: 'runpod-plan --version', args: [bin, '--version'] },
  { label: 'runpod-plan gpus --format json', args: [bin, 'gpus', '--format', 'json'] },
];

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// One warm-up of each so the OS file cache is not what we measure.
for (const { args } of cases) time(args);
const times = cases.map(() => []);
for (let i = 0; i < runs; i++) cases.forEach(({ args }, c) => times[c].push(time(args)));
const bare = median(times[0]);
const { cache } = createRequire(import.meta.url)(`${dist}load.cjs`).loadBundle(dist);
console.log(`runs: ${runs} each, alternating; V8 code cache: ${cache}`);
cases.forEach(({ label }, c) => console.log(`${`${label}:`.padEnd(34)} median ${median(times[c]).toFixed(1).padStart(6)} ms  ${(median(times[c]) / bare).toFixed(2)}x`));
console.log(`ratio: ${(median(times[3]) / bare).toFixed(2)}x bare Node start (target <= 1.5x)`);
