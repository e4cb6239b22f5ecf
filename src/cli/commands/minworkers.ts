import { describeRange, LIMITS, within } from '../../input/limits.js';
import { Command } from 'commander';
import { findFeasibilityIssues } from '../../endpoint/feasibility.js';
import * as z from 'zod';
import { DurationSchema, PercentSchema, WholeNumberSchema } from '../../input/unit-schemas.js';
import { evaluateEndpoint } from '../../endpoint/evaluate.js';
import type { EndpointOutcome } from '../../endpoint/outcome.js';
import { activeRangeAssumption, recommendActiveWorkers } from '../../decisions/worker-settings.js';
import { render } from '../../render/index.js';
import { settingsReport } from '../../render/reports/simulation.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';
import { runsOf, simulationAssumptions } from '../../endpoint/assumptions.js';
import { endpointFromFlags } from '../resolve-endpoint.js';
import { addSimulationOptions, runOf, RunFlagsSchema, SIMULATE_ENDPOINT } from '../simulation-options.js';

const MinWorkersOptionsSchema = CommonOptionsSchema.extend(RunFlagsSchema.shape).extend({
  upTo: within(WholeNumberSchema, 'upTo').optional(),
  p95: DurationSchema.optional(),
  maxColdRate: PercentSchema.optional(),
  maxDropRate: PercentSchema.optional(),
});

export function minworkersCommand(context: CliContext): Command {
  const command = new Command('minworkers')
    .description('for 0..N always-on workers: monthly cost, cold-start rate, p95/p99 latency; the cheapest that meets a target')
    .option('--up-to <n>', `the most active workers to try (default: the busiest hour's need at 80% busy); ${describeRange(LIMITS.upTo)}`)
    .option('--p95 <duration>', 'latency target: the cheapest count whose p95 is at most this, e.g. 8s')
    .option('--max-cold-rate <percent>', 'cold-start target: at most this share of requests waits on a start, e.g. 1%')
    .option('--max-drop-rate <percent>', 'load-balancing endpoints: at most this share of requests dropped (no worker within the wait), e.g. 0.1%')
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan minworkers --gpu rtx4090 --requests-per-day 5000 --exec 4s --cold-start 30s --p95 8s
  runpod-plan minworkers --gpu rtx4090 --requests-per-day 20k --exec-p50 2s --exec-p95 6s --profile business-hours --max-cold-rate 1%
  runpod-plan minworkers --gpu h100 --requests-per-day 20k --exec 20s --endpoint-type load-balancer --scaler-value 1 --max-workers 8 --max-drop-rate 0.5%`,
    );
  addSimulationOptions(command, SIMULATE_ENDPOINT);
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(MinWorkersOptionsSchema, raw);
    const loaded = await loadCatalogForRun(options, context.io);
    const { endpoint: setup } = await endpointFromFlags(loaded.catalog, SIMULATE_ENDPOINT, raw, runOf(options), context.io.cwd);
    // Little's law at the busiest hour with RunPod's 20% headroom: the most always-on workers worth trying.
    const peakNeed = Math.max(1, Math.ceil((setup.traffic.peakRatePerSecond * setup.execution.meanS) / 0.8 / setup.workers.capacityPerWorker));
    const upTo = options.upTo ?? peakNeed;
    const outcomes: EndpointOutcome[] = [];
    for (let active = 0; active <= upTo; active++) {
      const config = { ...setup.config, workers: { ...setup.config.workers, active } };
      outcomes.push(evaluateEndpoint(setup, options.method, config));
    }
    const targets = {
      ...(options.p95 === undefined ? {} : { p95S: options.p95 }),
      ...(options.maxColdRate === undefined ? {} : { maxColdRate: options.maxColdRate }),
      ...(options.maxDropRate === undefined ? {} : { maxDropRate: options.maxDropRate }),
    };
    const recommendation = recommendActiveWorkers(outcomes, targets);
    const assumptions = [
      ...simulationAssumptions(setup, options.method, runsOf(outcomes)).filter((assumption) => assumption.key !== 'workers'),
      activeRangeAssumption(upTo, options.upTo !== undefined, setup.workers),
    ];
    const report = settingsReport('minworkers', outcomes, recommendation, `Always-on workers on ${setup.gpu.poolId}: cost against cold starts and latency`, catalogInfo(loaded), assumptions, findFeasibilityIssues(loaded.catalog, setup));
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}

