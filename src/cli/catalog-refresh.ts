// `catalog refresh` end to end: the key from the environment, one GET of RunPod's price list, the
// pure mapping to a catalog layer (src/catalog/api-catalog.ts), the layer checked merged over the
// bundled catalog exactly as `--catalog FILE` will merge it, then written atomically. Any failure
// writes nothing and leaves a previous file at --output as it was.
import { Document, visit } from 'yaml';
import { mapApiCatalog, parseApiCatalog, type RefreshResult } from '../catalog/api-catalog.js';
import { loadCatalog } from '../catalog/load.js';
import { InputError } from '../input/error.js';
import { parseYamlSource } from '../input/yaml.js';
import { describeIssue } from '../input/zod-issue.js';
import { bundledCatalogPath, catalogValidator, displayPath, readCatalogFiles } from './catalog-files.js';
import type { CliIo } from './io.js';
import { writeResult } from './output.js';
import { apiUrl, DEFAULT_API_URL, getJson } from './runpod-api.js';

/** RunPod's price list: `GET /v2/catalog/gpus` (REST API v2). */
export const GPU_CATALOG_PATH = '/v2/catalog/gpus';

const MIN_KEY_LENGTH = 16;

export interface RefreshOptions {
  /** --api-url; else RUNPOD_API_URL; else RunPod's server. */
  apiUrl: string | undefined;
  /** --output; else runpod-YYYY-MM-DD.yaml in the working directory. */
  output: string | undefined;
  timeoutS: number;
  retryDelayS: number;
  userAgent: string;
}

/** What a refresh wrote, for the summary line. */
export interface RefreshOutcome {
  result: RefreshResult;
  file: string;
  source: string;
  attempts: number;
}

/** The default --output: today's snapshot name. */
export function defaultRefreshOutput(today: string): string {
  return `runpod-${today}.yaml`;
}

export async function refreshCatalog(options: RefreshOptions, io: CliIo): Promise<RefreshOutcome> {
  const apiKey = readApiKey(io);
  try {
    return await refreshWith(apiKey, options, io);
  } catch (error) {
    // Whatever went wrong, the key stays out of the message (a server could echo it back).
    throw withoutKey(error, apiKey);
  }
}

async function refreshWith(apiKey: string, options: RefreshOptions, io: CliIo): Promise<RefreshOutcome> {
  const flag = options.apiUrl !== undefined ? '--api-url' : 'RUNPOD_API_URL';
  const source = apiUrl(options.apiUrl ?? io.env.RUNPOD_API_URL ?? DEFAULT_API_URL, GPU_CATALOG_PATH, flag);
  const file = options.output ?? defaultRefreshOutput(io.today);
  const { body, attempts } = await getJson({ url: source, apiKey, timeoutS: options.timeoutS, retryDelayS: options.retryDelayS, userAgent: options.userAgent });
  const api = parseApiCatalog(body, source);
  const bundled = await readCatalogFiles([], io.cwd, { discount: 0, today: io.today, maxAgeS: Number.POSITIVE_INFINITY });
  const result = mapApiCatalog(api, bundled.loaded.catalog, { source, today: io.today });
  const text = layerYaml(result, source, bundled.loaded.catalog.name);

  // Check the text as it will be read back: parsed as YAML, merged over the bundled catalog, validated.
  const layer = parseYamlSource(text, file).value;
  const bundledFile = displayPath(bundledCatalogPath(), io.cwd);
  const merged = loadCatalog(
    [
      { file: bundledFile, value: bundled.loaded.catalog, validated: true },
      { file, value: layer, validated: false },
    ],
    { discount: 0, today: io.today, maxAgeS: Number.POSITIVE_INFINITY, validate: await catalogValidator() },
  );
  if (!merged.ok) {
    const issue = merged.error.issues[0];
    const path = issue === undefined ? '' : issue.path.map(String).join('.');
    throw new InputError(`the prices from ${source} do not make a valid catalog over ${bundledFile}: ${issue === undefined ? 'invalid' : describeIssue(issue)}`, {}, path);
  }
  // A server that put the key into a GPU or pool name would have it written and printed: refuse.
  if (text.includes(apiKey) || JSON.stringify(result.warnings).includes(apiKey)) {
    throw new InputError(`the response from ${source} repeats the API key in a name; nothing written`);
  }
  writeResult(text, file, io);
  return { result, file, source, attempts };
}

function readApiKey(io: CliIo): string {
  const key = (io.env.RUNPOD_API_KEY ?? '').trim();
  if (key === '') throw new InputError('RUNPOD_API_KEY is not set: export your RunPod API key (read access is enough) in it; the key is never taken as a flag');
  // A header cannot carry a space or a line break; fetch's own error would quote the value.
  if (!/^[\x21-\x7e]+$/.test(key)) throw new InputError('RUNPOD_API_KEY holds a space, a line break or a character an HTTP header cannot carry');
  // RunPod's keys are dozens of characters; a short value is a mistake, and one that could not be
  // kept out of messages (a key "k" is in every other word).
  if (key.length < MIN_KEY_LENGTH) throw new InputError(`RUNPOD_API_KEY is too short to be a RunPod API key (under ${MIN_KEY_LENGTH} characters)`);
  return key;
}

function withoutKey(error: unknown, apiKey: string): unknown {
  if (!(error instanceof Error)) return error;
  const scrub = (text: string) => text.split(apiKey).join('[RUNPOD_API_KEY]');
  if (error instanceof InputError) {
    const { file, line, column, flag } = error.where;
    const where = { ...(file === undefined ? {} : { file: scrub(file) }), ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }), ...(flag === undefined ? {} : { flag }) };
    return new InputError(scrub(error.message), where, scrub(error.path));
  }
  error.message = scrub(error.message);
  if (error.stack !== undefined) error.stack = scrub(error.stack);
  return error;
}

function layerYaml(result: RefreshResult, source: string, bundledName: string): string {
  const header = [
    `# RunPod GPU prices read from ${source} on ${result.layer.asOf} by \`runpod-plan catalog refresh\`.`,
    `# A layer over the bundled catalog ${bundledName}: use it with --catalog FILE. Serverless prices are per GPU`,
    '# per second (the API lists them per GPU-hour, divided by 3600 here without rounding); pod prices per GPU-hour.',
    '',
  ];
  const document = new Document(result.layer);
  // Lists of names on one line, as the bundled file writes them (`gpus: [L4, RTX A5000]`).
  visit(document, { Seq: (_key, node) => void (node.flow = true) });
  return `${header.join('\n')}${document.toString({ flowCollectionPadding: false })}`;
}
