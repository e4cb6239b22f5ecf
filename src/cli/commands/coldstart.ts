import { Command } from 'commander';
import * as z from 'zod';
import { coldStartAssumptions, compareStrategies, evaluateStrategy, findColdStartIssues, pickStrategy, simulatedFlexMonth, strategyTrafficOf } from '../../decisions/weight-strategies.js';
import { imageFor, resolveColdStartModel } from '../../endpoint/cold-start.js';
import { InputError } from '../../input/error.js';
import { DurationSchema } from '../../input/unit-schemas.js';
import { DEFAULT_MONTH_HOURS } from '../../model/line-items.js';
import { weightsLabel } from '../../render/assumptions.js';
import { render } from '../../render/index.js';
import { coldStartReport } from '../../render/reports/coldstart.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { COLD_START_MODEL_FLAGS, EndpointOptions } from '../endpoint-options.js';
import { readColdStartData } from '../endpoint-files.js';
import { parseFlags } from '../parse-flags.js';
import { endpointFromFlags, inFlagTerms } from '../resolve-endpoint.js';
import { DEFAULT_RUN, runOf } from '../simulation-options.js';

const ColdStartOptionsSchema = CommonOptionsSchema.extend({ compareStrategies: z.boolean(), month: DurationSchema });

// The endpoint's flags: the cold-start model's, and the traffic the strategies may be priced for.
const ENDPOINT = new EndpointOptions(['gpu', 'gpuCount', 'requestsPerDay', 'rps', 'exec', 'idleTimeout', 'maxWorkers', ...COLD_START_MODEL_FLAGS], {
  exec: { description: 'mean execution time of one request (with traffic)' },
});
// Without traffic the endpoint is still resolved (and checked like any other) at none.
const NO_TRAFFIC = { 'traffic.rps': 0, 'execution.mean': '1s' };

export function coldstartCommand(context: CliContext): Command {
  const command = new Command('coldstart')
    .description('a cold start phase by phase (which seconds are billed), and where to keep the weights')
    .option('--compare-strategies', 'the four places for the weights side by side: image, network volume, download, cached model', false)
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan coldstart --gpu rtx4090 --model sdxl-base --image 2GB --weights-from network-volume
  runpod-plan coldstart --gpu rtx4090 --model sdxl-base --image 2GB --baked-image 15GB --compare-strategies --requests-per-day 1000 --exec 4s
  runpod-plan coldstart --gpu "H100 SXM" --params 8B --dtype bf16 --image 6GB --weights-from download --warmup 30s
  runpod-plan coldstart --gpu a100 --model llama-3.1-8b --image 8GB --flashboot-hit 80% --format json`,
    );
  ENDPOINT.addTo(command);
  command.option('--month <duration>', 'the month length: 730h (default) or 720h', `${DEFAULT_MONTH_HOURS}h`);
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(ColdStartOptionsSchema, raw);
    const loaded = await loadCatalogForRun(options, context.io);
    const { catalog } = loaded;
    const flags = raw as { requestsPerDay?: string; rps?: string; exec?: string };
    const hasTraffic = flags.requestsPerDay !== undefined || flags.rps !== undefined;
    if (hasTraffic && flags.exec === undefined) throw new InputError('required with traffic: the mean execution time, e.g. --exec 4s', { flag: '--exec' });
    const run = runOf({ precision: DEFAULT_RUN.precision, seed: DEFAULT_RUN.seed, method: 'analytic', month: options.month });
    const { spec, endpoint } = await endpointFromFlags(catalog, ENDPOINT, raw, run, context.io.cwd, hasTraffic ? {} : NO_TRAFFIC);
    const data = await readColdStartData(spec);
    const { setup, traffic } = inFlagTerms(ENDPOINT, () => ({
      setup: resolveColdStartModel(catalog, spec, spec.gpuCount, 'image', data.presets, ENDPOINT),
      traffic: hasTraffic ? strategyTrafficOf(endpoint) : null,
    }));
    const pricing = {
      flexUsdPerSecond: endpoint.prices.flexUsdPerSecond,
      gpuCount: spec.gpuCount,
      restoreBilled: catalog.billing.serverless.billedPhases.flashbootRestore,
      restoreS: setup.restoreS,
      hitRate: setup.flashbootHitRate,
    };
    const flexMonth = traffic === null ? null : simulatedFlexMonth(endpoint);
    const chosen = evaluateStrategy(catalog, setup.input, pricing, flexMonth);
    const strategies = options.compareStrategies ? compareStrategies(catalog, setup.input, (source) => imageFor(setup, source), pricing, flexMonth) : null;
    const findings = findColdStartIssues(catalog, strategies ?? [chosen], setup.weightsGB, endpoint.gpu.pool.vramGB * spec.gpuCount, catalog.defaults.vramHeadroom.value);
    const report = coldStartReport(
      {
        chosen,
        strategies,
        winner: strategies === null ? undefined : pickStrategy(strategies),
        findings,
        usdPerBilledSecond: endpoint.prices.flexUsdPerSecond * spec.gpuCount,
        title: `Cold start on ${endpoint.gpu.poolId}, weights ${weightsLabel(setup.weights)}`,
      },
      catalogInfo(loaded),
      coldStartAssumptions(endpoint, setup, traffic),
    );
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}
