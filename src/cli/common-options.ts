// Options every command takes: which catalog, a discount, how old a catalog may be, the output format.
import { Option, type Command } from 'commander';
import * as z from 'zod';
import { bundledCatalogPath, displayPath, readPrecompiledCatalog } from '../catalog/bundled.js';
import { buildCatalog, catalogAgeDays, type CatalogLayer, type CatalogValidator, type LoadedCatalog } from '../catalog/load.js';
import { readInputFile } from '../input/read-file.js';
import { DurationSchema, PercentSchema } from '../input/unit-schemas.js';
import { formatDuration } from '../input/units.js';
import { FORMATS } from '../render/index.js';
import type { CatalogInfo } from '../render/report.js';
import type { RenderOptions } from '../render/options.js';
import type { CliIo } from './io.js';

const DEFAULT_MAX_CATALOG_AGE = '120d';

/** Adds the options every command takes; a command with formats of its own (sweep) passes them. */
export function addCommonOptions(command: Command, formats: readonly string[] = FORMATS, defaultFormat = 'table'): Command {
  return command
    .option('--catalog <file>', 'layer a catalog file over the bundled one (repeatable; later files win)', collect, [])
    .option('--discount <percent>', 'flat discount on GPU compute prices, e.g. 12%')
    .option('--max-catalog-age <duration>', 'warn when the catalog is older than this', DEFAULT_MAX_CATALOG_AGE)
    .addOption(new Option('--format <format>', 'output format').choices(formats).default(defaultFormat))
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR works too)');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export const CommonOptionsSchema = z.object({
  catalog: z.array(z.string()),
  discount: PercentSchema.optional(),
  maxCatalogAge: DurationSchema,
  format: z.enum(FORMATS),
  color: z.boolean(),
});
export type CommonOptions = z.output<typeof CommonOptionsSchema>;

/** Loads the bundled catalog and the user's layers, warning on stderr when it is older than allowed. */
export async function loadCatalogForRun(options: CommonOptions, io: CliIo): Promise<LoadedCatalog> {
  const bundledPath = bundledCatalogPath();
  const files = [{ path: bundledPath, file: displayPath(bundledPath, io.cwd) }, ...options.catalog.map((file) => ({ path: file, file }))];
  const precompiled = options.catalog.length === 0 ? readPrecompiledCatalog(bundledPath) : undefined;
  let layers: CatalogLayer[];
  if (precompiled !== undefined) {
    layers = [{ file: files[0]?.file ?? bundledPath, value: precompiled, validated: true }];
  } else {
    // The YAML parser is loaded only when a YAML file must be read: most runs use the precompiled catalog.
    const { parseYamlSource } = await import('../input/yaml.js');
    layers = files.map(({ path, file }) => ({ file, value: parseYamlSource(readInputFile(path, 'catalog'), file).value, validated: false }));
  }
  const validate: CatalogValidator = layers.every((layer) => layer.validated)
    ? () => {
        throw new Error('internal: a validated catalog was validated again');
      }
    : await catalogValidator();
  const build = buildCatalog(layers, options.discount ?? 0, validate);
  if (!build.ok) {
    // Locating the problem needs node positions: parse the files again, on the error path only.
    const { parseYamlSource, toInputError } = await import('../input/yaml.js');
    throw toInputError(build.error, files.map(({ path, file }) => parseYamlSource(readInputFile(path, 'catalog'), file)));
  }
  const loaded = build.loaded;
  const ageDays = catalogAgeDays(loaded.catalog.asOf, io.today);
  if (ageDays * 86_400 > options.maxCatalogAge) {
    io.stderr(
      `warning: the price catalog ${loaded.catalog.name} is dated ${loaded.catalog.asOf}, ${ageDays} days ago (over ${formatDuration(options.maxCatalogAge)}); prices may have changed. Layer newer prices with --catalog, or raise --max-catalog-age.\n`,
    );
  }
  return loaded;
}

export function catalogInfo(loaded: LoadedCatalog): CatalogInfo {
  return {
    name: loaded.catalog.name,
    asOf: loaded.catalog.asOf,
    files: loaded.files,
    overrides: loaded.overrides,
    discount: loaded.discount,
  };
}

export function renderOptions(options: CommonOptions, io: CliIo, toolVersion: string): RenderOptions {
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  const color = options.color && io.stdoutIsTTY && (io.env.NO_COLOR ?? '') === '';
  return { color, toolVersion };
}

/** The catalog schema's validator, loaded only when a catalog must be validated (a user's file). */
async function catalogValidator(): Promise<CatalogValidator> {
  const { CatalogSchema } = await import('../catalog/schema.js');
  return (value) => CatalogSchema.safeParse(value, { reportInput: true });
}
