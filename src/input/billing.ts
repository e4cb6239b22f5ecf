// RunPod's billing records, as GET /v2/billing/serverless and GET /v2/billing/network-volumes return them
// (REST API v2, runpod/docs api-reference-v2/openapi.json: ListServerlessBillingResponse and
// ListNetworkVolumeBillingResponse): `{ records: [...], metadata }`, each record a half-open time bucket
// [startTime, endTime) in RFC 3339 with the resource's id and its amounts in USD. Checked field by field;
// a mistake names the file, the record and the field.
import { InputError } from './error.js';
import { readInputFile } from './read-file.js';

/** A serverless bucket's amounts (ServerlessBillingAmounts) or a network volume's (NetworkVolumeBillingAmounts), USD. */
export type BillingParts = { kind: 'serverless'; gpuUsd: number; cpuUsd: number; diskUsd: number; feeUsd: number } | { kind: 'networkVolume'; standardUsd: number; highPerformanceUsd: number };

export interface BillingRecord {
  file: string;
  index: number;
  /** serverlessId or networkVolumeId. */
  id: string;
  startMs: number;
  endMs: number;
  totalUsd: number;
  parts: BillingParts;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Reads one billing file: the API's response, or its records array alone. */
export function readBillingFile(path: string, name: string): BillingRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(readInputFile(path, 'billing records'));
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.message, { file: name });
    throw new InputError(`not JSON: ${(error as Error).message}`, { file: name });
  }
  const records = Array.isArray(value) ? value : typeof value === 'object' && value !== null && Array.isArray((value as { records?: unknown }).records) ? (value as { records: unknown[] }).records : null;
  if (records === null) throw new InputError('expected the response of GET /v2/billing/serverless or /v2/billing/network-volumes: { "records": [...] }', { file: name });
  if (records.length === 0) throw new InputError('no billing records in the file', { file: name });
  return records.map((record, index) => readRecord(record, name, index));
}

function readRecord(value: unknown, file: string, index: number): BillingRecord {
  const at = (field: string, message: string) => new InputError(message, { file }, `records[${index}]${field === '' ? '' : `.${field}`}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw at('', 'expected a billing record (an object)');
  const record = value as Record<string, unknown>;
  const time = (field: string): number => {
    const text = record[field];
    if (typeof text !== 'string' || !RFC3339.test(text)) throw at(field, `expected an RFC 3339 time like 2026-06-01T00:00:00Z, got ${JSON.stringify(text)}`);
    return Date.parse(text);
  };
  const amount = (field: string): number => {
    const number = record[field];
    if (typeof number !== 'number' || !Number.isFinite(number)) throw at(field, `expected an amount in USD (a number), got ${JSON.stringify(number)}`);
    return number;
  };
  const startMs = time('startTime');
  const endMs = time('endTime');
  if (!(endMs > startMs)) throw at('endTime', 'expected an end after the start');
  const serverless = typeof record.serverlessId === 'string';
  const volume = typeof record.networkVolumeId === 'string';
  if (serverless === volume) throw at('serverlessId', 'expected a serverlessId (GET /v2/billing/serverless) or a networkVolumeId (GET /v2/billing/network-volumes)');
  const parts: BillingParts = serverless
    ? { kind: 'serverless', gpuUsd: amount('gpuAmount'), cpuUsd: amount('cpuAmount'), diskUsd: amount('diskAmount'), feeUsd: amount('feeAmount') }
    : { kind: 'networkVolume', standardUsd: amount('standardAmount'), highPerformanceUsd: amount('highPerformanceAmount') };
  return { file, index, id: (serverless ? record.serverlessId : record.networkVolumeId) as string, startMs, endMs, totalUsd: amount('totalAmount'), parts };
}
