import { Command } from 'commander';
import { findBreakEvens } from '../../decisions/breakeven-classes.js';
import { render } from '../../render/index.js';
import { breakEvenReport } from '../../render/reports/breakeven.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import { workloadAssumptions, workloadOf } from '../../decisions/workload.js';
import { addComparisonOptions, ComparisonFlagsSchema, comparisonEndpointOptions, podTermsOf } from '../comparison-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';
import { endpointFromFlags, inFlagTerms } from '../resolve-endpoint.js';
import { runOf } from '../simulation-options.js';

const BreakEvenOptionsSchema = CommonOptionsSchema.extend(ComparisonFlagsSchema.shape);
const ENDPOINT = comparisonEndpointOptions(false);

// The break-even sweeps the traffic itself: the endpoint is resolved at no traffic. Without --exec, only
// the busy-seconds break-even is computed; an execution time is still needed to build the workload, and
// with no traffic-dependent output any positive value gives the same figures.
const NO_TRAFFIC = { 'traffic.rps': 0 };
const PLACEHOLDER_EXEC = { 'execution.mean': '1s' };

export function breakevenCommand(context: CliContext): Command {
  const command = new Command('breakeven')
    .description('busy hours (and requests) per day above which a pod or an active worker beats flex workers')
    .addHelpText(
      'after',
      `
Without --gpu, every GPU class of the catalog is listed. With --exec, cold starts, idle tails and
rounding are billed to flex too (simulated; --fast for the fast path), and the break-even is also
given in requests per day.

Examples:
  runpod-plan breakeven
  runpod-plan breakeven --gpu "A100 SXM" --pod-rate '$1.89/h'
  runpod-plan breakeven --gpu rtx4090 --exec 4s --idle-timeout 30s --cold-start 20s --format markdown
  runpod-plan breakeven --gpu rtx4090 --exec 4s --pod-target-utilization 60% --fast`,
    );
  ENDPOINT.addTo(command);
  addComparisonOptions(command);
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(BreakEvenOptionsSchema, raw);
    const loaded = await loadCatalogForRun(options, context.io);
    const flags = raw as { gpu?: string; exec?: string };
    const withOverhead = flags.exec !== undefined;
    const run = runOf({ precision: options.precision, seed: options.seed, method: options.fast ? 'analytic' : 'sim', month: options.month, maxRequests: options.maxRequests });
    const gpus = flags.gpu === undefined ? Object.keys(loaded.catalog.serverless) : [flags.gpu];
    const fixed = withOverhead ? NO_TRAFFIC : { ...NO_TRAFFIC, ...PLACEHOLDER_EXEC };
    const resolved = [];
    for (const gpu of gpus) {
      const { endpoint } = await endpointFromFlags(loaded.catalog, ENDPOINT, { ...flags, gpu }, run, context.io.cwd, fixed);
      const workload = inFlagTerms(ENDPOINT, () => workloadOf(loaded.catalog, endpoint, podTermsOf(options)));
      // breakeven weighs one pod against flex at every load, not as many pods as a load needs.
      const pod = {
        key: 'podGpu',
        value: workload.pod.secure?.gpuName ?? workload.pod.community?.gpuName ?? null,
        id: 'breakeven.pod' as const,
        values: { poolId: endpoint.gpu.poolId, pods: workload.pod, gpuNamed: endpoint.gpu.gpuName !== undefined, targetUtilization: options.podTargetUtilization },
      };
      resolved.push({ endpoint, workload, assumptions: workloadAssumptions(endpoint, workload, [pod]) });
    }
    const single = flags.gpu === undefined ? undefined : resolved[0];
    const classes = resolved.map(({ endpoint, workload }) => ({ workload, setup: endpoint }));
    const findings = findBreakEvens(loaded.catalog, classes, { withOverhead, fast: options.fast, chart: single === undefined ? null : 0 });
    const assumptions = (single ?? resolved[0])?.assumptions.filter((assumption) => keepAssumption(assumption.key, withOverhead, single !== undefined)) ?? [];
    const report = breakEvenReport({ ...findings, podTargetUtilization: options.podTargetUtilization }, catalogInfo(loaded), assumptions);
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}

// Traffic-shaped assumptions only matter when overhead is counted; per-GPU ones only for one GPU.
function keepAssumption(key: string, withOverhead: boolean, singleGpu: boolean): boolean {
  if (!singleGpu && (key === 'gpu' || key === 'podGpu' || key === 'activeUsdPerSecond')) return false;
  if (!withOverhead && ['execS', 'idleTimeoutS', 'coldStartS', 'maxWorkers'].includes(key)) return false;
  return true;
}

