import { Command } from 'commander';
import * as z from 'zod';
import { InputError } from '../../input/error.js';
import { CountSchema, DurationSchema, NumberSchema, WholeNumberSchema } from '../../input/unit-schemas.js';
import { DEFAULT_MONTH_HOURS } from '../../model/line-items.js';
import { compareStrategies, evaluateStrategy, findColdStartIssues, pickStrategy, type StrategyTraffic } from '../../decisions/weight-strategies.js';
import { render } from '../../render/index.js';
import { coldStartReport } from '../../render/reports/coldstart.js';
import { ColdStartFlagsSchema, imageFor, resolveColdStart } from '../../endpoint/cold-start-setup.js';
import { addColdStartOptions } from '../cold-start-options.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';
import { resolveGpu } from '../../endpoint/resolve-gpu.js';

const ColdStartOptionsSchema = CommonOptionsSchema.extend(ColdStartFlagsSchema.shape).extend({
  gpu: z.string().optional(),
  gpuCount: WholeNumberSchema,
  compareStrategies: z.boolean(),
  requestsPerDay: CountSchema.optional(),
  rps: NumberSchema.optional(),
  exec: DurationSchema.optional(),
  idleTimeout: DurationSchema.optional(),
  maxWorkers: WholeNumberSchema.optional(),
  month: DurationSchema,
});

const SECONDS_PER_DAY = 86_400;

export function coldstartCommand(context: CliContext): Command {
  const command = new Command('coldstart')
    .description('a cold start phase by phase (which seconds are billed), and where to keep the weights')
    .option('--gpu <name>', 'GPU class or model: ADA_24, "24 GB PRO", rtx4090, "H100 SXM"')
    .option('--gpu-count <n>', 'GPUs per worker', '1')
    .option('--compare-strategies', 'the four places for the weights side by side: image, network volume, download, cached model', false)
    .option('--requests-per-day <count>', 'traffic, to price each strategy per month, e.g. 1000')
    .option('--rps <number>', 'traffic as requests per second')
    .option('--exec <duration>', 'mean execution time of one request (with traffic)')
    .option('--idle-timeout <duration>', "how long a worker stays up after its last job (default: the catalog's, 5s)")
    .option('--max-workers <n>', "most flex workers (default: the catalog's, 3)")
    .option('--month <duration>', 'the month length: 730h (default) or 720h', `${DEFAULT_MONTH_HOURS}h`)
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan coldstart --gpu rtx4090 --model sdxl-base --image 2GB --weights-from network-volume
  runpod-plan coldstart --gpu rtx4090 --model sdxl-base --image 2GB --baked-image 15GB --compare-strategies --requests-per-day 1000 --exec 4s
  runpod-plan coldstart --gpu "H100 SXM" --params 8B --dtype bf16 --image 6GB --weights-from download --warmup 30s
  runpod-plan coldstart --gpu a100 --model llama-3.1-8b --image 8GB --flashboot-hit 80% --format json`,
    );
  addColdStartOptions(command);
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(ColdStartOptionsSchema, raw);
    const loaded = await loadCatalogForRun(options, context.io);
    const { catalog } = loaded;
    if (options.gpu === undefined) throw new InputError('required: the GPU class or model, e.g. --gpu rtx4090', { flag: '--gpu' });
    const gpu = resolveGpu(catalog, options.gpu, '--gpu');
    if (options.gpuCount < 1) throw new InputError('expected at least 1 GPU', { flag: '--gpu-count' });
    const setup = await resolveColdStart(catalog, options, options.gpuCount, 'image');
    const traffic = resolveTraffic(options, catalog.defaults.idleTimeoutS.value, catalog.defaults.maxWorkers.value);
    const pricing = {
      flexUsdPerSecond: gpu.pool.flexUsdPerSecond,
      gpuCount: options.gpuCount,
      restoreBilled: catalog.billing.serverless.billedPhases.flashbootRestore,
      restoreS: setup.restoreS,
      hitRate: setup.flashbootHitRate,
    };
    const chosen = evaluateStrategy(catalog, setup.input, pricing, traffic);
    const strategies = options.compareStrategies ? compareStrategies(catalog, setup.input, (source) => imageFor(setup, source), pricing, traffic) : null;
    const findings = findColdStartIssues(catalog, strategies ?? [chosen], setup.weightsGB, gpu.pool.vramGB * options.gpuCount, catalog.defaults.vramHeadroom.value);
    const assumptions = [
      { key: 'gpu', value: gpu.poolId, text: `GPU class ${gpu.poolId} (${gpu.pool.label}), ${options.gpuCount} GPU(s) per worker, flex rate per GPU.` },
      ...setup.assumptions,
      ...(traffic === null
        ? []
        : [{ key: 'traffic', value: traffic.requestsPerSecond * SECONDS_PER_DAY, text: `Traffic: ${Math.round(traffic.requestsPerSecond * SECONDS_PER_DAY)} requests/day of ${traffic.execS}s, idle timeout ${traffic.idleTimeoutS}s, up to ${traffic.maxWorkers} flex workers, Poisson arrivals.` }]),
    ];
    const report = coldStartReport(
      {
        chosen,
        strategies,
        winner: strategies === null ? undefined : pickStrategy(strategies),
        findings,
        usdPerBilledSecond: gpu.pool.flexUsdPerSecond * options.gpuCount,
        title: `Cold start on ${gpu.poolId}, weights ${setup.weightsLabel}`,
      },
      catalogInfo(loaded),
      assumptions,
    );
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}

function resolveTraffic(options: z.output<typeof ColdStartOptionsSchema>, defaultIdleS: number, defaultMaxWorkers: number): StrategyTraffic | null {
  if (options.requestsPerDay !== undefined && options.rps !== undefined) throw new InputError('give one of --requests-per-day or --rps', { flag: '--rps' });
  const requestsPerSecond = options.requestsPerDay !== undefined ? options.requestsPerDay / SECONDS_PER_DAY : options.rps;
  if (requestsPerSecond === undefined) return null;
  if (options.exec === undefined || options.exec <= 0) throw new InputError('required with traffic: the mean execution time, e.g. --exec 4s', { flag: '--exec' });
  const maxWorkers = options.maxWorkers ?? defaultMaxWorkers;
  if (maxWorkers < 1) throw new InputError('expected at least 1 worker', { flag: '--max-workers' });
  return { requestsPerSecond, execS: options.exec, idleTimeoutS: options.idleTimeout ?? defaultIdleS, maxWorkers, monthHours: options.month / 3600 };
}
