// The replay check: the calibrated plan simulated over the records' own period, against what the records
// show. Where they agree, the model can be trusted for this endpoint's what-ifs; where they part, the gap
// says by how much. Pure: the observed side is the calibration, the simulated side the plan's evaluation.
import type { EndpointOutcome } from '../endpoint/outcome.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import type { Calibration } from './fit.js';

/** One figure, observed and simulated; null where the records (or the model) cannot show it. */
export interface ReplayRow {
  figure: 'requests' | 'coldStartRate' | 'workerStarts' | 'delayP50' | 'delayP95' | 'executionP50' | 'executionP95' | 'failedShare' | 'billedGpuSeconds';
  unit: 'count' | 'share' | 'seconds' | 'gpuSeconds';
  observed: number | null;
  simulated: number | null;
}

export interface Replay {
  rows: ReplayRow[];
  /** The simulated span, seconds (the trace's whole minutes). */
  horizonS: number;
  /** The plan's monthly cost, as evaluated (the simulation scaled to its month). */
  monthlyUsd: number;
}

const FAILED = new Set(['FAILED', 'TIMED_OUT']);

/**
 * Billed GPU-seconds the worker windows in the records imply: each window from its start (the delay of
 * the job that waited on it, its billed share as the plan bills a start) to an idle timeout after its last
 * job, rounded up to the billing granularity, plus the plan's active workers over the period (billed all
 * the time; the records cannot tell them apart), times the GPUs per worker. Null without workerId.
 */
export function observedBilledGpuSeconds(calibration: Calibration, endpoint: ResolvedEndpoint, horizonS: number): number | null {
  if (calibration.windows === null) return null;
  const { fullS, fullBilledS } = endpoint.coldStart;
  const billedShare = fullS > 0 ? fullBilledS / fullS : 1;
  const rounding = endpoint.pricing.roundingS;
  let total = 0;
  for (const w of calibration.windows) {
    const window = w.upS + w.startDelayS * billedShare;
    total += rounding > 0 ? Math.ceil(window / rounding - 1e-9) * rounding : window;
  }
  return (total + endpoint.workers.active * horizonS) * endpoint.gpuCount;
}

export function replayCheck(calibration: Calibration, endpoint: ResolvedEndpoint, outcome: EndpointOutcome): Replay {
  const sim = outcome.simulation;
  if (sim === null) throw new Error('internal: the replay needs a simulated outcome');
  const failed = calibration.statuses.filter((s) => s.status !== null && FAILED.has(s.status)).reduce((sum, s) => sum + s.count, 0);
  const billed = sim.billedSeconds;
  const delay = calibration.delay;
  const execution = calibration.execution;
  const arrived = sim.requests.arrived;
  return {
    rows: [
      { figure: 'requests', unit: 'count', observed: calibration.records, simulated: arrived },
      { figure: 'coldStartRate', unit: 'share', observed: delay?.coldStartRate ?? null, simulated: sim.coldStarts.rate },
      { figure: 'workerStarts', unit: 'count', observed: delay?.starts ?? null, simulated: sim.coldStarts.workerStarts },
      { figure: 'delayP50', unit: 'seconds', observed: delay?.p50S ?? null, simulated: sim.latency.queueWait.p50 },
      { figure: 'delayP95', unit: 'seconds', observed: delay?.p95S ?? null, simulated: sim.latency.queueWait.p95 },
      { figure: 'executionP50', unit: 'seconds', observed: execution?.p50S ?? null, simulated: sim.latency.execution.p50 },
      { figure: 'executionP95', unit: 'seconds', observed: execution?.p95S ?? null, simulated: sim.latency.execution.p95 },
      { figure: 'failedShare', unit: 'share', observed: failed / calibration.records, simulated: arrived > 0 ? sim.requests.failed / arrived : 0 },
      {
        figure: 'billedGpuSeconds',
        unit: 'gpuSeconds',
        observed: observedBilledGpuSeconds(calibration, endpoint, outcome.horizonS),
        simulated: (billed.active + billed.flexStart + billed.flexExecution + billed.flexIdle + billed.flexRounding) * endpoint.gpuCount,
      },
    ],
    horizonS: outcome.horizonS,
    monthlyUsd: outcome.monthlyUsd,
  };
}
