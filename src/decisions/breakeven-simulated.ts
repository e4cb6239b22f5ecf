// The break-even of `breakeven --exec` from simulated cost curves (issue 12, item 4). Flex's monthly cost
// against busy hours per day comes from the simulator: Poisson arrivals at busy hours x 3600 / execution
// time / 86,400 per second, with the resolved endpoint's execution time, cold start, idle timeout, max
// workers and scaler. So does the cost of flex + one always-on worker; a pod costs the same at any load.
// Each break-even is where two of these curves cross, found by decisions/breakeven-search.ts: the chart's
// coarse points bracket it (walking from the fast path's answer), and bisection on finer simulations
// narrows the bracket until, at one point, the two costs agree within their 95% precision.
//
// Common random numbers: every simulation uses the run's seed, so two curves share their noise and their
// difference is smooth in the load (Poisson arrival times at another rate are the same draws rescaled);
// within one bracket every simulation also has the same horizon, so every point sees the same draws.
import type { Catalog } from '../catalog/schema.js';
import { relativeHalfWidth, simulateEndpoint, simulateToPrecision, type EndpointOutcome, type SimulationPricing } from '../endpoint/outcome.js';
import type { PrecisionGoal } from '../endpoint/resolve.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../model/line-items.js';
import type { ArrivalSpec, ScalerSpec, SimulationConfig } from '../sim/simulate.js';
import {
  busySecondsSeries,
  podMonthlyUsd,
  podRivalsOf,
  podSeries,
  type BreakEven,
  type BreakEvenPoint,
  type CostCurves,
  type CostSeries,
  type Rival,
} from './breakeven.js';
import { searchExitOnGrid, searchOnGrid, type Crossing, type GapEstimate } from './breakeven-search.js';
import type { Workload } from './workload.js';

/** What the simulations run: a resolved endpoint's configuration (its traffic is replaced), prices and precision goal. */
export interface SimulationSetup {
  config: SimulationConfig;
  pricing: SimulationPricing;
  goal: PrecisionGoal | null;
}

/** The chart's points, which also bracket every break-even: every 2 busy hours from 0 to 24. */
export const CURVE_HOURS: readonly number[] = Array.from({ length: 13 }, (_, i) => 2 * i);

/** The chart's points are simulated to this precision (or the run's, if coarser): enough to draw and to bracket, 9 times cheaper than 1%. */
export const CURVE_PRECISION = 0.03;

/** Batches of the batch-means intervals (sim/config.ts: PrecisionReport). */
const BATCHES = 20;

/** How the simulated figures were made, for the report. */
export interface SimulationFacts {
  seed: number;
  /** Relative 95% half-width each break-even's costs were simulated to. */
  precision: number;
  /** The same for the chart's points. */
  curvePrecision: number;
  scaler: ScalerSpec;
  /** Every simulation starts at this horizon and grows in whole multiples of it. */
  startHorizonS: number;
  longestHorizonS: number;
  simulations: number;
}

export interface SimulatedBreakEven {
  breakEven: BreakEven;
  /** The chart's curves, when asked for. */
  curves: CostCurves | null;
  facts: SimulationFacts;
}

/**
 * The first horizon of every simulation: whole days, at least one, and long enough that each batch spans
 * 20 idle cycles of a worker (cold start, a job, the idle timeout), since the batch-means intervals assume
 * nearly independent batches. Shorter than `simulate`'s 30 days: a run grows until it meets its precision.
 */
export function startHorizonS(config: SimulationConfig, execS: number): number {
  const cycleS = config.coldStart.fullS + execS + config.workers.idleTimeoutS;
  return Math.max(1, Math.ceil((BATCHES * 20 * cycleS) / SECONDS_PER_DAY)) * SECONDS_PER_DAY;
}

/** Poisson arrivals at `hours` busy hours a day of `execS`-second requests. */
export function busyHoursArrivals(execS: number): (hours: number) => ArrivalSpec {
  return (hours) => ({ kind: 'poisson', ratePerSecond: (hours * SECONDS_PER_HOUR) / execS / SECONDS_PER_DAY });
}

/**
 * The simulations of one endpoint at any load x (busy hours a day for `breakeven`, requests a day for
 * `tokens`: `arrivalsAt` turns x into the traffic) and any count of always-on workers, cached: the curves
 * and every search share them.
 */
export class SimulatedCosts {
  simulations = 0;
  longestHorizonS = 0;
  private readonly cache = new Map<string, EndpointOutcome>();

  constructor(
    private readonly setup: SimulationSetup,
    private readonly arrivalsAt: (x: number) => ArrivalSpec,
    readonly startHorizonS: number,
    readonly maxHorizonS: number,
    readonly precision: number,
    readonly curvePrecision: number,
  ) {}

  /** A chart point: simulated from the start horizon until the curve precision is met. */
  coarse(x: number, active: number): EndpointOutcome {
    return this.cached(`${x}|${active}|curve`, () =>
      simulateToPrecision(this.configAt(x, active, this.startHorizonS), this.setup.pricing, { relative: this.curvePrecision, maxHorizonS: this.maxHorizonS }),
    );
  }

  /** A point of a search, over a horizon fixed for the whole bracket. */
  fine(x: number, active: number, horizonS: number): EndpointOutcome {
    return this.cached(`${x}|${active}|${horizonS}`, () => simulateEndpoint(this.configAt(x, active, horizonS), this.setup.pricing));
  }

  /**
   * The horizon at which runs like these meet the fine precision: by the interval's 1/sqrt(horizon)
   * shrinkage (10% spare, in whole start horizons, capped), at least `atLeastS`. Runs that already meet
   * it, or are overloaded (their cost is their workers' all-busy bill at any horizon), ask for nothing.
   */
  horizonFor(runs: readonly EndpointOutcome[], atLeastS = this.startHorizonS): number {
    let horizonS = atLeastS;
    for (const run of runs) {
      const relative = relativeHalfWidth(run);
      if (run.overload !== null || relative <= this.precision) continue;
      const wanted = run.horizonS * 1.1 * (relative / this.precision) ** 2;
      horizonS = Math.max(horizonS, Math.ceil(wanted / this.startHorizonS) * this.startHorizonS);
    }
    return Math.min(horizonS, this.maxHorizonS);
  }

  private configAt(x: number, active: number, horizonS: number): SimulationConfig {
    const { config } = this.setup;
    return { ...config, horizonS, precisionBatches: BATCHES, arrivals: this.arrivalsAt(x), workers: { ...config.workers, active } };
  }

  private cached(key: string, run: () => EndpointOutcome): EndpointOutcome {
    let outcome = this.cache.get(key);
    if (outcome === undefined) {
      outcome = run();
      this.cache.set(key, outcome);
      this.simulations += 1;
      this.longestHorizonS = Math.max(this.longestHorizonS, outcome.horizonS);
    }
    return outcome;
  }
}

/** A rival as the search sees it: a flat monthly cost (a pod), or flex with one always-on worker (simulated). */
interface RivalCurve {
  rival: Rival;
  flatMonthlyUsd: number | null;
}

/** The gap flex minus rival at one point, with both outcomes. */
interface SimulatedGap extends GapEstimate {
  flex: EndpointOutcome;
  rival: EndpointOutcome | null;
  rivalMonthlyUsd: number;
}

export const halfWidthOf = (outcome: EndpointOutcome | null) => outcome?.precision?.monthlyUsd ?? 0;

/**
 * Flex minus the rival. A flex option that cannot serve the load is never the cheaper one (its cost is
 * only what its workers bill while the backlog grows): the gap is +Infinity there, and -Infinity where
 * the rival cannot.
 */
function gapOf(flex: EndpointOutcome, rival: EndpointOutcome | null, flatMonthlyUsd: number | null): SimulatedGap {
  const rivalMonthlyUsd = rival === null ? (flatMonthlyUsd ?? 0) : rival.monthlyUsd;
  const gapUsd = flex.overload !== null ? Infinity : rival !== null && rival.overload !== null ? -Infinity : flex.monthlyUsd - rivalMonthlyUsd;
  return { gapUsd, halfWidthUsd: halfWidthOf(flex) + halfWidthOf(rival), flex, rival, rivalMonthlyUsd };
}

/** The break-even of one rival, or null when flex stays cheaper up to 24 busy hours a day. */
function searchRival(costs: SimulatedCosts, curve: RivalCurve, guessHours: number | null): Crossing<SimulatedGap> | null {
  const grid = CURVE_HOURS;
  const coarseAt = (index: number): SimulatedGap => {
    const hours = grid[index] as number;
    return gapOf(costs.coarse(hours, 0), curve.flatMonthlyUsd === null ? costs.coarse(hours, 1) : null, curve.flatMonthlyUsd);
  };
  const ends = (index: number) => [index - 1, index].flatMap((i) => [coarseAt(i).flex, ...(curve.flatMonthlyUsd === null ? [coarseAt(i).rival as EndpointOutcome] : [])]);
  return searchOnGrid(grid, (index) => coarseAt(index).gapUsd, (index) => fineGaps(costs, curve, costs.horizonFor(ends(index))), guessHours);
}

/**
 * Fine gaps over one horizon for a bracket, grown (for the rest of the bracket too) where a point falls
 * short of the precision.
 */
function fineGaps(costs: SimulatedCosts, curve: RivalCurve, startS: number): (hours: number) => SimulatedGap {
  let horizonS = startS;
  return (hours) => {
    for (;;) {
      const gap = gapOf(costs.fine(hours, 0, horizonS), curve.flatMonthlyUsd === null ? costs.fine(hours, 1, horizonS) : null, curve.flatMonthlyUsd);
      const wanted = costs.horizonFor(gap.rival === null ? [gap.flex] : [gap.flex, gap.rival], horizonS);
      if (wanted === horizonS) return gap;
      horizonS = wanted;
    }
  };
}

/**
 * Where a rival that beats flex from `fromHours` turns dearer again, or null when it stays cheaper (within
 * the chart points' precision) up to 24 busy hours a day. Only an always-on worker can: at the flex rate it
 * wins where flex pays many cold starts and idle tails, and loses where flex workers stay warm anyway.
 * A grid point where the rival is dearer beyond its precision brackets the exit; bisection narrows it.
 */
function searchExit(costs: SimulatedCosts, curve: RivalCurve, fromHours: number): Crossing<SimulatedGap> | null {
  if (curve.flatMonthlyUsd !== null) return null;
  const coarseAt = (hours: number) => gapOf(costs.coarse(hours, 0), costs.coarse(hours, 1), null);
  const fineFor = (lowX: number, highX: number) => fineGaps(costs, curve, costs.horizonFor([lowX, highX].flatMap((hours) => [costs.coarse(hours, 0), costs.coarse(hours, 1)])));
  return searchExitOnGrid(CURVE_HOURS, fromHours, coarseAt, fineFor);
}

/**
 * The break-even points of one GPU class with overhead billed, from simulated curves. `fast` is the fast
 * path's answer (decisions/breakeven.ts: findBreakEven): its busy-seconds figures are exact and kept, and
 * its with-overhead ones are where each search starts. `chart` asks for the curves at every chart point.
 */
export function findSimulatedBreakEven(catalog: Catalog, workload: Workload, setup: SimulationSetup, fast: BreakEven, chart: boolean): SimulatedBreakEven {
  const goal = setup.goal;
  if (goal === null) throw new Error('internal: breakeven simulates to a precision goal');
  const start = startHorizonS(setup.config, workload.execS);
  const costs = new SimulatedCosts(setup, busyHoursArrivals(workload.execS), start, Math.max(start, goal.maxHorizonS), goal.relative, Math.max(CURVE_PRECISION, goal.relative));
  const flatCosts = new Map(podRivalsOf(workload).map(({ rival, usdPerHour, discount }) => [rival, podMonthlyUsd(catalog, workload, usdPerHour, discount)]));
  // The chart's points first, so that every search finds its bracket among them.
  const curves = chart ? simulatedCurves(catalog, workload, costs) : null;
  const points = fast.points.map((point): BreakEvenPoint => {
    const flatMonthlyUsd = point.rival === 'active' ? null : (flatCosts.get(point.rival) ?? null);
    const crossing = searchRival(costs, { rival: point.rival, flatMonthlyUsd }, point.hoursPerDayWithOverhead);
    if (crossing === null) return { ...point, hoursPerDayWithOverhead: null, requestsPerDayWithOverhead: null, simulated: null };
    const { at } = crossing;
    const exit = searchExit(costs, { rival: point.rival, flatMonthlyUsd }, crossing.x);
    return {
      ...point,
      hoursPerDayWithOverhead: crossing.x,
      requestsPerDayWithOverhead: (crossing.x * SECONDS_PER_HOUR) / workload.execS,
      simulated: {
        dearerAgainFromHours: exit?.x ?? null,
        flexMonthlyUsd: at.flex.monthlyUsd,
        flexHalfWidthUsd: halfWidthOf(at.flex),
        rivalMonthlyUsd: at.rivalMonthlyUsd,
        rivalHalfWidthUsd: halfWidthOf(at.rival),
        stop: crossing.withinPrecision ? 'costs-agree' : crossing.bracket.high.gapUsd === Infinity ? 'flex-overloaded' : 'bracket-exhausted',
        hoursHalfWidth: crossing.xHalfWidth,
        horizonS: at.flex.horizonS,
      },
    };
  });
  return {
    // The fast path's domain says nothing of simulated figures.
    breakEven: { ...fast, points, outsideFastDomain: null },
    curves,
    facts: {
      seed: setup.config.seed,
      precision: costs.precision,
      curvePrecision: costs.curvePrecision,
      scaler: setup.config.scaler,
      startHorizonS: start,
      longestHorizonS: costs.longestHorizonS,
      simulations: costs.simulations,
    },
  };
}

/** Every option's monthly cost at the chart's points: flex and flex + one active worker simulated. */
function simulatedCurves(catalog: Catalog, workload: Workload, costs: SimulatedCosts): CostCurves {
  const hours = [...CURVE_HOURS];
  const simulated = (option: CostSeries['option'], active: number): CostSeries => {
    const outcomes = hours.map((h) => costs.coarse(h, active));
    return {
      option,
      monthlyUsd: outcomes.map((outcome) => outcome.monthlyUsd),
      halfWidthsUsd: outcomes.map(halfWidthOf),
      overloaded: outcomes.map((outcome) => outcome.overload !== null),
    };
  };
  return { hoursPerDay: hours, series: [simulated('flex', 0), busySecondsSeries(workload, hours), simulated('active', 1), ...podSeries(catalog, workload, hours)] };
}
