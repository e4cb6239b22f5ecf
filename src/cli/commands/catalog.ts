// `catalog` (show, the default), `catalog refresh` and `catalog diff`. Refresh and diff load their
// code when they run, so `catalog` and every other command start without the HTTP client.
import { Command, Option } from 'commander';
import * as z from 'zod';
import { DurationSchema, PercentSchema } from '../../input/unit-schemas.js';
import { InputError } from '../../input/error.js';
import { FORMATS, render } from '../../render/index.js';
import { catalogReport } from '../../render/reports/catalog.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions, WIDE_FLAG, WIDE_HELP } from '../common-options.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { writeResult } from '../output.js';
import { parseFlags } from '../parse-flags.js';

export function catalogCommand(context: CliContext): Command {
  const command = new Command('catalog')
    .description("the price catalog: show it (the default), refresh prices from RunPod's API, or diff two catalogs")
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan catalog                                   the catalog's date, rules and sources (catalog show)
  runpod-plan catalog refresh --output pricing/runpod-2026-11-23.yaml
  runpod-plan catalog diff bundled pricing/runpod-2026-11-23.yaml --format markdown`,
    );
  command.addCommand(showCommand(context), { isDefault: true });
  command.addCommand(refreshCommand(context));
  command.addCommand(diffCommand(context));
  return command;
}

function showCommand(context: CliContext): Command {
  const command = new Command('show')
    .description("show the price catalog's date, billing rules, defaults, limits and sources")
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan catalog
  runpod-plan catalog --catalog my-rates.yaml --format json | jq .catalog`,
    );
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(CommonOptionsSchema, raw);
    const loaded = await loadCatalogForRun(options, context.io);
    const report = catalogReport(loaded.catalog, catalogInfo(loaded));
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}

const RefreshOptionsSchema = z.object({
  apiUrl: z.string().optional(),
  output: z.string().optional(),
  timeout: DurationSchema,
  retryDelay: DurationSchema,
});

const ONE_DAY_S = 86_400;

function refreshCommand(context: CliContext): Command {
  return new Command('refresh')
    .description("read RunPod's current GPU prices (REST API v2, GET /v2/catalog/gpus) into a dated catalog layer for --catalog")
    .option('--api-url <url>', 'the API to call (default https://api.runpod.io; also RUNPOD_API_URL)')
    .option('--output <file>', 'where to write the layer, atomically (default runpod-YYYY-MM-DD.yaml, today)')
    .option('--timeout <duration>', 'most one request may take, from connecting to the last byte of the body', '30s')
    .option('--retry-delay <duration>', 'wait before the first of 3 retries on HTTP 429 or 5xx, doubled before each next one', '1s')
    .addHelpText(
      'after',
      `
The API key is read from RUNPOD_API_KEY only (never a flag) and never printed or written. The layer sets
each serverless pool's flex rate (the API's USD per GPU-hour / 3600, unrounded) with no active rate (active
workers bill at the flex rate), and each GPU's VRAM and pod Secure and Community prices, every figure with
the URL called and today's date. Pools and GPUs the response lacks keep the bundled figures (a warning
names the pools). The layer is checked merged over the bundled catalog before it is written.

Retries: up to 3 (4 requests) on HTTP 429 and 5xx, waiting --retry-delay, then twice and four times that,
or the server's Retry-After (at most 60 s). Redirects are refused (the key goes nowhere else). An http://
URL is accepted for 127.0.0.1, [::1] and localhost only.

Exit codes: 0 written; 2 nothing written (no key, network failure, timeout, HTTP 401/403/404/429/5xx, a
malformed, empty or partial response, a layer that does not validate), a previous file at --output intact.

Examples:
  RUNPOD_API_KEY=... runpod-plan catalog refresh --output pricing/runpod-2026-11-23.yaml
  runpod-plan catalog diff bundled pricing/runpod-2026-11-23.yaml
  runpod-plan gpus --catalog pricing/runpod-2026-11-23.yaml`,
    )
    .action(async (raw: unknown) => {
      const options = parseFlags(RefreshOptionsSchema, raw);
      if (!(options.timeout > 0 && options.timeout <= ONE_DAY_S)) throw new InputError('expected a timeout above 0 s and at most 1d', { flag: '--timeout' });
      if (!(options.retryDelay <= ONE_DAY_S)) throw new InputError('expected a delay of at most 1d', { flag: '--retry-delay' });
      const { refreshCatalog } = await import('../catalog-refresh.js');
      const { renderRefreshSummary, renderRefreshWarning } = await import('../../render/reports/catalog-refresh.js');
      const outcome = await refreshCatalog(
        { apiUrl: options.apiUrl, output: options.output, timeoutS: options.timeout, retryDelayS: options.retryDelay, userAgent: `runpod-plan/${context.version}` },
        context.io,
      );
      for (const warning of outcome.result.warnings) context.io.stderr(`warning: ${renderRefreshWarning(warning)}\n`);
      context.io.stdout(`${renderRefreshSummary(outcome.result, outcome.file, outcome.source, outcome.attempts)}\n`);
    });
}

const DiffOptionsSchema = z.object({
  failOnChange: PercentSchema.optional(),
  format: z.enum(FORMATS),
  wide: z.boolean(),
  color: z.boolean(),
  output: z.string().optional(),
});

function diffCommand(context: CliContext): Command {
  return new Command('diff')
    .argument('<old>', 'a catalog file (layered over the bundled catalog), or "bundled"')
    .argument('<new>', 'a catalog file (layered over the bundled catalog), or "bundled"')
    .description('what changed between two catalogs: per pool and GPU, old and new price per GPU-hour, change in %; added, removed and moved')
    .option('--fail-on-change <percent>', 'exit 1 when a price moved more than this, e.g. 5% (added, removed or moved counts as beyond any limit)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option(WIDE_FLAG, WIDE_HELP, false)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR works too)')
    .option('--output <file>', 'write the result to a file, atomically')
    .addHelpText(
      'after',
      `
Serverless flex and active prices and pod Secure and Community prices, all in USD per GPU-hour (serverless
per second x 3600). A pool without an active price bills active workers at its flex rate, and its active
row shows that rate. A file is merged over the bundled catalog first, as --catalog merges it; a file
named "bundled" is written ./bundled.

Exit codes: 0 fine; 1 --fail-on-change caught a change beyond its limit (the report is still printed);
2 bad input.

Examples:
  runpod-plan catalog diff bundled pricing/runpod-2026-11-23.yaml
  runpod-plan catalog diff pricing/runpod-2026-10-05.yaml pricing/runpod-2026-11-23.yaml --format markdown --fail-on-change 5%`,
    )
    .action(async (oldArg: string, newArg: string, raw: unknown) => {
      const options = parseFlags(DiffOptionsSchema, raw);
      const { changesBeyond, diffCatalogs } = await import('../../catalog/diff.js');
      const { catalogDiffReport } = await import('../../render/reports/catalog-diff.js');
      const old = await loadSide(oldArg, context.io);
      const current = await loadSide(newArg, context.io);
      const diff = diffCatalogs(old.catalog, current.catalog);
      let limit: { limit: number; beyond: number } | undefined;
      if (options.failOnChange !== undefined) {
        const beyond = changesBeyond(diff, options.failOnChange);
        limit = { limit: options.failOnChange, beyond: beyond.changes.length + beyond.moves.length };
      }
      const side = (arg: string, loaded: typeof old) => ({ label: arg, name: loaded.catalog.name, asOf: loaded.catalog.asOf });
      const report = catalogDiffReport(diff, side(oldArg, old), side(newArg, current), catalogInfo(current), limit);
      writeResult(render(report, options.format, renderOptions(options, context.io, context.version)), options.output, context.io);
      if (limit !== undefined && limit.beyond > 0) context.exitCode = EXIT.checkFailed;
    });
}

/** A side of a diff: the bundled catalog, or a file layered over it (no age warning: old catalogs are the point). */
async function loadSide(arg: string, io: CliIo) {
  const { readCatalogFiles } = await import('../catalog-files.js');
  const { loaded } = await readCatalogFiles(arg === 'bundled' ? [] : [arg], io.cwd, { discount: 0, today: io.today, maxAgeS: Number.POSITIVE_INFINITY });
  return loaded;
}
