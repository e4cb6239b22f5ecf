// `runpod-plan tokens`: an LLM endpoint's cost per million input and output tokens, what users see in
// tokens, and a per-token API price against it. A command of its own rather than flags on `compare`:
// its inputs (tokens, prefill, the API price, the input/output split) and its report (per million tokens,
// time to first token, break-even volume) are another question; the options are `compare`'s, priced by
// the same simulation (decisions/compare.ts), so the two can never disagree on a month's cost.
import { Command, Option } from 'commander';
import * as z from 'zod';
import { compareAssumptions } from '../../decisions/compare-assumptions.js';
import { compareOptions } from '../../decisions/compare.js';
import { tokenEconomics, tokensAssumptions, type ApiPrice, type InputShareRule } from '../../decisions/tokens.js';
import { trafficAssumption, workloadOf } from '../../decisions/workload.js';
import { InputError } from '../../input/error.js';
import { describeRange, LIMITS, outsideLimit } from '../../input/limits.js';
import { parsePercent, parseTokenPrice, UnitError } from '../../input/units.js';
import { render } from '../../render/index.js';
import { tokensReport } from '../../render/reports/tokens.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import { addComparisonOptions, addRankingOptions, ComparisonFlagsSchema, comparisonEndpointOptions, podTermsOf, RankingFlagsSchema } from '../comparison-options.js';
import type { CliContext } from '../context.js';
import { EndpointOptions } from '../endpoint-options.js';
import { parseFlags } from '../parse-flags.js';
import { endpointFromFlags, inFlagTerms } from '../resolve-endpoint.js';
import { runOf } from '../simulation-options.js';

const TokensOptionsSchema = CommonOptionsSchema.extend(ComparisonFlagsSchema.shape).extend(RankingFlagsSchema.shape).extend({ apiPrice: z.string().optional(), inputShare: z.string() });

const COMPARISON = comparisonEndpointOptions(true);
const ENDPOINT = new EndpointOptions(
  [...COMPARISON.names.filter((name) => name !== 'exec' && name !== 'execDist'), 'tokensIn', 'tokensInP95', 'tokensOut', 'tokensOutP95', 'prefill', 'decode'],
  {
    gpuCount: { description: 'GPUs per worker or pod' },
    active: { description: 'always-on workers in the "flex + active" option', defaultValue: '1' },
    jobsPerWorker: { description: "requests a worker runs at once (worker-vllm's MAX_CONCURRENCY default, 30)", defaultValue: '30' },
  },
);

/** `$0.20/Mtok in, $0.60/Mtok out` (either order). */
function parseApiPrice(text: string): ApiPrice {
  const parts = new Map<string, number>();
  for (const part of text.split(',')) {
    const match = /^\s*(.+?)\s+(in|out)\s*$/i.exec(part);
    if (match === null) throw new InputError(`expected a price in and out, like '$0.20/Mtok in, $0.60/Mtok out', got "${text.trim()}"`, { flag: '--api-price' });
    try {
      const usdPerToken = parseTokenPrice(match[1] as string);
      const problem = outsideLimit(LIMITS.tokenPrice, usdPerToken * 1e6);
      if (problem !== null) throw new InputError(problem, { flag: '--api-price' });
      parts.set((match[2] as string).toLowerCase(), usdPerToken);
    } catch (error) {
      if (error instanceof UnitError) throw new InputError(error.message, { flag: '--api-price' });
      throw error;
    }
  }
  const input = parts.get('in');
  const output = parts.get('out');
  if (input === undefined || output === undefined) throw new InputError(`expected a price in and out, like '$0.20/Mtok in, $0.60/Mtok out', got "${text.trim()}"`, { flag: '--api-price' });
  return { inputUsdPerToken: input, outputUsdPerToken: output };
}

/** `time` (by the prefill's share of a request's time) or a percentage. */
function parseInputShare(text: string): InputShareRule {
  if (text.trim() === 'time') return { kind: 'time' };
  try {
    return { kind: 'given', share: parsePercent(text) };
  } catch (error) {
    if (error instanceof UnitError) throw new InputError(`expected time or a percentage like 20%, got "${text}"`, { flag: '--input-share' });
    throw error;
  }
}

export function tokensCommand(context: CliContext): Command {
  const command = new Command('tokens')
    .description('an LLM endpoint per million tokens: cost in and out (usage- and reservation-based) on flex, flex + active and pods, time to first token and tokens per second, against an API price')
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan tokens --gpu h100 --requests-per-day 100k --tokens-in 500 --tokens-out 250 --prefill 5000 --concurrency 1:60,8:45,32:25
  runpod-plan tokens --gpu h100 --requests-per-day 100k --tokens-in 500 --tokens-in-p95 2000 --tokens-out 250 --tokens-out-p95 800 --prefill 5000 --concurrency 1:60,8:45,32:25 --api-price '$0.20/Mtok in, $0.60/Mtok out'
  runpod-plan tokens --gpu h100 --rps 5 --tokens-in 2000 --tokens-out 300 --prefill 8000 --concurrency 1:70,16:40,32:28 --endpoint-type load-balancer --client-retries 3
  runpod-plan tokens --gpu h100 --requests-per-day 100 --tokens-in 500 --tokens-out 6000 --tokens-out-p95 30000 --prefill 5000 --concurrency 1:100,8:60,30:30 --max-failed-share 5%`,
    );
  ENDPOINT.addTo(command);
  addComparisonOptions(command);
  addRankingOptions(command);
  command
    .option('--api-price <prices>', "a per-token API price to weigh self-hosting against (the saving, and from what volume each option wins, searched on the simulated traffic), e.g. '$0.20/Mtok in, $0.60/Mtok out'")
    .addOption(new Option('--input-share <rule>', `the share of a request's cost its input tokens carry: time (the prefill's share of its time alone) or a percentage; ${describeRange(LIMITS.share)}`).default('time'));
  addCommonOptions(command).action(async (raw: unknown) => {
    const options = parseFlags(TokensOptionsSchema, raw);
    const target = options.podTargetUtilization;
    if (!(target > 0 && target <= 1)) throw new InputError(`expected a share above 0% and at most 100%, got ${String((raw as { podTargetUtilization?: unknown }).podTargetUtilization)}`, { flag: '--pod-target-utilization' });
    if ((raw as { tokensIn?: unknown }).tokensIn === undefined || (raw as { tokensOut?: unknown }).tokensOut === undefined || (raw as { prefill?: unknown }).prefill === undefined) {
      throw new InputError('required: the tokens of a request and the prefill rate, e.g. --tokens-in 500 --tokens-out 250 --prefill 5000', { flag: '--tokens-in' });
    }
    const apiPrice = options.apiPrice === undefined ? null : parseApiPrice(options.apiPrice);
    const inputShare = parseInputShare(options.inputShare);
    const loaded = await loadCatalogForRun(options, context.io);
    const method = options.fast ? 'analytic' : 'sim';
    const run = runOf({ precision: options.precision, seed: options.seed, method, month: options.month, maxRequests: options.maxRequests });
    const { endpoint } = await endpointFromFlags(loaded.catalog, ENDPOINT, raw, run, context.io.cwd);
    if (method === 'analytic' && endpoint.analytic === null) throw new InputError('the fast path covers Poisson traffic and daily profiles, not bursts or traces: drop --fast', { flag: '--fast' });
    const workload = inFlagTerms(ENDPOINT, () => workloadOf(loaded.catalog, endpoint, podTermsOf(options)));
    const comparison = compareOptions(loaded.catalog, { endpoint, workload, podTargetUtilization: target, method, maxFailedShare: options.maxFailedShare });
    const economics = tokenEconomics(endpoint, comparison, { inputShare, apiPrice, method });
    const report = tokensReport(economics, { poolId: endpoint.gpu.poolId, requestsPerSecond: endpoint.traffic.meanRatePerSecond }, comparison, catalogInfo(loaded), [
      ...tokensAssumptions(endpoint, economics, comparison),
      trafficAssumption(endpoint),
      ...compareAssumptions(endpoint, workload, comparison),
    ]);
    context.io.stdout(render(report, options.format, renderOptions(options, context.io, context.version)));
  });
  return command;
}
