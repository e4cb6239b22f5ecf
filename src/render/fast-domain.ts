// Why the fast path is outside its validated domains (endpoint/fast-domain.ts), worded: the reason in the
// notes `simulate`, `minworkers`, `idle-timeout`, `compare`, `tokens`, `breakeven` and the plan commands
// add under their tables. Figures are rounded here, to two decimals.
import type { FastColdStartDomainFinding, FastDomainFinding, FastDomainGround } from '../endpoint/fast-domain.js';
import type { ScalerSpec } from '../sim/simulate.js';

/** A finding of either domain as one clause, e.g. `peak load 1.2 GPUs is above 0.8 GPU`. */
export function describeFastDomainFinding(finding: FastDomainFinding | FastColdStartDomainFinding): string {
  switch (finding.code) {
    case 'load-balancer':
      return 'a load-balancing endpoint: the fast model has no bounded wait for a worker, drops or retries';
    case 'jobs-per-worker':
      return `jobsPerWorker ${finding.jobsPerWorker}: the fast model runs one job per worker`;
    case 'execution-timeout-short':
      return `execution timeout ${finding.executionTimeoutS}s is under ${finding.limitExecs}x the mean execution`;
    case 'sampled-execution':
      return 'sampled execution times: the fast model was measured on exponential, constant and lognormal';
    case 'token-execution':
      return 'token counts drawn from a distribution: the fast model was measured on exponential, constant and lognormal execution times';
    case 'load-over-capacity':
      return `peak load ${round2(finding.peakLoadGpus)} GPUs is above ${finding.limitShare * 100}% of ${finding.workers} workers`;
    case 'start-over':
      return `mean cold start is ${round2(finding.startExecs)}x the mean execution (validated up to ${finding.limitExecs}x${finding.ground === null ? '' : ` here: ${describeGround(finding.ground)}`})`;
    case 'active-workers-over':
      return `${finding.activeWorkers} active workers (validated up to ${finding.limit})`;
    case 'request-count-value':
      return `request-count value ${finding.value}: validated for values ${listOf(finding.validatedValues)}`;
    case 'request-count-idle-short':
      return `request-count with an idle timeout ${round2(finding.idleTimeoutS)}s under one mean execution (${round2(finding.execMeanS)}s)`;
    case 'threshold-over':
      return `queue-delay threshold ${finding.thresholdS}s above ${finding.limitExecs}x the mean execution${finding.activeWorkers > 0 ? ' with active workers' : ''}`;
    case 'long-threshold-load-over':
      return `peak load ${round2(finding.peakLoadGpus)} GPUs with a queue-delay threshold of ${finding.thresholdS}s, over ${finding.limitThresholdExecs}x the mean execution (validated up to ${finding.limitGpus} GPU with thresholds that long)`;
    case 'flashboot-mix':
      return `a FlashBoot mix of restores and full starts, a mean cold start of ${round2(finding.startExecs)}x the mean execution (over ${finding.limitStartExecs}x) and an idle timeout of ${round2(finding.idleExecs)}x (under ${finding.limitIdleExecs}x)`;
    case 'peak-load-over':
      return `peak load ${round2(finding.peakLoadGpus)} GPUs is above ${finding.limitGpus} GPU${finding.ground === null ? '' : ` (validated up to ${finding.limitGpus} here: ${describeGround(finding.ground)})`}`;
    case 'active-load-over': {
      const share = finding.limitShare === 0.5 ? 'half' : `${finding.limitShare * 100}%`;
      const workers = `${finding.activeWorkers} active worker${finding.activeWorkers === 1 ? '' : 's'}`;
      return `peak load ${round2(finding.peakLoadGpus)} GPUs is above ${share} of the ${workers}${finding.ground === null ? '' : ` (not validated here: ${describeGround(finding.ground)})`}`;
    }
    case 'steady-long-idle':
      return `execution times this steady (squared variation under ${finding.limitSquaredVariation}) with an idle timeout over ${finding.limitIdleExecs}x the mean execution (not validated here: ${describeGround(finding.ground)})`;
    case 'idle-over':
      return `an idle timeout over ${finding.limitExecs}x the mean execution (not validated here: ${describeGround(finding.ground)})`;
    case 'cost-correction-steep':
      return `the cost changes steeply near this endpoint: its simulated correction moves the month's cost by ${Math.round(finding.steepness * 100)}% across the grid cell it is interpolated in, validated up to ${Math.round(finding.limitSteepness * 100)}%`;
    case 'flashboot-mix-long-start':
      return `a FlashBoot mix of 2 s restores and full starts of ${round2(finding.fullStartExecs)}x the mean execution (validated up to ${finding.limitExecs}x)`;
    case 'threshold-under':
      return `queue-delay threshold ${finding.thresholdS}s is under ${finding.limitExecs}x the mean execution, below the simulated correction's smallest threshold`;
    case 'start-under':
      return `mean cold start is ${round2(finding.startExecs)}x the mean execution with ${finding.activeWorkers} active worker${finding.activeWorkers === 1 ? '' : 's'}, under the simulated correction's smallest start (${finding.limitExecs}x)`;
    case 'correction-steep':
      return `the rate changes steeply near this endpoint: its simulated correction varies by ${Math.round(finding.steepness * 100)}% across the grid cell it is interpolated in, validated up to ${Math.round(finding.limitSteepness * 100)}%`;
  }
}

/** The note for a fast-path figure outside the domain where it was measured against the simulator, in one line. */
export function fastDomainNote(finding: FastDomainFinding): string {
  return `Warning: outside the fast path's validated domain (${describeFastDomainFinding(finding)}): its error was measured at over 10% there; simulate instead (drop --fast or --method analytic).`;
}

/** The note for a fast-path figure whose cost is inside the validated domain but whose cold-start rate is not. */
export function fastColdStartDomainNote(finding: FastColdStartDomainFinding): string {
  return `Cold-start rate outside the fast path's validated domain (${describeFastDomainFinding(finding)}): simulate for it (drop --fast or --method analytic); the cost is inside.`;
}

/** `queue-delay 'pending'`, `request-count 2`, `per-request`. */
function describeScaler(scaler: ScalerSpec): string {
  return scaler.kind === 'queue-delay' ? `queue-delay '${scaler.reading}'` : scaler.kind === 'request-count' ? `request-count ${scaler.value}` : 'per-request';
}

/** `request-count 2`, `queue-delay 'pending' with 1 active`. */
function describeGround(ground: FastDomainGround): string {
  const name = describeScaler(ground.scaler);
  return ground.activeWorkers > 0 ? `${name} with ${ground.activeWorkers} active` : name;
}

/** `1, 2 and 4`. */
function listOf(values: readonly number[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
