// Runs a TypeScript benchmark: bundles bench/<name>.ts with esbuild (the project's own bundler) into
// a temporary file, then imports it. Usage: node bench/run.mjs cost
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const name = process.argv[2];
if (name === undefined) {
  console.error('usage: node bench/run.mjs <name>   (bench/<name>.ts)');
  process.exit(2);
}
// Inside the project, so the bundle's imports of external packages resolve to node_modules.
mkdirSync('node_modules/.cache', { recursive: true });
const dir = mkdtempSync(join('node_modules/.cache', 'runpod-plan-bench-'));
try {
  const outfile = join(dir, `${name}.mjs`);
  await build({ entryPoints: [`bench/${name}.ts`], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', packages: 'external', absWorkingDir: process.cwd() });
  await import(pathToFileURL(join(process.cwd(), outfile)).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
