// calibrate's endpoint settings: an existing plan's endpoint (as written), with the flags given over it.
// The traffic, execution and cold start come from the records; everything else comes from here.
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Catalog } from '../catalog/schema.js';
import { resolveEndpoint, type ResolvedEndpoint, type RunSettings } from '../endpoint/resolve.js';
import { EndpointSpecSchema } from '../endpoint/spec.js';
import { InputError, type InputLocation } from '../input/error.js';
import { toInputError } from '../input/yaml.js';
import { readColdStartData } from './endpoint-files.js';
import type { CliIo } from './io.js';
import { loadPlan } from './plan-file.js';

/** Flag -> where its value goes in the endpoint entry; numbers are read as whole numbers. */
const SETTING_FLAGS = [
  { flag: '--gpu <name>', path: ['gpu'], help: 'GPU class or model: ADA_24, "24 GB PRO", rtx4090 (required without --plan)' },
  { flag: '--gpu-count <n>', path: ['gpuCount'], help: 'GPUs per worker', whole: true },
  { flag: '--active <n>', path: ['workers', 'active'], help: 'always-on workers', whole: true },
  { flag: '--max-workers <n>', path: ['workers', 'max'], help: 'most flex workers', whole: true },
  { flag: '--idle-timeout <duration>', path: ['workers', 'idleTimeout'], help: "how long a flex worker stays up after its last job (default: the catalog's); also how long a gap on one worker means it stopped" },
  { flag: '--jobs-per-worker <n>', path: ['workers', 'jobsPerWorker'], help: 'jobs a worker runs at once', whole: true },
  { flag: '--execution-timeout <duration>', path: ['workers', 'executionTimeout'], help: 'jobs longer than this fail' },
  { flag: '--scaler <kind>', path: ['scaler', 'kind'], help: 'queue-delay, request-count or per-request' },
  { flag: '--scaler-threshold <duration>', path: ['scaler', 'threshold'], help: 'queue-delay scaler: wait before adding a worker' },
  { flag: '--scaler-value <n>', path: ['scaler', 'value'], help: 'request-count scaler: jobs per worker it aims for', whole: true },
  { flag: '--created-with <how>', path: ['createdWith'], help: 'console or api: the defaults the endpoint was made with' },
  { flag: '--cold-start-billed <duration>', path: ['coldStartBilled'], help: 'the billed part of a cold start (default: all of it)' },
  { flag: '--active-rate <price>', path: ['activeRate'], help: 'your active-worker price per GPU, e.g. $0.44/h' },
  { flag: '--id <endpoint id>', path: ['id'], help: "the endpoint's RunPod id, written into the plan for reconcile" },
] as const;

export function addSettingFlags(command: Command): Command {
  for (const { flag, help } of SETTING_FLAGS) command.option(flag, help);
  return command.option('--plan <file>', "take the endpoint's settings from this plan").option('--endpoint <name>', 'the endpoint of --plan to calibrate (default: its only one); the name in the written plan');
}

function attribute(flag: string): string {
  return (flag.split(' ')[0] as string).replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export interface CalibrateSettings {
  name: string;
  /** The entry as it will be written, before the records' traffic, execution and cold start. */
  entry: Record<string, unknown>;
  /** The plan's catalog file, relative to where the new plan is written. */
  catalog: string | undefined;
  /** A catalog file to layer for this run (the plan's). */
  catalogFile: string | undefined;
  /** The settings resolved (idle timeout, GPUs, billing), for the fit and the replay. */
  endpoint: ResolvedEndpoint;
}

/** The endpoint entry from --plan and the flags, checked by resolving it with stand-in traffic. */
export async function calibrateSettings(raw: Record<string, unknown>, io: CliIo, outputDir: string, loadCatalog: (extra: string | undefined) => Promise<Catalog>, run: RunSettings): Promise<CalibrateSettings> {
  let entry: Record<string, unknown> = {};
  let name = typeof raw.endpoint === 'string' ? raw.endpoint : 'endpoint';
  let locate: ((path: (string | number)[]) => InputLocation) | null = null;
  let catalog: string | undefined;
  let catalogFile: string | undefined;
  if (typeof raw.plan === 'string') {
    const loaded = await loadPlan(raw.plan, io);
    const names = Object.keys(loaded.plan.endpoints);
    const chosen = typeof raw.endpoint === 'string' ? raw.endpoint : names.length === 1 ? names[0] : undefined;
    if (chosen === undefined || !names.includes(chosen)) {
      throw new InputError(names.length === 0 ? 'the plan has no endpoints' : `name one of the plan's endpoints with --endpoint: ${names.join(', ')}`, { flag: '--endpoint' });
    }
    name = chosen;
    entry = structuredClone((loaded.raw as { endpoints: Record<string, Record<string, unknown>> }).endpoints[chosen] as Record<string, unknown>);
    locate = (path) => loaded.locate(['endpoints', chosen, ...path]);
    if (loaded.plan.catalog !== undefined) {
      catalogFile = resolve(loaded.dir, loaded.plan.catalog);
      catalog = relative(outputDir, catalogFile).split('\\').join('/');
    }
  }
  const byPath = new Map<string, string>();
  for (const { flag, path, ...rest } of SETTING_FLAGS) {
    const value = raw[attribute(flag)];
    byPath.set(path.join('.'), flag.split(' ')[0] as string);
    if (value === undefined) continue;
    let node = entry;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
      else if (key === 'scaler' && typeof next === 'string') node = node[key] = { kind: next };
      else node = node[key] = {};
    }
    const text = String(value);
    if ('whole' in rest && !/^\d+$/.test(text)) throw new InputError(`expected a whole number like 0 or 3, got "${text}"`, { flag: flag.split(' ')[0] as string });
    node[path[path.length - 1] as string] = 'whole' in rest ? Number(text) : text;
  }
  const scaler = entry.scaler as Record<string, unknown> | undefined;
  if (scaler !== undefined && typeof scaler === 'object') {
    // A threshold is the queue-delay scaler's setting, a value the request-count scaler's.
    if (scaler.kind === undefined) scaler.kind = scaler.value !== undefined ? 'request-count' : 'queue-delay';
    if (Object.keys(scaler).length === 1 && typeof scaler.kind === 'string') entry.scaler = scaler.kind;
  }
  if (entry.gpu === undefined) throw new InputError('required: the GPU class or model, e.g. --gpu rtx4090 (or --plan with the endpoint)', { flag: '--gpu' });
  // Where a setting is written: its flag, else the plan's key.
  const where = (path: string): InputLocation => {
    const flag = [...byPath.entries()].find(([p]) => path === p || path.startsWith(`${p}.`))?.[1];
    if (flag !== undefined && raw[attribute(flag)] !== undefined) return { flag };
    return locate === null ? { flag: `--${path}` } : locate(path.split('.'));
  };
  // Stand-in traffic and execution: only the settings are checked here.
  const parsed = EndpointSpecSchema.safeParse({ ...entry, traffic: { rps: 1 }, execution: '1s' }, { reportInput: true });
  if (!parsed.success) {
    const error = toInputError(parsed.error, []);
    throw new InputError(error.message, where(error.path), locate === null ? '' : `endpoints.${name}.${error.path}`);
  }
  const catalogData = await loadCatalog(catalogFile);
  const data = await readColdStartData(parsed.data);
  let endpoint: ResolvedEndpoint;
  try {
    endpoint = resolveEndpoint(catalogData, parsed.data, run, data, { of: (path) => byPath.get(path) ?? path, noun: 'flags' });
  } catch (error) {
    if (error instanceof InputError && error.path !== '' && error.where.file === undefined) throw new InputError(error.message, where(error.path), locate === null ? '' : `endpoints.${name}.${error.path}`);
    throw error;
  }
  return { name, entry, catalog, catalogFile, endpoint };
}
