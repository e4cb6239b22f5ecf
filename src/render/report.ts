import type { ColdStartCommandAssumption } from '../decisions/weight-strategies.js';
import type { WorkerSettingsAssumption } from '../decisions/worker-settings.js';
import type { WorkloadAssumption } from '../decisions/workload.js';
import type { TokensAssumption } from '../decisions/tokens.js';
import type { AssumptionOf, EndpointAssumption } from '../endpoint/assumptions.js';
import type { PlanAssumption } from '../plan/evaluate.js';
// The one result shape every command hands to the renderers. Cells hold raw numbers (never rounded);
// each column's kind tells the renderers how to print them.

/** How a column's numbers are printed in table and Markdown output (JSON and CSV keep them raw). */
export type ColumnKind =
  | 'text'
  | 'int'
  | 'number'
  /** An amount of money (a cost, a cost per request): $1,234.56 from $1 up, three significant digits below ($0.00519). */
  | 'usd'
  /** A unit price (a rate per second, hour or GB-month): four significant digits, at least cents ($0.00031, $1.116, $0.74). */
  | 'price'
  /** A fraction printed as a percentage. */
  | 'percent'
  | 'hours'
  | 'seconds';

export interface Column {
  /** The field name in JSON and the header in CSV. */
  key: string;
  /** The header in table and Markdown output, with its unit. */
  header: string;
  kind: ColumnKind;
  /** A row field holding this cell's kind, for columns that mix units (a summary of measures). */
  kindFrom?: string;
  /** Drawn for people only (a bar of a waterfall): left out of JSON and CSV, which carry the numbers. */
  humanOnly?: boolean;
  /** For machines only (the raw figure behind a formatted text column): left out of tables and Markdown. */
  machineOnly?: boolean;
  /**
   * How much a terminal table too narrow for every column needs this one: the higher, the longer it is
   * kept. A column without one is always kept (when those alone do not fit, rows become blocks). Markdown,
   * CSV and JSON are never cut.
   */
  priority?: number;
  /** A cell reading this (a check's `FAIL`) is drawn in red in a colour terminal table. */
  alert?: string;
}

/** A cell: a list (GPU names) stays a list in JSON and is joined with commas for people and CSV. */
export type Cell = string | number | boolean | null | readonly string[];

const COLUMN_KINDS: readonly ColumnKind[] = ['text', 'int', 'number', 'usd', 'price', 'percent', 'hours', 'seconds'];

/** The kind a cell prints as: its column's, or the row's own when the column says where to find it. */
export function cellKind(column: Column, row: Row): ColumnKind {
  const own = column.kindFrom === undefined ? undefined : row[column.kindFrom];
  return typeof own === 'string' && (COLUMN_KINDS as readonly string[]).includes(own) ? (own as ColumnKind) : column.kind;
}
export type Row = Record<string, Cell>;

export interface Section {
  /** The section's name in JSON. */
  id: string;
  /** The heading in table and Markdown output; empty for none. */
  title: string;
  columns: Column[];
  rows: Row[];
}

// Assumptions are made by the core as data and worded in render/assumptions.ts for every renderer.
/** Assumptions made at the edge, from a command's own flags. */
export type CommandAssumption =
  | AssumptionOf<'gpus.minVram', { minVramGB: number }>
  | AssumptionOf<'gpus.fits', { fitsGB: number; headroom: number }>
  | AssumptionOf<'sweep.axis', { name: string; values: (string | number | boolean)[] }>;

/** Every assumption a report can carry. */
export type Assumption = EndpointAssumption | WorkloadAssumption | ColdStartCommandAssumption | WorkerSettingsAssumption | PlanAssumption | CommandAssumption | TokensAssumption;


/** A line chart: one series per option against a shared x axis (drawn in text or as Mermaid). */
export interface Chart {
  title: string;
  xLabel: string;
  yLabel: string;
  x: number[];
  series: { name: string; y: number[] }[];
}

/** The catalog a result was computed from, named in every output. */
export interface CatalogInfo {
  name: string;
  asOf: string;
  files: string[];
  overrides: string[];
  discount: number;
}

export interface Report {
  /** The subcommand that made the report (`gpus`). */
  command: string;
  title: string;
  catalog: CatalogInfo;
  sections: Section[];
  /** Findings in words: the cheapest option, a warning about the input. */
  notes: string[];
  assumptions: Assumption[];
  charts: Chart[];
  /** Command-specific raw data for JSON consumers, beyond the tables. */
  data?: Record<string, unknown>;
}

/**
 * The version of the JSON envelope; bumped on any breaking change to its shape (2: the sweep's rows in an
 * envelope, the bundled catalog by name, stable keys beside labels, lists as lists). Its JSON Schema,
 * runpod-plan.output.schema.json, is generated from render/output-schema.ts.
 */
export const JSON_SCHEMA_VERSION = 2;
