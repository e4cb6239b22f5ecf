// How many workers or pods carry a load: the planning target for a worker's busy share, and the whole count
// that covers a load at it. Shared by the serverless model (flex workers) and the pod model (pods needed,
// billed sessions).

/**
 * Planning target for a flex worker's busy share: RunPod advises about 20% headroom over peak concurrency
 * (https://docs.runpod.io/serverless/endpoints/endpoint-configurations, max workers), i.e. 80% busy.
 */
export const FLEX_TARGET_UTILIZATION = 0.8;

/**
 * Smallest whole k >= 0 with k * perUnit >= load, judged in floating point: ceil(load / perUnit) alone can
 * be one too many (2.4000000000000004 / 0.8 = 3.0000000000000004) or, by cancellation, one too few.
 */
export function countToCover(load: number, perUnit: number): number {
  let k = Math.ceil(load / perUnit);
  if (k > 0 && (k - 1) * perUnit >= load) k -= 1;
  if (k * perUnit < load) k += 1;
  return k;
}
