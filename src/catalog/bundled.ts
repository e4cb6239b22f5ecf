import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The snapshot the tool ships with and uses unless told otherwise. */
export const BUNDLED_CATALOG_FILE = 'runpod-2026-09.yaml';

/** The model presets the tool ships with (`--model`). */
export const MODEL_PRESETS_FILE = 'models.yaml';

/** Where the build writes validated catalogs as JSON, relative to the package root. */
export const PRECOMPILED_DIR = join('dist', 'catalogs');

/** The package root: the folder holding pricing/. */
export function packageRoot(): string {
  // The code runs from src/ under tests and from dist/ once built, at different depths: walk up.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'pricing', BUNDLED_CATALOG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`bundled catalog pricing/${BUNDLED_CATALOG_FILE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The path of a shipped data file (default: the bundled catalog). */
export function bundledCatalogPath(file: string = BUNDLED_CATALOG_FILE): string {
  return join(packageRoot(), 'pricing', file);
}

/**
 * A shipped data file as the build validated it, or undefined when there is no such JSON or the
 * YAML changed since (then the caller parses and validates the YAML itself).
 */
export function readPrecompiledCatalog(yamlPath: string): unknown {
  const jsonPath = join(packageRoot(), PRECOMPILED_DIR, basename(yamlPath).replace(/\.yaml$/, '.json'));
  if (!existsSync(jsonPath) || statSync(jsonPath).mtimeMs < statSync(yamlPath).mtimeMs) return undefined;
  return JSON.parse(readFileSync(jsonPath, 'utf8')) as unknown;
}

/** How to name a file in messages: relative to the working directory when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}
