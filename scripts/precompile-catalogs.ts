// Build step: validate every shipped catalog and write it as JSON next to the bundle, so a run of the
// CLI reads JSON instead of parsing YAML and re-validating a file that cannot have changed.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_PRESETS_FILE, PRECOMPILED_DIR } from '../src/catalog/bundled.js';
import { packageRoot } from '../src/input/package-files.js';
import { ModelPresetsSchema } from '../src/catalog/models.js';
import { CatalogSchema } from '../src/catalog/schema.js';
import { formatInputError } from '../src/input/error.js';
import { parseYamlSource, toInputError } from '../src/input/yaml.js';

const root = packageRoot();
mkdirSync(join(root, PRECOMPILED_DIR), { recursive: true });
for (const name of readdirSync(join(root, 'pricing')).filter((file) => file.endsWith('.yaml'))) {
  const file = join('pricing', name);
  const source = parseYamlSource(readFileSync(join(root, file), 'utf8'), file);
  const schema = name === MODEL_PRESETS_FILE ? ModelPresetsSchema : CatalogSchema;
  const parsed = schema.safeParse(source.value, { reportInput: true });
  if (!parsed.success) {
    process.stderr.write(`error: ${formatInputError(toInputError(parsed.error, [source]))}\n`);
    process.exitCode = 1;
    continue;
  }
  writeFileSync(join(root, PRECOMPILED_DIR, name.replace(/\.yaml$/, '.json')), JSON.stringify(parsed.data));
}
