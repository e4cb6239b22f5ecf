// A sweep from its first point to its last: the points evaluated on the pool's threads, the rows the
// selection keeps reported in order. It never prints; it reports rows and progress through callbacks,
// and the CLI turns them into text.
import { RESOURCE_SECTIONS } from '../plan/resources/index.js';
import type { Plan } from '../plan/schema.js';
import type { SweepPool } from './pool.js';
import { evaluatePoint, type SweepJob, type SweepRow } from './run.js';
import { matches, needsEveryRow, selectRows, type Selection } from './select.js';

/** What a sweep reports, in this order: beforeRows, then onPoint and onRow, afterPoints, and the held rows. */
export interface SweepCallbacks {
  /** Each point evaluated, kept or not, in grid order (for a progress bar). */
  onPoint?: (row: SweepRow) => void;
  /**
   * Once, before the first row can come (a CSV header goes here): at the start when rows stream as the
   * points are evaluated; after afterPoints when the selection must see every row first (--pareto, --top).
   * Never after a point has failed: a sweep that waits for every row then writes nothing.
   */
  beforeRows?: () => void;
  /** A kept row: in grid order as the points are evaluated, or after afterPoints in the selection's order. */
  onRow: (row: SweepRow) => void;
  /** Once the points are over (all evaluated, the sweep stopped, or a point failed), before any held row. */
  afterPoints?: () => void;
  /** Polled between ranges of points; true stops the sweep, and the rows reported so far stand. */
  stopped?: () => boolean;
}

/** What a sweep did: how many points it evaluated, and how many of those the fast path priced outside its validated domain. */
export interface SweepCounts {
  /** Fewer than asked when the sweep was stopped. */
  evaluated: number;
  /** Points whose cost is outside the fast path's validated domain. */
  outsideFastDomain: number;
  /** Points whose cost is inside it but whose cold-start rate is not. */
  coldStartRateOutsideFastDomain: number;
}

/**
 * Evaluates points start..end of the job's grid (check them first with run.ts's validateAxisValues)
 * and reports the rows the selection keeps. `known` holds rows evaluated already (sweep/calibrate.ts):
 * the main thread takes them instead of evaluating their points again. Returns what it evaluated.
 */
export async function streamSweepRows(
  pool: SweepPool,
  job: SweepJob,
  range: { start: number; end: number },
  selection: Selection,
  callbacks: SweepCallbacks,
  known: ReadonlyMap<number, SweepRow> = new Map(),
): Promise<SweepCounts> {
  const { onPoint, beforeRows, onRow, afterPoints, stopped = () => false } = callbacks;
  const waitForEveryRow = needsEveryRow(selection);
  const held: SweepRow[] = [];
  const counts: SweepCounts = { evaluated: 0, outsideFastDomain: 0, coldStartRateOutsideFastDomain: 0 };
  try {
    if (!waitForEveryRow) beforeRows?.();
    const report = (row: SweepRow) => {
      counts.evaluated++;
      if (row.outsideFastDomain) counts.outsideFastDomain++;
      else if (row.coldStartRateOutsideFastDomain) counts.coldStartRateOutsideFastDomain++;
      onPoint?.(row);
      if (!matches(row.metrics, selection.where)) return;
      if (waitForEveryRow) held.push(row);
      else onRow(row);
    };
    const evaluate = known.size === 0 ? evaluatePoint : (inJob: SweepJob, index: number) => Promise.resolve(known.get(index) ?? evaluatePoint(inJob, index));
    await pool.run(job, { evaluate, start: range.start, end: range.end, stopped, onRow: report });
  } finally {
    afterPoints?.();
  }
  if (waitForEveryRow) {
    beforeRows?.();
    for (const row of selectRows(held, selection)) onRow(row);
  }
  return counts;
}

/** The plan's resources, section by section (endpoints, pods, network volumes), each sorted by name: the sweep's per-resource cost columns. */
export function sweepResourceNames(plan: Plan): string[] {
  return RESOURCE_SECTIONS.flatMap((section) => Object.keys(plan[section]).sort());
}
