import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The snapshot the tool ships with and uses unless told otherwise. */
export const BUNDLED_CATALOG_FILE = 'runpod-2026-09.yaml';

/**
 * The bundled catalog's path. The code runs from src/ under tests and from dist/ once built, at
 * different depths, so walk up to the folder that holds pricing/.
 */
export function bundledCatalogPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'pricing', BUNDLED_CATALOG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`bundled catalog pricing/${BUNDLED_CATALOG_FILE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** How to name the bundled file in messages: relative to the working directory when that is short. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}
