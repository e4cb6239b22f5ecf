// Why a configuration is outside the fast path's validated domains (endpoint/fast.ts checkFastDomain and
// checkFastColdStartDomain), as data: a code and the figures it compares, unrounded. render/fast-domain.ts
// words them. Plain objects, so a worker thread can pass them on (structured clone).
import type { ScalerSpec } from '../sim/simulate.js';

/** A limit that holds only on part of the ground, named by the scaler and the active workers it applies to. */
export interface FastDomainGround {
  scaler: ScalerSpec;
  activeWorkers: number;
}

/** The busiest hour's load in GPUs over a limit in GPUs; ground null where the limit holds everywhere. */
export interface PeakLoadOverFinding {
  code: 'peak-load-over';
  peakLoadGpus: number;
  limitGpus: number;
  ground: FastDomainGround | null;
}

/** The busiest hour's load over a share of the active workers; ground null where the limit holds everywhere. */
export interface ActiveLoadOverFinding {
  code: 'active-load-over';
  peakLoadGpus: number;
  activeWorkers: number;
  limitShare: number;
  ground: FastDomainGround | null;
}

/** The mean cold start, in mean executions, over a limit; ground null where the limit holds everywhere. */
export interface StartOverFinding {
  code: 'start-over';
  startExecs: number;
  limitExecs: number;
  ground: FastDomainGround | null;
}

/** Why the monthly cost is outside the fast path's validated domain. */
export type FastDomainFinding =
  | { code: 'load-balancer' }
  | { code: 'jobs-per-worker'; jobsPerWorker: number }
  | { code: 'execution-timeout-short'; executionTimeoutS: number; limitExecs: number }
  | { code: 'sampled-execution' }
  | { code: 'token-execution' }
  | { code: 'load-over-capacity'; peakLoadGpus: number; limitShare: number; workers: number }
  | StartOverFinding
  | { code: 'active-workers-over'; activeWorkers: number; limit: number }
  | { code: 'request-count-value'; value: number; validatedValues: readonly number[] }
  | { code: 'request-count-idle-short'; idleTimeoutS: number; execMeanS: number }
  | { code: 'threshold-over'; thresholdS: number; limitExecs: number; activeWorkers: number }
  | { code: 'long-threshold-load-over'; peakLoadGpus: number; limitGpus: number; thresholdS: number; limitThresholdExecs: number }
  | FlashBootMixFinding
  | PeakLoadOverFinding
  | ActiveLoadOverFinding
  | { code: 'steady-long-idle'; squaredVariation: number; limitSquaredVariation: number; idleExecs: number; limitIdleExecs: number; ground: FastDomainGround }
  | { code: 'idle-over'; idleExecs: number; limitExecs: number; ground: FastDomainGround }
  | { code: 'cost-correction-steep'; steepness: number; limitSteepness: number };

/**
 * The correction of the rate is steep around the endpoint: its ratios at the corners of the grid cell the
 * endpoint is interpolated in differ by a share (0.35: one is 35% over another) over the limit.
 */
export interface CorrectionSteepFinding {
  code: 'correction-steep';
  steepness: number;
  limitSteepness: number;
}

/**
 * A FlashBoot mix (a hit rate between 0 and 1) with a mean start over a limit and an idle timeout under
 * one, both in mean executions: starts are frequent, each a short restore or a much longer full start.
 */
export interface FlashBootMixFinding {
  code: 'flashboot-mix';
  startExecs: number;
  limitStartExecs: number;
  idleExecs: number;
  limitIdleExecs: number;
}

/** Why the cold-start rate is outside its own, narrower validated domain (the cost being inside). */
export type FastColdStartDomainFinding =
  | CorrectionSteepFinding
  | { code: 'flashboot-mix-long-start'; fullStartExecs: number; limitExecs: number }
  | FlashBootMixFinding
  | { code: 'threshold-under'; thresholdS: number; limitExecs: number }
  | { code: 'start-under'; startExecs: number; limitExecs: number; activeWorkers: number }
  | PeakLoadOverFinding
  | ActiveLoadOverFinding
  | StartOverFinding;
