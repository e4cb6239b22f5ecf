import { Command, Option } from 'commander';
import * as z from 'zod';
import { listPodGpus, listPools, SORT_KEYS } from '../../catalog/list.js';
import { PercentSchema, SizeSchema } from '../../input/unit-schemas.js';
import { render } from '../../render/index.js';
import type { Assumption } from '../../render/report.js';
import { podsReport, poolsReport } from '../../render/reports/gpus.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';
import { resolveGpu } from '../../catalog/lookup.js';

const GpusOptionsSchema = CommonOptionsSchema.extend({
  minVram: SizeSchema.optional(),
  fits: SizeSchema.optional(),
  headroom: PercentSchema.optional(),
  sort: z.enum(SORT_KEYS),
  pods: z.boolean(),
});

export function gpusCommand(context: CliContext): Command {
  const command = new Command('gpus')
    .description('list GPU price classes: serverless flex and active rates, pod prices, VRAM')
    .argument('[gpu]', 'show only this GPU or class: a pool id (ADA_24), a console label ("24 GB PRO") or a GPU name (rtx4090)')
    .option('--min-vram <size>', 'only GPUs with at least this much VRAM, e.g. 24GB')
    .option('--fits <size>', 'only GPUs whose VRAM holds weights of this size plus the headroom, e.g. 16GB')
    .option('--headroom <percent>', "headroom over the weights for --fits (default: the catalog's, 20%)")
    .addOption(new Option('--sort <key>', 'sort by').choices(SORT_KEYS).default('vram'))
    .option('--pods', 'list each GPU with its pod Secure and Community prices instead of serverless classes', false)
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan gpus
  runpod-plan gpus rtx4090
  runpod-plan gpus --fits 16GB --sort flex
  runpod-plan gpus --pods --min-vram 80GB --format markdown`,
    );
  addCommonOptions(command).action(async (gpu: string | undefined, raw: unknown) => {
    const options = parseFlags(GpusOptionsSchema, raw);
    const loaded = await loadCatalogForRun(options, context.io);
    const match = gpu === undefined ? undefined : resolveGpu(loaded.catalog, gpu);
    const headroom = options.headroom ?? loaded.catalog.defaults.vramHeadroom.value;
    const filter = {
      headroom,
      ...(options.minVram === undefined ? {} : { minVramGB: options.minVram }),
      ...(options.fits === undefined ? {} : { fitsGB: options.fits }),
    };
    const assumptions: Assumption[] = [];
    if (options.minVram !== undefined) {
      assumptions.push({ key: 'minVramGB', value: options.minVram, id: 'gpus.minVram', values: { minVramGB: options.minVram } });
    }
    if (options.fits !== undefined) {
      assumptions.push({ key: 'fitsGB', value: options.fits, id: 'gpus.fits', values: { fitsGB: options.fits, headroom } });
    }
    const info = catalogInfo(loaded);
    // A GPU named by model narrows the pod list to it; by class, to the class's GPUs.
    const inMatch = (poolId: string | null, gpuName?: string) =>
      match === undefined || (poolId === match.poolId && (match.gpuName === undefined || gpuName === undefined || gpuName === match.gpuName));
    const report = options.pods
      ? podsReport(listPodGpus(loaded.catalog, filter, options.sort).filter((row) => inMatch(row.poolId, row.gpu)), info, assumptions)
      : poolsReport(listPools(loaded.catalog, filter, options.sort).filter((row) => inMatch(row.poolId)), info, assumptions, loaded.catalog.billing.serverless.activeWorkers.effective);
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}
