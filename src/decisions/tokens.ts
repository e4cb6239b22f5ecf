// `tokens`: an LLM endpoint's cost per million input and output tokens on every option `compare` prices
// (flex, flex + active, pods), usage-based (the month's simulated bill over the tokens served) and
// reservation-based (a worker's whole month over what it serves at a full batch), the time to first token
// and output tokens per second users see, and, against a per-token API price, where self-hosting wins, by
// how much, and from what volume. Plain data; render/reports/tokens.ts words it.
import type { AssumptionOf } from '../endpoint/assumptions.js';
import type { ResolvedEndpoint } from '../endpoint/resolve.js';
import type { ResolvedTokens, TokenExperience } from '../endpoint/tokens.js';
import type { Comparison, OptionId, PricedOption } from './compare.js';
import { apiUsdPerRequest, breakEvenTokensPerDay, perMillionTokens, requestsPerWorkerMonth, type ApiPrice, type PerMillionTokens, type TokenMix } from './token-costs.js';

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
   * From what volume self-hosting wins: for an option that reserves workers (flex + active, pods), the
   * tokens a day at which one reserved worker's month equals the API bill (null: never, as one worker at
   * its usable share serves fewer tokens than that); for flex, which has no fixed cost, null.
   */
  breakEvenTokensPerDay: number | null;
  /** Flex only: whether the API is cheaper at any volume, as flex per token never falls below a full worker's (reservation-based) cost. */
  neverWins: boolean;
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
}

export interface TokenQuestion {
  inputShare: InputShareRule;
  apiPrice: ApiPrice | null;
}

/** The economics of the compared options of an LLM endpoint (one with tokens). */
export function tokenEconomics(endpoint: ResolvedEndpoint, comparison: Comparison, question: TokenQuestion): TokenEconomics {
  const tokens = endpoint.tokens;
  if (tokens === null) throw new Error('internal: tokenEconomics needs an endpoint with tokens');
  const meanExecS = endpoint.execution.meanS;
  // By time: the share of a request's time alone spent reading its input (the rest writes its output).
  const inputShare = question.inputShare.kind === 'given' ? question.inputShare.share : tokens.prefillS / meanExecS;
  const mix: TokenMix = { tokensIn: tokens.tokensIn, tokensOut: tokens.meanTokensOut, inputShare };
  const monthS = endpoint.run.monthS;
  const days = monthS / 86_400;
  const perWorker = requestsPerWorkerMonth(monthS, endpoint.workers.capacityPerWorker, meanExecS);
  const requestsPerDay = endpoint.traffic.meanRatePerSecond * 86_400;
  return {
    tokens,
    mix,
    inputShareRule: question.inputShare,
    inputTokensPerDay: requestsPerDay * mix.tokensIn,
    outputTokensPerDay: requestsPerDay * mix.tokensOut,
    options: comparison.options.map((option) => tokenOption(option, endpoint, comparison, mix, perWorker, days, question.apiPrice)),
    apiPrice: question.apiPrice,
  };
}

function tokenOption(option: PricedOption, endpoint: ResolvedEndpoint, comparison: Comparison, mix: TokenMix, perWorker: number, days: number, apiPrice: ApiPrice | null): TokenOption {
  const served = (option.overload?.servedPerMonth ?? comparison.requestsPerMonth) * (1 - (option.dropRate ?? 0));
  const workerMonthUsd = workerMonthOf(option, endpoint);
  const reserved = option.id !== 'flex';
  let api: AgainstApi | null = null;
  if (apiPrice !== null) {
    const perRequest = apiUsdPerRequest(mix, apiPrice);
    const apiUsdPerMonth = served * perRequest;
    const saving = apiUsdPerMonth - option.monthlyUsd;
    // A reserved worker runs at most the pods' target share of its capacity (RunPod's headroom advice).
    const usable = perWorker * comparison.podTargetUtilization;
    api = {
      apiUsdPerMonth,
      savingUsdPerMonth: saving,
      savingShare: apiUsdPerMonth > 0 ? saving / apiUsdPerMonth : null,
      breakEvenTokensPerDay: reserved ? breakEvenTokensPerDay(workerMonthUsd, perRequest, usable, days, mix.tokensIn + mix.tokensOut) : null,
      neverWins: !reserved && workerMonthUsd / perWorker >= perRequest,
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
  | AssumptionOf<'tokens.api', ApiPrice>;

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
  return assumptions;
}
