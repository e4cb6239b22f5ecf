import { Command } from 'commander';
import { render } from '../../render/index.js';
import { catalogReport } from '../../render/reports/catalog.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';

export function catalogCommand(context: CliContext): Command {
  const command = new Command('catalog')
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
