// What RunPod would refuse or break in a set-up `compare`, `simulate` and a plan price, as data: the same checks as `coldstart`
// (VRAM, the start limit), the execution timeout and a load balancer's scaler. Worded in render/reports/compare.ts.
import type { Catalog } from '../catalog/schema.js';
import type { WeightSource } from '../model/cold-start.js';
import type { ResolvedEndpoint } from './resolve.js';

/** What `coldstart` also finds in a set-up: a start over RunPod's limit, weights over the VRAM. */
export type StartFinding = { code: 'over-health-limit'; source: WeightSource; totalS: number; limitS: number } | { code: 'vram'; weightsGB: number; neededGB: number; vramGB: number };

/** What RunPod would refuse or break in the set-up, as `coldstart` finds it, plus the execution timeout. */
export type FeasibilityFinding =
  | StartFinding
  /** A cold start given as a whole (--cold-start) over RunPod's start limit. */
  | { code: 'cold-start-over-limit'; coldStartS: number; limitS: number }
  /** The mean execution time is over the execution timeout: most jobs fail (and are billed). */
  | { code: 'execution-over-timeout'; execS: number; timeoutS: number }
  /**
   * A load-balancing endpoint whose request-count scaler aims for more requests per worker than a worker
   * takes at once: the requests that would reach that target wait (at most the wait limit) and are
   * dropped instead, so the workers never catch up with the traffic.
   */
  | { code: 'scaler-over-capacity'; scalerValue: number; jobsPerWorker: number };

/**
 * The checks `coldstart` makes (findColdStartIssues): weights plus the catalog's VRAM headroom over the
 * GPUs' VRAM, and a full cold start over RunPod's start limit (the worker is marked unhealthy); and a mean
 * execution over the execution timeout.
 */
export function findFeasibilityIssues(catalog: Catalog, endpoint: ResolvedEndpoint): FeasibilityFinding[] {
  const findings: FeasibilityFinding[] = [];
  const { coldStart } = endpoint;
  const limitS = catalog.limits.coldStartHealthLimitS.value;
  const source = coldStart.source;
  if (source.kind === 'model') {
    if (source.full.totalS > limitS) findings.push({ code: 'over-health-limit', source: source.setup.input.weightsFrom, totalS: source.full.totalS, limitS });
    const { weightsGB } = source.setup;
    const neededGB = weightsGB * (1 + catalog.defaults.vramHeadroom.value);
    const vramGB = endpoint.gpu.pool.vramGB * endpoint.gpuCount;
    if (neededGB > vramGB) findings.push({ code: 'vram', weightsGB, neededGB, vramGB });
  } else if (coldStart.fullS > limitS) {
    findings.push({ code: 'cold-start-over-limit', coldStartS: coldStart.fullS, limitS });
  }
  const { scaler } = endpoint.config;
  // Requests in flight on a worker, not its throughput: the scaler counts requests, a worker holds its slots.
  if (endpoint.loadBalancer !== null && scaler.kind === 'request-count' && scaler.value > endpoint.workers.jobsPerWorker) {
    findings.push({ code: 'scaler-over-capacity', scalerValue: scaler.value, jobsPerWorker: endpoint.workers.jobsPerWorker });
  }
  const timeoutS = endpoint.workers.executionTimeoutS;
  if (endpoint.execution.meanS > timeoutS) findings.push({ code: 'execution-over-timeout', execS: endpoint.execution.meanS, timeoutS });
  return findings;
}
