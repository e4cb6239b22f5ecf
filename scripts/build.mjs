// Builds what the package runs: the CLI as one CommonJS bundle with a V8 code cache (start-up time is a
// product requirement, measured by bench/startup), its loader, the sweep worker's entry, and the shipped
// catalogs validated into JSON. Nothing else lands in dist/: it is what the package ships.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (path = '') => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));

// Start clean: a code cache must never outlive the bundle it was made from (see src/cli/load-bundle.ts).
rmSync(dist(), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
};

// One CommonJS file rather than ES module chunks: Node 20 can give a CommonJS script V8's code cache, and
// loads one file faster than a dozen modules. What a run does not need (other commands, the YAML parser,
// the simulator) is bundled behind esbuild's lazy initialisers, evaluated only when imported.
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: dist('cli.cjs'),
  format: 'cjs',
  define: { 'import.meta.url': '__bundle_url' },
  banner: { js: 'const __bundle_url = require("node:url").pathToFileURL(__filename).href;' },
});
// The loader compiles the bundle as a vm.Script, which has no dynamic import() to offer.
if (/\bimport\(/.test(readFileSync(dist('cli.cjs'), 'utf8'))) throw new Error('dist/cli.cjs holds a dynamic import(), which the loader cannot run');
await build({ ...common, entryPoints: ['src/cli/load-bundle.ts'], outfile: dist('load.cjs'), format: 'cjs' });
// src/sweep/pool.ts starts helper threads on dist/sweep-worker.js: they run the same bundle.
writeFileSync(
  dist('sweep-worker.js'),
  `// A sweep's helper thread: the CLI's bundle, started at its worker entry (written by scripts/build.mjs).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
createRequire(import.meta.url)('./load.cjs').runBundle(fileURLToPath(new URL('.', import.meta.url)), 'sweepWorker');
`,
);

// The catalogs as JSON: the build tool is bundled into dist/tools, run, and removed (it is not shipped).
await build({ ...common, format: 'esm', entryPoints: { 'precompile-catalogs': 'scripts/precompile-catalogs.ts' }, outdir: dist('tools'), banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
await import(new URL('../dist/tools/precompile-catalogs.js', import.meta.url).href);
rmSync(dist('tools'), { recursive: true, force: true });

// The code cache, last: taken from a fresh process without NODE_OPTIONS (V8 rejects a cache made under
// other flags), after it ran `gpus --format json`, so it holds the code a start compiles.
const env = { ...process.env };
delete env.NODE_OPTIONS;
const cache = spawnSync(process.execPath, [fileURLToPath(new URL('code-cache.mjs', import.meta.url))], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (cache.status !== 0) throw new Error(`scripts/code-cache.mjs failed (${cache.status}): ${cache.stderr}`);
