// Reads the catalog files a run layers (the bundled snapshot, as the build's precompiled JSON when the
// user layers nothing over it, else every file as YAML) and hands them to the pure loader,
// src/catalog/load.ts. On a schema complaint, the files are parsed again to say where it is.
import { relative } from 'node:path';
import { BUNDLED_CATALOG_FILE, precompiledFilePath, shippedFilePath } from '../catalog/bundled.js';
import { loadCatalog, type CatalogLayer, type CatalogPolicy, type CatalogValidator, type CatalogWarning, type LoadedCatalog } from '../catalog/load.js';
import { packageRoot, readDerivedJson } from '../input/package-files.js';
import { readInputFile } from '../input/read-file.js';

/** The path of a shipped data file (default: the bundled catalog). */
export function bundledCatalogPath(file: string = BUNDLED_CATALOG_FILE): string {
  return shippedFilePath(packageRoot(), file);
}

/**
 * A shipped data file as the build validated it, or undefined when there is no such JSON or the
 * YAML changed since (then the caller parses and validates the YAML itself).
 */
export function readPrecompiledCatalog(yamlPath: string): unknown {
  return readDerivedJson(precompiledFilePath(packageRoot(), yamlPath), yamlPath);
}

/** How to name a file in messages: relative to the working directory when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}

/** Loads the bundled catalog with the user's files over it; a problem in a file is an InputError located in it. */
export async function readCatalogFiles(
  userFiles: readonly string[],
  cwd: string,
  policy: Omit<CatalogPolicy, 'validate'>,
): Promise<{ loaded: LoadedCatalog; warnings: CatalogWarning[] }> {
  const bundledPath = bundledCatalogPath();
  const files = [{ path: bundledPath, file: displayPath(bundledPath, cwd) }, ...userFiles.map((file) => ({ path: file, file }))];
  const precompiled = userFiles.length === 0 ? readPrecompiledCatalog(bundledPath) : undefined;
  let layers: CatalogLayer[];
  if (precompiled !== undefined) {
    layers = [{ file: files[0]?.file ?? bundledPath, value: precompiled, validated: true }];
  } else {
    // The YAML parser is loaded only when a YAML file must be read: most runs use the precompiled catalog.
    const { parseYamlSource } = await import('../input/yaml.js');
    layers = files.map(({ path, file }) => ({ file, value: parseYamlSource(readInputFile(path, 'catalog'), file).value, validated: false }));
  }
  const load = loadCatalog(layers, layers.every((layer) => layer.validated) ? policy : { ...policy, validate: await catalogValidator() });
  if (!load.ok) {
    // Locating the problem needs node positions: parse the files again, on the error path only.
    const { parseYamlSource, toInputError } = await import('../input/yaml.js');
    throw toInputError(load.error, files.map(({ path, file }) => parseYamlSource(readInputFile(path, 'catalog'), file)));
  }
  return { loaded: load.loaded, warnings: load.warnings };
}

/** The catalog schema's validator, loaded only when a catalog must be validated (a user's file). */
export async function catalogValidator(): Promise<CatalogValidator> {
  const { CatalogSchema } = await import('../catalog/schema.js');
  return (value) => CatalogSchema.safeParse(value, { reportInput: true });
}
