// Bundles the CLI so a run loads a few modules instead of hundreds (startup time is a product
// requirement, measured by bench/startup), then validates the shipped catalogs into JSON.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

// Start clean: chunk names change with their content, and stale chunks would pile up in dist/.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  sourcemap: 'linked',
  logLevel: 'warning',
  // cli-table3 and commander are CommonJS; give the ESM bundle a require() for their internals.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

// Splitting keeps what only some runs need (the YAML parser: user catalogs, plans) in its own chunk.
// The sweep's worker threads load dist/sweep-worker.js, which shares chunks with the CLI.
await build({ ...common, entryPoints: { cli: 'src/cli/main.ts', 'sweep-worker': 'src/sweep/worker.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' });
await build({ ...common, entryPoints: { 'precompile-catalogs': 'scripts/precompile-catalogs.ts' }, outdir: 'dist/tools' });
await import(new URL('../dist/tools/precompile-catalogs.js', import.meta.url).href);
