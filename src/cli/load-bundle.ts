// Runs the built CLI, dist/cli.cjs, with the V8 code cache the build wrote beside it (built to
// dist/load.cjs; bin/runpod-plan.js and the sweep's helper threads start here). Node 20 has no compile
// cache for modules, so the bundle is compiled as a vm.Script, which takes V8's cached bytecode: a start
// then skips parsing and compiling most of the code it runs (bench/startup measures the difference).
// A cache V8 cannot use (another Node version, other V8 flags) is rejected by V8 and the bundle is
// compiled as usual; the cache is only a speed-up, never a different result.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Script } from 'node:vm';
import type * as Entry from './main.js';

/** What the bundle exports (src/cli/main.ts). */
export type BundleExports = typeof Entry;

export const BUNDLE_FILE = 'cli.cjs';
export const CODE_CACHE_FILE = 'cli.cjs.v8cache';

export interface LoadedBundle {
  exports: BundleExports;
  /** The compiled bundle, for the build to take its code cache from after a run. */
  script: Script;
  /** Whether V8 took the code cache: used, rejected (compiled afresh), or none was there. */
  cache: 'used' | 'rejected' | 'none';
}

/** Compiles and evaluates `dir`/cli.cjs as CommonJS, with its code cache unless `useCache` is false. */
export function loadBundle(dir: string, useCache = true): LoadedBundle {
  const file = resolve(dir, BUNDLE_FILE);
  const cacheFile = resolve(dir, CODE_CACHE_FILE);
  // V8 checks a cache against the source's length only: one older than the bundle is never offered.
  const cachedData = useCache && existsSync(cacheFile) && statSync(cacheFile).mtimeMs >= statSync(file).mtimeMs ? readFileSync(cacheFile) : undefined;
  const source = readFileSync(file, 'utf8');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  const module = { exports: {} as BundleExports };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, cache: cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'used' };
}

/** Loads the bundle in `dir` and runs one of its entry points: the CLI, or a sweep's helper thread. */
export function runBundle(dir: string, entry: 'main' | 'sweepWorker'): void {
  void loadBundle(dir).exports[entry]();
}
