// The assumptions behind a comparison, as data (worded in render/assumptions.ts): the workload's, the pod
// count and why, how the serverless options were priced (simulated from which horizon, to which
// precision, with which seed and scaler; or the fast path), and, when an option fails some requests, the
// failed share the ranking tolerates.
import type { ColdStartModelAssumption, OriginAssumption } from '../endpoint/assumptions.js';
import { relativeHalfWidthOf, type Comparison } from './compare.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import { workloadAssumptions, type CompareAssumption, type Workload, type WorkloadAssumption } from './workload.js';

/** The workload's assumptions with the pods' and the pricing method's, in the order shown. */
export function compareAssumptions(endpoint: ResolvedEndpoint, workload: Workload, comparison: Comparison): (WorkloadAssumption | ColdStartModelAssumption | OriginAssumption)[] {
  const { gpu } = endpoint;
  const pods: CompareAssumption = {
    key: 'podCount',
    value: comparison.podCount,
    id: 'compare.pods',
    values: {
      poolId: gpu.poolId,
      pods: workload.pod,
      gpuNamed: gpu.gpuName !== undefined,
      offeredLoad: comparison.offeredLoad,
      capacityPerWorker: endpoint.workers.capacityPerWorker,
      targetUtilization: comparison.podTargetUtilization,
      podCount: comparison.podCount,
      latencySimulated: comparison.method === 'sim',
    },
  };
  const simulated = comparison.options.filter((option) => option.costMethod === 'sim');
  const horizons = simulated.map((option) => option.horizonS);
  const method: CompareAssumption = {
    key: 'method',
    value: comparison.method,
    id: 'compare.method',
    values: {
      method: comparison.method,
      seed: endpoint.run.seed,
      goal: endpoint.run.precision,
      widestRelativeHalfWidth: Math.max(0, ...simulated.map(relativeHalfWidthOf)),
      startHorizonS: endpoint.config.horizonS,
      minHorizonS: horizons.length > 0 ? Math.min(...horizons) : 0,
      maxHorizonS: horizons.length > 0 ? Math.max(...horizons) : 0,
      capHorizonS: endpoint.goal?.maxHorizonS ?? endpoint.config.horizonS,
      scaler: endpoint.scaler,
      exec: endpoint.execution.facts,
    },
  };
  // The tolerance matters, and is stated, only when an option fails some requests.
  const tolerance: CompareAssumption[] = comparison.options.some((option) => option.failedShare > 0)
    ? [
        {
          key: 'maxFailedShare',
          value: comparison.maxFailedShare,
          id: 'compare.maxFailedShare',
          values: { maxFailedShare: comparison.maxFailedShare, limit: comparison.requestLimit.kind, limitS: comparison.requestLimit.seconds },
        },
      ]
    : [];
  return [...workloadAssumptions(endpoint, workload, [pods]), method, ...tolerance];
}
