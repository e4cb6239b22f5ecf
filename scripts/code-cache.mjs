// Build step (run by scripts/build.mjs in a fresh process): runs the bundle and writes the code V8
// compiled for it to dist/cli.cjs.v8cache, which src/cli/load-bundle.ts hands back to V8 on every start.
// The runs choose what is cached: `gpus` in JSON (bench/startup's run) and as a table, and `compare --fast`
// (the README's first command). A cache of all three is 1 MB, not 0.4 MB for `gpus --format json` alone:
// measured, that costs `gpus --format json` 0.03-0.04x bare Node start and saves `compare` 0.2x.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = [
  ['gpus', '--format', 'json'],
  ['gpus'],
  ['compare', '--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s', '--fast'],
];

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const { loadBundle, CODE_CACHE_FILE } = createRequire(import.meta.url)(join(dist, 'load.cjs'));
const bundle = loadBundle(dist, false);
for (const argv of RUNS) {
  await bundle.exports.main(argv);
  if (process.exitCode !== 0) throw new Error(`runpod-plan ${argv.join(' ')} exited with ${process.exitCode}`);
}
writeFileSync(join(dist, CODE_CACHE_FILE), bundle.script.createCachedData());
