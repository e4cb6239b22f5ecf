// What a kind of resource of a plan is: the schema of its entries and how an entry is priced. The plan's
// sections, the sweep's entry schemas, kind names and resource columns derive from the registry
// (./index.ts): a new RunPod product is one file implementing this and one line there.
import type * as z from 'zod';
import type { Catalog } from '../../catalog/schema.js';
import type { EndpointAssumption } from '../../endpoint/assumptions.js';
import type { FastColdStartDomainFinding, FastDomainFinding } from '../../endpoint/fast-domain.js';
import type { FeasibilityFinding } from '../../endpoint/feasibility.js';
import type { EndpointOutcome } from '../../endpoint/outcome.js';
import type { Overload } from '../../endpoint/overload.js';
import type { ResolvedEndpoint } from '../../endpoint/resolve.js';
import type { LineItem } from '../../model/line-items.js';
import type { PlanFiles } from '../files.js';

/** The plan-wide settings a resource is priced under. */
export interface PlanSettings {
  /** The month costs are given for, seconds. */
  monthS: number;
  /** Simulated time per endpoint, seconds: the plan's (kept), else where a horizon that grows to `precision` starts. */
  horizonS: number;
  horizonGiven: boolean;
  /** The monthly cost's relative 95% half-width to simulate to. */
  precision: number;
  seed: number;
  /** The most requests one simulation may hold (default: src/input/limits.ts DEFAULT_MAX_REQUESTS). */
  maxRequests?: number;
}

export interface EvaluateContext {
  catalog: Catalog;
  settings: PlanSettings;
  /** The fast path instead of simulation (fast; no latency percentiles). */
  fast: boolean;
  files: PlanFiles;
  /** Whether to collect the assumptions (a sweep shows none, and skips them). */
  assumptions: boolean;
  onEndpoint?: EndpointWatcher;
}

/** Sees each endpoint of a plan as resolved and evaluated. */
export type EndpointWatcher = (name: string, endpoint: ResolvedEndpoint, outcome: EndpointOutcome) => void;

/** What a resource is, in a few facts (worded by the renderer). */
export type ResourceDescription =
  | { kind: 'endpoint'; poolId: string; gpuCount: number; requestsPerDay: number; loadBalancer?: true }
  | { kind: 'pod'; count: number; gpu: string; gpuCount: number; cloud: 'secure' | 'community'; hoursPerDay: number }
  | { kind: 'networkVolume'; sizeGB: number };

/** One priced resource of a plan. Endpoint-only figures are null for the others. */
export interface ResourceResult {
  kind: ResourceDescription['kind'];
  name: string;
  description: ResourceDescription;
  lineItems: LineItem[];
  monthlyUsd: number;
  /** 95% half-width of a simulated monthly cost; null where the cost is exact or not simulated. */
  monthlyUsdHalfWidth: number | null;
  requestsPerMonth: number | null;
  coldStartRate: number | null;
  p50S: number | null;
  p95S: number | null;
  p99S: number | null;
  /** A load-balancing endpoint's share of requests that failed because no worker was free in time (after the client's retries); 0 for a queue endpoint; null without a simulation or for other resources. */
  dropRate: number | null;
  /** An LLM endpoint's (one with tokens) 95th percentile time to first token; null otherwise or without a simulation. */
  ttftP95S: number | null;
  /** An endpoint priced by the fast path outside the domain it was validated in: why; else null. */
  outsideFastDomain: FastDomainFinding | null;
  /** An endpoint priced by the fast path inside that domain whose cold-start rate is outside the narrower domain where the rate was validated: why; else null. */
  coldStartRateOutsideFastDomain: FastColdStartDomainFinding | null;
  /** An endpoint whose workers cannot keep up with its traffic: served, unserved, the backlog's growth; else null. */
  overload: Overload | null;
  /** What RunPod would refuse or break in an endpoint's set-up (VRAM, the start limit, the timeout, a load balancer's scaler). */
  findings: FeasibilityFinding[];
}

/** A resource priced by the hour or the GB (a pod, a volume): exact, with no traffic, latency or cold starts. */
export function fixedCostResult(kind: 'pod' | 'networkVolume', name: string, description: ResourceDescription, lineItems: LineItem[], monthlyUsd: number): ResourceResult {
  return { kind, name, description, lineItems, monthlyUsd, monthlyUsdHalfWidth: null, requestsPerMonth: null, coldStartRate: null, p50S: null, p95S: null, p99S: null, dropRate: null, ttftP95S: null, outsideFastDomain: null, coldStartRateOutsideFastDomain: null, overload: null, findings: [] };
}

export interface Evaluated {
  result: ResourceResult;
  assumptions: EndpointAssumption[];
}

export interface Resource<Schema extends z.ZodType> {
  kind: ResourceDescription['kind'];
  /** The kind in words, as tables show it. */
  label: string;
  /** The plan's section of these entries, described for the JSON Schema. */
  sectionDescription: string;
  /** One entry's schema. */
  schema: Schema;
  /**
   * Prices one entry. Errors are InputErrors at paths inside the entry (`workers.idleTimeout`); the plan
   * says where that entry is written.
   */
  evaluate(name: string, entry: z.output<Schema>, context: EvaluateContext): Evaluated;
}
