// Serverless endpoints: the one endpoint spec, simulated (or with --fast priced by the fast path).
import { runsOf, simulationAssumptions } from '../../endpoint/assumptions.js';
import { KEY_NAMES, specError } from '../../endpoint/field-names.js';
import { evaluateEndpoint } from '../../endpoint/evaluate.js';
import { loadBalancerFiguresOf } from '../../endpoint/outcome.js';
import { findFeasibilityIssues } from '../../endpoint/feasibility.js';
import { overloadOf } from '../../endpoint/overload.js';
import { resolveEndpoint } from '../../endpoint/resolve.js';
import { EndpointSpecSchema } from '../../endpoint/spec.js';
import { endpointDataOf } from '../files.js';
import type { Resource } from './resource.js';

export const endpoints: Resource<typeof EndpointSpecSchema> = {
  kind: 'endpoint',
  label: 'endpoint',
  sectionDescription: 'Serverless endpoints by name.',
  schema: EndpointSpecSchema,
  evaluate(name, spec, { catalog, settings, fast, files, assumptions, onEndpoint }) {
    const run = settings;
    const endpoint = resolveEndpoint(catalog, spec, run, endpointDataOf(spec, files), KEY_NAMES);
    if (fast && endpoint.analytic === null) throw specError('the fast path covers Poisson traffic and daily profiles, not bursts or traces: drop --fast', 'traffic');
    const outcome = evaluateEndpoint(endpoint, fast ? 'analytic' : 'sim');
    onEndpoint?.(name, endpoint, outcome);
    const requestsPerDay = outcome.requestsPerMonth / (endpoint.pricing.monthHours / 24);
    return {
      result: {
        kind: 'endpoint',
        name,
        description: { kind: 'endpoint', poolId: endpoint.gpu.poolId, gpuCount: endpoint.gpuCount, requestsPerDay, ...(endpoint.loadBalancer === null ? {} : { loadBalancer: true as const }) },
        lineItems: outcome.lineItems,
        monthlyUsd: outcome.monthlyUsd,
        monthlyUsdHalfWidth: outcome.precision?.monthlyUsd ?? null,
        requestsPerMonth: outcome.requestsPerMonth,
        coldStartRate: outcome.coldStartRate,
        p50S: outcome.latency.p50,
        p95S: outcome.latency.p95,
        p99S: outcome.latency.p99,
        // A queue endpoint drops nothing; a load balancer's drops need a simulation (the fast path has none: null fails a drop target).
        dropRate: endpoint.loadBalancer === null ? 0 : (loadBalancerFiguresOf(outcome)?.dropRate ?? null),
        ttftP95S: outcome.tokens?.ttft.p95 ?? null,
        outsideFastDomain: outcome.outsideFastDomain,
        coldStartRateOutsideFastDomain: outcome.coldStartRateOutsideFastDomain,
        // As compare reads it: priced per request served, and said so (never a bargain).
        overload: overloadOf(endpoint, outcome, endpoint.workers.active + endpoint.workers.max, outcome.requestsPerMonth, settings.monthS),
        findings: findFeasibilityIssues(catalog, endpoint),
      },
      assumptions: assumptions ? simulationAssumptions(endpoint, fast ? 'analytic' : 'sim', runsOf([outcome])).map((each) => ({ ...each, key: `endpoints.${name}.${each.key}`, scope: name })) : [],
    };
  },
};
