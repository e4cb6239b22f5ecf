import { describe, expect, it } from 'vitest';
import type { FastColdStartDomainFinding, FastDomainFinding } from '../../src/endpoint/fast-domain.js';
import { describeFastDomainFinding, fastColdStartDomainNote, fastDomainNote } from '../../src/render/fast-domain.js';

const requestCount2 = { scaler: { kind: 'request-count', value: 2 }, activeWorkers: 0 } as const;
const pendingWithOne = { scaler: { kind: 'queue-delay', thresholdS: 1, reading: 'pending' }, activeWorkers: 1 } as const;

// Each code in the words the notes carry; loads, starts and idle timeouts rounded to two decimals
// (0.3/s x 4 s = 1.2000000000000002 GPUs reads 1.2), limits and the user's own settings as given.
const CASES: [FastDomainFinding | FastColdStartDomainFinding, string][] = [
  [{ code: 'load-balancer' }, 'a load-balancing endpoint: the fast model has no bounded wait for a worker, drops or retries'],
  [{ code: 'jobs-per-worker', jobsPerWorker: 30 }, 'jobsPerWorker 30: the fast model runs one job per worker'],
  [{ code: 'execution-timeout-short', executionTimeoutS: 35.5, limitExecs: 10 }, 'execution timeout 35.5s is under 10x the mean execution'],
  [{ code: 'sampled-execution' }, 'sampled execution times: the fast model was measured on exponential, constant and lognormal'],
  [{ code: 'token-execution' }, 'token counts drawn from a distribution: the fast model was measured on exponential, constant and lognormal execution times'],
  [{ code: 'load-over-capacity', peakLoadGpus: 4, limitShare: 0.8, workers: 3 }, 'peak load 4 GPUs is above 80% of 3 workers'],
  [{ code: 'start-over', startExecs: 12.3456, limitExecs: 10, ground: null }, 'mean cold start is 12.35x the mean execution (validated up to 10x)'],
  [{ code: 'start-over', startExecs: 6, limitExecs: 5, ground: requestCount2 }, 'mean cold start is 6x the mean execution (validated up to 5x here: request-count 2)'],
  [{ code: 'active-workers-over', activeWorkers: 4, limit: 3 }, '4 active workers (validated up to 3)'],
  [{ code: 'request-count-value', value: 3, validatedValues: [1, 2, 4] }, 'request-count value 3: validated for values 1, 2 and 4'],
  [{ code: 'request-count-idle-short', idleTimeoutS: 5, execMeanS: 10.004 }, 'request-count with an idle timeout 5s under one mean execution (10s)'],
  [{ code: 'threshold-over', thresholdS: 8, limitExecs: 1, activeWorkers: 0 }, 'queue-delay threshold 8s above 1x the mean execution'],
  [{ code: 'threshold-over', thresholdS: 4, limitExecs: 0.5, activeWorkers: 1 }, 'queue-delay threshold 4s above 0.5x the mean execution with active workers'],
  [
    { code: 'flashboot-mix', startExecs: 1.75, limitStartExecs: 1.5, idleExecs: 1.25, limitIdleExecs: 3 },
    'a FlashBoot mix of restores and full starts, a mean cold start of 1.75x the mean execution (over 1.5x) and an idle timeout of 1.25x (under 3x)',
  ],
  [{ code: 'peak-load-over', peakLoadGpus: 0.3 * 4, limitGpus: 0.8, ground: null }, 'peak load 1.2 GPUs is above 0.8 GPU'],
  [
    { code: 'peak-load-over', peakLoadGpus: 2, limitGpus: 1, ground: { scaler: { kind: 'queue-delay', thresholdS: 2, reading: 'eager' }, activeWorkers: 0 } },
    "peak load 2 GPUs is above 1 GPU (validated up to 1 here: queue-delay 'eager')",
  ],
  [
    { code: 'peak-load-over', peakLoadGpus: 1.2, limitGpus: 1, ground: { scaler: { kind: 'per-request' }, activeWorkers: 1 } },
    'peak load 1.2 GPUs is above 1 GPU (validated up to 1 here: per-request with 1 active)',
  ],
  [
    { code: 'active-load-over', peakLoadGpus: 0.21 * 4, activeWorkers: 1, limitShare: 0.8, ground: pendingWithOne },
    "peak load 0.84 GPUs is above 80% of the 1 active worker (not validated here: queue-delay 'pending' with 1 active)",
  ],
  [
    { code: 'active-load-over', peakLoadGpus: 2.5, activeWorkers: 3, limitShare: 0.8, ground: { scaler: { kind: 'request-count', value: 4 }, activeWorkers: 3 } },
    'peak load 2.5 GPUs is above 80% of the 3 active workers (not validated here: request-count 4 with 3 active)',
  ],
  [{ code: 'active-load-over', peakLoadGpus: 0.15 * 4, activeWorkers: 1, limitShare: 0.5, ground: null }, 'peak load 0.6 GPUs is above half of the 1 active worker'],
  [
    { code: 'steady-long-idle', squaredVariation: 0, limitSquaredVariation: 0.5, idleExecs: 21, limitIdleExecs: 20, ground: requestCount2 },
    'execution times this steady (squared variation under 0.5) with an idle timeout over 20x the mean execution (not validated here: request-count 2)',
  ],
  [{ code: 'idle-over', idleExecs: 201, limitExecs: 200, ground: requestCount2 }, 'an idle timeout over 200x the mean execution (not validated here: request-count 2)'],
  [
    { code: 'flashboot-mix-long-start', fullStartExecs: 32.66, limitExecs: 20 },
    'a FlashBoot mix of 2 s restores and full starts of 32.66x the mean execution (validated up to 20x)',
  ],
  [
    { code: 'threshold-under', thresholdS: 4, limitExecs: 0.05 },
    "queue-delay threshold 4s is under 0.05x the mean execution, below the simulated correction's smallest threshold",
  ],
  [
    { code: 'start-under', startExecs: 0.125, limitExecs: 0.3, activeWorkers: 1 },
    "mean cold start is 0.13x the mean execution with 1 active worker, under the simulated correction's smallest start (0.3x)",
  ],
  [
    { code: 'long-threshold-load-over', peakLoadGpus: 0.904, limitGpus: 0.8, thresholdS: 4, limitThresholdExecs: 1 },
    'peak load 0.9 GPUs with a queue-delay threshold of 4s, over 1x the mean execution (validated up to 0.8 GPU with thresholds that long)',
  ],
  [
    { code: 'cost-correction-steep', steepness: 0.343, limitSteepness: 0.2 },
    "the cost changes steeply near this endpoint: its simulated correction moves the month's cost by 34% across the grid cell it is interpolated in, validated up to 20%",
  ],
  [
    { code: 'correction-steep', steepness: 0.347, limitSteepness: 0.1 },
    'the rate changes steeply near this endpoint: its simulated correction varies by 35% across the grid cell it is interpolated in, validated up to 10%',
  ],
  [
    { code: 'peak-load-over', peakLoadGpus: 1.25, limitGpus: 1, ground: { scaler: { kind: 'queue-delay', thresholdS: 1, reading: 'pending' }, activeWorkers: 0 } },
    "peak load 1.25 GPUs is above 1 GPU (validated up to 1 here: queue-delay 'pending')",
  ],
];

describe('describeFastDomainFinding', () => {
  it.each(CASES)('%o reads %s', (finding, words) => {
    expect(describeFastDomainFinding(finding)).toBe(words);
  });

  it('words every code', () => {
    const codes = new Set(CASES.map(([finding]) => finding.code));
    expect([...codes].sort()).toEqual(
      [
        'load-balancer',
        'jobs-per-worker',
        'execution-timeout-short',
        'sampled-execution',
        'token-execution',
        'load-over-capacity',
        'start-over',
        'active-workers-over',
        'request-count-value',
        'request-count-idle-short',
        'threshold-over',
        'flashboot-mix',
        'peak-load-over',
        'active-load-over',
        'steady-long-idle',
        'idle-over',
        'correction-steep',
        'cost-correction-steep',
        'flashboot-mix-long-start',
        'threshold-under',
        'start-under',
        'long-threshold-load-over',
      ].sort(),
    );
  });

  it('puts the reason in the warning for the cost and in the note for the cold-start rate', () => {
    expect(fastDomainNote({ code: 'jobs-per-worker', jobsPerWorker: 30 })).toBe(
      "Warning: outside the fast path's validated domain (jobsPerWorker 30: the fast model runs one job per worker): its error was measured at over 10% there; simulate instead (drop --fast or --method analytic).",
    );
    expect(fastColdStartDomainNote({ code: 'correction-steep', steepness: 0.5, limitSteepness: 0.1 })).toBe(
      "Cold-start rate outside the fast path's validated domain (the rate changes steeply near this endpoint: its simulated correction varies by 50% across the grid cell it is interpolated in, validated up to 10%): simulate for it (drop --fast or --method analytic); the cost is inside.",
    );
  });
});
