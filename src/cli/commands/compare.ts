import { Command } from 'commander';
import { compareOptions } from '../../decisions/compare.js';
import { trafficAssumption, workloadAssumptions, workloadOf } from '../../decisions/workload.js';
import { render } from '../../render/index.js';
import { compareReport } from '../../render/reports/compare.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import { addComparisonOptions, ComparisonFlagsSchema, comparisonEndpointOptions, podTermsOf } from '../comparison-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';
import { endpointFromFlags, inFlagTerms } from '../resolve-endpoint.js';
import { runOf } from '../simulation-options.js';

const CompareOptionsSchema = CommonOptionsSchema.extend(ComparisonFlagsSchema.shape);
const ENDPOINT = comparisonEndpointOptions(true);

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
  ENDPOINT.addTo(command);
  addComparisonOptions(command);
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(CompareOptionsSchema, raw);
    const loaded = await loadCatalogForRun(options, context.io);
    const run = runOf({ precision: options.precision, seed: options.seed, method: options.fast ? 'analytic' : 'sim', month: options.month });
    const { endpoint } = await endpointFromFlags(loaded.catalog, ENDPOINT, raw, run, context.io.cwd);
    const workload = inFlagTerms(ENDPOINT, () => workloadOf(loaded.catalog, endpoint, podTermsOf(options)));
    const traffic = trafficAssumption(endpoint);
    const report = compareReport(
      compareOptions(loaded.catalog, workload),
      { poolId: endpoint.gpu.poolId, rate: traffic.values, execS: workload.execS },
      catalogInfo(loaded),
      [traffic, ...workloadAssumptions(endpoint, workload)],
    );
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}
