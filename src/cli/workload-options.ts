// Flags that describe a workload, shared by `compare` and `breakeven`: the GPU, the traffic, the endpoint's
// settings, price overrides and storage. Defaults come from the catalog and are reported as assumptions.
import type { Command } from 'commander';
import * as z from 'zod';
import type { GpuMatch } from '../catalog/lookup.js';
import type { Catalog } from '../catalog/schema.js';
import { InputError } from '../input/error.js';
import { CountSchema, DurationSchema, NumberSchema, PercentSchema, RateSchema, SizeSchema, WholeNumberSchema } from '../input/unit-schemas.js';
import { estimateColdStart, mixFlashBoot } from '../model/cold-start.js';
import { DEFAULT_MONTH_HOURS } from '../model/line-items.js';
import { formatDuration, formatPercent, formatSize } from '../input/units.js';
import { chooseActiveRate, choosePodGpu, type Workload } from '../endpoint/workload.js';
import { formatNumber, formatPrice } from '../render/number-format.js';
import type { Assumption } from '../render/report.js';
import { ColdStartFlagsSchema, resolveColdStart, usesColdStartModel } from '../endpoint/cold-start-setup.js';
import { addColdStartOptions } from './cold-start-options.js';
import { resolveGpu } from '../endpoint/resolve-gpu.js';

/** Adds the workload flags; `traffic` is false for commands that sweep the traffic themselves. */
export function addWorkloadOptions(command: Command, traffic: boolean): Command {
  command.option('--gpu <name>', 'GPU class or model: ADA_24, "24 GB PRO", rtx4090, "H100 SXM"').option('--gpu-count <n>', 'GPUs per worker or pod', '1');
  if (traffic) {
    command
      .option('--requests-per-day <count>', 'traffic as requests per day, e.g. 50000 or 50k')
      .option('--rps <number>', 'traffic as requests per second, e.g. 0.5')
      .option('--utilization <percent>', 'traffic as the busy share of one GPU, e.g. 40%');
  }
  command
    .option('--exec <duration>', 'mean execution time of one request, e.g. 4s')
    .option('--idle-timeout <duration>', "how long a flex worker stays up after its last job (default: the catalog's, 5s)")
    .option('--active <n>', 'always-on workers in the "flex + active" option', '1')
    .option('--max-workers <n>', "most flex workers the endpoint may run (default: the catalog's, 3)")
    .option('--cold-start <duration>', 'a whole cold start (default: container start + framework import + CUDA context from the catalog)')
    .option('--cold-start-billed <duration>', 'the billed part of --cold-start (default: all of it)')
    .option('--active-rate <price>', 'your active-worker price per GPU, e.g. $0.44/h (default: the catalog\'s)')
    .option('--pod-rate <price>', 'your pod Secure price per GPU, e.g. $1.89/h (default: the catalog\'s)')
    .option('--savings-plan <percent>', 'add a pod option with this savings-plan discount, e.g. 20%')
    .option('--container-disk <size>', 'pod container disk per pod, e.g. 20GB', '0GB')
    .option('--volume-disk <size>', 'pod volume disk per pod, e.g. 50GB', '0GB')
    .option('--network-volume <size>', 'network volume the serverless options pay for (weights), e.g. 50GB', '0GB')
    .option('--month <duration>', 'the month length: 730h (default, 365 days / 12) or 720h (30 days)', `${DEFAULT_MONTH_HOURS}h`);
  // The cold-start model's flags: with any of them the cold start is computed, not taken from --cold-start.
  return addColdStartOptions(command);
}

export const WorkloadFlagsSchema = ColdStartFlagsSchema.extend({
  gpu: z.string().optional(),
  gpuCount: WholeNumberSchema,
  requestsPerDay: CountSchema.optional(),
  rps: NumberSchema.optional(),
  utilization: PercentSchema.optional(),
  exec: DurationSchema.optional(),
  idleTimeout: DurationSchema.optional(),
  active: WholeNumberSchema,
  maxWorkers: WholeNumberSchema.optional(),
  coldStart: DurationSchema.optional(),
  coldStartBilled: DurationSchema.optional(),
  activeRate: RateSchema.optional(),
  podRate: RateSchema.optional(),
  savingsPlan: PercentSchema.optional(),
  containerDisk: SizeSchema,
  volumeDisk: SizeSchema,
  networkVolume: SizeSchema,
  month: DurationSchema,
});
export type WorkloadFlags = z.output<typeof WorkloadFlagsSchema>;

const SECONDS_PER_DAY = 86_400;

/** The requests per second the flags describe; exactly one traffic flag must be given. */
export function trafficRate(flags: WorkloadFlags, execS: number): { requestsPerSecond: number; text: string } {
  const given = [flags.requestsPerDay, flags.rps, flags.utilization].filter((value) => value !== undefined).length;
  if (given !== 1) {
    throw new InputError(`give exactly one of --requests-per-day, --rps or --utilization (got ${given})`, { flag: '--requests-per-day' });
  }
  if (flags.requestsPerDay !== undefined) {
    return { requestsPerSecond: flags.requestsPerDay / SECONDS_PER_DAY, text: `${flags.requestsPerDay} requests per day, Poisson arrivals` };
  }
  if (flags.rps !== undefined) return { requestsPerSecond: flags.rps, text: `${flags.rps} requests per second, Poisson arrivals` };
  const busy = flags.utilization as number;
  return {
    requestsPerSecond: busy / execS,
    text: `${formatPercent(busy)} of one GPU busy = ${formatNumber((busy / execS) * SECONDS_PER_DAY)} requests per day of ${formatDuration(execS)}, Poisson arrivals`,
  };
}

/** Turns the flags into a workload and the assumptions to show with the result. */
export async function resolveWorkload(
  catalog: Catalog,
  flags: WorkloadFlags,
  requestsPerSecond: number,
): Promise<{ workload: Workload; assumptions: Assumption[] }> {
  if (flags.gpu === undefined) throw new InputError('required: the GPU class or model, e.g. --gpu rtx4090', { flag: '--gpu' });
  const gpu: GpuMatch = resolveGpu(catalog, flags.gpu, '--gpu');
  const execS = requireExec(flags);
  if (flags.gpuCount < 1) throw new InputError('expected at least 1 GPU', { flag: '--gpu-count' });
  const { defaults, coldStart: phases } = catalog;
  const idleTimeoutS = flags.idleTimeout ?? defaults.idleTimeoutS.value;
  const maxWorkers = flags.maxWorkers ?? defaults.maxWorkers.value;
  if (maxWorkers < 1) throw new InputError('expected at least 1 worker', { flag: '--max-workers' });
  if (!(idleTimeoutS >= 1 && idleTimeoutS <= 3600)) throw new InputError(`RunPod accepts idle timeouts of 1s to 1h, got ${formatDuration(idleTimeoutS)}`, { flag: '--idle-timeout' });
  if (flags.month <= 0) throw new InputError('expected a month longer than 0s', { flag: '--month' });

  // Without --cold-start, the phases every start goes through, from the catalog; weights are not counted.
  const defaultColdStartS = phases.containerStartS.value + phases.frameworkImportS.value + phases.cudaContextS.value;
  const billedPhases = catalog.billing.serverless.billedPhases;
  const defaultBilledS =
    (billedPhases.containerStart ? phases.containerStartS.value : 0) +
    (billedPhases.frameworkImport ? phases.frameworkImportS.value : 0) +
    (billedPhases.cudaContext ? phases.cudaContextS.value : 0);
  const modelled = usesColdStartModel(flags);
  if (modelled && (flags.coldStart !== undefined || flags.coldStartBilled !== undefined)) {
    throw new InputError('give either --cold-start or the cold-start model flags (--image, --weights, --model, ...), not both', { flag: '--cold-start' });
  }
  const model = modelled ? await modelColdStart(catalog, flags) : undefined;
  const coldStartS = model?.meanS ?? flags.coldStart ?? defaultColdStartS;
  const coldStartBilledS = model?.meanBilledS ?? flags.coldStartBilled ?? (flags.coldStart === undefined ? defaultBilledS : coldStartS);
  if (coldStartBilledS > coldStartS) {
    throw new InputError(`the billed part (${formatDuration(coldStartBilledS)}) exceeds the cold start (${formatDuration(coldStartS)})`, { flag: '--cold-start-billed' });
  }

  const pod = choosePodGpu(catalog, gpu, flags.podRate === undefined ? undefined : flags.podRate * 3600);
  const workload: Workload = {
    gpu,
    gpuCount: flags.gpuCount,
    requestsPerSecond,
    execS,
    idleTimeoutS,
    maxWorkers,
    activeWorkers: flags.active,
    coldStartS,
    coldStartBilledS,
    monthHours: flags.month / 3600,
    ...chooseActiveRate(gpu, flags.activeRate),
    pod,
    savingsPlanDiscount: flags.savingsPlan ?? null,
    podContainerDiskGB: flags.containerDisk,
    podVolumeDiskGB: flags.volumeDisk,
    networkVolumeGB: flags.networkVolume,
  };

  const assumptions: Assumption[] = [
    { key: 'gpu', value: gpu.poolId, text: `GPU class ${gpu.poolId} (${gpu.pool.label}: ${gpu.pool.gpus.join(', ')}), ${workload.gpuCount} GPU(s) per worker or pod.` },
    { key: 'monthHours', value: workload.monthHours, text: `A month is ${formatDuration(flags.month)}${flags.month === DEFAULT_MONTH_HOURS * 3600 ? ' (365 days / 12; --month 720h for 30 days)' : ''}.` },
    { key: 'execS', value: execS, text: `Mean execution time ${formatDuration(execS)} per request.` },
    {
      key: 'idleTimeoutS',
      value: idleTimeoutS,
      text: `Idle timeout ${formatDuration(idleTimeoutS)}${flags.idleTimeout === undefined ? " (RunPod's default, --idle-timeout)" : ''}; the tail is billed.`,
    },
    { key: 'maxWorkers', value: maxWorkers, text: `Up to ${maxWorkers} flex workers${flags.maxWorkers === undefined ? " (RunPod's default, --max-workers)" : ''}.` },
    {
      key: 'coldStartS',
      value: coldStartS,
      text:
        model !== undefined
          ? `Cold start ${formatDuration(round1(coldStartS))} (mean), ${formatDuration(round1(coldStartBilledS))} billed, from the cold-start model: weights ${model.weightsFrom}.`
          : flags.coldStart === undefined
          ? `Cold start ${formatDuration(coldStartS)} = container start ${formatDuration(phases.containerStartS.value)} + framework import ${formatDuration(phases.frameworkImportS.value)} + CUDA context ${formatDuration(phases.cudaContextS.value)} (catalog defaults), ${formatDuration(coldStartBilledS)} billed; loading weights is not counted: give --cold-start.`
          : `Cold start ${formatDuration(coldStartS)}, of which ${formatDuration(coldStartBilledS)} billed${flags.coldStartBilled === undefined ? ' (all of it: --cold-start-billed to change)' : ''}.`,
    },
    {
      key: 'activeUsdPerSecond',
      value: workload.activeUsdPerSecond,
      text:
        workload.activeRateSource === 'flex-fallback'
          ? `RunPod publishes no active rate for ${gpu.poolId}: active workers are priced at the flex rate; give yours with --active-rate.`
          : `Active workers at ${formatPrice(workload.activeUsdPerSecond * 3600)}/h per GPU (${workload.activeRateSource === 'user' ? '--active-rate' : 'catalog'}), billed every second of the month.`,
    },
    {
      key: 'podGpu',
      value: pod.gpuName,
      text:
        pod.gpuName === null
          ? `No GPU of ${gpu.poolId} has a known pod price.`
          : `Pods run on ${pod.gpuName}${gpu.gpuName === undefined ? ` (the class's cheapest pod GPU; name one with --gpu)` : ''}, 24 h a day, as many as the traffic keeps busy at 80% (Little's law)${pod.secureFromUser ? '; Secure price from --pod-rate' : ''}.`,
    },
  ];
  if (model !== undefined) assumptions.push(...model.assumptions);
  if (workload.savingsPlanDiscount !== null) {
    assumptions.push({ key: 'savingsPlanDiscount', value: workload.savingsPlanDiscount, text: `Savings plan: ${formatPercent(workload.savingsPlanDiscount)} off pod Secure compute (RunPod does not publish its discount).` });
  }
  if (workload.networkVolumeGB > 0) {
    assumptions.push({ key: 'networkVolumeGB', value: workload.networkVolumeGB, text: `A ${formatSize(workload.networkVolumeGB)} network volume is billed to the serverless options.` });
  }
  return { workload, assumptions };
}

function requireExec(flags: WorkloadFlags): number {
  if (flags.exec === undefined) throw new InputError('required: the mean execution time, e.g. --exec 4s', { flag: '--exec' });
  if (flags.exec <= 0) throw new InputError('expected an execution time above 0s', { flag: '--exec' });
  return flags.exec;
}

const round1 = (seconds: number) => Math.round(seconds * 10) / 10;

/** The cold-start model's mean start (FlashBoot mixture included) for the workload's weights. */
async function modelColdStart(catalog: Catalog, flags: WorkloadFlags): Promise<{ meanS: number; meanBilledS: number; weightsFrom: string; assumptions: Assumption[] }> {
  const setup = await resolveColdStart(catalog, flags, flags.gpuCount, 'image');
  const mixture = mixFlashBoot(estimateColdStart(setup.input), setup.restoreS, catalog.billing.serverless.billedPhases.flashbootRestore, setup.flashbootHitRate);
  return { meanS: mixture.meanS, meanBilledS: mixture.meanBilledS, weightsFrom: setup.input.weightsFrom, assumptions: setup.assumptions };
}
