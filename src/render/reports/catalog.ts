// `runpod-plan catalog`: the catalog's date, rules and sources in words a user can check against them.
import { COLD_START_PHASES, type Catalog } from '../../catalog/schema.js';
import { formatBandwidth, formatDuration, formatPercent } from '../../input/units.js';
import { formatPrice } from '../number-format.js';
import { PHASE_NAMES } from '../phase-names.js';
import type { CatalogInfo, Report, Row } from '../report.js';
import { byCodeUnits } from '../../input/order.js';


interface Sourced {
  source: string;
  retrieved: string;
  note?: string | undefined;
}

function rule(area: string, name: string, value: string, sourced: Sourced): Row {
  return { area, rule: name, value, source: sourced.source, retrieved: sourced.retrieved, note: sourced.note ?? null };
}

const usdMonth = (value: number) => `${formatPrice(value)}/GB/month`;

export function catalogRules(catalog: Catalog): Row[] {
  const { billing, storage, defaults, apiDefaults, limits, savingsPlans, coldStart, cpuServerless } = catalog;
  const activeRule = billing.serverless.activeWorkers;
  const perSecond = (gbPerSecond: number) => `${formatBandwidth(gbPerSecond)}`;
  const phases = billing.serverless.billedPhases;
  const billed = COLD_START_PHASES.filter((phase) => phases[phase]).map((phase) => PHASE_NAMES[phase]);
  const unbilled = COLD_START_PHASES.filter((phase) => !phases[phase]).map((phase) => PHASE_NAMES[phase]);
  const tiers = storage.networkVolume.tiers
    .map((tier, index, all) => {
      const from = index === 0 ? 0 : (all[index - 1]?.upToGB ?? 0);
      return tier.upToGB === null ? `${usdMonth(tier.usdPerGBMonth)} above ${from} GB` : `${usdMonth(tier.usdPerGBMonth)} for ${from}-${tier.upToGB} GB`;
    })
    .join('; ');
  return [
    rule('serverless', 'rounding', `each worker's billed window (start to stop) rounded up to ${formatDuration(billing.serverless.rounding.granularityS)}`, billing.serverless.rounding),
    rule('serverless', `billed cold-start phases (since ${phases.effective})`, billed.join(', ') || 'none', phases),
    rule('serverless', 'not billed', unbilled.join(', ') || 'nothing: every phase is billed', phases),
    rule(
      'serverless',
      `active workers (since ${activeRule.effective})`,
      activeRule.billedAtFlexRate ? 'billed at the flex rate, unless a class states a (negotiated) rate of its own' : 'at each class\'s active rate',
      activeRule,
    ),
    rule('serverless', 'CPU workers', cpuServerless.usdPerVcpuHour === null ? 'unpublished' : `${formatPrice(cpuServerless.usdPerVcpuHour)}/vCPU-hour (example; not modelled)`, cpuServerless),
    rule('serverless', 'idle-timeout tail', billing.serverless.idleTimeoutBilled.value ? 'billed' : 'not billed', billing.serverless.idleTimeoutBilled),
    rule('pods', 'billing granularity', formatDuration(billing.pods.granularity.granularityS), billing.pods.granularity),
    rule('pods', 'savings plans', `${savingsPlans.termsMonths.join(' or ')} months up front; discount ${savingsPlans.exampleDiscount === null ? 'unpublished' : `${formatPercent(savingsPlans.exampleDiscount)} (example)`}`, savingsPlans),
    rule('storage', 'pod container disk', `${usdMonth(storage.podContainerDisk.usdPerGBMonth)} while running`, storage.podContainerDisk),
    rule('storage', 'pod volume disk, running', usdMonth(storage.podVolumeRunning.usdPerGBMonth), storage.podVolumeRunning),
    rule('storage', 'pod volume disk, stopped', usdMonth(storage.podVolumeStopped.usdPerGBMonth), storage.podVolumeStopped),
    rule('storage', 'serverless container disk', usdMonth(storage.serverlessContainerDisk.usdPerGBMonth), storage.serverlessContainerDisk),
    rule('storage', 'network volume', `${tiers}; ${storage.networkVolume.minGB}-${storage.networkVolume.maxGB} GB`, storage.networkVolume),
    rule(
      'storage',
      'high-performance network volume',
      storage.highPerformanceNetworkVolume.usdPerGBMonth === null ? 'price unpublished' : usdMonth(storage.highPerformanceNetworkVolume.usdPerGBMonth),
      storage.highPerformanceNetworkVolume,
    ),
    rule('defaults', 'idle timeout', formatDuration(defaults.idleTimeoutS.value), defaults.idleTimeoutS),
    rule('defaults', 'execution timeout', formatDuration(defaults.executionTimeoutS.value), defaults.executionTimeoutS),
    rule('defaults', 'max workers', String(defaults.maxWorkers.value), defaults.maxWorkers),
    rule('defaults', 'active workers', String(defaults.activeWorkers.value), defaults.activeWorkers),
    rule('defaults', 'queue-delay scaler threshold', formatDuration(defaults.queueDelayThresholdS.value), defaults.queueDelayThresholdS),
    rule('defaults', 'request-count scaler value', String(defaults.requestCountScalerValue.value), defaults.requestCountScalerValue),
    rule('defaults', 'max-workers headroom over peak', formatPercent(defaults.maxWorkersHeadroom.value), defaults.maxWorkersHeadroom),
    rule('defaults', 'FlashBoot', defaults.flashboot.value ? 'on' : 'off', defaults.flashboot),
    rule('API defaults', 'idle timeout', formatDuration(apiDefaults.idleTimeoutS.value), apiDefaults.idleTimeoutS),
    rule('API defaults', 'execution timeout', formatDuration(apiDefaults.executionTimeoutS.value), apiDefaults.executionTimeoutS),
    rule('API defaults', 'max workers', String(apiDefaults.maxWorkers.value), apiDefaults.maxWorkers),
    rule('API defaults', 'active workers', String(apiDefaults.activeWorkers.value), apiDefaults.activeWorkers),
    rule('API defaults', 'FlashBoot', apiDefaults.flashboot.value ? 'on' : 'off', apiDefaults.flashboot),
    rule('defaults', 'VRAM headroom over weights', formatPercent(defaults.vramHeadroom.value), defaults.vramHeadroom),
    rule('cold start', 'image pull', perSecond(coldStart.imagePullGBPerSecond.value), coldStart.imagePullGBPerSecond),
    rule('cold start', 'container start', formatDuration(coldStart.containerStartS.value), coldStart.containerStartS),
    rule('cold start', 'framework import', formatDuration(coldStart.frameworkImportS.value), coldStart.frameworkImportS),
    rule('cold start', 'CUDA context', formatDuration(coldStart.cudaContextS.value), coldStart.cudaContextS),
    rule('cold start', 'GPU attach without persistence mode', `${formatDuration(coldStart.gpuAttachWithoutPersistenceS.value)} per GPU`, coldStart.gpuAttachWithoutPersistenceS),
    rule('cold start', 'weights baked into the image', perSecond(coldStart.weightsFromImageGBPerSecond.value), coldStart.weightsFromImageGBPerSecond),
    rule('cold start', 'weights on a network volume', perSecond(coldStart.weightsFromNetworkVolumeGBPerSecond.value), coldStart.weightsFromNetworkVolumeGBPerSecond),
    rule('cold start', 'weights downloaded at start', perSecond(coldStart.weightsDownloadGBPerSecond.value), coldStart.weightsDownloadGBPerSecond),
    rule('cold start', 'FlashBoot restore', formatDuration(coldStart.flashbootRestoreS.value), coldStart.flashbootRestoreS),
    rule('cold start', 'engine warm-up', formatDuration(coldStart.engineWarmupS.value), coldStart.engineWarmupS),
    rule('limits', 'worker quota by balance', limits.workerQuota.tiers.map((tier) => `$${tier.minBalanceUsd}: ${tier.workers}`).join(', '), limits.workerQuota),
    rule('limits', 'cold-start health limit', formatDuration(limits.coldStartHealthLimitS.value), limits.coldStartHealthLimitS),
    rule('limits', 'spend limit', `$${limits.spendLimitUsdPerHour.value}/hour`, limits.spendLimitUsdPerHour),
    rule('limits', 'pod deploy minimum', `${limits.podDeployMinimumHours.value} hour(s) of the pod's cost in the balance`, limits.podDeployMinimumHours),
    rule('limits', 'load balancer: wait for a worker', formatDuration(limits.loadBalancerMaxWaitS.value), limits.loadBalancerMaxWaitS),
    rule('limits', 'load balancer: one request', formatDuration(limits.loadBalancerMaxRequestS.value), limits.loadBalancerMaxRequestS),
    rule(
      'limits',
      'idle endpoint scale-down',
      limits.idleEndpointScaleDown.tiers.map((tier) => `${tier.idleDays} days without requests: max workers ${tier.maxWorkers}`).join('; '),
      limits.idleEndpointScaleDown,
    ),
    rule('limits', 'extra workers in traffic spikes', `up to ${limits.spikeWorkers.value} (not modelled)`, limits.spikeWorkers),
  ];
}

/** Every distinct source with its newest read date and how many figures rest on it. */
export function catalogSources(catalog: Catalog): Row[] {
  const found = new Map<string, { retrieved: Set<string>; figures: number }>();
  const visit = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) return value.forEach(visit);
    const record = value as Record<string, unknown>;
    if (typeof record.source === 'string' && typeof record.retrieved === 'string') {
      const entry = found.get(record.source) ?? { retrieved: new Set<string>(), figures: 0 };
      entry.retrieved.add(record.retrieved);
      entry.figures += 1;
      found.set(record.source, entry);
    }
    Object.values(record).forEach(visit);
  };
  visit(catalog);
  return [...found.entries()]
    .sort((a, b) => byCodeUnits(a[0], b[0]))
    .map(([source, entry]) => ({ source, retrieved: [...entry.retrieved].sort(), figures: entry.figures }));
}

export function catalogReport(catalog: Catalog, info: CatalogInfo): Report {
  return {
    command: 'catalog',
    title: `Price catalog ${catalog.name}, as of ${catalog.asOf}`,
    catalog: info,
    sections: [
      {
        id: 'rules',
        title: 'Billing rules, defaults and limits',
        columns: [
          { key: 'area', header: 'Area', kind: 'text' },
          { key: 'rule', header: 'Rule', kind: 'text' },
          { key: 'value', header: 'Value', kind: 'text' },
          { key: 'retrieved', header: 'Read', kind: 'text', priority: 2 },
          { key: 'source', header: 'Source', kind: 'text', priority: 1 },
        ],
        rows: catalogRules(catalog),
      },
      {
        id: 'sources',
        title: 'Sources',
        columns: [
          { key: 'source', header: 'Source', kind: 'text' },
          { key: 'retrieved', header: 'Read', kind: 'text' },
          { key: 'figures', header: 'Figures', kind: 'int', priority: 1 },
        ],
        rows: catalogSources(catalog),
      },
    ],
    notes: [
      ...(catalog.description === undefined ? [] : [catalog.description]),
      'Prices per GPU: `runpod-plan gpus` (serverless) and `runpod-plan gpus --pods` (pods). Notes on each figure are in the JSON output and the YAML file.',
    ],
    assumptions: [],
    charts: [],
    data: { catalog },
  };
}
