// What a plan says each resource costs between two instants: the month's cost spread evenly, or, for an
// endpoint replaying a dated trace (what calibrate writes), its simulated billed windows placed on the
// calendar. Pure: the simulation runs here with an observer, as the plan's evaluation ran it.
import type { EndpointOutcome } from '../endpoint/outcome.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import { FLEX_IDLE_TAILS_ITEM } from '../model/line-items.js';
import { simulate } from '../sim/simulate.js';

/** A resource's estimate over any stretch of time, with what the reconciliation needs to explain a gap. */
export interface Estimate {
  name: string;
  kind: 'endpoint' | 'networkVolume';
  id: string;
  monthlyUsd: number;
  /** USD the plan expects in [fromMs, toMs). */
  usdBetween: (fromMs: number, toMs: number) => number;
  /** Of the cost, the share that is idle-timeout tails (endpoints). */
  idleShare: number;
  /** USD per GPU-second of a flex worker of the endpoint (all its GPUs), to put a gap in worker time; 0 for volumes. */
  usdPerWorkerSecond: number;
  /** Where the plan's own time begins on the calendar (a dated trace), or null: every day is its average day. */
  startsAtMs: number | null;
  /** The instants the estimate covers, when it is a dated trace's span. */
  coversMs: [number, number] | null;
}

/** Spread evenly: a month's cost per second of the month. */
export function evenEstimate(name: string, kind: Estimate['kind'], id: string, monthlyUsd: number, monthS: number, idleShare = 0, usdPerWorkerSecond = 0): Estimate {
  return { name, kind, id, monthlyUsd, usdBetween: (from, to) => (monthlyUsd * Math.max(0, to - from)) / 1000 / monthS, idleShare, usdPerWorkerSecond, startsAtMs: null, coversMs: null };
}

/**
 * An endpoint replaying a dated trace: its simulation run again with an observer (the same config and seed
 * give the same run the plan's evaluation priced), each billed window's USD spread over its time and its
 * round-up placed after it; active workers billed every second of the span.
 */
export function tracedEstimate(name: string, id: string, endpoint: ResolvedEndpoint, outcome: EndpointOutcome, startsAtMs: number): Estimate {
  const { flexUsdPerSecond, activeUsdPerSecond, gpuCount } = endpoint.pricing;
  const windows: number[] = [];
  simulate(endpoint.config, {
    window: (billedFromS, stopS, startS, executionS, idleS, roundingS) => windows.push(billedFromS, stopS, (startS + executionS + idleS) * flexUsdPerSecond * gpuCount, roundingS * flexUsdPerSecond * gpuCount),
  });
  const horizonMs = endpoint.config.horizonS * 1000;
  const activeUsdPerMs = (endpoint.config.workers.active * activeUsdPerSecond * gpuCount) / 1000;
  const usdBetween = (fromMs: number, toMs: number) => {
    const from = fromMs - startsAtMs;
    const to = toMs - startsAtMs;
    let usd = activeUsdPerMs * Math.max(0, Math.min(to, horizonMs) - Math.max(from, 0));
    for (let i = 0; i < windows.length; i += 4) {
      const a = (windows[i] as number) * 1000;
      const b = (windows[i + 1] as number) * 1000;
      const overlap = Math.max(0, Math.min(b, to) - Math.max(a, from));
      if (b > a) usd += ((windows[i + 2] as number) * overlap) / (b - a);
      // The round-up is billed as the window closes.
      if (b >= from && b < to) usd += windows[i + 3] as number;
    }
    return usd;
  };
  const idle = outcome.lineItems.find((item) => item.name === FLEX_IDLE_TAILS_ITEM)?.monthlyUsd ?? 0;
  return {
    name,
    kind: 'endpoint',
    id,
    monthlyUsd: outcome.monthlyUsd,
    usdBetween,
    idleShare: outcome.monthlyUsd > 0 ? idle / outcome.monthlyUsd : 0,
    usdPerWorkerSecond: flexUsdPerSecond * gpuCount,
    startsAtMs,
    coversMs: [startsAtMs, startsAtMs + horizonMs],
  };
}
