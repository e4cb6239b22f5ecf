// How an endpoint's month is worked out: simulated (the source of truth) until its precision goal is met,
// or, when asked for speed, by the fast path, which says when it is outside the domain it was validated in.
import type { SimulationConfig } from '../sim/simulate.js';
import { approximateEndpoint } from './fast.js';
import { simulateToPrecision, type AnalyticTraffic, type EndpointOutcome, type SimulationPricing } from './outcome.js';
import type { ResolvedTokens } from './tokens.js';

/** The endpoint's month: simulated to its precision goal, or by the fast path (callers check `analytic` is set). */
export function evaluateEndpoint(
  setup: { config: SimulationConfig; pricing: SimulationPricing; analytic: AnalyticTraffic | null; goal: { relative: number; maxHorizonS: number } | null; tokens?: ResolvedTokens | null },
  method: 'sim' | 'analytic',
  config: SimulationConfig = setup.config,
): EndpointOutcome {
  if (method === 'analytic') {
    if (setup.analytic === null) throw new Error('internal: the fast path was asked for traffic it does not cover');
    return approximateEndpoint(config, setup.analytic, setup.pricing);
  }
  return simulateToPrecision(config, setup.pricing, setup.goal, setup.tokens ?? null);
}
