import { Command } from 'commander';
import { formatDuration } from '../../input/units.js';
import { compareOptions } from '../../decisions/compare.js';
import { render } from '../../render/index.js';
import { compareReport } from '../../render/reports/compare.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';
import { addWorkloadOptions, resolveWorkload, trafficRate, WorkloadFlagsSchema } from '../workload-options.js';

const CompareOptionsSchema = CommonOptionsSchema.extend(WorkloadFlagsSchema.shape);

export function compareCommand(context: CliContext): Command {
  const command = new Command('compare')
    .description('price one workload as serverless flex, flex + active workers, and pods (Secure, Community)')
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan compare --gpu rtx4090 --requests-per-day 500 --exec 4s
  runpod-plan compare --gpu rtx4090 --requests-per-day 50k --exec 4s --month 720h
  runpod-plan compare --gpu "A100 SXM" --utilization 40% --exec 2s --pod-rate '$1.89/h' --savings-plan 20%
  runpod-plan compare --gpu rtx4090 --requests-per-day 10 --exec 4s --active-rate '$0.44/h' --format markdown`,
    );
  addWorkloadOptions(command, true);
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(CompareOptionsSchema, raw);
    const loaded = await loadCatalogForRun(options, context.io);
    const execS = options.exec ?? 0;
    const { requestsPerSecond, text } = trafficRate(options, execS > 0 ? execS : 1);
    const { workload, assumptions } = await resolveWorkload(loaded.catalog, options, requestsPerSecond);
    assumptions.unshift({ key: 'requestsPerSecond', value: requestsPerSecond, text: `Traffic: ${text}.` });
    const title = `Monthly cost on ${workload.gpu.poolId}: ${text.replace(/, Poisson arrivals$/, '')}, ${formatDuration(workload.execS)} each`;
    const report = compareReport(compareOptions(loaded.catalog, workload), catalogInfo(loaded), assumptions, title);
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}
