import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogSchema, type Catalog } from '../../src/catalog/schema.js';
import { parseYamlSource } from '../../src/input/yaml.js';
import { ROOT } from './cli.js';

/** The bundled catalog, parsed and validated as a run would. */
export function bundledCatalog(): Catalog {
  return CatalogSchema.parse(parseYamlSource(readFileSync(join(ROOT, 'pricing/runpod-2026-11.yaml'), 'utf8'), 'pricing/runpod-2026-11.yaml').value);
}
