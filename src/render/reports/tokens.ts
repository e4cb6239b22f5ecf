// `runpod-plan tokens` as a report: cost per million input and output tokens per option (usage- and
// reservation-based), what users see (time to first token, output tokens per second), and the API
// comparison with its break-even volume; the verdict in words.
import type { Comparison } from '../../decisions/compare.js';
import type { TokenEconomics, TokenOption } from '../../decisions/tokens.js';
import { fastColdStartDomainNote, fastDomainNote } from '../fast-domain.js';
import { formatNumber, formatPercent, formatUsd } from '../number-format.js';
import type { Assumption, CatalogInfo, Report, Row, Section } from '../report.js';
import { describeOverload } from '../overload.js';
import { describeShape, OPTION_NAMES, rankingWords, unpricedNote } from './compare.js';
import { describeFeasibility } from './feasibility.js';

/** What the title names: the GPU class and the traffic. */
export interface TokensSubject {
  poolId: string;
  requestsPerSecond: number;
}

/** What the tokens are priced from: `compare`'s comparison of the same options (its method, options, findings, and the cheapest by its rule). */
export type TokensPricing = Pick<Comparison, 'method' | 'options' | 'unpriced' | 'findings' | 'cheapest' | 'maxFailedShare' | 'requestLimit'>;

export function tokensReport(economics: TokenEconomics, subject: TokensSubject, pricing: TokensPricing, catalog: CatalogInfo, assumptions: Assumption[]): Report {
  const { tokens } = economics;
  const count = (median: number, p95: number | null) => (p95 === null ? formatNumber(median) : `${formatNumber(median)} (p95 ${formatNumber(p95)})`);
  const title = `LLM cost per million tokens on ${subject.poolId}: ${formatNumber(Math.round(subject.requestsPerSecond * 86_400))} requests/day of ${count(tokens.tokensIn, tokens.tokensInP95)} in, ${count(tokens.tokensOut, tokens.tokensOutP95)} out`;
  const sections: Section[] = [costSection(economics), experienceSection(economics)];
  if (economics.apiPrice !== null) sections.push(apiSection(economics, pricing));
  return {
    command: 'tokens',
    title,
    catalog,
    sections,
    notes: [...verdict(economics, pricing), ...pricingNotes(pricing)],
    assumptions,
    charts: [],
    data: {
      inputTokensPerDay: economics.inputTokensPerDay,
      outputTokensPerDay: economics.outputTokensPerDay,
      breakEvenSearch: economics.volumeSearch === null ? null : { ...economics.volumeSearch },
      inputShare: economics.mix.inputShare,
      meanTokensIn: economics.mix.tokensIn,
      meanTokensOut: economics.mix.tokensOut,
      cheapest: pricing.cheapest === null ? null : { id: pricing.cheapest.id, rankedBy: pricing.cheapest.rankedBy },
      maxFailedShare: pricing.maxFailedShare,
    },
  };
}

function costSection(economics: TokenEconomics): Section {
  const rows: Row[] = economics.options.map((option) => ({
    option: OPTION_NAMES[option.id],
    id: option.id,
    monthlyUsd: option.monthlyUsd,
    monthlyUsdHalfWidth: option.monthlyUsdHalfWidth,
    servedRequestsPerMonth: option.servedRequestsPerMonth,
    usageInputUsdPerMtok: option.usage.inputUsd,
    usageOutputUsdPerMtok: option.usage.outputUsd,
    usageBlendedUsdPerMtok: option.usage.blendedUsd,
    reservedInputUsdPerMtok: option.reservation.inputUsd,
    reservedOutputUsdPerMtok: option.reservation.outputUsd,
    reservedWorkerMonthUsd: option.reservation.workerMonthUsd,
    overloaded: option.overloaded,
  }));
  return {
    id: 'costs',
    title: 'Cost per million tokens (usage: this month\'s bill over the tokens served; reserved: one worker\'s month at a full batch)',
    columns: [
      { key: 'option', header: 'Option', kind: 'text' },
      { key: 'monthlyUsd', header: '$/month', kind: 'usd' },
      { key: 'monthlyUsdHalfWidth', header: 'monthlyUsdHalfWidth', kind: 'usd', machineOnly: true },
      { key: 'servedRequestsPerMonth', header: 'servedRequestsPerMonth', kind: 'number', machineOnly: true },
      { key: 'usageInputUsdPerMtok', header: 'Usage $/Mtok in', kind: 'price' },
      { key: 'usageOutputUsdPerMtok', header: 'Usage $/Mtok out', kind: 'price' },
      { key: 'usageBlendedUsdPerMtok', header: 'Usage $/Mtok all', kind: 'price' },
      { key: 'reservedInputUsdPerMtok', header: 'Reserved $/Mtok in', kind: 'price' },
      { key: 'reservedOutputUsdPerMtok', header: 'Reserved $/Mtok out', kind: 'price' },
      { key: 'reservedWorkerMonthUsd', header: 'reservedWorkerMonthUsd', kind: 'usd', machineOnly: true },
      { key: 'overloaded', header: 'overloaded', kind: 'text', machineOnly: true },
    ],
    rows,
  };
}

function experienceSection(economics: TokenEconomics): Section {
  const drops = economics.options.some((option) => option.dropRate !== null);
  const rows: Row[] = economics.options.map((option) => ({
    option: OPTION_NAMES[option.id],
    id: option.id,
    ttftP50S: option.experience?.ttft.p50 ?? null,
    ttftP95S: option.experience?.ttft.p95 ?? null,
    outputTokensPerSecondP50: option.experience?.outputTokensPerSecond.p50 ?? null,
    outputTokensPerSecondP95: option.experience?.outputTokensPerSecond.p95 ?? null,
    ...(drops ? { dropRate: option.dropRate } : {}),
  }));
  return {
    id: 'experience',
    title: 'What users see (time to first token; output tokens per second, p95 = what 95% of requests get at least)',
    columns: [
      { key: 'option', header: 'Option', kind: 'text' },
      { key: 'ttftP50S', header: 'TTFT p50', kind: 'seconds' },
      { key: 'ttftP95S', header: 'TTFT p95', kind: 'seconds' },
      { key: 'outputTokensPerSecondP50', header: 'tok/s p50', kind: 'number' },
      { key: 'outputTokensPerSecondP95', header: 'tok/s p95', kind: 'number' },
      ...(drops ? [{ key: 'dropRate', header: 'Dropped', kind: 'percent' as const }] : []),
    ],
    rows,
  };
}

function apiSection(economics: TokenEconomics, pricing: TokensPricing): Section {
  const rows: Row[] = economics.options.map((option) => ({
    option: OPTION_NAMES[option.id],
    id: option.id,
    selfHostedUsdPerMonth: option.monthlyUsd,
    apiUsdPerMonth: option.api?.apiUsdPerMonth ?? null,
    savingUsdPerMonth: option.api?.savingUsdPerMonth ?? null,
    savingShare: option.api?.savingShare ?? null,
    breakEvenTokensPerDay: option.api?.breakEvenTokensPerDay ?? null,
    breakEvenHalfWidthTokensPerDay: option.api?.breakEvenHalfWidthTokensPerDay ?? null,
    dearerAgainFromTokensPerDay: option.api?.dearerAgainFromTokensPerDay ?? null,
    cheaperForGoodFromTokensPerDay: option.api?.cheaperForGoodFromTokensPerDay ?? null,
    searchedUpToTokensPerDay: option.api?.searchedTokensPerDay?.highest ?? null,
    breakEvenSearchStop: option.api?.searchStop ?? null,
    breakEven: describeBreakEven(option, economics, failedOverTolerance(option, pricing)),
  }));
  return {
    id: 'api',
    title: 'Against the API (the same tokens)',
    columns: [
      { key: 'option', header: 'Option', kind: 'text' },
      { key: 'selfHostedUsdPerMonth', header: 'Self-hosted $/month', kind: 'usd' },
      { key: 'apiUsdPerMonth', header: 'API $/month', kind: 'usd' },
      { key: 'savingUsdPerMonth', header: 'Saving $/month', kind: 'usd' },
      { key: 'savingShare', header: 'Saving', kind: 'percent' },
      { key: 'breakEvenTokensPerDay', header: 'breakEvenTokensPerDay', kind: 'number', machineOnly: true },
      { key: 'breakEvenHalfWidthTokensPerDay', header: 'breakEvenHalfWidthTokensPerDay', kind: 'number', machineOnly: true },
      { key: 'dearerAgainFromTokensPerDay', header: 'dearerAgainFromTokensPerDay', kind: 'number', machineOnly: true },
      { key: 'cheaperForGoodFromTokensPerDay', header: 'cheaperForGoodFromTokensPerDay', kind: 'number', machineOnly: true },
      { key: 'searchedUpToTokensPerDay', header: 'searchedUpToTokensPerDay', kind: 'number', machineOnly: true },
      { key: 'breakEvenSearchStop', header: 'breakEvenSearchStop', kind: 'text', machineOnly: true },
      { key: 'breakEven', header: 'Wins from (tokens/day)', kind: 'text', humanOnly: true },
    ],
    rows,
  };
}

/**
 * What the pricing says beside the verdict: each option the traffic overloads, what --fast cannot give,
 * each option outside the fast path's validated domain (as `compare --fast` says it), and what RunPod would
 * refuse or break (a request over the execution timeout, weights over the VRAM), as compare says it.
 */
function pricingNotes(pricing: TokensPricing): string[] {
  return [
    ...pricing.options.flatMap((option) => (option.overload === null ? [] : [describeOverload(option.overload, { name: OPTION_NAMES[option.id], shape: describeShape(option.shape), then: 'never-cheapest' })])),
    ...(pricing.method === 'analytic' ? ["--fast: the time to first token and output tokens per second need the simulation (drop --fast); the costs are the fast path's."] : []),
    ...pricing.options.flatMap((option) => (option.outsideFastDomain === null ? [] : [`${OPTION_NAMES[option.id]}: ${fastDomainNote(option.outsideFastDomain)}`])),
    ...pricing.options.flatMap((option) => (option.coldStartRateOutsideFastDomain === null ? [] : [`${OPTION_NAMES[option.id]}: ${fastColdStartDomainNote(option.coldStartRateOutsideFastDomain)}`])),
    ...pricing.unpriced.map(unpricedNote),
    ...pricing.findings.map(describeFeasibility),
  ];
}

/** `12.3M`, `850k`: a token volume in words. */
function describeTokens(tokens: number): string {
  if (tokens >= 1e9) return `${formatNumber(Math.round(tokens / 1e7) / 100)}B`;
  if (tokens >= 1e6) return `${formatNumber(Math.round(tokens / 1e4) / 100)}M`;
  if (tokens >= 1e3) return `${formatNumber(Math.round(tokens / 10) / 100)}k`;
  return formatNumber(Math.round(tokens));
}

/** The share of its requests an option fails when that is over the ranking's tolerance (it then wins at no volume by the rule); else null. */
function failedOverTolerance(option: TokenOption, pricing: TokensPricing): number | null {
  const failedShare = pricing.options.find((priced) => priced.id === option.id)?.failedShare ?? 0;
  return failedShare > pricing.maxFailedShare ? failedShare : null;
}

function describeBreakEven(option: TokenOption, economics: TokenEconomics, failedShare: number | null): string | null {
  const text = describeVolume(option, economics);
  // Its win does not count by the ranking's rule: it fails more of its requests than tolerated.
  return text === null || failedShare === null ? text : `${text}; but it fails ${formatPercent(failedShare)} of its requests (over --max-failed-share)`;
}

function describeVolume(option: TokenOption, economics: TokenEconomics): string | null {
  const api = option.api;
  if (api === null) return null;
  if (economics.volumeSearch === null || api.searchedTokensPerDay === null) return 'not searched (a trace)';
  const from = api.breakEvenTokensPerDay;
  if (from === null) return `never up to ${describeTokens(api.searchedTokensPerDay.highest)}`;
  const start = from === 0 ? `any volume from ${describeTokens(api.searchedTokensPerDay.lowest)}` : describeTokens(from);
  if (api.dearerAgainFromTokensPerDay !== null) return `${start}; ${describeDearerAgain(api.dearerAgainFromTokensPerDay, api.cheaperForGoodFromTokensPerDay)}`;
  // A serverless option's search stops where its workers run at the pods' target share: past that it
  // cannot serve more, so its win is bounded there (pods add pods, and say where they stay cheaper).
  return option.id === 'flex' || option.id === 'flex-active' ? `${start} to ${describeTokens(api.searchedTokensPerDay.highest)} (searched up to its workers' capacity)` : start;
}

/** `dearer again from 162M` or, for pods, `dearer past each pod's share from 162M, cheaper for good from 1.15B`. */
function describeDearerAgain(from: number, forGood: number | null): string {
  return forGood === null ? `dearer again from ${describeTokens(from)}` : `dearer just past each pod's share from ${describeTokens(from)}, cheaper for good from ${describeTokens(forGood)}`;
}

/**
 * Where self-hosting wins, by how much, from what volume; or that the API is cheaper. The cheapest is
 * compare's, by its rule (decisions/compare.ts, findCheapest): an option the traffic overloads, or one that
 * fails more of its requests than tolerated while another does not, is never named cheapest or the best
 * saving at this traffic; where it is the first to win by volume, the sentence says this traffic overloads it.
 */
function verdict(economics: TokenEconomics, pricing: TokensPricing): string[] {
  const notes: string[] = [];
  // The best saving is weighed among the options the rule ranks, as the cheapest is.
  const ranked = economics.options.filter((option) => option.ranked);
  const cheapest = economics.options.find((option) => option.id === pricing.cheapest?.id);
  if (pricing.cheapest !== null && cheapest !== undefined && cheapest.usage.blendedUsd !== null) {
    const served = pricing.cheapest.rankedBy === 'usdPer1000Requests' ? ' served' : '';
    notes.push(
      `Cheapest per token${served} at this traffic: ${OPTION_NAMES[cheapest.id]}, ${formatUsd(cheapest.usage.blendedUsd)} per million tokens (${formatUsd(cheapest.monthlyUsd)}/month).` +
        rankingWords(pricing, pricing.cheapest, 'inline'),
    );
  } else if (pricing.cheapest === null && economics.options.length > 0) {
    notes.push('No option can serve this traffic: none is named cheapest.');
  }
  if (economics.apiPrice === null) return notes;
  const winners = ranked.filter((option) => option.api !== null && option.api.savingUsdPerMonth > 0);
  if (winners.length === 0) {
    // With none ranked, the note above has said so: no option is weighed at this traffic.
    if (ranked.length > 0) notes.push(`At this traffic the API is cheaper than every self-hosted option${ranked.length < economics.options.length ? ' that can serve it' : ''}.`);
  } else {
    const best = [...winners].sort((a, b) => (b.api?.savingUsdPerMonth ?? 0) - (a.api?.savingUsdPerMonth ?? 0))[0] as TokenOption;
    notes.push(`Self-hosting wins at this traffic: ${OPTION_NAMES[best.id]} saves ${formatUsd(best.api?.savingUsdPerMonth ?? 0)}/month (${formatPercent(best.api?.savingShare ?? 0)}) against the API.`);
  }
  const search = economics.volumeSearch;
  if (search === null) return notes;
  // An option that fails more of its requests than tolerated (at the execution timeout, which a volume
  // does not change) does not win at any volume by the ranking's rule: the first to win is one that serves.
  const firsts = economics.options
    .filter((option) => option.api?.breakEvenTokensPerDay != null && failedOverTolerance(option, pricing) === null)
    .sort((a, b) => (a.api?.breakEvenTokensPerDay ?? 0) - (b.api?.breakEvenTokensPerDay ?? 0));
  const first = firsts[0];
  const highest = describeTokens(search.highestRequestsPerDay * search.tokensPerRequest);
  if (first === undefined) {
    notes.push(`Self-hosting never beats the API within the searched range (up to ${highest} tokens a day).`);
    return notes;
  }
  const from = first.api?.breakEvenTokensPerDay ?? 0;
  const again = first.api?.dearerAgainFromTokensPerDay ?? null;
  const where = from === 0 ? `at every volume searched (from ${describeTokens(first.api?.searchedTokensPerDay?.lowest ?? 0)} tokens a day)` : `from ${describeTokens(from)} tokens a day`;
  const overloaded = first.overloaded ? ', which this traffic overloads' : '';
  notes.push(`Self-hosting wins ${where} (${OPTION_NAMES[first.id]}${overloaded})${again === null ? '' : `; ${describeDearerAgain(again, first.api?.cheaperForGoodFromTokensPerDay ?? null)}`}.`);
  return notes;
}
