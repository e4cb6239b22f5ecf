// bench/startup: the median wall time of `runpod-plan gpus --format json` against bare `node -e 0`,
// run alternately in one process so both see the same machine load. Prints figures; asserts nothing.
// Target (issue "Foundation"): at most 2x bare Node start. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 25);
const bin = fileURLToPath(new URL('../bin/runpod-plan.js', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)))) {
  console.error('bench/startup: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}
const env = { ...process.env, RUNPOD_PLAN_TODAY: '2026-11-23' };

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
time(['-e', '0']);
time([bin, 'gpus', '--format', 'json']);
const bare = [];
const cli = [];
for (let i = 0; i < runs; i++) {
  bare.push(time(['-e', '0']));
  cli.push(time([bin, 'gpus', '--format', 'json']));
}
const ratio = median(cli) / median(bare);
console.log(`runs: ${runs} each, alternating`);
console.log(`node -e 0:                         median ${median(bare).toFixed(1)} ms`);
console.log(`runpod-plan gpus --format json:    median ${median(cli).toFixed(1)} ms`);
console.log(`ratio: ${ratio.toFixed(2)}x bare Node start (target <= 2x)`);
