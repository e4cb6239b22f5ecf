// `tokens`: an LLM endpoint's cost per million input and output tokens on every option `compare` prices
// (flex, flex + active, pods), usage-based (the month's simulated bill over the tokens served) and
// reservation-based (a worker's whole month over what it serves at a full batch), the time to first token
// and output tokens per second users see, and, against a per-token API price, where self-hosting wins, by
// how much, and from what volume. Plain data; render/reports/tokens.ts words it.
import type { AssumptionOf } from '../endpoint/assumptions.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import type { ResolvedTokens, TokenExperience } from '../endpoint/tokens.js';
import { rankingOf, type Comparison, type OptionId, type PricedOption } from './compare.js';
import { apiUsdPerRequest, perMillionTokens, requestsPerWorkerMonth, type ApiPrice, type PerMillionTokens, type TokenMix } from './token-costs.js';
import { findTokensBreakEven, type VolumeBreakEven, type VolumeSearchFacts } from './tokens-breakeven.js';

export type { ApiPrice } from './token-costs.js';

/** How a request's cost is split between its input and output tokens. */
export type InputShareRule = { kind: 'time' } | { kind: 'given'; share: number };

/** Against the API: the same tokens bought there, the saving, and the volume from which self-hosting starts to win. */
export interface AgainstApi {
  apiUsdPerMonth: number;
  /** API cost - self-hosted cost: above 0, self-hosting wins at this volume. */
  savingUsdPerMonth: number;
  /** The saving as a share of the API cost. */
  savingShare: number | null;
  /**
   * From what volume (tokens a day) self-hosting costs less than the API for the same tokens, searched on
   * the endpoint's traffic scaled to each volume (decisions/tokens-breakeven.ts); null: never within the
   * searched range; 0: at every volume searched. Null too where the traffic cannot be scaled (a trace).
   */
  breakEvenTokensPerDay: number | null;
  /** The break-even's 95% half-width in tokens a day, where the search could tell it. */
  breakEvenHalfWidthTokensPerDay: number | null;
  /** Where self-hosting turns dearer again further up, in tokens a day; null when it does not within the range. */
  dearerAgainFromTokensPerDay: number | null;
  /** Pods that turn dearer again: from what volume they stay cheaper for good, in tokens a day. */
  cheaperForGoodFromTokensPerDay: number | null;
  /** How the search stopped at the break-even (null: none found, or it wins from the first volume). */
  searchStop: VolumeBreakEven['stop'];
  /** The volumes searched, in tokens a day; null where none was (a trace's traffic). */
  searchedTokensPerDay: { lowest: number; highest: number } | null;
}

/** One option in tokens. */
export interface TokenOption {
  id: OptionId;
  monthlyUsd: number;
  monthlyUsdHalfWidth: number | null;
  /** Requests whose tokens count: served, not dropped or left by an overload. */
  servedRequestsPerMonth: number;
  usage: PerMillionTokens;
  /** A worker billed its whole month (flex or active rate, or one pod) over the requests it serves at a full batch. */
  reservation: PerMillionTokens & { workerMonthUsd: number; requestsPerWorkerMonth: number };
  experience: TokenExperience | null;
  dropRate: number | null;
  overloaded: boolean;
  /** Whether compare's rule ranks it against the others (decisions/compare.ts, rankingOf): not overloaded, and failing no more than tolerated unless every option does. */
  ranked: boolean;
  api: AgainstApi | null;
}

export interface TokenEconomics {
  tokens: ResolvedTokens;
  mix: TokenMix;
  /** How inputShare was set. */
  inputShareRule: InputShareRule;
  inputTokensPerDay: number;
  outputTokensPerDay: number;
  options: TokenOption[];
  apiPrice: ApiPrice | null;
  /** How the break-even volumes were searched; null without an API price or for a trace's traffic. */
  volumeSearch: (VolumeSearchFacts & { tokensPerRequest: number }) | null;
}

export interface TokenQuestion {
  inputShare: InputShareRule;
  apiPrice: ApiPrice | null;
  /** How the break-even volumes are priced: simulated, or the fast path (--fast). */
  method: 'sim' | 'analytic';
}

/** The economics of the compared options of an LLM endpoint (one with tokens). */
export function tokenEconomics(endpoint: ResolvedEndpoint, comparison: Comparison, question: TokenQuestion): TokenEconomics {
  const tokens = endpoint.tokens;
  if (tokens === null) throw new Error('internal: tokenEconomics needs an endpoint with tokens');
  const meanExecS = endpoint.execution.meanS;
  // By time: the share of a request's time alone spent reading its input (the rest writes its output).
  const inputShare = question.inputShare.kind === 'given' ? question.inputShare.share : tokens.prefillS / meanExecS;
  const mix: TokenMix = { tokensIn: tokens.meanTokensIn, tokensOut: tokens.meanTokensOut, inputShare };
  const monthS = endpoint.run.monthS;
  const perWorker = requestsPerWorkerMonth(monthS, endpoint.workers.capacityPerWorker, meanExecS);
  const requestsPerDay = endpoint.traffic.meanRatePerSecond * 86_400;
  const apiPrice = question.apiPrice;
  const search = apiPrice === null ? null : findTokensBreakEven(endpoint, comparison, { apiUsdPerRequest: apiUsdPerRequest(mix, apiPrice), method: question.method });
  const tokensPerRequest = mix.tokensIn + mix.tokensOut;
  const ranked = new Set(rankingOf(comparison.options, comparison.maxFailedShare).ranked.map((option) => option.id));
  return {
    tokens,
    mix,
    inputShareRule: question.inputShare,
    inputTokensPerDay: requestsPerDay * mix.tokensIn,
    outputTokensPerDay: requestsPerDay * mix.tokensOut,
    options: comparison.options.map((option) => ({ ...tokenOption(option, endpoint, comparison, mix, perWorker, apiPrice, search?.options.get(option.id) ?? null), ranked: ranked.has(option.id) })),
    apiPrice,
    volumeSearch: search === null ? null : { ...search.facts, tokensPerRequest },
  };
}

function tokenOption(
  option: PricedOption,
  endpoint: ResolvedEndpoint,
  comparison: Comparison,
  mix: TokenMix,
  perWorker: number,
  apiPrice: ApiPrice | null,
  volume: VolumeBreakEven | null,
): Omit<TokenOption, 'ranked'> {
  const served = (option.overload?.servedPerMonth ?? comparison.requestsPerMonth * (1 - option.failedShare)) * (1 - (option.dropRate ?? 0));
  const workerMonthUsd = workerMonthOf(option, endpoint);
  let api: AgainstApi | null = null;
  if (apiPrice !== null) {
    const apiUsdPerMonth = served * apiUsdPerRequest(mix, apiPrice);
    const saving = apiUsdPerMonth - option.monthlyUsd;
    const inTokens = (requestsPerDay: number | null | undefined) => (requestsPerDay == null ? null : requestsPerDay * (mix.tokensIn + mix.tokensOut));
    api = {
      apiUsdPerMonth,
      savingUsdPerMonth: saving,
      savingShare: apiUsdPerMonth > 0 ? saving / apiUsdPerMonth : null,
      breakEvenTokensPerDay: inTokens(volume?.fromRequestsPerDay),
      breakEvenHalfWidthTokensPerDay: inTokens(volume?.halfWidthRequestsPerDay),
      dearerAgainFromTokensPerDay: inTokens(volume?.dearerAgainFromRequestsPerDay),
      cheaperForGoodFromTokensPerDay: inTokens(volume?.cheaperForGoodFromRequestsPerDay),
      searchStop: volume?.stop ?? null,
      searchedTokensPerDay: volume === null ? null : { lowest: volume.lowestRequestsPerDay * (mix.tokensIn + mix.tokensOut), highest: volume.highestRequestsPerDay * (mix.tokensIn + mix.tokensOut) },
    };
  }
  return {
    id: option.id,
    monthlyUsd: option.monthlyUsd,
    monthlyUsdHalfWidth: option.monthlyUsdHalfWidth,
    servedRequestsPerMonth: served,
    usage: perMillionTokens(option.monthlyUsd, served, mix),
    reservation: { ...perMillionTokens(workerMonthUsd, perWorker, mix), workerMonthUsd, requestsPerWorkerMonth: perWorker },
    experience: option.experience,
    dropRate: option.dropRate,
    overloaded: option.overload !== null,
    api,
  };
}

/** One worker's whole month: flex or active rate x GPUs x the month, or one pod of the fleet. */
function workerMonthOf(option: PricedOption, endpoint: ResolvedEndpoint): number {
  const { pricing } = endpoint;
  const seconds = endpoint.run.monthS * pricing.gpuCount;
  if (option.shape.kind === 'pods') return option.monthlyUsd / option.shape.podCount;
  return (option.id === 'flex' ? pricing.flexUsdPerSecond : pricing.activeUsdPerSecond) * seconds;
}

/** The assumptions of the token figures, as data (worded in render/assumptions.ts). */
export type TokensAssumption =
  | AssumptionOf<'tokens.inputShare', { rule: InputShareRule['kind']; share: number; prefillS: number; executionMeanS: number }>
  | AssumptionOf<'tokens.reservation', { capacityPerWorker: number; monthS: number; podTargetUtilization: number }>
  | AssumptionOf<'tokens.api', ApiPrice>
  | AssumptionOf<'tokens.volumeSearch', { highestRequestsPerDay: number; podTargetUtilization: number; precision: number | null; seed: number }>;

export function tokensAssumptions(endpoint: ResolvedEndpoint, economics: TokenEconomics, comparison: Comparison): TokensAssumption[] {
  const { tokens, mix } = economics;
  const assumptions: TokensAssumption[] = [
    { key: 'inputShare', value: mix.inputShare, id: 'tokens.inputShare', values: { rule: economics.inputShareRule.kind, share: mix.inputShare, prefillS: tokens.prefillS, executionMeanS: endpoint.execution.meanS } },
    {
      key: 'reservation',
      value: endpoint.workers.capacityPerWorker,
      id: 'tokens.reservation',
      values: { capacityPerWorker: endpoint.workers.capacityPerWorker, monthS: endpoint.run.monthS, podTargetUtilization: comparison.podTargetUtilization },
    },
  ];
  if (economics.apiPrice !== null) assumptions.push({ key: 'apiPrice', value: null, id: 'tokens.api', values: economics.apiPrice });
  const search = economics.volumeSearch;
  if (search !== null) {
    const values = { highestRequestsPerDay: search.highestRequestsPerDay, podTargetUtilization: comparison.podTargetUtilization, precision: search.precision, seed: endpoint.run.seed };
    assumptions.push({ key: 'breakEvenVolume', value: search.highestRequestsPerDay, id: 'tokens.volumeSearch', values });
  }
  return assumptions;
}
