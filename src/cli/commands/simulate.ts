import { Command } from 'commander';
import { findFeasibilityIssues } from '../../endpoint/feasibility.js';
import * as z from 'zod';
import { InputError } from '../../input/error.js';
import { evaluateEndpoint } from '../../endpoint/evaluate.js';
import { withOverload } from '../../endpoint/overload.js';
import { render } from '../../render/index.js';
import { simulationReport } from '../../render/reports/simulation.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';
import { runsOf, simulationAssumptions } from '../../endpoint/assumptions.js';
import { endpointFromFlags } from '../resolve-endpoint.js';
import { addSimulationOptions, runOf, RunFlagsSchema, SIMULATE_ENDPOINT } from '../simulation-options.js';

const SimulateOptionsSchema = CommonOptionsSchema.extend(RunFlagsSchema.shape).extend({ timeline: z.boolean() });

export function simulateCommand(context: CliContext): Command {
  const command = new Command('simulate')
    .description("play a month of traffic through RunPod's worker rules: cost, cold starts, latency percentiles")
    .option('--timeline', 'workers and cost through an average day, as a chart', false)
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan simulate --gpu rtx4090 --requests-per-day 50k --exec-p50 3s --exec-p95 9s --max-workers 10
  runpod-plan simulate --gpu rtx4090 --requests-per-day 5000 --exec 4s --profile business-hours --timeline
  runpod-plan simulate --gpu rtx4090 --requests-per-day 2000 --exec 4s --burst-on 5m --burst-off 55m --idle-timeout 30s
  runpod-plan simulate --gpu a100 --trace invocations.csv --trace-format counts --exec 2s --model llama-3.1-8b --image 8GB
  runpod-plan simulate --gpu a100 --trace one-day.csv --exec 2s --horizon 30d --repeat-trace
  runpod-plan simulate --gpu rtx4090 --requests-per-day 500 --exec 4s --cold-start 20s --queue-delay-reading eager --precision 0.5%
  runpod-plan simulate --gpu rtx4090 --requests-per-day 500 --exec 4s --method analytic`,
    );
  addSimulationOptions(command, SIMULATE_ENDPOINT);
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(SimulateOptionsSchema, raw);
    const loaded = await loadCatalogForRun(options, context.io);
    const { endpoint: setup } = await endpointFromFlags(loaded.catalog, SIMULATE_ENDPOINT, raw, runOf(options), context.io.cwd);
    if (options.method === 'analytic' && setup.analytic === null) {
      throw new InputError('the fast path covers Poisson traffic and daily profiles, not bursts or traces: use --method sim', { flag: '--method' });
    }
    const outcome = withOverload(setup, evaluateEndpoint(setup, options.method));
    const report = simulationReport(
      outcome,
      {
        title: `Simulated month on ${setup.gpu.poolId}${setup.loadBalancer === null ? '' : ', load-balancing endpoint'}`,
        timeline: options.timeline,
        flexUsdPerSecond: setup.pricing.flexUsdPerSecond,
        gpuCount: setup.pricing.gpuCount,
        loadBalancer: setup.loadBalancer,
        findings: findFeasibilityIssues(loaded.catalog, setup),
      },
      catalogInfo(loaded),
      simulationAssumptions(setup, options.method, runsOf([outcome])),
    );
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}
