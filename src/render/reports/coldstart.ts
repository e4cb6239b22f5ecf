// `runpod-plan coldstart` as a report: a waterfall of the phases, FlashBoot's mixture, and the weight
// strategies side by side with the winner and why.
import type { ColdStartFinding, StrategyResult } from '../../decisions/weight-strategies.js';
import type { WeightSource } from '../../model/cold-start.js';
import { formatDuration, formatSize } from '../../input/units.js';
import { formatPrice, formatUsd } from '../number-format.js';
import { PHASE_NAMES } from '../phase-names.js';
import type { Assumption, CatalogInfo, Report, Row, Section } from '../report.js';

const BAR_WIDTH = 40;

export const STRATEGY_NAMES: Record<WeightSource, string> = {
  image: 'baked into the image',
  'network-volume': 'network volume',
  download: 'download at start',
  cached: 'RunPod cached model',
};

/** Waterfall rows: each phase starts where the previous ended; billed time drawn solid, unbilled light. */
function waterfall(result: StrategyResult): Section {
  const total = result.coldStart.totalS;
  let startS = 0;
  const rows: Row[] = result.coldStart.phases.map((phase) => {
    const from = total > 0 ? Math.round((startS / total) * BAR_WIDTH) : 0;
    const to = total > 0 ? Math.round(((startS + phase.seconds) / total) * BAR_WIDTH) : 0;
    const row: Row = {
      id: phase.phase,
      phase: PHASE_NAMES[phase.phase],
      startS,
      seconds: phase.seconds,
      billed: phase.billed,
      bar: `${' '.repeat(from)}${(phase.billed ? '█' : '░').repeat(Math.max(1, to - from))}`,
    };
    startS += phase.seconds;
    return row;
  });
  return {
    id: 'phases',
    title: `Cold start, weights ${STRATEGY_NAMES[result.source]} (█ billed, ░ not billed)`,
    columns: [
      { key: 'id', header: 'id', kind: 'text', machineOnly: true },
      { key: 'phase', header: 'Phase', kind: 'text' },
      { key: 'startS', header: 'Starts at', kind: 'seconds', priority: 1 },
      { key: 'seconds', header: 'Takes', kind: 'seconds' },
      { key: 'billed', header: 'Billed', kind: 'text' },
      { key: 'bar', header: 'Waterfall', kind: 'text', humanOnly: true, priority: 2 },
    ],
    rows,
  };
}

function summary(result: StrategyResult, usdPerBilledSecond: number): Section {
  const { coldStart, mixture } = result;
  const rows: Row[] = [{ key: 'full', measure: 'full cold start', seconds: coldStart.totalS, billedSeconds: coldStart.billedS, usd: coldStart.billedS * usdPerBilledSecond }];
  if (mixture.hitRate > 0) {
    rows.push(
      { key: 'flashbootMean', measure: `with FlashBoot (${Math.round(mixture.hitRate * 100)}% restores): mean`, seconds: mixture.meanS, billedSeconds: mixture.meanBilledS, usd: result.usdPerColdStart },
      { key: 'flashbootP50', measure: 'with FlashBoot: p50', seconds: mixture.p50S, billedSeconds: null, usd: null },
      { key: 'flashbootP95', measure: 'with FlashBoot: p95', seconds: mixture.p95S, billedSeconds: null, usd: null },
      { key: 'flashbootMax', measure: 'with FlashBoot: max', seconds: mixture.maxS, billedSeconds: null, usd: null },
    );
  }
  return {
    id: 'summary',
    title: `Per cold start, at the flex rate of ${formatPrice(usdPerBilledSecond * 3600)}/h`,
    columns: [
      { key: 'key', header: 'key', kind: 'text', machineOnly: true },
      { key: 'measure', header: 'Cold start', kind: 'text' },
      { key: 'seconds', header: 'Seconds', kind: 'seconds' },
      { key: 'billedSeconds', header: 'Billed seconds', kind: 'seconds' },
      { key: 'usd', header: '$ billed', kind: 'usd' },
    ],
    rows,
  };
}

function strategiesSection(results: StrategyResult[]): Section {
  const withTraffic = results.some((result) => result.monthly !== null);
  const columns: Section['columns'] = [
    { key: 'strategy', header: 'Weights', kind: 'text' },
    { key: 'imageGB', header: 'Image GB', kind: 'number', priority: 2 },
    { key: 'coldStartS', header: 'Cold start', kind: 'seconds', priority: 6 },
    { key: 'billedS', header: 'Billed', kind: 'seconds', priority: 5 },
    { key: 'usdPerColdStart', header: '$/cold start', kind: 'usd', priority: 4 },
    { key: 'storageGB', header: 'Volume GB', kind: 'number', priority: 1 },
    { key: 'storageMonthlyUsd', header: 'Storage $/month', kind: 'usd', priority: 2 },
  ];
  if (withTraffic) {
    columns.push(
      { key: 'coldStartsPerDay', header: 'Cold starts/day', kind: 'number', priority: 1 },
      { key: 'flexMonthlyUsd', header: 'Workers $/month', kind: 'usd', priority: 3 },
      { key: 'totalMonthlyUsd', header: 'Total $/month', kind: 'usd' },
    );
  }
  return {
    id: 'strategies',
    title: 'Where the weights live',
    columns,
    rows: results.map((result) => ({
      strategy: STRATEGY_NAMES[result.source],
      source: result.source,
      imageGB: result.imageGB,
      coldStartS: result.mixture.meanS,
      billedS: result.mixture.meanBilledS,
      usdPerColdStart: result.usdPerColdStart,
      storageGB: result.storageGB,
      storageMonthlyUsd: result.storageMonthlyUsd,
      ...(withTraffic
        ? { coldStartsPerDay: result.monthly?.coldStartsPerDay ?? null, flexMonthlyUsd: result.monthly?.flexUsd ?? null, totalMonthlyUsd: result.monthly?.totalUsd ?? null }
        : {}),
    })),
  };
}

/** Why the winner wins, in one sentence built from the numbers. */
export function explainWinner(winner: StrategyResult, results: StrategyResult[]): string {
  const others = results.filter((result) => result !== winner);
  const runnerUp = others.sort((a, b) => (a.monthly?.totalUsd ?? a.mixture.meanBilledS) - (b.monthly?.totalUsd ?? b.mixture.meanBilledS))[0];
  const name = STRATEGY_NAMES[winner.source];
  if (runnerUp === undefined) return `Best: weights ${name}.`;
  const billedLess = runnerUp.mixture.meanBilledS - winner.mixture.meanBilledS;
  const parts = [
    `Best for this traffic: weights ${name}`,
    winner.monthly !== null && runnerUp.monthly !== null
      ? `, ${formatUsd(winner.monthly.totalUsd)}/month, ${formatUsd(runnerUp.monthly.totalUsd - winner.monthly.totalUsd)} less than ${STRATEGY_NAMES[runnerUp.source]}`
      : '',
    billedLess > 0 ? `: each cold start bills ${formatDuration(Math.round(billedLess * 10) / 10)} less` : '',
    billedLess <= 0 && winner.storageMonthlyUsd < runnerUp.storageMonthlyUsd ? `: it needs no network volume` : '',
    winner.coldStart.totalS > runnerUp.coldStart.totalS ? `, though its cold start is ${formatDuration(Math.round((winner.coldStart.totalS - runnerUp.coldStart.totalS) * 10) / 10)} longer (the image pull is not billed)` : '',
    '.',
  ];
  return parts.join('');
}

export function describeFinding(finding: ColdStartFinding): string {
  switch (finding.code) {
    case 'over-health-limit':
      return `Warning: with weights ${STRATEGY_NAMES[finding.source]} a cold start takes ${formatDuration(Math.round(finding.totalS))}, over RunPod's ${formatDuration(finding.limitS)} limit: the worker is marked unhealthy (RUNPOD_INIT_TIMEOUT extends the limit).`;
    case 'vram':
      return `Warning: ${formatSize(finding.weightsGB)} of weights plus headroom needs ${formatSize(Math.round(finding.neededGB * 10) / 10)} of VRAM; the GPU class has ${formatSize(finding.vramGB)} (use a larger class or more GPUs: runpod-plan gpus --fits ${formatSize(finding.weightsGB)}).`;
    case 'download-often':
      return `Warning: downloading ${formatSize(finding.weightsGB)} from a hub on each of about ${Math.round(finding.coldStartsPerDay)} cold starts a day; keep the weights on a network volume or use a RunPod cached model.`;
  }
}

export interface ColdStartReportInput {
  chosen: StrategyResult;
  strategies: StrategyResult[] | null;
  /** The best strategy (see pickStrategy), when strategies were compared. */
  winner: StrategyResult | undefined;
  findings: ColdStartFinding[];
  /** Flex rate x GPUs per worker. */
  usdPerBilledSecond: number;
  title: string;
}

export function coldStartReport(input: ColdStartReportInput, catalog: CatalogInfo, assumptions: Assumption[]): Report {
  const sections = [waterfall(input.chosen), summary(input.chosen, input.usdPerBilledSecond)];
  const notes: string[] = [];
  if (input.strategies !== null) {
    sections.unshift(strategiesSection(input.strategies));
    if (input.winner !== undefined) notes.push(explainWinner(input.winner, input.strategies));
    if (input.strategies.every((result) => result.monthly === null)) notes.push('Give --requests-per-day and --exec to price each strategy for your traffic.');
  }
  notes.push(...input.findings.map(describeFinding));
  return { command: 'coldstart', title: input.title, catalog, sections, notes, assumptions, charts: [] };
}
