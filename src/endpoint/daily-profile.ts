// Daily traffic shapes: 24 hourly weights, from a name, a list, or a peak-to-mean ratio.
import type { NAMED_PROFILES } from './spec.js';

/** Named shapes: flat, and business hours (most traffic 09:00-18:00, a little at night). */
export const PROFILE_WEIGHTS: Record<(typeof NAMED_PROFILES)[number], number[]> = {
  flat: Array.from({ length: 24 }, () => 1),
  // Hours 0-23: low at night, ramping at 8, a plateau 9-17, tapering in the evening.
  'business-hours': [1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 10, 10, 10, 10, 10, 10, 10, 8, 6, 4, 3, 2, 1],
};

/**
 * Weights whose peak is `ratio` times their mean, peaking at `peakHour`: a raised cosine
 * (1 + cos)^k, with k found by bisection (k = 1 gives a ratio of 2; larger k, sharper peaks).
 * Ratios below 2 blend the cosine with a flat line: 1 + (ratio - 1) cos.
 */
export function peakToMeanProfile(ratio: number, peakHour = 14): number[] {
  const shape = (k: number) => Array.from({ length: 24 }, (_, h) => Math.pow(1 + Math.cos((2 * Math.PI * (h - peakHour)) / 24), k));
  const ratioOf = (weights: number[]) => Math.max(...weights) / (weights.reduce((a, b) => a + b, 0) / weights.length);
  if (ratio <= 2) return Array.from({ length: 24 }, (_, h) => 1 + (ratio - 1) * Math.cos((2 * Math.PI * (h - peakHour)) / 24));
  let low = 1;
  let high = 64;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (ratioOf(shape(mid)) < ratio) low = mid;
    else high = mid;
  }
  return shape((low + high) / 2);
}
