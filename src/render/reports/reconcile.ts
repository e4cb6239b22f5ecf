// `reconcile` as a report: per resource and day, estimated against billed, and what explains the gaps.
import type { Finding, Reconciliation, ResourceTotal } from '../../reconcile/reconcile.js';
import { formatNumber, formatPercent, formatUsd } from '../number-format.js';
import type { Assumption, CatalogInfo, Report } from '../report.js';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function period(startMs: number, endMs: number): string {
  return endMs - startMs === 86_400_000 ? day(startMs) : `${day(startMs)} to ${day(endMs - 1)}`;
}

function wordFinding(f: Finding): string {
  switch (f.kind) {
    case 'fee':
      return `${f.resource}: a platform fee of ${formatUsd(f.usd)} (${formatPercent(f.shareOfBill)} of the bill), which the model does not know (RunPod documents no formula for feeAmount).`;
    case 'unpriced':
      return `${f.resource}: billed disk ${formatUsd(f.diskUsd)} and CPU ${formatUsd(f.cpuUsd)}, which the plan does not price.`;
    case 'gpu': {
      if (Math.abs(f.gapUsd) < 0.005) return `${f.resource}: GPU billed as estimated.`;
      const more = f.gapUsd > 0;
      const seconds = formatNumber(Math.round(Math.abs(f.workerSeconds)));
      const idle = f.idleTailMultiple === null || !more ? '' : `: as if idle tails were ${formatNumber(f.idleTailMultiple)}x the plan's`;
      return `${f.resource}: GPU ${more ? 'over' : 'under'} the estimate by ${formatUsd(Math.abs(f.gapUsd))}, ${seconds} worker-seconds${idle}, or ${formatNumber(Math.abs(f.alwaysOnWorkers))} ${more ? 'more' : 'fewer'} always-on workers than planned.`;
    }
    case 'missing':
      return `${f.resource}: no billing record for ${f.days.map(day).join(', ')}: counted as $0 billed (RunPod may list no bucket for a day without spend, or the file misses it).`;
    case 'outsidePlan':
      return `${f.resource}: the plan's trace covers ${new Date(f.fromMs).toISOString().slice(0, 16)}Z to ${new Date(f.toMs).toISOString().slice(0, 16)}Z only: outside it, the estimate has no traffic.`;
  }
}

export function reconcileReport(result: Reconciliation, plan: string, failed: ResourceTotal[] | null, limitText: string | null, catalog: CatalogInfo, assumptions: Assumption[]): Report {
  const estimated = result.totals.reduce((sum, t) => sum + t.estimatedUsd, 0);
  const billed = result.totals.reduce((sum, t) => sum + t.billedUsd, 0);
  const headline =
    failed === null
      ? []
      : failed.length === 0
        ? [`Every gap is within ${limitText}.`]
        : [`${failed.length} resource(s) FAIL: gap over ${limitText}: ${failed.map((t) => `${t.resource} ${formatUsd(t.gapUsd)}${t.gapShare === null ? '' : ` (${formatPercent(t.gapShare)})`}`).join('; ')}.`];
  return {
    command: 'reconcile',
    title: `Reconcile ${plan} with the bill, ${period(result.fromMs, result.toMs)}: estimated ${formatUsd(estimated)}, billed ${formatUsd(billed)}`,
    catalog,
    sections: [
      {
        id: 'totals',
        title: 'Per resource',
        columns: [
          { key: 'resource', header: 'Resource', kind: 'text' },
          { key: 'id', header: 'RunPod id', kind: 'text' },
          { key: 'estimatedUsd', header: 'Estimated', kind: 'usd' },
          { key: 'billedUsd', header: 'Billed', kind: 'usd' },
          { key: 'gapUsd', header: 'Gap $', kind: 'usd' },
          { key: 'gapShare', header: 'Gap %', kind: 'percent' },
        ],
        rows: result.totals.map((t) => ({ ...t })),
      },
      {
        id: 'days',
        title: 'Per day',
        columns: [
          { key: 'resource', header: 'Resource', kind: 'text' },
          { key: 'period', header: 'Day (UTC)', kind: 'text' },
          { key: 'estimatedUsd', header: 'Estimated', kind: 'usd' },
          { key: 'billedUsd', header: 'Billed', kind: 'usd' },
          { key: 'gapUsd', header: 'Gap $', kind: 'usd' },
          { key: 'gapShare', header: 'Gap %', kind: 'percent' },
          { key: 'feeUsd', header: 'Fee', kind: 'usd' },
          { key: 'otherUsd', header: 'Disk + CPU', kind: 'usd' },
          { key: 'start', header: 'start', kind: 'text', machineOnly: true },
        ],
        rows: result.rows.map((r) => ({ resource: r.resource, period: period(r.startMs, r.endMs), start: new Date(r.startMs).toISOString(), estimatedUsd: r.estimatedUsd, billedUsd: r.billedUsd, gapUsd: r.gapUsd, gapShare: r.gapShare, feeUsd: r.feeUsd, otherUsd: r.otherUsd })),
      },
    ],
    notes: [
      ...headline,
      ...result.findings.map(wordFinding),
      ...(result.unmatchedIds.length === 0 ? [] : [`Billed but not in the plan: ${result.unmatchedIds.join(', ')}.`]),
    ],
    assumptions,
    charts: [],
    data: { estimatedUsd: estimated, billedUsd: billed, pass: failed === null ? null : failed.length === 0, findings: result.findings },
  };
}
