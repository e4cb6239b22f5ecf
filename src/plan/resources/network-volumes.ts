// Network volumes: storage billed per GB-month in tiers, shared by endpoints and pods.
import * as z from 'zod';
import { size } from '../../endpoint/spec.js';
import { specError } from '../../endpoint/field-names.js';
import { formatSize } from '../../input/units.js';
import { estimateNetworkVolume } from '../../model/network-volume.js';
import type { Resource } from './resource.js';

export const NetworkVolumeSchema = z.strictObject({ size: size('Size of the volume.') }).describe('A network volume.');

export const networkVolumes: Resource<typeof NetworkVolumeSchema> = {
  kind: 'networkVolume',
  label: 'network volume',
  sectionDescription: 'Network volumes by name.',
  schema: NetworkVolumeSchema,
  evaluate(name, volume, { catalog }) {
    const { minGB, maxGB, tiers } = catalog.storage.networkVolume;
    if (volume.size < minGB || volume.size > maxGB) throw specError(`a network volume is ${minGB}-${maxGB} GB, got ${formatSize(volume.size)}`, 'size');
    const estimate = estimateNetworkVolume({ sizeGB: volume.size, tiers });
    return {
      result: {
        kind: 'networkVolume',
        name,
        description: { kind: 'networkVolume', sizeGB: volume.size },
        lineItems: estimate.lineItems,
        monthlyUsd: estimate.monthlyUsd,
        monthlyUsdHalfWidth: null,
        requestsPerMonth: null,
        coldStartRate: null,
        p50S: null,
        p95S: null,
        p99S: null,
        outsideFastDomain: null,
      },
      assumptions: [],
    };
  },
};
