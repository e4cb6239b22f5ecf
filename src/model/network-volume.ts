// The network-volume cost model: a volume is billed on its provisioned size, attached or not, in price tiers
// (https://docs.runpod.io/storage/network-volumes). Monthly line items in Infracost's shape (./line-items.ts).
import type { NetworkVolumeTier } from '../catalog/rates.js';
import { requireNonNegative } from './guards.js';
import { GB_MONTH, makeLineItem, networkVolumeItemName, sumMonthlyUsd, type CostEstimate, type LineItem } from './line-items.js';

/** A network volume's size and the catalog's price tiers. */
export interface NetworkVolumeInput {
  /** Provisioned size, GB (billed whether or not anything is attached). */
  sizeGB: number;
  /** Price tiers, ascending; upToGB is cumulative and null on the last tier. */
  tiers: readonly NetworkVolumeTier[];
}

/**
 * Network volumes are priced in tiers on the provisioned size: $0.07/GB/month for the first 1000 GB and
 * $0.05 beyond (https://docs.runpod.io/storage/network-volumes). One line item per tier the size reaches.
 */
export function estimateNetworkVolume(input: NetworkVolumeInput): CostEstimate {
  requireNonNegative('sizeGB', input.sizeGB);
  const lineItems: LineItem[] = [];
  let fromGB = 0;
  for (const tier of input.tiers) {
    const toGB = tier.upToGB === null ? input.sizeGB : Math.min(input.sizeGB, tier.upToGB);
    const quantity = toGB - fromGB;
    if (quantity > 0) {
      lineItems.push(makeLineItem(networkVolumeItemName(fromGB, tier.upToGB), GB_MONTH, quantity, tier.usdPerGBMonth));
    }
    if (tier.upToGB === null || input.sizeGB <= tier.upToGB) break;
    fromGB = tier.upToGB;
  }
  return { lineItems, monthlyUsd: sumMonthlyUsd(lineItems) };
}
