// The fast path: an endpoint's monthly figures from the levels model (model/fast-endpoint.ts), blended
// with the scaling chain for the queueing scalers (model/scaling-chain.ts) and corrected by simulated
// ratios (model/fast-correction.ts), instead of a simulation, in the same line items as priceSimulation,
// with the domain where bench/fast-vs-sim.ts measured it against the simulator. A daily profile is taken hour by hour (each hour's rate held
// steady: valid while an hour is long next to the idle timeout and the cold start) and summed.
import { queueingScalerRates } from '../model/scaling-chain.js';
import { meanColdStartS } from '../model/cold-start.js';
import { CORRECTION_MAX_ACTIVE, CORRECTION_MIN_START_EXECS, CORRECTION_MIN_THRESHOLD_EXECS, coldStartCorrectionSteepness, correctedColdStartRate, correctionCornerRatios, correctionRatios, type CorrectionRatios } from '../model/fast-correction.js';
import { fastEndpointRates, type FastEndpointInput, type FastEndpointRates } from '../model/fast-endpoint.js';
import { monthSeconds as toMonthSeconds } from '../model/line-items.js';
import type { SimulationConfig } from '../sim/simulate.js';
import type { FastColdStartDomainFinding, FastDomainFinding, FastDomainGround, FlashBootMixFinding } from './fast-domain.js';
import { execShapeOf, fastInputOf } from './fast-input.js';
import { billedLineItems, type AnalyticTraffic, type EndpointOutcome, type SimulationPricing } from './outcome.js';

/** The fast path's outcome: priced like a simulation, plus whether the configuration is inside the validated domain. */
export type FastOutcome = EndpointOutcome & { inDomain: boolean };

/**
 * The validated domain of the monthly cost: where bench/fast-vs-sim.ts measured the fast path's monthly
 * cost within 5% at the 95th percentile and 10% at worst on grid seeds 7, 11, 13, 17, 23, 29, 31 and 37
 * (1,200 points each; chosen on seed 7 and on two more seeds of the same grid, 21 and 22, then checked on
 * seed 11, and after one limit below was cut, on seed 13; the limit on steady jobs with long idle
 * timeouts was cut after seeds 11 and 13 and checked on seed 17; the last three limits below, each with
 * the seeds that chose and checked it); p95 1.9-2.7%, at worst 5.4-9.9% (see README's Accuracy). The
 * cold-start rate has a narrower domain, checkFastColdStartDomain. The limits:
 * - offered load at most DOMAIN_MAX_LOAD_SHARE of (active + max) workers in the busiest hour (near
 *   capacity the queue's slow transients dominate and the simulator itself needs very long runs);
 * - one job per worker; execution timeouts far above the mean execution; a parametric execution time;
 * - the mean cold start at most DOMAIN_MAX_START_EXECS mean executions (the levels model's one mean
 *   holding time stands for a start followed by a job: much longer starts make occupancy bimodal);
 * - at most CORRECTION_MAX_ACTIVE active workers (the correction's grids);
 * - the busiest hour's load at most DOMAIN_MAX_LOAD GPUs, where the scaler lets jobs queue or active
 *   workers take part of it (the grids for active workers are coarse, and errors of 10-30% were measured
 *   above one GPU), except on the ground validated before the scaling chain: per-request with no active
 *   workers or active workers loaded at most half, queue-delay 'pending' with a threshold of at most half
 *   an execution and request-count 1, both with no active workers;
 * - on that new ground, a mean cold start of at most DOMAIN_MAX_QUEUEING_START_EXECS executions (the
 *   request-count grids erred by 10-12% with starts of 6-9 executions);
 * - on that new ground, execution times with a squared coefficient of variation of at least
 *   DOMAIN_MIN_QUEUEING_VARIATION or an idle timeout of at most DOMAIN_MAX_QUEUEING_STEADY_IDLE_EXECS
 *   executions: with constant-time jobs and longer idle timeouts, started workers almost never stop and
 *   the month's cost hangs on which of a few worker counts the endpoint settles in; measured off by
 *   6-13% at worst on seeds 7, 11 and 13 (request-count 2 and 4, queue-delay with an active worker;
 *   p95 6-10% from 20 executions up, at most 4.2% from 5 to 20); on seed 17 the 9 points it leaves out
 *   erred by 0-9.8%. The bench draws squared variations of 0, 0.56 and 1 only: values under 0.5 are
 *   treated as constant's;
 * - request-count: values 1, 2 and 4 (the grids' values; others are interpolated, unmeasured), an idle
 *   timeout of at least one execution (seed 11 found 9.1% and 5.4% errors below it with value 1, before
 *   the correction);
 * - queue-delay, either reading: a threshold of at most DOMAIN_MAX_THRESHOLD_EXECS mean executions with no
 *   active workers and DOMAIN_MAX_THRESHOLD_EXECS_ACTIVE with some; the 'pending' reading without active
 *   workers up to DOMAIN_MAX_THRESHOLD_EXECS_PENDING (the grids' last threshold node), so RunPod's
 *   default 4 s covers jobs from 0.4 s (under 4 s, up to DOMAIN_MAX_LONG_PENDING_LOAD). Longer thresholds without active workers let the queue hold jobs
 *   over a start, where a FlashBoot mix of short and long starts (the grids have one start length) and
 *   the eager reading's extra starts were measured off by 13-21% at worst (p95 about 3%); with the steep
 *   cells left out (DOMAIN_MAX_COST_STEEPNESS), 'pending' at 1-10 executions erred by 7.7% at worst on
 *   seeds 7-73 (247 points, p95 2.7%; checked on fresh seeds 79 and 83), while 'eager' still erred by
 *   up to 26% (seed 53: constant jobs, an idle timeout of 225 executions). With active workers and constant-time jobs, the chance that a job waits past
 *   the threshold falls from about 1 - threshold / execution to almost 0 as the threshold nears one
 *   execution (a busy worker frees within one), a cliff the models' smooth wait tail and the grids'
 *   threshold nodes (0.3 and 1 execution) do not follow: 13% on seed 22 at 0.58 executions, 17% on seed
 *   11 at 0.66 (this limit was 2 executions until that holdout check; seed 13 then checked it afresh);
 * - queue-delay, either reading, with a FlashBoot mix (a hit rate between 0 and 1): not both a mean cold
 *   start over DOMAIN_FLASHBOOT_MAX_START_EXECS executions and an idle timeout under
 *   DOMAIN_FLASHBOOT_MIN_IDLE_EXECS: workers stop between most bursts, so starts are frequent and each is
 *   a 2 s restore or a full start several executions long, a mix the grids (one start length) do not
 *   follow (seed 17: 11.6% at a start of 3.1 executions and an idle timeout of 0.4; seeds 7, 11, 13:
 *   7.3-9.6%). Cut after seed 17 and checked on fresh seeds 23 and 29;
 * - on the queueing scalers' new ground with active workers, the load at most
 *   DOMAIN_MAX_QUEUEING_ACTIVE_LOAD_SHARE of the active workers: near their capacity the flex workers are
 *   started by the active workers' own queue, whose slow transients the models do not follow (seed 17:
 *   16% at 93%). Cut after seed 17 and checked on fresh seeds 23 and 29;
 * - on that new ground, an idle timeout of at most DOMAIN_MAX_QUEUEING_IDLE_EXECS executions, whatever the
 *   execution time's shape: the steady limit's reason at any variation, a started worker that the jobs
 *   overflowing the others keep alive for good, so the month hangs on rare starts (seed 29: 23.5% with
 *   request-count 4, 3 active workers and 288 executions; seed 23: 9.1% at 230). Cut after seed 29 and
 *   checked on fresh seeds 31 and 37.
 */
export const DOMAIN_MAX_LOAD_SHARE = 0.8;
export const DOMAIN_MAX_START_EXECS = 10;
const DOMAIN_MAX_LOAD = 1;
const DOMAIN_MAX_QUEUEING_START_EXECS = 5;
const DOMAIN_REQUEST_COUNT_VALUES: readonly number[] = [1, 2, 4];
const DOMAIN_MAX_THRESHOLD_EXECS = 1;
const DOMAIN_MAX_THRESHOLD_EXECS_ACTIVE = 0.5;
const DOMAIN_MAX_THRESHOLD_EXECS_PENDING = 10;
/**
 * 'pending' thresholds over DOMAIN_MAX_THRESHOLD_EXECS: up to this peak load in GPUs. Near one GPU a lone
 * worker nears saturation, and the share of jobs whose wait crosses a long threshold (which starts the
 * second worker) rises steeply with the load, inside the grids' load cell from 0.5 to 1.2 GPUs, where
 * interpolation cannot follow it (fresh seed 149: 10.7% at 1.0 GPU and 7.9 executions; seed 109: 6.7% at
 * 0.84 GPU and 7.5; from 0.5 to 0.8 GPU the 14 points on seeds 7-149 erred by 2.5% at worst). Cut after
 * seed 149 and checked on fresh seeds 151-227.
 */
const DOMAIN_MAX_LONG_PENDING_LOAD = 0.8;
const DOMAIN_MIN_QUEUEING_VARIATION = 0.5;
const DOMAIN_MAX_QUEUEING_STEADY_IDLE_EXECS = 20;
/** The same limit for any execution time on the queueing scalers' new ground. */
const DOMAIN_MAX_QUEUEING_IDLE_EXECS = 200;
/** The queueing scalers' new ground with active workers: their load at most this share of them. */
const DOMAIN_MAX_QUEUEING_ACTIVE_LOAD_SHARE = 0.8;
/** Queue-delay with a FlashBoot mix: a mean start over this many executions ... */
const DOMAIN_FLASHBOOT_MAX_START_EXECS = 1.5;
/** ... needs an idle timeout of at least this many executions. */
const DOMAIN_FLASHBOOT_MIN_IDLE_EXECS = 3;
/** The ground validated before the scaling chain: its limits on the load and the start are DOMAIN_MAX_LOAD_SHARE and DOMAIN_MAX_START_EXECS alone. */
const EARLIER_MAX_THRESHOLD_EXECS = 0.5;

/**
 * The month's cost under the lowest and the highest corners of the correction's grid cell differ by at
 * most this share (approximateEndpoint): interpolating across a steep cell is where the cost erred most
 * (fresh seed 47: 11.6% and 10.5%, with the corners 21% and 33% apart; seeds 7 and 41: 8-10% at 190%).
 * Cut after seed 47, where the domain above kept 94% of its points, and checked on fresh seeds 53-73.
 */
const DOMAIN_MAX_COST_STEEPNESS = 0.2;

/** Execution timeouts below this many mean executions cut jobs, which the fast model does not model. */
const DOMAIN_MIN_TIMEOUT_EXECS = 10;

/** A FlashBoot mix: some starts restores, some full (all hits or none is one start length). */
function isFlashBootMix(c: SimulationConfig['coldStart']): boolean {
  return c.hitRate > 0 && c.hitRate < 1;
}

/** A FlashBoot mix with a mean start over DOMAIN_FLASHBOOT_MAX_START_EXECS and an idle timeout under DOMAIN_FLASHBOOT_MIN_IDLE_EXECS, or null. */
function frequentFlashBootMix(config: SimulationConfig, execMeanS: number): FlashBootMixFinding | null {
  const startExecs = meanColdStartS(config.coldStart) / execMeanS;
  const idleTimeoutS = config.workers.idleTimeoutS;
  if (isFlashBootMix(config.coldStart) && startExecs > DOMAIN_FLASHBOOT_MAX_START_EXECS && idleTimeoutS < DOMAIN_FLASHBOOT_MIN_IDLE_EXECS * execMeanS) {
    return { code: 'flashboot-mix', startExecs, limitStartExecs: DOMAIN_FLASHBOOT_MAX_START_EXECS, idleExecs: idleTimeoutS / execMeanS, limitIdleExecs: DOMAIN_FLASHBOOT_MIN_IDLE_EXECS };
  }
  return null;
}

/** Whether the fast path is inside its validated domain for this configuration; null when it is, else why not (worded by render/fast-domain.ts). */
export function checkFastDomain(config: SimulationConfig, traffic: AnalyticTraffic): FastDomainFinding | null {
  const w = config.workers;
  if (config.loadBalancer !== undefined) return { code: 'load-balancer' };
  if (w.jobsPerWorker !== 1) return { code: 'jobs-per-worker', jobsPerWorker: w.jobsPerWorker };
  const s = traffic.execMeanS;
  if (w.executionTimeoutS < DOMAIN_MIN_TIMEOUT_EXECS * s) return { code: 'execution-timeout-short', executionTimeoutS: w.executionTimeoutS, limitExecs: DOMAIN_MIN_TIMEOUT_EXECS };
  if (config.exec.kind === 'samples') return { code: 'sampled-execution' };
  if (config.exec.kind === 'tokens') return { code: 'token-execution' };
  const peakLoadGpus = Math.max(0, ...traffic.hourlyRatesPerSecond) * s;
  const capacity = w.active + w.max;
  if (peakLoadGpus > DOMAIN_MAX_LOAD_SHARE * capacity) return { code: 'load-over-capacity', peakLoadGpus, limitShare: DOMAIN_MAX_LOAD_SHARE, workers: capacity };
  const c = config.coldStart;
  const startExecs = meanColdStartS(c) / s;
  if (startExecs > DOMAIN_MAX_START_EXECS) return { code: 'start-over', startExecs, limitExecs: DOMAIN_MAX_START_EXECS, ground: null };
  if (w.active > CORRECTION_MAX_ACTIVE) return { code: 'active-workers-over', activeWorkers: w.active, limit: CORRECTION_MAX_ACTIVE };
  const scaler = config.scaler;
  if (scaler.kind === 'request-count') {
    if (!DOMAIN_REQUEST_COUNT_VALUES.includes(scaler.value)) return { code: 'request-count-value', value: scaler.value, validatedValues: DOMAIN_REQUEST_COUNT_VALUES };
    if (w.idleTimeoutS < s) return { code: 'request-count-idle-short', idleTimeoutS: w.idleTimeoutS, execMeanS: s };
  }
  if (scaler.kind === 'queue-delay') {
    const limitExecs = w.active > 0 ? DOMAIN_MAX_THRESHOLD_EXECS_ACTIVE : scaler.reading === 'pending' ? DOMAIN_MAX_THRESHOLD_EXECS_PENDING : DOMAIN_MAX_THRESHOLD_EXECS;
    if (scaler.thresholdS > limitExecs * s) return { code: 'threshold-over', thresholdS: scaler.thresholdS, limitExecs, activeWorkers: w.active };
    const mix = frequentFlashBootMix(config, s);
    if (mix !== null) return mix;
  }
  const earlier =
    scaler.kind === 'per-request'
      ? w.active === 0 || peakLoadGpus <= w.active / 2
      : w.active === 0 && (scaler.kind === 'request-count' ? scaler.value === 1 : scaler.reading !== 'eager' && scaler.thresholdS <= EARLIER_MAX_THRESHOLD_EXECS * s);
  if (earlier) return null;
  const ground: FastDomainGround = { scaler, activeWorkers: w.active };
  if (peakLoadGpus > DOMAIN_MAX_LOAD) return { code: 'peak-load-over', peakLoadGpus, limitGpus: DOMAIN_MAX_LOAD, ground };
  if (scaler.kind === 'queue-delay' && scaler.thresholdS > DOMAIN_MAX_THRESHOLD_EXECS * s && peakLoadGpus > DOMAIN_MAX_LONG_PENDING_LOAD) {
    return { code: 'long-threshold-load-over', peakLoadGpus, limitGpus: DOMAIN_MAX_LONG_PENDING_LOAD, thresholdS: scaler.thresholdS, limitThresholdExecs: DOMAIN_MAX_THRESHOLD_EXECS };
  }
  if (scaler.kind !== 'per-request' && w.active > 0 && peakLoadGpus > DOMAIN_MAX_QUEUEING_ACTIVE_LOAD_SHARE * w.active) {
    return { code: 'active-load-over', peakLoadGpus, activeWorkers: w.active, limitShare: DOMAIN_MAX_QUEUEING_ACTIVE_LOAD_SHARE, ground };
  }
  if (scaler.kind !== 'per-request' && startExecs > DOMAIN_MAX_QUEUEING_START_EXECS) return { code: 'start-over', startExecs, limitExecs: DOMAIN_MAX_QUEUEING_START_EXECS, ground };
  const squaredVariation = execShapeOf(config.exec).squaredVariation;
  if (scaler.kind !== 'per-request' && squaredVariation < DOMAIN_MIN_QUEUEING_VARIATION && w.idleTimeoutS > DOMAIN_MAX_QUEUEING_STEADY_IDLE_EXECS * s) {
    return { code: 'steady-long-idle', squaredVariation, limitSquaredVariation: DOMAIN_MIN_QUEUEING_VARIATION, idleExecs: w.idleTimeoutS / s, limitIdleExecs: DOMAIN_MAX_QUEUEING_STEADY_IDLE_EXECS, ground };
  }
  if (scaler.kind !== 'per-request' && w.idleTimeoutS > DOMAIN_MAX_QUEUEING_IDLE_EXECS * s) return { code: 'idle-over', idleExecs: w.idleTimeoutS / s, limitExecs: DOMAIN_MAX_QUEUEING_IDLE_EXECS, ground };
  return null;
}

/**
 * The cold-start rate's validated domain, inside the cost's: up to one GPU of peak load under every scaler
 * (per-request's limit was 0.8 from fresh seeds 31 and 37, whose 11-14% errors above it were all in steep
 * cells: with the steepness limit below it went back to one GPU, chosen on seeds 7-67 and checked on fresh
 * seeds 71-97, whose three misses in flat cells, at the grids' edges, the limits below took out) ...
 */
const RATE_DOMAIN_MAX_LOAD = 1;
/** ... per-request, a mean cold start up to this many mean executions ... */
const RATE_DOMAIN_MAX_START_EXECS = 5;
/**
 * ... and, for every scaler, where the correction of the rate is nearly flat around the endpoint: its
 * ratios at the corners of the grid cell interpolated in differ by at most this share
 * (coldStartCorrectionSteepness), in every hour with traffic: 10% under the queueing scalers (at 15%,
 * 13.7% errors came through) ...
 */
const RATE_DOMAIN_MAX_STEEPNESS = 0.1;
/** ... and 20% for per-request, whose box above already kept the worst out (at 30%, 9.9% came through). */
const RATE_DOMAIN_MAX_STEEPNESS_PER_REQUEST = 0.2;
/**
 * With a FlashBoot mix (a hit rate between 0 and 1), a full start of at most this many mean executions:
 * the grids have one start length, the mix's mean, and a mix of 2 s restores and much longer full starts
 * is not that (fresh seed 61: 12.9% with full starts of 33 executions, FlashBoot at 90%). Cut after seed
 * 61 (75 of 3,759 points then in the domain, p95 3.5%) and checked on fresh seeds 67, 71 and 73.
 */
const RATE_DOMAIN_MAX_MIX_FULL_START_EXECS = 20;
/**
 * ... and for per-request, whose box holds the mean start to RATE_DOMAIN_MAX_START_EXECS, the full start
 * of a mix too: the coarse per-request grids (starts of 0.05, 0.3, 2 and 10 executions) interpolate a mix at its
 * mean, and a mix of restores and full starts past 5 executions erred by up to 10.2% (fresh seed 89: full
 * starts of 7.9 executions, FlashBoot at 50%). Cut after seed 97 and checked on fresh seeds 101-227.
 */
const RATE_DOMAIN_MAX_MIX_FULL_START_EXECS_PER_REQUEST = RATE_DOMAIN_MAX_START_EXECS;

/**
 * Whether the fast path's cold-start rate is inside its own validated domain, for a configuration inside
 * the cost's (checkFastDomain); null when it is. The rate is the share of requests that waited on a
 * worker start: bench/fast-vs-sim.ts measured it against the simulator as |fast - sim| / max(sim, 2%).
 * Its error is interpolation: the correction's grids hold simulated ratios that swing by a factor of 2-7
 * between neighbouring nodes where the queueing scalers' model is far off (the race between the busy
 * workers and a start, request-count's levels), and interpolating across such a cell erred by up to 358%.
 * Where the cell's corners agree within RATE_DOMAIN_MAX_STEEPNESS the rate met the goal's 5% at the 95th
 * percentile and 10% at worst for every scaler up to one GPU (chosen on grid seeds 7-43, checked on fresh
 * seeds; see the README's Accuracy). Per-request also keeps the rest of the box it was validated in
 * before (active workers at most half loaded, a mean cold start up to 5 executions): its grids are
 * coarse, and a flat cell alone let 23% through.
 */
export function checkFastColdStartDomain(config: SimulationConfig, traffic: AnalyticTraffic): FastColdStartDomainFinding | null {
  const s = traffic.execMeanS;
  const peakLoadGpus = Math.max(0, ...traffic.hourlyRatesPerSecond) * s;
  const active = config.workers.active;
  const ground = config.scaler.kind === 'per-request' ? null : { scaler: config.scaler, activeWorkers: active };
  const c = config.coldStart;
  const startExecs = meanColdStartS(c) / s;
  if (peakLoadGpus > RATE_DOMAIN_MAX_LOAD) return { code: 'peak-load-over', peakLoadGpus, limitGpus: RATE_DOMAIN_MAX_LOAD, ground };
  if (config.scaler.kind === 'per-request') {
    if (active > 0 && peakLoadGpus > active / 2) return { code: 'active-load-over', peakLoadGpus, activeWorkers: active, limitShare: 0.5, ground: null };
    if (startExecs > RATE_DOMAIN_MAX_START_EXECS) return { code: 'start-over', startExecs, limitExecs: RATE_DOMAIN_MAX_START_EXECS, ground: null };
    // The cost's FlashBoot-mix limit for queue-delay (checkFastDomain), here for per-request's rate: with
    // idle timeouts this short most requests start a worker, a restore or a full start, and the grids
    // take the mix at its mean (seeds 7-197: 124 such points with the grids of 0.01 and 0.05 nodes, the two
    // worst, 9.2% and 10.1% on seeds 7 and 79, against 9.0% at worst for the rest, and 6.4% without a mix
    // there). Cut after seed 197; checked on fresh seeds 199-227.
    const mix = frequentFlashBootMix(config, s);
    if (mix !== null) return mix;
  }
  const limitMixExecs = config.scaler.kind === 'per-request' ? RATE_DOMAIN_MAX_MIX_FULL_START_EXECS_PER_REQUEST : RATE_DOMAIN_MAX_MIX_FULL_START_EXECS;
  if (isFlashBootMix(c) && c.fullS > limitMixExecs * s) {
    return { code: 'flashboot-mix-long-start', fullStartExecs: c.fullS / s, limitExecs: limitMixExecs };
  }
  // Under the grids' smallest threshold the correction would be the edge's, carried on unsimulated. When
  // that node was 0.05 executions, seeds 7-97 had 109 points under it, with a p95 of 5.6% and misses of
  // 10.4% and 10.3% (seeds 83 and 97); with a node at 0.01, the 151 points from 0.01 to 0.05 on seeds
  // 7-197 erred by 3.4% at worst.
  if (config.scaler.kind === 'queue-delay' && config.scaler.thresholdS < CORRECTION_MIN_THRESHOLD_EXECS * s) {
    return { code: 'threshold-under', thresholdS: config.scaler.thresholdS, limitExecs: CORRECTION_MIN_THRESHOLD_EXECS };
  }
  // Likewise under the grids' smallest start, with active workers under the queueing scalers: there the
  // rate is a few percent, decided by the race between a start and a busy active worker, and the edge's
  // correction does not carry to shorter starts. When that node was 0.3 executions, the points under it
  // erred with a p95 of 4.5% and misses of 10.4% and 10.8% on seeds 7-103; with a node at 0.05, the 403
  // points from 0.05 to 0.3 on seeds 7-197 erred by 4.4% at worst (p95 0.2%).
  if (config.scaler.kind !== 'per-request' && active > 0 && startExecs < CORRECTION_MIN_START_EXECS) {
    return { code: 'start-under', startExecs, limitExecs: CORRECTION_MIN_START_EXECS, activeWorkers: active };
  }
  let steepness = 0;
  for (const rate of new Set(traffic.hourlyRatesPerSecond)) {
    if (rate > 0) steepness = Math.max(steepness, coldStartCorrectionSteepness(fastInputOf(config, rate, s, 1)));
  }
  const limitSteepness = config.scaler.kind === 'per-request' ? RATE_DOMAIN_MAX_STEEPNESS_PER_REQUEST : RATE_DOMAIN_MAX_STEEPNESS;
  if (steepness > limitSteepness) return { code: 'correction-steep', steepness, limitSteepness };
  return null;
}

/**
 * The fast model's variants: 'corrected' (what --fast uses: model/scaling-chain.ts's queueingScalerRates,
 * which is the levels model of model/fast-endpoint.ts for per-request, times the simulator-generated
 * correction of model/fast-correction.ts) and, for bench/fast-vs-sim's diagnostics,
 * 'uncorrected' (the same without the correction) and 'levels' (the levels model alone, every scaler).
 */
export type FastModel = 'corrected' | 'uncorrected' | 'levels';

/** One steady rate's figures from the fast model variant. */
export function fastRatesOf(input: FastEndpointInput, model: FastModel = 'corrected'): FastEndpointRates {
  if (model === 'levels') return fastEndpointRates(input);
  const r = queueingScalerRates(input);
  if (model === 'uncorrected' || r.overloaded) return r;
  return correctedRates(input, r, correctionRatios(input));
}

/** The model's figures for one steady rate, corrected by one set of ratios. */
function correctedRates(input: FastEndpointInput, r: FastEndpointRates, ratio: CorrectionRatios): FastEndpointRates {
  const activeBusy = input.active > 0 ? correctedActiveBusy(input, r, ratio) : r.activeBusy;
  const flexExecution = input.active > 0 ? input.ratePerSecond * input.exec.meanS - activeBusy : r.flexExecution;
  return {
    ...r,
    activeBusy,
    flexExecution,
    flexStart: r.flexStart * ratio.starts,
    flexRounding: r.flexRounding * ratio.starts,
    workerStarts: r.workerStarts * ratio.starts,
    waitedOnStart: input.ratePerSecond > 0 ? input.ratePerSecond * correctedColdStartRate(r.waitedOnStart / input.ratePerSecond, ratio.waited) : 0,
    flexIdle: r.flexIdle * ratio.idle,
  };
}

/**
 * The active workers' busy share, corrected: at most their count and at least what the flex workers
 * cannot take; the flex workers execute the rest of the load.
 */
function correctedActiveBusy(input: FastEndpointInput, r: FastEndpointRates, ratio: CorrectionRatios): number {
  const load = input.ratePerSecond * input.exec.meanS;
  return Math.max(Math.max(0, load - input.max), Math.min(Math.min(input.active, load), r.activeBusy * ratio.activeBusy));
}

/** The flex workers' billed seconds per second (execution, the starts' billed part, rounding, idle tails). */
function flexBilled(r: FastEndpointRates): number {
  return r.flexExecution + r.flexStart + r.flexRounding + r.flexIdle;
}

/** flexBilled(correctedRates(input, r, ratio)), without building the figures (a cell has up to 64 corners). */
function correctedFlexBilled(input: FastEndpointInput, r: FastEndpointRates, ratio: CorrectionRatios): number {
  const flexExecution = input.active > 0 ? input.ratePerSecond * input.exec.meanS - correctedActiveBusy(input, r, ratio) : r.flexExecution;
  return flexExecution + (r.flexStart + r.flexRounding) * ratio.starts + r.flexIdle * ratio.idle;
}

/** One steady rate's figures, and the least and most the flex workers bill per second under the ratios of the correction cell's corners. */
interface HourFigures {
  rates: FastEndpointRates;
  cornerFlexLow: number;
  cornerFlexHigh: number;
}

function hourFigures(input: FastEndpointInput, model: FastModel): HourFigures {
  if (model !== 'corrected') {
    const rates = fastRatesOf(input, model);
    return { rates, cornerFlexLow: flexBilled(rates), cornerFlexHigh: flexBilled(rates) };
  }
  const r = queueingScalerRates(input);
  if (r.overloaded) return { rates: r, cornerFlexLow: flexBilled(r), cornerFlexHigh: flexBilled(r) };
  const rates = correctedRates(input, r, correctionRatios(input));
  let cornerFlexLow = flexBilled(rates);
  let cornerFlexHigh = cornerFlexLow;
  for (const corner of correctionCornerRatios(input)) {
    const billed = correctedFlexBilled(input, r, corner);
    if (billed < cornerFlexLow) cornerFlexLow = billed;
    if (billed > cornerFlexHigh) cornerFlexHigh = billed;
  }
  return { rates, cornerFlexLow, cornerFlexHigh };
}

/**
 * An endpoint's month from the fast model: the line items priceSimulation gives (active, flex execution,
 * flex cold starts' billed part, flex idle tails, flex rounding), the cold-start rate (share of requests
 * that waited on a worker start), worker starts and the mean latency (percentiles unknown: null).
 */
export function approximateEndpoint(config: SimulationConfig, traffic: AnalyticTraffic, pricing: SimulationPricing, model: FastModel = 'corrected'): FastOutcome {
  const month = toMonthSeconds(pricing.monthHours);
  const hours = traffic.hourlyRatesPerSecond;
  const share = month / hours.length;
  let flexStart = 0;
  let flexExecution = 0;
  let flexIdle = 0;
  let flexRounding = 0;
  let starts = 0;
  let waited = 0;
  let requests = 0;
  let latencyWeighted = 0;
  let cornerFlexLow = 0;
  let cornerFlexHigh = 0;
  // Equal hourly rates (flat traffic, or repeated values of a profile) are evaluated once.
  const cache = new Map<number, HourFigures>();
  for (const rate of hours) {
    let figures = cache.get(rate);
    if (figures === undefined) {
      figures = hourFigures(fastInputOf(config, rate, traffic.execMeanS, pricing.roundingS), model);
      cache.set(rate, figures);
    }
    const r = figures.rates;
    cornerFlexLow += figures.cornerFlexLow * share;
    cornerFlexHigh += figures.cornerFlexHigh * share;
    flexStart += r.flexStart * share;
    flexExecution += r.flexExecution * share;
    flexIdle += r.flexIdle * share;
    flexRounding += r.flexRounding * share;
    starts += r.workerStarts * share;
    waited += r.waitedOnStart * share;
    requests += rate * share;
    latencyWeighted += rate * share * r.meanLatencyS;
  }
  const g = pricing.gpuCount;
  const lineItems = billedLineItems({ active: config.workers.active * month * g, flexExecution: flexExecution * g, flexStart: flexStart * g, flexIdle: flexIdle * g, flexRounding: flexRounding * g }, pricing);
  const monthlyUsd = lineItems.reduce((sum, item) => sum + item.monthlyUsd, 0);
  // The month's cost under the correction cell's lowest and highest corners, hour by hour (active workers bill the same under every corner).
  const activeUsd = config.workers.active * month * g * pricing.activeUsdPerSecond;
  const steepness = (activeUsd + cornerFlexHigh * g * pricing.flexUsdPerSecond) / (activeUsd + cornerFlexLow * g * pricing.flexUsdPerSecond) - 1;
  const finding = checkFastDomain(config, traffic) ?? (steepness > DOMAIN_MAX_COST_STEEPNESS ? { code: 'cost-correction-steep' as const, steepness, limitSteepness: DOMAIN_MAX_COST_STEEPNESS } : null);
  const coldFinding = finding === null ? checkFastColdStartDomain(config, traffic) : null;
  return {
    method: 'analytic',
    activeWorkers: config.workers.active,
    idleTimeoutS: config.workers.idleTimeoutS,
    lineItems,
    monthlyUsd,
    requestsPerMonth: requests,
    usdPer1000Requests: requests > 0 ? (monthlyUsd / requests) * 1000 : null,
    billedGpuHoursPerMonth: lineItems.reduce((sum, item) => sum + item.quantity, 0) / 3600,
    coldStartRate: requests > 0 ? waited / requests : 0,
    workerStartsPerMonth: starts,
    latency: { p50: null, p90: null, p95: null, p99: null, max: null, mean: requests > 0 ? latencyWeighted / requests : traffic.execMeanS },
    horizonS: 0,
    precision: null,
    overload: null,
    outsideFastDomain: finding,
    coldStartRateOutsideFastDomain: coldFinding,
    simulation: null,
    inDomain: finding === null,
  };
}
