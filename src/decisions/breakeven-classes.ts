// `breakeven` over one or more GPU classes: busy seconds only (exact price ratios) without an execution
// time; with one, the with-overhead break-evens simulated, or from the fast path with --fast.
import type { Catalog } from '../catalog/schema.js';
import { costCurves, findBreakEven, type BreakEven, type CostCurves } from './breakeven.js';
import { findSimulatedBreakEven, type SimulationFacts, type SimulationSetup } from './breakeven-simulated.js';
import { fastCostsOf } from './breakeven-solver.js';
import type { Workload } from './workload.js';

/** How the with-overhead figures were found: not at all (no execution time), the fast path (--fast), or simulated. */
export type BreakEvenMethod = { kind: 'busy-seconds' } | { kind: 'fast' } | { kind: 'sim'; facts: SimulationFacts };

/** One GPU class: its workload (prices, pods) and what its simulations run. */
export interface BreakEvenClass {
  workload: Workload;
  setup: SimulationSetup;
}

export interface BreakEvenFindings {
  results: BreakEven[];
  /** The cost curves of the charted class, if any. */
  curves: CostCurves | null;
  method: BreakEvenMethod;
}

/** Break-evens of every class; `chart` names the class (by index) whose cost curves are drawn, if any. */
export function findBreakEvens(catalog: Catalog, classes: readonly BreakEvenClass[], options: { withOverhead: boolean; fast: boolean; chart: number | null }): BreakEvenFindings {
  const { withOverhead } = options;
  const results: BreakEven[] = [];
  let curves: CostCurves | null = null;
  let facts: SimulationFacts | null = null;
  classes.forEach(({ workload, setup }, index) => {
    // The fast path's costs: the answer with --fast, else where the simulated search starts.
    const costs = withOverhead ? fastCostsOf(setup, workload.execS, workload.activeUsdPerSecond) : null;
    const fast = findBreakEven(catalog, workload, costs);
    if (costs === null || options.fast) {
      results.push(fast);
      if (costs !== null && index === options.chart) curves = costCurves(catalog, workload, costs);
      return;
    }
    const found = findSimulatedBreakEven(catalog, workload, setup, fast, index === options.chart);
    results.push(found.breakEven);
    if (index === options.chart) curves = found.curves;
    facts = facts === null ? found.facts : mergeFacts(facts, found.facts);
  });
  const method: BreakEvenMethod = !withOverhead ? { kind: 'busy-seconds' } : facts === null ? { kind: 'fast' } : { kind: 'sim', facts };
  return { results, curves, method };
}

/** Several classes' simulation facts as one: the same seed, precision and scaler; horizons spanned, counts summed. */
function mergeFacts(total: SimulationFacts, next: SimulationFacts): SimulationFacts {
  return {
    ...total,
    startHorizonS: Math.min(total.startHorizonS, next.startHorizonS),
    longestHorizonS: Math.max(total.longestHorizonS, next.longestHorizonS),
    simulations: total.simulations + next.simulations,
  };
}
