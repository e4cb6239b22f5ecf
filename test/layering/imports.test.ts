// The code's shape, held to DESIGN.md section 3: data flows one way,
//   cli -> plan | sweep | decisions -> endpoint -> model | sim -> catalog -> input,  and  cli -> render,
// the pure core neither prints, reads files, reads the clock nor touches the process, and no import
// circle appears. Read from the source text, so it fails the moment an import goes against the flow.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const FILES = sourceFiles(SRC);
const TEXT = new Map(FILES.map((file) => [file, readFileSync(file, 'utf8')]));

/** The project files a file imports (static, type-only and dynamic imports alike), as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = TEXT.get(file) ?? '';
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((match) => match[1] ?? match[2] ?? '');
  // Code imports only: data files (package.json) are not part of the flow.
  return specs.filter((spec) => spec.startsWith('.') && spec.endsWith('.js')).map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
}

const folderOf = (file: string) => relative(SRC, file).split('/')[0] as string;

// What each folder may import besides itself: the layers below it.
const ALLOWED: Record<string, readonly string[]> = {
  input: [],
  catalog: ['input'],
  model: ['catalog', 'input'],
  sim: ['catalog', 'input'],
  endpoint: ['model', 'sim', 'catalog', 'input'],
  decisions: ['endpoint', 'model', 'sim', 'catalog', 'input'],
  plan: ['endpoint', 'model', 'sim', 'catalog', 'input'],
  sweep: ['plan', 'endpoint', 'model', 'sim', 'catalog', 'input'],
  // Fits job records (pure) and replays the fitted plan through the plan's own evaluation.
  calibrate: ['plan', 'endpoint', 'model', 'sim', 'catalog', 'input'],
  // Holds a plan's estimate against RunPod's billing records (pure).
  reconcile: ['plan', 'endpoint', 'model', 'sim', 'catalog', 'input'],
  // Renderers read the results (and their types) of every core folder; nothing in the core reads them.
  render: ['reconcile', 'calibrate', 'sweep', 'plan', 'decisions', 'endpoint', 'model', 'sim', 'catalog', 'input'],
  cli: ['render', 'reconcile', 'calibrate', 'sweep', 'plan', 'decisions', 'endpoint', 'model', 'sim', 'catalog', 'input'],
};

describe('layering', () => {
  it('every folder of src/ has a place in the flow', () => {
    expect(readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory()).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('imports only flow downwards', () => {
    const wrong: string[] = [];
    for (const file of FILES) {
      const from = folderOf(file);
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to !== from && !(ALLOWED[from] ?? []).includes(to)) wrong.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every relative import names a file that exists', () => {
    const missing = FILES.flatMap((file) => importsOf(file).filter((target) => !existsSync(target)).map((target) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`));
    expect(missing).toEqual([]);
  });

  it('has no import circle', () => {
    const graph = new Map(FILES.map((file) => [file, importsOf(file).filter((target) => TEXT.has(target))]));
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].map((each) => relative(ROOT, each)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of FILES) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('the pure core neither prints, reads files or the clock, nor touches the process', () => {
    const pure = FILES.filter((file) => ['model', 'sim', 'catalog', 'endpoint', 'calibrate', 'reconcile'].includes(folderOf(file)));
    const found = pure.flatMap((file) => {
      const code = (TEXT.get(file) ?? '').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      return [/node:fs/, /\bprocess\./, /\bconsole\./, /Date\.now\(/, /new Date\(\)/, /performance\.now\(/]
        .filter((pattern) => pattern.test(code))
        .map((pattern) => `${relative(ROOT, file)}: ${pattern.source}`);
    });
    expect(found).toEqual([]);
  });

  it('commander, chalk and cli-table3 stay in cli/ and render/', () => {
    const outside = FILES.filter((file) => !['cli', 'render'].includes(folderOf(file))).filter((file) => /from '(commander|chalk|cli-table3)'/.test(TEXT.get(file) ?? ''));
    expect(outside.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('orders text by code units, never by the locale (input/order.ts: the same bytes on every machine)', () => {
    const found = FILES.filter((file) => !file.endsWith('/input/order.ts')).filter((file) => /\.localeCompare\(/.test(TEXT.get(file) ?? ''));
    expect(found.map((file) => relative(ROOT, file))).toEqual([]);
  });
});

describe('size', () => {
  const lines = (file: string) => (TEXT.get(file) ?? '').split('\n').length;
  const total = FILES.reduce((sum, file) => sum + lines(file), 0);

  it('no folder of src/ holds much more than a fifth of its lines', () => {
    const shares = Object.keys(ALLOWED).map((folder) => [folder, FILES.filter((file) => folderOf(file) === folder).reduce((sum, file) => sum + lines(file), 0) / total] as const);
    expect(shares.filter(([, share]) => share > 0.22)).toEqual([]);
  });

  it('no source file is over about 450 lines, but the simulator\'s measured hot loop', () => {
    const long = FILES.filter((file) => relative(SRC, file) !== 'sim/simulate.ts' && lines(file) > 460).map((file) => `${relative(ROOT, file)}: ${lines(file)}`);
    expect(long).toEqual([]);
  });
});

describe('comments', () => {
  it('every source file a comment names exists', () => {
    const missing: string[] = [];
    for (const file of FILES) {
      const comments = (TEXT.get(file) ?? '').match(/\/\/.*$|\/\*[\s\S]*?\*\//gm) ?? [];
      for (const comment of comments) {
        for (const [name] of comment.matchAll(/(?:\.{0,2}\/)?(?:[a-z-]+\/)*[a-z][a-z0-9.-]*\.(?:ts|mjs)\b/g)) {
          const candidates = [resolve(dirname(file), name), join(SRC, name), join(ROOT, name)];
          // A bare file name refers to a file somewhere in the tree.
          const bare = !name.includes('/') && FILES.some((each) => each.endsWith(`/${name}`));
          if (!bare && !candidates.some((candidate) => existsSync(candidate))) missing.push(`${relative(ROOT, file)}: ${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
