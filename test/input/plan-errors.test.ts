// A plan value of the wrong type or unit is one line that names what was expected, in the plan's words,
// and what came: never zod's "Invalid input". Every field of the plan's JSON Schema gets a map, a list, a
// number, true and a typo; then the cases people hit, word for word.
import { describe, expect, it } from 'vitest';
import { planJsonSchema } from '../../src/cli/commands/schema.js';
import { formatInputError } from '../../src/input/error.js';
import { parseYamlSource, toInputError } from '../../src/input/yaml.js';
import { PlanSchema } from '../../src/plan/schema.js';

const BASE = {
  version: 1,
  endpoints: { api: { gpu: 'ADA_24', traffic: { requestsPerDay: '10k' }, execution: '4s' } },
  pods: { box: { gpu: 'RTX 4090' } },
  networkVolumes: { data: { size: '20GB' } },
  budget: { monthly: '$500', maxIncrease: { percent: '10%' } },
};

/** The error line a plan gets, as the CLI prints it (file, line, path, message), or null when it is valid. */
function errorOf(plan: unknown): string | null {
  const text = JSON.stringify(plan, null, 1);
  const source = parseYamlSource(text, 'plan.yaml');
  const parsed = PlanSchema.safeParse(source.value, { reportInput: true });
  return parsed.success ? null : formatInputError(toInputError(parsed.error, [source]));
}

function withValue(path: string[], value: unknown): Record<string, unknown> {
  const plan = structuredClone(BASE) as Record<string, unknown>;
  let node = plan;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1) as string] = value;
  return plan;
}

type Json = Record<string, unknown>;

/** Every field path the JSON Schema describes, with its schema: object properties, an entry of a named section (`api`), and the properties of each map shape of a union. */
function fieldPaths(node: Json, at: string[], out: [string[], Json][]): [string[], Json][] {
  const properties = node.properties as Record<string, Json> | undefined;
  if (properties !== undefined) {
    for (const [key, child] of Object.entries(properties)) {
      out.push([[...at, key], child]);
      fieldPaths(child, [...at, key], out);
    }
  }
  const entry = node.additionalProperties;
  if (typeof entry === 'object' && entry !== null) {
    const name = at.at(-1) === 'endpoints' ? 'api' : at.at(-1) === 'pods' ? 'box' : 'data';
    fieldPaths(entry as Json, [...at, name], out);
  }
  for (const branch of [...((node.anyOf as Json[] | undefined) ?? []), ...((node.oneOf as Json[] | undefined) ?? [])]) fieldPaths(branch, at, out);
  return out;
}

const FIELDS = [...new Map(fieldPaths(planJsonSchema(), [], []).map(([path, node]) => [path.join('.'), { path, node }])).values()];
/** A value with a unit (its schema has a pattern, alone or as one of its shapes). */
const hasUnit = (node: Json) => typeof node.pattern === 'string' || ((node.anyOf as Json[] | undefined) ?? []).some((branch) => typeof branch.pattern === 'string');
const WRONG = [{ a: 1 }, [1], 12345, true, 'fast as possible'];

describe('a wrong value in any plan field', () => {
  it('covers the plan: every section, the endpoint, its workers, traffic, execution shapes and scaler', () => {
    const names = FIELDS.map(({ path }) => path.join('.'));
    expect(names.length).toBeGreaterThan(60);
    for (const name of ['horizon', 'endpoints.api.workers.idleTimeout', 'endpoints.api.execution.p95', 'endpoints.api.scaler.value', 'endpoints.api.traffic.profile', 'pods.box.rate', 'networkVolumes.data.size', 'budget.maxIncrease.percent']) {
      expect(names).toContain(name);
    }
  });

  it.each(FIELDS.map(({ path, node }) => [path.join('.'), path, node] as const))('%s: one line naming what was expected, never "Invalid"', (_name, path, node) => {
    for (const value of WRONG) {
      const line = errorOf(withValue(path, value));
      // Some values are valid in some fields (a number for a count, text for a name).
      if (line === null) continue;
      expect(line, JSON.stringify(value)).toMatch(/^plan\.yaml:\d+:\d+: [\w.-]+: (expected |missing: |unknown key)/);
      expect(line, JSON.stringify(value)).not.toMatch(/Invalid|Unrecognized|received/);
      expect(line).not.toContain('\n');
      // A field with a unit names it, with an example, whatever came: a map, a list, true (unless the
      // error is about another field: a sibling the map now misses, such as p50 beside p95).
      if (hasUnit(node) && typeof value !== 'string' && typeof value !== 'number' && line.includes(` ${path.join('.')}: `)) {
        expect(line, JSON.stringify(value)).toMatch(/: expected an? [a-z -]+ like [^,]+.*, got (a map|a list of 1|true)$/);
      }
    }
  });
});

describe('the mistakes people make, word for word', () => {
  const endpoint = (change: Record<string, unknown>) => ({ version: 1, endpoints: { api: { ...BASE.endpoints.api, ...change } } });
  const at = (line: string) => line.replace(/^plan\.yaml:\d+:\d+: /, '');

  it.each([
    [{ execution: { mean: [1] } }, 'endpoints.api.execution.mean: expected a duration like 4s or 250ms, got a list of 1'],
    [{ execution: '4 sec' }, 'endpoints.api.execution: expected a duration like 4s or 250ms, got "4 sec"'],
    [{ execution: { a: 1 } }, 'endpoints.api.execution: expected a duration like 4s, or a map of mean (and distribution), of p50 and p95, or of samples, got a map'],
    [{ execution: [1] }, 'endpoints.api.execution: expected a duration like 4s, or a map of mean (and distribution), of p50 and p95, or of samples, got a list of 1'],
    [{ execution: { p50: '2s' } }, 'endpoints.api.execution.p95: missing: expected a duration like 4s or 250ms'],
    // The schema takes an endpoint without execution (tokens may stand in for it); the resolver refuses it:
    // 'endpoints.api.execution: required: the execution time of one request, or its tokens' (test/cli/endpoint-origin).
    [{ execution: undefined }, 'valid'],
    [{ traffic: 5 }, 'endpoints.api.traffic: expected a map of keys, got 5'],
    [{ traffic: { requestsPerDay: [1] } }, 'endpoints.api.traffic.requestsPerDay: expected a number like 500 or 50k, got a list of 1'],
    [{ traffic: { requestsPerDay: '10k', profile: 5 } }, 'endpoints.api.traffic.profile: expected flat, business-hours, or a list of 24 hourly weights, got 5'],
    [{ traffic: { requestsPerDay: '10k', profile: [1, 2] } }, 'endpoints.api.traffic.profile: expected 24 hourly weights, midnight to 11 pm, got a list of 2'],
    [{ scaler: { kind: 'foo' } }, 'endpoints.api.scaler.kind: expected "queue-delay" or "request-count", got "foo"'],
    [{ scaler: {} }, 'endpoints.api.scaler.kind: missing: expected "queue-delay" or "request-count"'],
    [{ scaler: { kind: 'request-count' } }, 'endpoints.api.scaler.value: missing: expected a number'],
    [{ scaler: 5 }, 'endpoints.api.scaler: expected queue-delay, request-count or per-request, or a map with kind, got 5'],
    [{ workers: { idleTimeout: { a: 1 } } }, 'endpoints.api.workers.idleTimeout: expected a duration like 4s or 250ms, got a map'],
    [{ workers: { idleTimeout: 30 } }, 'endpoints.api.workers.idleTimeout: expected a duration like 4s or 250ms, got "30"'],
    [{ image: true }, 'endpoints.api.image: expected a size like 500MB, 6.9GB or 1TB, got true'],
    [{ flashboot: 'yes' }, 'endpoints.api.flashboot: expected true or false, got "yes"'],
    [{ activeRate: { usd: 1 } }, 'endpoints.api.activeRate: expected a price like $0.44/h or $0.00031/s, got a map'],
    [{ slo: { maxColdRate: [5] } }, 'endpoints.api.slo.maxColdRate: expected a percentage like 20% or 0.2, got a list of 1'],
  ])('%j', (change, expected) => {
    expect(at(errorOf(endpoint(change)) ?? 'valid')).toBe(expected);
  });

  it.each([
    [{ version: 1, horizon: { a: 1 } }, 'horizon: expected a duration like 4s or 250ms, got a map'],
    [{ version: 1, endpoints: 5 }, 'endpoints: expected a map of names to entries, got 5'],
    [{ version: 1, budget: { monthly: [1] } }, 'budget.monthly: expected an amount of money like $500 or 0.00031, got a list of 1'],
    [{ version: 1, networkVolumes: { data: { size: 20 } } }, 'networkVolumes.data.size: expected a size like 500MB, 6.9GB or 1TB, got "20"'],
    [{ version: 1, pods: { box: { gpu: 'RTX 4090', savingsPlan: { a: 1 } } } }, 'pods.box.savingsPlan: expected a percentage like 20% or 0.2, got a map'],
  ])('%j', (plan, expected) => {
    expect(at(errorOf(plan) ?? 'valid')).toBe(expected);
  });
});
