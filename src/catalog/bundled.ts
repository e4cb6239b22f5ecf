// Where the data files the tool ships with live in the package: names and path joins only. Finding the
// package root and reading the files is done outside catalog/ (src/input/package-files.ts,
// src/cli/catalog-files.ts), so the catalog stays free of file reads.
import { basename, join } from 'node:path';

/** The snapshot the tool ships with and uses unless told otherwise. */
export const BUNDLED_CATALOG_FILE = 'runpod-2026-11.yaml';

/** The model presets the tool ships with (`--model`). */
export const MODEL_PRESETS_FILE = 'models.yaml';

/** Where the build writes validated catalogs as JSON, relative to the package root. */
export const PRECOMPILED_DIR = join('dist', 'catalogs');

/** The path of a shipped data file (pricing/FILE) under the package root. */
export function shippedFilePath(root: string, file: string): string {
  return join(root, 'pricing', file);
}

/** Where the build writes a shipped YAML file validated as JSON (dist/catalogs/NAME.json) under the package root. */
export function precompiledFilePath(root: string, yamlPath: string): string {
  return join(root, PRECOMPILED_DIR, basename(yamlPath).replace(/\.yaml$/, '.json'));
}
