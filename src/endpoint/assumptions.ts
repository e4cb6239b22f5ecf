// Assumptions are data: a key and value for machines (JSON), and an id with the values its words need.
// They are worded in one place, src/render/assumptions.ts; nothing here words or rounds anything.
import type { ColdStartPhase } from '../catalog/schema.js';
import type { WeightSource } from '../model/cold-start.js';
import type { ScalerSpec } from '../sim/simulate.js';
import type { ColdStartSetup, WeightsFacts } from './cold-start.js';
import type { ExecutionFacts } from './execution.js';
import { relativeHalfWidth, type EndpointOutcome } from './outcome.js';
import type { EndpointOrigin } from '../catalog/platform-defaults.js';
import type { ActiveRateSource, ResolvedConcurrency, ResolvedEndpoint, ResolvedLoadBalancer } from './resolve.js';
import type { TrafficFacts } from './traffic.js';
import type { ResolvedTokens } from './tokens.js';

export type AssumptionValue = string | number | boolean | null;

/** Something a result depends on that the user should be able to see and change. */
export interface AssumptionOf<Id extends string, Values> {
  /** Its name in JSON (`idleTimeoutS`, `endpoints.api.traffic`). */
  readonly key: string;
  readonly value: AssumptionValue;
  /** Which words render/assumptions.ts gives it. */
  readonly id: Id;
  readonly values: Values;
  /** The resource it belongs to, named before its words (`api: ...`) in a plan's report. */
  readonly scope?: string;
}

/** The cold-start model's settings, each default from the catalog. */
export type ColdStartModelAssumption =
  | AssumptionOf<'model.weights', WeightsFacts>
  | AssumptionOf<'model.image', { slimImageGB: number; bakedImageGB: number; imageGiven: boolean; bakedImageGiven: boolean; imageCached: boolean }>
  | AssumptionOf<'model.phases', { setup: Pick<ColdStartSetup, 'input' | 'given'> }>
  | AssumptionOf<'model.flashboot', { hitRate: number; restoreS: number; on: boolean }>
  | AssumptionOf<'model.billing', { effective: string; unbilledPhases: ColdStartPhase[] }>;

/** The simulator's view of an endpoint (`simulate`, `minworkers`, `idle-timeout`, plans). */
export type SimulationAssumption =
  | AssumptionOf<'sim.exec', ExecutionFacts>
  | AssumptionOf<'sim.traffic', TrafficFacts>
  | AssumptionOf<'sim.coldStart.model', { fullS: number; fullBilledS: number; weightsFrom: WeightSource }>
  | AssumptionOf<'sim.coldStart.default', { fullS: number; billedS: number }>
  | AssumptionOf<'sim.coldStart.given', { fullS: number; billedS: number; hitRate: number; restoreS: number; restoreBilled: boolean }>
  | AssumptionOf<'sim.workers', { active: number; max: number; jobsPerWorker: number; idleTimeoutS: number; executionTimeoutS: number; scaler: ScalerSpec }>
  | AssumptionOf<'sim.prices', { poolId: string; gpuCount: number; flexUsdPerSecond: number; activeUsdPerSecond: number; activeRateSource: ActiveRateSource; sameAsFlexSince: string }>
  | AssumptionOf<
      'sim.horizon',
      {
        method: 'sim' | 'analytic';
        /** The shortest and longest horizon simulated (one outcome: the same). */
        horizonS: number;
        maxHorizonS: number;
        seed: number;
        monthS: number;
        /** The precision aimed at, or null for a fixed horizon; and the widest relative half-width reached. */
        goal: number | null;
        /** Where a growing horizon started and the most it could grow to. */
        startS: number;
        capS: number;
        widestRelativeHalfWidth: number;
        /** The horizon is a trace's span (repeated when it is longer). */
        trace: 'span' | 'repeated' | null;
      }
    >;

/** How the endpoint is made (its defaults) and, for the request-count scaler, the scale-down assumed. */
export type OriginAssumption =
  | AssumptionOf<'endpoint.origin', { createdWith: EndpointOrigin; flashboot: boolean; flashbootGiven: boolean; idleTimeoutS: number; executionTimeoutS: number }>
  | AssumptionOf<'endpoint.requestCountScaleDown', { createdWith: EndpointOrigin; idleTimeoutS: number; given: boolean }>
  | AssumptionOf<'endpoint.loadBalancer', ResolvedLoadBalancer & { scalerValue: number }>
  | AssumptionOf<'endpoint.concurrency', ResolvedConcurrency & { jobsPerWorker: number }>
  | AssumptionOf<'endpoint.tokens', ResolvedTokens & { executionMeanS: number }>
  | AssumptionOf<'endpoint.tokenExperience', { prefillS: number }>;

/** The assumptions of how an endpoint is made; every command with workers shows them. */
export function originAssumptions(endpoint: ResolvedEndpoint): OriginAssumption[] {
  const { workers, scaler } = endpoint;
  const defaults = workers.defaults;
  const assumptions: OriginAssumption[] = [
    {
      key: 'createdWith',
      value: workers.createdWith,
      id: 'endpoint.origin',
      values: { createdWith: workers.createdWith, flashboot: workers.flashboot, flashbootGiven: workers.given.flashboot, idleTimeoutS: defaults.idleTimeoutS, executionTimeoutS: defaults.executionTimeoutS },
    },
  ];
  const tokens = endpoint.tokens;
  if (tokens !== null) {
    assumptions.push(
      { key: 'tokens', value: tokens.meanTokensIn + tokens.meanTokensOut, id: 'endpoint.tokens', values: { ...tokens, executionMeanS: endpoint.execution.meanS } },
      { key: 'ttft', value: null, id: 'endpoint.tokenExperience', values: { prefillS: tokens.prefillS } },
    );
  }
  if (endpoint.concurrency !== null) {
    assumptions.push({ key: 'concurrency', value: endpoint.concurrency.fullBatchSpeedup, id: 'endpoint.concurrency', values: { ...endpoint.concurrency, jobsPerWorker: workers.jobsPerWorker } });
  }
  if (endpoint.loadBalancer !== null) {
    const scalerValue = scaler.kind === 'request-count' ? scaler.value : 1;
    assumptions.push({ key: 'loadBalancerMaxWaitS', value: endpoint.loadBalancer.maxWaitS, id: 'endpoint.loadBalancer', values: { ...endpoint.loadBalancer, scalerValue } });
  }
  // A load balancer's idle timeout is documented (runpod-billing-facts.md section 7): no scale-down to assume.
  if (scaler.kind === 'request-count' && endpoint.loadBalancer === null) {
    assumptions.push({
      key: 'requestCountScaleDownS',
      value: workers.idleTimeoutS,
      id: 'endpoint.requestCountScaleDown',
      values: { createdWith: workers.createdWith, idleTimeoutS: workers.idleTimeoutS, given: workers.given.idleTimeout },
    });
  }
  return assumptions;
}

export type EndpointAssumption = ColdStartModelAssumption | SimulationAssumption | OriginAssumption;

/** The cold-start model's assumptions for a resolved setup. */
export function coldStartModelAssumptions(setup: ColdStartSetup): ColdStartModelAssumption[] {
  return [
    { key: 'weightsGB', value: setup.weightsGB, id: 'model.weights', values: setup.weights },
    {
      key: 'imageGB',
      value: setup.input.imageGB,
      id: 'model.image',
      values: { slimImageGB: setup.slimImageGB, bakedImageGB: setup.bakedImageGB, imageGiven: setup.given.image, bakedImageGiven: setup.given.bakedImage, imageCached: setup.input.imageCached },
    },
    { key: 'phases', value: null, id: 'model.phases', values: { setup } },
    { key: 'flashbootHitRate', value: setup.flashbootHitRate, id: 'model.flashboot', values: { hitRate: setup.flashbootHitRate, restoreS: setup.restoreS, on: setup.flashboot } },
    { key: 'billedPhasesEffective', value: setup.billing.effective, id: 'model.billing', values: setup.billing },
  ];
}

const SECONDS_PER_DAY = 86_400;

/** What the simulations behind a result ran over: each outcome's horizon and the precision reached. */
export interface SimulatedRuns {
  horizonsS: readonly number[];
  relativeHalfWidths: readonly number[];
}

/** The runs behind some outcomes. */
export function runsOf(outcomes: readonly EndpointOutcome[]): SimulatedRuns {
  return { horizonsS: outcomes.map((outcome) => outcome.horizonS), relativeHalfWidths: outcomes.map(relativeHalfWidth) };
}

/** The assumptions behind a simulated (or, with `analytic`, closed-form) endpoint, in the order shown. */
export function simulationAssumptions(endpoint: ResolvedEndpoint, method: 'sim' | 'analytic', runs: SimulatedRuns): EndpointAssumption[] {
  const { execution, traffic, coldStart, workers, prices, run } = endpoint;
  const assumptions: EndpointAssumption[] = [
    { key: 'exec', value: execution.meanS, id: 'sim.exec', values: execution.facts },
    { key: 'traffic', value: traffic.meanRatePerSecond * SECONDS_PER_DAY, id: 'sim.traffic', values: traffic.facts },
  ];
  const source = coldStart.source;
  if (source.kind === 'model') {
    assumptions.push(
      { key: 'coldStartS', value: coldStart.meanS, id: 'sim.coldStart.model', values: { fullS: coldStart.fullS, fullBilledS: coldStart.fullBilledS, weightsFrom: source.setup.input.weightsFrom } },
      ...coldStartModelAssumptions(source.setup),
    );
  } else if (source.kind === 'default') {
    assumptions.push({ key: 'coldStartS', value: coldStart.fullS, id: 'sim.coldStart.default', values: { fullS: coldStart.fullS, billedS: coldStart.fullBilledS } });
  } else {
    const { fullS, fullBilledS: billedS, hitRate, restoreS, restoreBilled } = coldStart;
    assumptions.push({ key: 'coldStartS', value: coldStart.fullS, id: 'sim.coldStart.given', values: { fullS, billedS, hitRate, restoreS, restoreBilled } });
  }
  assumptions.push(
    {
      key: 'workers',
      value: workers.max,
      id: 'sim.workers',
      values: { active: workers.active, max: workers.max, jobsPerWorker: workers.jobsPerWorker, idleTimeoutS: workers.idleTimeoutS, executionTimeoutS: workers.executionTimeoutS, scaler: endpoint.scaler },
    },
    ...originAssumptions(endpoint),
    {
      key: 'prices',
      value: endpoint.gpu.poolId,
      id: 'sim.prices',
      values: {
        poolId: endpoint.gpu.poolId,
        gpuCount: endpoint.gpuCount,
        flexUsdPerSecond: prices.flexUsdPerSecond,
        activeUsdPerSecond: prices.activeUsdPerSecond,
        activeRateSource: prices.activeRateSource,
        sameAsFlexSince: prices.sameAsFlexSince,
      },
    },
    {
      key: 'horizon',
      value: Math.max(...runs.horizonsS),
      id: 'sim.horizon',
      values: {
        method,
        horizonS: Math.min(...runs.horizonsS),
        maxHorizonS: Math.max(...runs.horizonsS),
        seed: run.seed,
        monthS: run.monthS,
        goal: endpoint.goal?.relative ?? null,
        startS: endpoint.goal?.startS ?? run.horizonS,
        capS: endpoint.goal?.maxHorizonS ?? run.horizonS,
        widestRelativeHalfWidth: Math.max(0, ...runs.relativeHalfWidths),
        trace: traffic.facts.kind !== 'trace' ? null : traffic.facts.repeat ? 'repeated' : 'span',
      },
    },
  );
  return assumptions;
}
