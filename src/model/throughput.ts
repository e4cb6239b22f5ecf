// An LLM worker's throughput as its batch grows: a server such as vLLM runs many requests at once, and each
// gets fewer tokens per second the more share the GPU (worker-vllm runs up to 30 by default,
// MAX_CONCURRENCY; runpod-billing-facts.md section 8). The curve comes from the user's measurements as a
// table of (requests in flight, tokens per second each request gets); between rows it is linear, before
// the first row flat (a request alone is no faster than the smallest batch measured). Pure.
import { requirePositive, requireWholeCount } from './guards.js';

/** One measured row: with `inFlight` requests on the worker, each gets `tokensPerSecond`. */
export interface ThroughputPoint {
  inFlight: number;
  tokensPerSecond: number;
}

/** Tokens per second each request gets with `inFlight` requests on the worker (points sorted by inFlight, at least one). */
export function tokensPerSecondAt(points: readonly ThroughputPoint[], inFlight: number): number {
  requirePositive('inFlight', inFlight);
  const first = points[0];
  if (first === undefined) throw new RangeError('tokensPerSecondAt: no points');
  if (inFlight <= first.inFlight) return first.tokensPerSecond;
  for (let i = 1; i < points.length; i++) {
    const right = points[i] as ThroughputPoint;
    if (inFlight <= right.inFlight) {
      const left = points[i - 1] as ThroughputPoint;
      const share = (inFlight - left.inFlight) / (right.inFlight - left.inFlight);
      return left.tokensPerSecond + share * (right.tokensPerSecond - left.tokensPerSecond);
    }
  }
  return (points[points.length - 1] as ThroughputPoint).tokensPerSecond;
}

/**
 * Each request's pace with n in flight relative to its pace alone, for n = 1..slots: what the simulator's
 * concurrency table takes (a request's execution time alone stretches by 1 / rate).
 */
export function relativeRates(points: readonly ThroughputPoint[], slots: number): number[] {
  requireWholeCount('slots', slots);
  const alone = tokensPerSecondAt(points, 1);
  return Array.from({ length: slots }, (_, i) => tokensPerSecondAt(points, i + 1) / alone);
}

/** Requests a worker finishes, per request-time alone, with its batch full at `slots`: slots x rate(slots) (30 x 25/60 = 12.5). */
export function fullBatchSpeedup(points: readonly ThroughputPoint[], slots: number): number {
  requireWholeCount('slots', slots);
  return (slots * tokensPerSecondAt(points, slots)) / tokensPerSecondAt(points, 1);
}
