// Pods: a GPU model rented by the hour on Secure or Community Cloud, with their disks.
import { within } from '../../input/limits.js';
import * as z from 'zod';
import { choosePodGpu, resolveGpu } from '../../catalog/lookup.js';
import { percent, size } from '../../endpoint/spec.js';
import { specError } from '../../endpoint/field-names.js';
import { RateSchema } from '../../input/unit-schemas.js';
import { podStorageRatesOf } from '../../catalog/rates.js';
import { estimatePods } from '../../model/pods.js';
import { fixedCostResult, type Resource } from './resource.js';

export const PodSchema = z
  .strictObject({
    gpu: z.string().min(1).describe('GPU model: RTX 4090, A100 SXM, H100 SXM.'),
    gpuCount: within(z.number(), 'gpuCount').default(1).describe('GPUs per pod.'),
    count: within(z.number(), 'workers').default(1).describe('Number of pods.'),
    cloud: z.enum(['secure', 'community']).default('secure').describe('Secure Cloud or Community Cloud.'),
    hoursPerDay: z.number().min(0).max(24).default(24).describe('Hours each pod runs per day; stopped the rest.'),
    containerDisk: within(size('Container disk per pod.'), 'size').default(0),
    volumeDisk: within(size('Volume disk per pod.'), 'size').default(0),
    savingsPlan: within(percent('Savings-plan discount on compute.'), 'discount').optional(),
    rate: within(RateSchema.transform((usdPerSecond) => usdPerSecond * 3600), 'podRate').transform((usdPerHour) => usdPerHour / 3600).optional().describe('Your price per GPU, e.g. $1.89/h (default: the catalog).'),
  })
  .describe('A pod.');

export const pods: Resource<typeof PodSchema> = {
  kind: 'pod',
  label: 'pod',
  sectionDescription: 'Pods by name.',
  schema: PodSchema,
  evaluate(name, pod, { catalog, settings }) {
    const match = resolveGpu(catalog, pod.gpu);
    const choice = choosePodGpu(catalog, match, pod.rate === undefined ? undefined : pod.rate * 3600);
    const cloud = pod.cloud === 'secure' || pod.rate !== undefined ? choice.secure : choice.community;
    if (cloud === null) throw specError(`no ${pod.cloud} pod price is known for ${match.gpuName ?? match.poolId}: give one with rate`, 'cloud');
    const usdPerHour = cloud.usdPerHour;
    const estimate = estimatePods({
      count: pod.count,
      gpuCount: pod.gpuCount,
      usdPerHour,
      savingsPlanDiscount: pod.savingsPlan ?? 0,
      hoursPerDay: pod.hoursPerDay,
      containerDiskGB: pod.containerDisk,
      volumeDiskGB: pod.volumeDisk,
      storage: podStorageRatesOf(catalog),
      granularityS: catalog.billing.pods.granularity.granularityS,
      monthSeconds: settings.monthS,
    });
    return {
      result: fixedCostResult(
        'pod',
        name,
        { kind: 'pod', count: pod.count, gpu: cloud.gpuName, gpuCount: pod.gpuCount, cloud: pod.cloud, hoursPerDay: pod.hoursPerDay },
        estimate.lineItems.filter((item) => item.quantity > 0),
        estimate.monthlyUsd,
      ),
      assumptions: [],
    };
  },
};
