// Bundles the CLI into one ESM file so a run loads one module instead of hundreds: startup time is a
// product requirement (bench/startup), and a bundle is the cheapest way to meet it.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
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
});
