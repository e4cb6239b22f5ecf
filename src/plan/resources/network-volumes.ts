// Network volumes: storage billed per GB-month in tiers, shared by endpoints and pods.
import * as z from 'zod';
import { runpodId, size } from '../../endpoint/spec.js';
import { specError } from '../../endpoint/field-names.js';
import { formatSize } from '../../input/units.js';
import { estimateNetworkVolume } from '../../model/network-volume.js';
import { fixedCostResult, type Resource } from './resource.js';

export const NetworkVolumeSchema = z.strictObject({ id: runpodId('network volume'), size: size('Size of the volume.') }).describe('A network volume.');

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
      result: fixedCostResult('networkVolume', name, { kind: 'networkVolume', sizeGB: volume.size }, estimate.lineItems, estimate.monthlyUsd),
      assumptions: [],
    };
  },
};
