// The one network call the tool makes: a GET to RunPod's REST API v2 with a Bearer key, for
// `catalog refresh`. Node's global fetch (undici), one deadline per request covering the connection,
// the headers and the whole body, no redirects followed (the key would travel with them), and a
// bounded number of retries for 429 and 5xx. Every failure is an InputError with one line that never
// holds the key: the CLI prints it and exits 2.
import { InputError } from '../input/error.js';
import { formatDuration } from '../input/units.js';

/** RunPod's API server (runpod/docs api-reference-v2/openapi.json, `servers`). */
export const DEFAULT_API_URL = 'https://api.runpod.io';

/** Retries after the first attempt for a 429 or 5xx answer: at most 4 requests in all. */
export const MAX_RETRIES = 3;

/** The longest wait a Retry-After header is honoured for; a longer one is cut to this. */
export const RETRY_AFTER_CAP_S = 60;

// The GPU catalog is tens of kB; a body this large is not it.
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const MAX_DETAIL_CHARS = 200;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const STATUS_MEANING: Record<number, string> = {
  401: 'the key in RUNPOD_API_KEY was refused',
  403: 'the key in RUNPOD_API_KEY may not read the GPU catalog',
  404: 'no GPU catalog at this address (check --api-url)',
  429: 'rate limited',
};

/** A GET of one API path. */
export interface ApiRequest {
  /** The full URL; it holds no secret (the key goes in a header). */
  url: string;
  apiKey: string;
  /** Most seconds one request may take, from connecting to the body's last byte. */
  timeoutS: number;
  /** The wait before the first retry, doubled before each next one (unless Retry-After says otherwise). */
  retryDelayS: number;
  userAgent: string;
}

/** A parsed JSON body and how many requests it took. */
export interface ApiResponse {
  body: unknown;
  attempts: number;
}

/** What the client needs from the outside world, passed in so tests can replace the waiting. */
export interface ApiDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  nowMs: () => number;
}

const realDeps: ApiDeps = {
  fetch: (input, init) => fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  nowMs: () => Date.now(),
};

/**
 * The URL of `path` under a base URL from --api-url or RUNPOD_API_URL: https, or http to this machine
 * only (the key must not cross a network in clear), and no user, password, query or fragment.
 */
export function apiUrl(base: string, path: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new InputError(`expected a URL like ${DEFAULT_API_URL}, got "${base}"`, { flag });
  }
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InputError(`expected an https:// URL (http:// only to 127.0.0.1, [::1] or localhost), got "${base}"`, { flag });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new InputError('expected a URL without user, password, query or fragment (the key is read from RUNPOD_API_KEY)', { flag });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${path}`;
}

/**
 * Seconds to wait before retry number `retry` (1, 2, 3): the server's Retry-After (seconds or an HTTP
 * date) when it gives one, capped at RETRY_AFTER_CAP_S, else the delay doubled per retry (1 s, 2 s, 4 s).
 */
export function retryDelayS(retry: number, retryAfter: string | null, retryDelayS: number, nowMs: number): number {
  if (retryAfter !== null) {
    const text = retryAfter.trim();
    const seconds = /^\d+$/.test(text) ? Number(text) : (Date.parse(text) - nowMs) / 1000;
    if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), RETRY_AFTER_CAP_S);
  }
  return retryDelayS * 2 ** (retry - 1);
}

/** GETs a JSON document, retrying 429 and 5xx answers; any other failure throws at once. */
export async function getJson(request: ApiRequest, deps: ApiDeps = realDeps): Promise<ApiResponse> {
  const where = `GET ${request.url}`;
  for (let attempt = 1; ; attempt += 1) {
    const answer = await requestOnce(request, where, deps);
    const { status } = answer;
    if (status >= 200 && status < 300) {
      try {
        return { body: JSON.parse(answer.text) as unknown, attempts: attempt };
      } catch (error) {
        throw new InputError(`${where}: the response is not JSON (${(error as Error).message})`);
      }
    }
    const label = `HTTP ${status}${STATUS_TEXT[status] === undefined ? '' : ` ${STATUS_TEXT[status]}`}`;
    if (status >= 300 && status < 400) {
      const location = answer.location === null ? 'elsewhere' : `to ${describeLocation(answer.location, request.url)}`;
      throw new InputError(`${where}: ${label}, a redirect ${location}; redirects are not followed, so the key goes nowhere else`);
    }
    const detail = errorDetail(answer.text, request.apiKey);
    const retryable = status === 429 || status >= 500;
    if (retryable && attempt <= MAX_RETRIES) {
      await deps.sleep(retryDelayS(attempt, answer.retryAfter, request.retryDelayS, deps.nowMs()) * 1000);
      continue;
    }
    const meaning = STATUS_MEANING[status];
    const tries = retryable ? ` (${attempt} attempts)` : '';
    throw new InputError(`${where}: ${label}${tries}${meaning === undefined ? '' : `: ${meaning}`}${detail === '' ? '' : ` (${detail})`}`);
  }
}

interface Answer {
  status: number;
  text: string;
  location: string | null;
  retryAfter: string | null;
}

/** One request, headers and body, under one deadline. */
async function requestOnce(request: ApiRequest, where: string, deps: ApiDeps): Promise<Answer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutS * 1000);
  try {
    const response = await deps.fetch(request.url, {
      method: 'GET',
      headers: { Authorization: `Bearer ${request.apiKey}`, Accept: 'application/json', 'User-Agent': request.userAgent },
      redirect: 'manual',
      signal: controller.signal,
    });
    const text = await readBody(response, where);
    return { status: response.status, text, location: response.headers.get('location'), retryAfter: response.headers.get('retry-after') };
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (controller.signal.aborted) {
      throw new InputError(`${where}: no complete response within ${formatDuration(request.timeoutS)} (--timeout)`);
    }
    throw new InputError(`${where}: cannot reach the API: ${networkReason(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(response: Response, where: string): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new InputError(`${where}: the response is over ${MAX_BODY_BYTES / 1024 / 1024} MB, which no GPU catalog is`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The cause of a failed fetch in a few words: `connect ECONNREFUSED 127.0.0.1:9`, `getaddrinfo ENOTFOUND host`. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim() || 'unknown network error';
}

/** Where a redirect points, without its query (which could carry anything). */
function describeLocation(location: string, from: string): string {
  try {
    const url = new URL(location, from);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'an address that is not a URL';
  }
}

/** The `detail` (else `title`) of an RFC 9457 error body, on one line, short, without the key. */
function errorDetail(text: string, apiKey: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return '';
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const detail = typeof record.detail === 'string' ? record.detail : typeof record.title === 'string' ? record.title : '';
  const line = detail.split(apiKey).join('[RUNPOD_API_KEY]').replace(/\s+/g, ' ').trim();
  return line.length > MAX_DETAIL_CHARS ? `${line.slice(0, MAX_DETAIL_CHARS - 3)}...` : line;
}
