// `catalog refresh` end to end: the built binary against a local HTTP server on 127.0.0.1 that answers as
// RunPod's API does (test/fixtures/api/openapi-catalog-gpus.json: GpuType, ListGpuTypesResponse,
// ErrorResponse, Retry-After): success, a pool missing, errors, retries, bodies that are wrong or never
// end, redirects. Every case checks the key appears nowhere: stdout, stderr, the files written.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Catalog } from '../../src/catalog/schema.js';
import { ROOT, runBuilt, runBuiltAsync, TODAY, type CliRun } from '../helpers/cli.js';

const KEY = 'rpa_T3ST_9f8e7d6c5b4a_do-not-print';
const ENV = { RUNPOD_API_KEY: KEY };
const OUT = `runpod-${TODAY}.yaml`;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface LocalApi {
  base: string;
  requests: { method: string; url: string; authorization: string | undefined }[];
  close: () => Promise<void>;
}

const servers: LocalApi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A server on 127.0.0.1, port 0: request n is answered by handlers[n] (the last one answers the rest). */
async function serve(...handlers: Handler[]): Promise<LocalApi> {
  const requests: LocalApi['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization });
    (handlers[Math.min(requests.length - 1, handlers.length - 1)] as Handler)(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api: LocalApi = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(api);
  return api;
}

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

/** An RFC 9457 error as the spec's ErrorResponse has it. */
const problem = (status: number, title: string, detail: string, headers: Record<string, string> = {}): Handler =>
  json({ title, status, detail }, status, { 'content-type': 'application/problem+json', ...headers });

let bundled: Catalog;
beforeAll(() => {
  bundled = (JSON.parse(runBuilt(['catalog', '--format', 'json']).stdout) as { data: { catalog: Catalog } }).data.catalog;
});

/**
 * A response listing every GPU of the bundled catalog, shaped as the spec's GpuType (every required
 * field), with RTX 4090's pool at 1.1 $/h and its pods at 0.79 / 0.34 $/h; other prices as bundled.
 */
function fullResponse(): { gpus: Record<string, unknown>[] } {
  const poolOf = new Map<string, string>();
  for (const [poolId, pool] of Object.entries(bundled.serverless)) for (const gpu of pool.gpus) poolOf.set(gpu, poolId);
  const ada = poolOf.get('RTX 4090');
  return {
    gpus: Object.entries(bundled.gpus).map(([name, gpu]) => {
      const pool = poolOf.get(name) ?? null;
      const flexPerHour = pool === null ? undefined : pool === ada ? 1.1 : Number(((bundled.serverless[pool]?.flexUsdPerSecond ?? 0) * 3600).toFixed(4));
      const secure = name === 'RTX 4090' ? 0.79 : (gpu.pod?.secureUsdPerHour ?? null);
      const community = name === 'RTX 4090' ? 0.34 : (gpu.pod?.communityUsdPerHour ?? null);
      return {
        id: `NVIDIA ${name}`,
        name,
        pool,
        manufacturer: 'NVIDIA',
        memory: Math.round(gpu.vramGB),
        secure: secure !== null,
        community: community !== null,
        price: { secure: secure ?? 0, community: community ?? 0, ...(flexPerHour === undefined ? {} : { serverless: flexPerHour }) },
        maxCount: { secure: 8, community: secure === null ? 0 : 4 },
      };
    }),
  };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'runpod-plan-refresh-'));
}

/** The key is in none of the output and none of the files. */
function expectNoKey(run: CliRun, dir: string): void {
  expect(run.stdout).not.toContain(KEY);
  expect(run.stderr).not.toContain(KEY);
  for (const file of readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile())) expect(readFileSync(join(dir, file), 'utf8')).not.toContain(KEY);
}

async function refresh(api: LocalApi | string, dir: string, args: string[] = [], env: Record<string, string> = ENV): Promise<CliRun> {
  const base = typeof api === 'string' ? api : api.base;
  const run = await runBuiltAsync(['catalog', 'refresh', '--api-url', base, '--output', OUT, '--retry-delay', '10ms', ...args], env, { cwd: dir });
  expectNoKey(run, dir);
  return run;
}

/** Exit 2, one line on stderr, nothing on stdout, and the directory as it was (no file, no temporary). */
function expectFailure(run: CliRun, dir: string, line: string | RegExp, before: string[] = []): void {
  expect(run.stdout).toBe('');
  expect(run.exitCode).toBe(2);
  if (typeof line === 'string') {
    expect(run.stderr).toBe(`${line}\n`);
  } else {
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr.trimEnd()).toMatch(line);
  }
  expect(readdirSync(dir).sort()).toEqual(before);
}

describe('catalog refresh: success', () => {
  it('writes a dated layer that any command takes with --catalog, calling GET /v2/catalog/gpus with the Bearer key', async () => {
    const api = await serve(json(fullResponse()));
    const dir = tempDir();
    const run = await refresh(api, dir);
    const source = `${api.base}/v2/catalog/gpus`;
    expect(run).toEqual({ stdout: expect.stringMatching(new RegExp(`^wrote ${OUT}: \\d+ serverless pools and \\d+ GPU types from ${source}, as of ${TODAY}; use it with --catalog ${OUT}\\n$`)), stderr: '', exitCode: 0 });
    expect(api.requests).toEqual([{ method: 'GET', url: '/v2/catalog/gpus', authorization: `Bearer ${KEY}` }]);
    expect(readdirSync(dir)).toEqual([OUT]);

    const layer = parse(readFileSync(join(dir, OUT), 'utf8')) as Catalog;
    const ada = Object.keys(layer.serverless).find((poolId) => layer.serverless[poolId]?.gpus.includes('RTX 4090')) as string;
    // Unrounded through YAML: exactly 1.1 / 3600.
    expect(layer.serverless[ada]).toMatchObject({ flexUsdPerSecond: 1.1 / 3600, activeUsdPerSecond: null, source, retrieved: TODAY });
    expect(layer.gpus['RTX 4090']?.pod).toMatchObject({ secureUsdPerHour: 0.79, communityUsdPerHour: 0.34, source, retrieved: TODAY });
    expect(layer).toMatchObject({ name: `runpod-${TODAY}`, asOf: TODAY });

    const shown = runBuilt(['catalog', '--catalog', join(dir, OUT), '--format', 'json']);
    expect(shown.exitCode).toBe(0);
    const catalog = (JSON.parse(shown.stdout) as { data: { catalog: Catalog } }).data.catalog;
    expect(catalog.name).toBe(`runpod-${TODAY}`);
    expect(catalog.serverless[ada]?.flexUsdPerSecond).toBeCloseTo(1.1 / 3600, 15);
    expect(runBuilt(['gpus', 'rtx4090', '--catalog', join(dir, OUT)]).stdout).toContain('$1.10');
  });

  it('without --output writes runpod-YYYY-MM-DD.yaml (today) in the working directory; RUNPOD_API_URL gives the address', async () => {
    const api = await serve(json(fullResponse()));
    const dir = tempDir();
    const run = await runBuiltAsync(['catalog', 'refresh'], { ...ENV, RUNPOD_API_URL: api.base }, { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(readdirSync(dir)).toEqual([`runpod-${TODAY}.yaml`]);
    expect(api.requests).toHaveLength(1);
    expectNoKey(run, dir);
  });

  it('replaces a previous file at --output, atomically, on success', async () => {
    const api = await serve(json(fullResponse()));
    const dir = tempDir();
    writeFileSync(join(dir, OUT), 'previous\n');
    expect((await refresh(api, dir)).exitCode).toBe(0);
    expect(readFileSync(join(dir, OUT), 'utf8')).toMatch(/^# RunPod GPU prices read from/);
    expect(readdirSync(dir)).toEqual([OUT]);
  });

  it('a bundled pool missing from the response keeps its bundled figure and date, and one warning line names it', async () => {
    const response = fullResponse();
    const missing = 'AMPERE_80';
    const api = await serve(json({ gpus: response.gpus.filter((gpu) => gpu.pool !== missing) }));
    const dir = tempDir();
    const run = await refresh(api, dir);
    expect(run.exitCode).toBe(0);
    const retrieved = bundled.serverless[missing]?.retrieved as string;
    expect(run.stderr).toBe(`warning: no price in the response for ${missing} (read ${retrieved}): kept from the bundled catalog, with their old dates\n`);
    const layer = parse(readFileSync(join(dir, OUT), 'utf8')) as Catalog;
    expect(layer.serverless[missing]).toBeUndefined();
    const catalog = (JSON.parse(runBuilt(['catalog', '--catalog', join(dir, OUT), '--format', 'json']).stdout) as { data: { catalog: Catalog } }).data.catalog;
    expect(catalog.serverless[missing]?.retrieved).toBe(retrieved);
  });

  it('unknown extra fields (in the body, in a GPU type, in its price) are accepted and ignored; an unknown GPU becomes an entry', async () => {
    const api = await serve(json(readFileSync(join(ROOT, 'test/fixtures/api/gpus-extra-fields.json'), 'utf8')));
    const dir = tempDir();
    const run = await refresh(api, dir);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('1 serverless pool and 2 GPU types (1 new)');
    const layer = parse(readFileSync(join(dir, OUT), 'utf8')) as Catalog;
    expect(layer.gpus['RTX PRO 2500']).toMatchObject({ vramGB: 32, aliases: ['NVIDIA RTX PRO 2500 Blackwell'], pod: { secureUsdPerHour: 0.64, communityUsdPerHour: null } });
    expect(runBuilt(['gpus', '--pods', '--catalog', join(dir, OUT)]).stdout).toContain('RTX PRO 2500');
  });

  it('429 then success: retried after the Retry-After the server gives', async () => {
    const api = await serve(problem(429, 'Too Many Requests', 'rate limit exceeded for the minute window', { 'retry-after': '0' }), json(fullResponse()));
    const dir = tempDir();
    const run = await refresh(api, dir);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(' after 1 retry,');
    expect(api.requests).toHaveLength(2);
  });

  it('503 twice then success, with no Retry-After: backed off by --retry-delay, doubled', async () => {
    const api = await serve(problem(503, 'Service Unavailable', 'try later'), problem(503, 'Service Unavailable', 'try later'), json(fullResponse()));
    const dir = tempDir();
    const run = await refresh(api, dir);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(' after 2 retries,');
    expect(api.requests).toHaveLength(3);
  });
});

describe('catalog refresh: failures write nothing and leave a previous file intact', () => {
  const PREVIOUS = 'previous: file\n';

  /** A directory holding a previous file at --output. */
  function withPrevious(): string {
    const dir = tempDir();
    writeFileSync(join(dir, OUT), PREVIOUS);
    return dir;
  }

  function expectPreviousIntact(dir: string): void {
    expect(readFileSync(join(dir, OUT), 'utf8')).toBe(PREVIOUS);
  }

  it.each([
    [401, 'Unauthorized', 'missing bearer token', 'the key in RUNPOD_API_KEY was refused (missing bearer token)'],
    [403, 'Forbidden', 'access denied', 'the key in RUNPOD_API_KEY may not read the GPU catalog (access denied)'],
    [404, 'Not Found', 'no such route', 'no GPU catalog at this address (check --api-url) (no such route)'],
  ])('HTTP %i: one line, no retry', async (status, title, detail, meaning) => {
    const api = await serve(problem(status, title, detail));
    const dir = withPrevious();
    const run = await refresh(api, dir);
    expectFailure(run, dir, `error: GET ${api.base}/v2/catalog/gpus: HTTP ${status} ${title}: ${meaning}`, [OUT]);
    expectPreviousIntact(dir);
    expect(api.requests).toHaveLength(1);
  });

  it('a server that echoes the key in its error: the key is still not printed', async () => {
    const api = await serve(problem(401, 'Unauthorized', `invalid api key ${KEY}`));
    const dir = tempDir();
    const run = await refresh(api, dir);
    expectFailure(run, dir, `error: GET ${api.base}/v2/catalog/gpus: HTTP 401 Unauthorized: the key in RUNPOD_API_KEY was refused (invalid api key [RUNPOD_API_KEY])`);
  });

  it.each([
    ['a pool id the schema refuses', (gpu: Record<string, unknown>) => void (gpu.pool = KEY)],
    ['the name and id of a GPU (a new one, then)', (gpu: Record<string, unknown>) => Object.assign(gpu, { name: KEY, id: KEY })],
    ['a malformed figure', (gpu: Record<string, unknown>) => void (gpu.memory = KEY)],
  ])('a server that puts the key into %s: not printed, nothing written', async (_name, edit) => {
    const response = fullResponse();
    edit(response.gpus.find((gpu) => gpu.name === 'RTX 4090') as Record<string, unknown>);
    const api = await serve(json(response));
    const dir = withPrevious();
    const run = await refresh(api, dir);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expectPreviousIntact(dir);
  });

  it('HTTP 500 on every attempt: 3 retries (4 requests), then one line', async () => {
    const api = await serve(problem(500, 'Internal Server Error', 'boom'));
    const dir = withPrevious();
    const run = await refresh(api, dir);
    expectFailure(run, dir, `error: GET ${api.base}/v2/catalog/gpus: HTTP 500 Internal Server Error (4 attempts) (boom)`, [OUT]);
    expectPreviousIntact(dir);
    expect(api.requests).toHaveLength(4);
  });

  it('HTTP 429 on every attempt: 4 requests, then one line', async () => {
    const api = await serve(problem(429, 'Too Many Requests', 'rate limit exceeded for the minute window', { 'retry-after': '0' }));
    const dir = tempDir();
    const run = await refresh(api, dir);
    expectFailure(run, dir, `error: GET ${api.base}/v2/catalog/gpus: HTTP 429 Too Many Requests (4 attempts): rate limited (rate limit exceeded for the minute window)`);
    expect(api.requests).toHaveLength(4);
  });

  it.each([
    ['malformed JSON', '{"gpus": [{"id": "NVIDIA L4",', /^error: GET http:\/\/127\.0\.0\.1:\d+\/v2\/catalog\/gpus: the response is not JSON \(.+\)$/],
    ['an empty object', '{}', /^error: http:\/\/127\.0\.0\.1:\d+\/v2\/catalog\/gpus: gpus: unexpected response: missing: expected a list$/],
    ['an empty list', '{"gpus": []}', /^error: http:\/\/127\.0\.0\.1:\d+\/v2\/catalog\/gpus: gpus: unexpected response: expected at least 1 item\(s\), got an empty list$/],
    [
      'a partial GPU type (no memory)',
      JSON.stringify({ gpus: [{ id: 'NVIDIA L4', name: 'L4', pool: 'AMPERE_24', manufacturer: 'NVIDIA', secure: true, community: false, price: { secure: 0.43, community: 0 }, maxCount: { secure: 8, community: 0 } }] }),
      /^error: http:\/\/127\.0\.0\.1:\d+\/v2\/catalog\/gpus: gpus\.0\.memory: unexpected response: missing: expected a number$/,
    ],
    ['an empty body', '', /^error: GET http:\/\/127\.0\.0\.1:\d+\/v2\/catalog\/gpus: the response is not JSON \(Unexpected end of JSON input\)$/],
  ])('%s', async (_name, body, line) => {
    const api = await serve(json(body));
    const dir = withPrevious();
    expectFailure(await refresh(api, dir), dir, line, [OUT]);
    expectPreviousIntact(dir);
  });

  it('a body that never ends: stopped by --timeout, which covers the whole response', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"gpus": [');
    });
    const dir = withPrevious();
    const run = await refresh(api, dir, ['--timeout', '300ms']);
    expectFailure(run, dir, `error: GET ${api.base}/v2/catalog/gpus: no complete response within 300ms (--timeout)`, [OUT]);
    expectPreviousIntact(dir);
  });

  it('a server that never answers at all: stopped by --timeout too', async () => {
    const api = await serve(() => undefined);
    const dir = tempDir();
    expectFailure(await refresh(api, dir, ['--timeout', '300ms']), dir, `error: GET ${api.base}/v2/catalog/gpus: no complete response within 300ms (--timeout)`);
  });

  it('a redirect to another host is refused: the other host gets no request', async () => {
    const other = await serve(json(fullResponse()));
    const api = await serve((_request, response) => {
      response.writeHead(302, { location: `${other.base.replace('127.0.0.1', 'localhost')}/v2/catalog/gpus?token=abc` });
      response.end();
    });
    const dir = tempDir();
    const run = await refresh(api, dir);
    const otherAddress = other.base.replace('127.0.0.1', 'localhost');
    expectFailure(run, dir, `error: GET ${api.base}/v2/catalog/gpus: HTTP 302, a redirect to ${otherAddress}/v2/catalog/gpus; redirects are not followed, so the key goes nowhere else`);
    expect(other.requests).toEqual([]);
    expect(api.requests).toHaveLength(1);
  });

  it('a network failure (nothing listening): one line naming the cause', async () => {
    const api = await serve(json({}));
    const base = api.base;
    await api.close();
    servers.splice(servers.indexOf(api), 1);
    const dir = withPrevious();
    expectFailure(await refresh(base, dir), dir, /^error: GET http:\/\/127\.0\.0\.1:\d+\/v2\/catalog\/gpus: cannot reach the API: connect ECONNREFUSED 127\.0\.0\.1:\d+$/, [OUT]);
    expectPreviousIntact(dir);
  });

  it('prices that do not make a valid catalog over the bundled one (a new pool id the schema refuses): nothing written', async () => {
    const response = fullResponse();
    response.gpus.push({ id: 'NVIDIA RTX PRO 2500 Blackwell', name: 'RTX PRO 2500', pool: 'blackwell-32', manufacturer: 'NVIDIA', memory: 32, secure: true, community: false, price: { secure: 0.64, community: 0, serverless: 1.3 }, maxCount: { secure: 8, community: 0 } });
    const api = await serve(json(response));
    const dir = withPrevious();
    expectFailure(await refresh(api, dir), dir, /^error: serverless\.blackwell-32: the prices from http:\/\/127\.0\.0\.1:\d+\/v2\/catalog\/gpus do not make a valid catalog over .*runpod-.*\.yaml: .*pool id like ADA_24.*$/, [OUT]);
    expectPreviousIntact(dir);
  });

  it('a write that fails (--output is a directory) leaves no temporary file behind', async () => {
    const api = await serve(json(fullResponse()));
    const dir = tempDir();
    mkdirSync(join(dir, OUT));
    const run = await refresh(api, dir);
    expectFailure(run, dir, /^error: --output: .+ is not a regular file: give a file path$/, [OUT]);
    expect(readdirSync(join(dir, OUT))).toEqual([]);
  });

  it.each([
    ['no key', {}, 'error: RUNPOD_API_KEY is not set: export your RunPod API key (read access is enough) in it; the key is never taken as a flag'],
    ['an empty key', { RUNPOD_API_KEY: '  ' }, 'error: RUNPOD_API_KEY is not set: export your RunPod API key (read access is enough) in it; the key is never taken as a flag'],
    ['a key with a line break inside', { RUNPOD_API_KEY: `${KEY}\nmore` }, 'error: RUNPOD_API_KEY holds a space, a line break or a character an HTTP header cannot carry'],
    ['a key too short to be one', { RUNPOD_API_KEY: 'k' }, 'error: RUNPOD_API_KEY is too short to be a RunPod API key (under 16 characters)'],
  ])('%s: no request is made', async (_name, env, line) => {
    const api = await serve(json(fullResponse()));
    const dir = tempDir();
    expectFailure(await refresh(api, dir, [], env), dir, line);
    expect(api.requests).toEqual([]);
  });

  it.each([
    [['--api-url', 'http://example.com'], 'error: --api-url: expected an https:// URL (http:// only to 127.0.0.1, [::1] or localhost), got "http://example.com"'],
    [['--api-url', 'https://user:pw@api.runpod.io'], 'error: --api-url: expected a URL without user, password, query or fragment (the key is read from RUNPOD_API_KEY)'],
    [['--api-url', 'not a url'], 'error: --api-url: expected a URL like https://api.runpod.io, got "not a url"'],
    [['--timeout', '0s'], 'error: --timeout: expected a timeout above 0 s and at most 1d'],
    [['--timeout', 'soon'], 'error: --timeout: expected a duration like 4s or 250ms, got "soon"'],
    [['--api-key', 'x'], "error: unknown option '--api-key' (Did you mean --api-url?)"],
  ])('%j: bad input, no request', async (args, line) => {
    const dir = tempDir();
    const run = await runBuiltAsync(['catalog', 'refresh', '--output', OUT, ...args], ENV, { cwd: dir });
    expectFailure(run, dir, line);
    expectNoKey(run, dir);
  });
});

describe('catalog refresh --help', () => {
  it('says where the key comes from, how many retries, the timeout and what is refused, with examples', () => {
    const run = runBuilt(['catalog', 'refresh', '--help']);
    expect(run.exitCode).toBe(0);
    for (const text of ['RUNPOD_API_KEY only', 'up to 3 (4 requests) on HTTP 429 and 5xx', 'Retry-After (at most 60 s)', 'Redirects are refused', '--timeout <duration>', 'runpod-plan catalog refresh --output pricing/runpod-2026-11-23.yaml']) {
      expect(run.stdout.replace(/\s+/g, ' ')).toContain(text);
    }
  });
});

it('the fixtures follow the spec: every GpuType field the spec requires, with its type', () => {
  const spec = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/api/openapi-catalog-gpus.json'), 'utf8')) as {
    components: { schemas: { GpuType: { required: string[]; properties: Record<string, { type?: string | string[]; required?: string[] }> } } };
  };
  const { required, properties } = spec.components.schemas.GpuType;
  const typeOf = (value: unknown) => (value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value === 'number' ? 'number' : typeof value);
  const bodies = [fullResponse(), JSON.parse(readFileSync(join(ROOT, 'test/fixtures/api/gpus-extra-fields.json'), 'utf8')) as { gpus: Record<string, unknown>[] }];
  for (const body of bodies) {
    for (const gpu of body.gpus) {
      for (const field of required) {
        expect(gpu, field).toHaveProperty(field);
        const declared = properties[field]?.type;
        if (declared === undefined) continue;
        const allowed = (Array.isArray(declared) ? declared : [declared]).flatMap((type) => (type === 'number' ? ['number', 'integer'] : [type]));
        expect(allowed, `${field}: ${typeOf(gpu[field])}`).toContain(typeOf(gpu[field]));
        for (const inner of properties[field]?.required ?? []) expect(gpu[field], `${field}.${inner}`).toHaveProperty(inner);
      }
    }
  }
});
