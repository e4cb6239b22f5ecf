// LLM unit economics as arithmetic (pure): a month's cost over the tokens it served, split between input
// and output tokens; a worker's whole month over the tokens it can serve at a full batch (the
// reservation-based figure, the floor the usage-based one approaches as the worker fills); and what a
// per-token API charges for a request (the volume from which self-hosting beats it is searched by
// decisions/tokens-breakeven.ts).

const MILLION = 1_000_000;

/** Dollars per million input, output and all tokens; null where no such token is served. */
export interface PerMillionTokens {
  inputUsd: number | null;
  outputUsd: number | null;
  blendedUsd: number | null;
}

/** A request's tokens and the share of its cost the input tokens carry. */
export interface TokenMix {
  tokensIn: number;
  /** Mean output tokens per request. */
  tokensOut: number;
  /** Share of a request's cost put on its input tokens, 0 to 1 (the rest on the output tokens). */
  inputShare: number;
}

/**
 * `usd` spent on `requests` requests of this mix, per million tokens: the input tokens carry inputShare of
 * it, the output tokens the rest; blended is over all tokens. $1,000 on 1,000,000 requests of 500 in and
 * 250 out with 20% on the input: $200 / 500M = $0.40 in, $800 / 250M = $3.20 out, $1,000 / 750M = $1.33.
 */
export function perMillionTokens(usd: number, requests: number, mix: TokenMix): PerMillionTokens {
  const inputTokens = requests * mix.tokensIn;
  const outputTokens = requests * mix.tokensOut;
  return {
    inputUsd: inputTokens > 0 ? (usd * mix.inputShare * MILLION) / inputTokens : null,
    outputUsd: outputTokens > 0 ? (usd * (1 - mix.inputShare) * MILLION) / outputTokens : null,
    blendedUsd: inputTokens + outputTokens > 0 ? (usd * MILLION) / (inputTokens + outputTokens) : null,
  };
}

/** Requests one worker serves in `monthS` with its batch full all the time: monthS x capacity / mean time alone. */
export function requestsPerWorkerMonth(monthS: number, capacityPerWorker: number, meanExecutionS: number): number {
  return (monthS * capacityPerWorker) / meanExecutionS;
}

/** An API's price per token, in and out. */
export interface ApiPrice {
  inputUsdPerToken: number;
  outputUsdPerToken: number;
}

/** What the API charges for one request of the mix: 500 x $0.20/M + 250 x $0.60/M = $0.00025. */
export function apiUsdPerRequest(mix: TokenMix, price: ApiPrice): number {
  return mix.tokensIn * price.inputUsdPerToken + mix.tokensOut * price.outputUsdPerToken;
}
