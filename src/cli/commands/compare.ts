import { Command } from 'commander';
import { compareAssumptions } from '../../decisions/compare-assumptions.js';
import { compareOptions } from '../../decisions/compare.js';
import { trafficAssumption, workloadOf } from '../../decisions/workload.js';
import { InputError } from '../../input/error.js';
import { render } from '../../render/index.js';
import { compareReport } from '../../render/reports/compare.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import { addComparisonOptions, addRankingOptions, ComparisonFlagsSchema, comparisonEndpointOptions, podTermsOf, RankingFlagsSchema } from '../comparison-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';
import { endpointFromFlags, inFlagTerms } from '../resolve-endpoint.js';
import { runOf } from '../simulation-options.js';

const CompareOptionsSchema = CommonOptionsSchema.extend(ComparisonFlagsSchema.shape).extend(RankingFlagsSchema.shape);
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
  runpod-plan compare --gpu rtx4090 --requests-per-day 10 --exec 4s --active-rate '$0.44/h' --format markdown
  runpod-plan compare --gpu rtx4090 --requests-per-day 50k --exec 4s --pod-target-utilization 60% --precision 0.5% --seed 7
  runpod-plan compare --gpu rtx4090 --requests-per-day 5000 --exec 4s --fast
  runpod-plan compare --gpu rtx4090 --requests-per-day 100 --exec 1m --max-failed-share 0%`,
    );
  ENDPOINT.addTo(command);
  addComparisonOptions(command);
  addRankingOptions(command);
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(CompareOptionsSchema, raw);
    const target = options.podTargetUtilization;
    if (!(target > 0 && target <= 1)) throw new InputError(`expected a share above 0% and at most 100%, got ${String((raw as { podTargetUtilization?: unknown }).podTargetUtilization)}`, { flag: '--pod-target-utilization' });
    const loaded = await loadCatalogForRun(options, context.io);
    const method = options.fast ? 'analytic' : 'sim';
    const run = runOf({ precision: options.precision, seed: options.seed, method, month: options.month, maxRequests: options.maxRequests });
    const { endpoint } = await endpointFromFlags(loaded.catalog, ENDPOINT, raw, run, context.io.cwd);
    const workload = inFlagTerms(ENDPOINT, () => workloadOf(loaded.catalog, endpoint, podTermsOf(options)));
    const comparison = compareOptions(loaded.catalog, { endpoint, workload, podTargetUtilization: target, method, maxFailedShare: options.maxFailedShare });
    const traffic = trafficAssumption(endpoint);
    const report = compareReport(comparison, { poolId: endpoint.gpu.poolId, rate: traffic.values, execS: workload.execS }, catalogInfo(loaded), [
      traffic,
      ...compareAssumptions(endpoint, workload, comparison),
    ]);
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}
