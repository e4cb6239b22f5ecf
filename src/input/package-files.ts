// Files the package ships with (pricing/, and what the build writes to dist/): found from this module's
// own location, since the code runs from src/ under tests and from dist/ once built.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the folder holding pricing/. */
export function packageRoot(): string {
  // src/input/ under tests, dist/ or dist/chunks/ once bundled: different depths, so walk up.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'pricing'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`the package's pricing/ folder not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/**
 * A JSON file the build derived from `sourcePath`, or undefined when there is no such file or the source
 * changed since (then the caller reads the source itself).
 */
export function readDerivedJson(jsonPath: string, sourcePath: string): unknown {
  if (!existsSync(jsonPath) || statSync(jsonPath).mtimeMs < statSync(sourcePath).mtimeMs) return undefined;
  return JSON.parse(readFileSync(jsonPath, 'utf8')) as unknown;
}
