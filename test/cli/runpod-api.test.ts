// The API client's waiting and retrying, with fetch and the clock replaced: the waits it asks for are
// recorded, not slept, so the backoff and the Retry-After cap are checked without taking their time.
import { describe, expect, it } from 'vitest';
import { apiUrl, getJson, MAX_RETRIES, RETRY_AFTER_CAP_S, retryDelayS, type ApiDeps } from '../../src/cli/runpod-api.js';
import { InputError } from '../../src/input/error.js';

const NOW_MS = Date.parse('2026-11-23T12:00:00Z');

describe('retryDelayS', () => {
  it.each([
    ['retry 1, no Retry-After: the delay', 1, null, 1, 1],
    ['retry 2: twice the delay', 2, null, 1, 2],
    ['retry 3: four times the delay', 3, null, 1, 4],
    ['a 10 ms delay: 10, 20, 40 ms (the tests\' setting)', 3, null, 0.01, 0.04],
    ['Retry-After: 12 (seconds, as the spec\'s example)', 1, '12', 1, 12],
    ['Retry-After: 0', 2, '0', 1, 0],
    ['Retry-After: 3600 is cut to the cap, 60 s', 1, '3600', 1, 60],
    ['Retry-After as an HTTP date 30 s from now', 1, 'Mon, 23 Nov 2026 12:00:30 GMT', 1, 30],
    ['Retry-After as an HTTP date in the past: no wait', 1, 'Mon, 23 Nov 2026 11:00:00 GMT', 1, 0],
    ['Retry-After that is neither: the backoff', 2, 'soon', 1, 2],
  ])('%s', (_name, retry, header, delayS, expected) => {
    expect(retryDelayS(retry, header, delayS, NOW_MS)).toBe(expected);
  });

  it('the cap is 60 s and there are 3 retries (what --help and the README say)', () => {
    expect(RETRY_AFTER_CAP_S).toBe(60);
    expect(MAX_RETRIES).toBe(3);
  });
});

describe('getJson with a fake fetch', () => {
  function fakeDeps(answers: (() => Response)[]): { deps: ApiDeps; sleeps: number[]; calls: RequestInit[] } {
    const sleeps: number[] = [];
    const calls: RequestInit[] = [];
    const deps: ApiDeps = {
      fetch: async (_url, init) => {
        calls.push(init ?? {});
        return (answers[Math.min(calls.length - 1, answers.length - 1)] as () => Response)();
      },
      sleep: async (ms) => void sleeps.push(ms),
      nowMs: () => NOW_MS,
    };
    return { deps, sleeps, calls };
  }
  const request = { url: 'https://api.runpod.io/v2/catalog/gpus', apiKey: 'rpa_0123456789abcdef', timeoutS: 30, retryDelayS: 1, userAgent: 'runpod-plan/test' };

  it('5xx on every attempt: waits 1 s, 2 s, 4 s between the 4 requests, then fails', async () => {
    const { deps, sleeps, calls } = fakeDeps([() => new Response('{}', { status: 502 })]);
    await expect(getJson(request, deps)).rejects.toThrow(new InputError('GET https://api.runpod.io/v2/catalog/gpus: HTTP 502 Bad Gateway (4 attempts)'));
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(calls).toHaveLength(4);
  });

  it('429 with Retry-After: 3600, then 200: waits the cap (60 s) once', async () => {
    const { deps, sleeps } = fakeDeps([() => new Response('', { status: 429, headers: { 'retry-after': '3600' } }), () => new Response('{"gpus": []}', { status: 200 })]);
    expect(await getJson(request, deps)).toEqual({ body: { gpus: [] }, attempts: 2 });
    expect(sleeps).toEqual([60_000]);
  });

  it('sends the key as a Bearer header, asks for JSON, and follows no redirect', async () => {
    const { deps, calls } = fakeDeps([() => new Response('{}', { status: 200 })]);
    await getJson(request, deps);
    expect(calls[0]).toMatchObject({ method: 'GET', redirect: 'manual', headers: { Authorization: 'Bearer rpa_0123456789abcdef', Accept: 'application/json' } });
  });

  it('a 400 is not retried', async () => {
    const { deps, calls } = fakeDeps([() => new Response(JSON.stringify({ title: 'Bad Request', status: 400, detail: 'bad filter', errors: ['$: x'] }), { status: 400 })]);
    await expect(getJson(request, deps)).rejects.toThrow('HTTP 400 Bad Request (bad filter)');
    expect(calls).toHaveLength(1);
  });
});

describe('apiUrl', () => {
  it.each([
    ['https://api.runpod.io', 'https://api.runpod.io/v2/catalog/gpus'],
    ['https://api.runpod.io/', 'https://api.runpod.io/v2/catalog/gpus'],
    ['https://proxy.example.com/runpod/', 'https://proxy.example.com/runpod/v2/catalog/gpus'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/v2/catalog/gpus'],
    ['http://localhost:8080', 'http://localhost:8080/v2/catalog/gpus'],
    ['http://[::1]:8080', 'http://[::1]:8080/v2/catalog/gpus'],
  ])('%s -> %s', (base, url) => {
    expect(apiUrl(base, '/v2/catalog/gpus', '--api-url')).toBe(url);
  });

  it.each(['http://api.runpod.io', 'ftp://api.runpod.io', 'https://api.runpod.io/?key=x', 'https://a:b@api.runpod.io', 'api.runpod.io'])('refuses %s', (base) => {
    expect(() => apiUrl(base, '/v2/catalog/gpus', '--api-url')).toThrow(InputError);
  });
});
