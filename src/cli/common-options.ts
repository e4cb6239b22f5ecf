// Options every command takes: which catalog, a discount, how old a catalog may be, the output format.
import { describeRange, LIMITS, within } from '../input/limits.js';
import { Option, type Command } from 'commander';
import * as z from 'zod';
import { BUNDLED_CATALOG_FILE } from '../catalog/bundled.js';
import type { LoadedCatalog } from '../catalog/load.js';
import { DurationSchema, PercentSchema } from '../input/unit-schemas.js';
import { FORMATS } from '../render/index.js';
import type { CatalogInfo } from '../render/report.js';
import type { RenderOptions } from '../render/options.js';
import { renderWarning } from '../render/warnings.js';
import { readCatalogFiles } from './catalog-files.js';
import type { CliIo } from './io.js';

const DEFAULT_MAX_CATALOG_AGE = '120d';

/** Adds the options every command takes; a command with formats of its own (sweep) passes them. */
export function addCommonOptions(command: Command, formats: readonly string[] = FORMATS, defaultFormat = 'table'): Command {
  return command
    .option('--catalog <file>', 'layer a catalog file over the bundled one (repeatable; later files win)', collect, [])
    .option('--discount <percent>', `flat discount on GPU compute prices, e.g. 12%; ${describeRange(LIMITS.discount)}`)
    .option('--max-catalog-age <duration>', 'warn when the catalog is older than this', DEFAULT_MAX_CATALOG_AGE)
    .addOption(new Option('--format <format>', 'output format').choices(formats).default(defaultFormat))
    .option(WIDE_FLAG, WIDE_HELP, false)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR works too)');
}

/** --wide, for every command with a table. */
export const WIDE_FLAG = '--wide';
export const WIDE_HELP = "tables with every column, however wide (by default they fit the terminal's width, or COLUMNS)";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export const CommonOptionsSchema = z.object({
  catalog: z.array(z.string()),
  discount: within(PercentSchema, 'discount').optional(),
  maxCatalogAge: DurationSchema,
  format: z.enum(FORMATS),
  wide: z.boolean(),
  color: z.boolean(),
});
export type CommonOptions = z.output<typeof CommonOptionsSchema>;

/** Loads the bundled catalog and the user's layers, warning on stderr when it is older than allowed. */
export async function loadCatalogForRun(options: CommonOptions, io: CliIo): Promise<LoadedCatalog> {
  const policy = { discount: options.discount ?? 0, today: io.today, maxAgeS: options.maxCatalogAge };
  const { loaded, warnings } = await readCatalogFiles(options.catalog, io.cwd, policy);
  for (const warning of warnings) io.stderr(`warning: ${renderWarning(warning)}\n`);
  return loaded;
}

/** How every output names the bundled catalog: by its name, never by where the package is installed. */
export const BUNDLED_CATALOG_NAME = `bundled:${BUNDLED_CATALOG_FILE}`;

/** The catalog as outputs name it: the bundled file (always the first layer) by its name, the user's files as given. */
export function catalogInfo(loaded: LoadedCatalog): CatalogInfo {
  return {
    name: loaded.catalog.name,
    asOf: loaded.catalog.asOf,
    files: loaded.files.map((file, index) => (index === 0 ? BUNDLED_CATALOG_NAME : file)),
    overrides: loaded.overrides,
    discount: loaded.discount,
  };
}

/**
 * Colour and the width tables fit, for stdout: a result written to a file (--output) gets neither, and
 * --wide (or a stdout with no width: a pipe without COLUMNS) the full table.
 */
export function renderOptions(options: { color: boolean; wide: boolean; output?: string | undefined }, io: CliIo, toolVersion: string): RenderOptions {
  const toStdout = options.output === undefined;
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  const color = options.color && toStdout && io.stdoutIsTTY && (io.env.NO_COLOR ?? '') === '';
  const width = options.wide || !toStdout ? null : io.stdoutColumns;
  return { color, toolVersion, ...(width === null ? {} : { width }) };
}
