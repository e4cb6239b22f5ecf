// bench/simfaas/ours: our simulator's side of the comparison with SimFaaS (bench/simfaas/compare.py runs
// it; see bench/simfaas/README.md). Reads a JSON grid on stdin, runs each point `replications` times with
// seeds seed, seed + 1, ..., and writes one JSON object per replication per line to stdout, with the
// figures SimFaaS's ServerlessSimulator.get_result_dict reports, computed the same way.
// Run by hand: echo '{"points":[{"arrivalRate":0.1,"warmS":2,"coldStartS":10,"idleTimeoutS":60,"horizonS":1e6}],"replications":2,"seed":1}' | node bench/run.mjs simfaas/ours
import { readFileSync } from 'node:fs';
import { simulate, type SimulationConfig } from '../../src/sim/simulate.js';

/** One grid point, in SimFaaS's terms: arrival rate (1/s), mean warm service (s), cold start (s), expiration threshold (s). */
interface Point {
  arrivalRate: number;
  warmS: number;
  coldStartS: number;
  idleTimeoutS: number;
  horizonS: number;
}

interface Input {
  points: Point[];
  replications: number;
  seed: number;
}

/**
 * SimFaaS's model in our simulator: Poisson arrivals; exponential warm service; a request that finds no
 * idle instance starts one and is served by it (cold response = cold start + service); an instance idle
 * for the expiration threshold stops. Every second of a start is "billed" (fullBilledS = fullS) and no
 * rounding, so our billed seconds are instance-seconds; no FlashBoot; max workers far above any count
 * reached (SimFaaS's maximum_concurrency is 1000 by default and never binds here either).
 */
function configFor(point: Point, seed: number): SimulationConfig {
  return {
    horizonS: point.horizonS,
    seed,
    arrivals: { kind: 'poisson', ratePerSecond: point.arrivalRate },
    exec: { kind: 'exponential', meanS: point.warmS },
    coldStart: { fullS: point.coldStartS, fullBilledS: point.coldStartS, restoreS: 0, restoreBilled: false, hitRate: 0 },
    workers: { active: 0, max: 1000, idleTimeoutS: point.idleTimeoutS, jobsPerWorker: 1, executionTimeoutS: Infinity },
    scaler: { kind: 'per-request' },
    roundingS: 0,
  };
}

const input = JSON.parse(readFileSync(0, 'utf8')) as Input;
input.points.forEach((point, index) => {
  for (let r = 0; r < input.replications; r++) {
    const result = simulate(configFor(point, input.seed + r));
    const b = result.billedSeconds;
    const h = point.horizonS;
    const instanceSeconds = b.flexStart + b.flexExecution + b.flexIdle;
    const row = {
      point: index,
      replication: r,
      arrived: result.requests.arrived,
      coldStarts: result.coldStarts.workerStarts,
      // Jobs that waited on a start: under per-request every start is for the job that triggered it.
      probCold: result.coldStarts.rate,
      // SimFaaS's inst_count_avg: instances starting, busy or idle, time-averaged.
      instCountAvg: result.workers.timeWeightedMean,
      // SimFaaS's inst_running_count_avg counts an instance in its cold start as running (state COLD).
      instRunningCountAvg: (b.flexStart + b.flexExecution) / h,
      instIdleCountAvg: b.flexIdle / h,
      // SimFaaS averages the lifespans of expired instances; here Little's law over the run (instance-seconds per start).
      lifespanAvg: result.coldStarts.workerStarts > 0 ? instanceSeconds / result.coldStarts.workerStarts : 0,
      // Batch-means 95% half-widths of this one run, for the record (compare.py uses the replications).
      probColdHalfWidth: result.precision.coldStartRateHalfWidth,
      instCountAvgHalfWidth: result.precision.billedSecondsHalfWidth.flexTotal / h,
    };
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
});
