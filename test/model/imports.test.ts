import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// DESIGN.md section 3: the model is pure and takes plain rate records, never the catalog's shape. So a model
// file imports other model files, and from outside src/model/ only the record types of catalog/rates.ts.
const MODEL_DIR = join(ROOT, 'src/model');
const IMPORT = /^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms;

describe('src/model imports', () => {
  const files = readdirSync(MODEL_DIR).filter((name) => name.endsWith('.ts'));

  it.each(files)('%s imports only model files and the rate record types', (name) => {
    const source = readFileSync(join(MODEL_DIR, name), 'utf8');
    const outside = [...source.matchAll(IMPORT)]
      .filter((match) => !(match[2] ?? '').startsWith('./'))
      .map((match) => `${match[1] === undefined ? '' : 'type '}${match[2]}`);
    expect(outside.filter((spec) => spec !== 'type ../catalog/rates.js')).toEqual([]);
  });
});
