// A sweep's grid: axes over plan paths (`endpoints.sdxl.workers.active=0..3`), the points in grid order,
// and shards of it. No plan schema here: the CLI reads the axes and starts its helper threads before it
// loads the plan machinery (see cli/commands/sweep.ts).
import { LIMITS, outsideLimit } from '../input/limits.js';
import { InputError } from '../input/error.js';

export type AxisValue = string | number;

/** One dimension of the grid: a dotted path into the plan and the values it takes. */
export interface Axis {
  /** As the user wrote it: `endpoints.sdxl.gpu`. */
  name: string;
  path: string[];
  values: AxisValue[];
  /** How the values were given: a list (`a,b`), an integer range (`0..3`) or a geometric one (`1000..100000x10`). */
  kind: 'list' | 'integer-range' | 'geometric-range';
  /** The values as the user wrote them: `1000..100000`. */
  spec: string;
}

const INTEGER_RANGE = /^(-?\d+)\.\.(-?\d+)$/;
const GEOMETRIC_RANGE = /^(\d+(?:\.\d+)?[kKM]?)\.\.(\d+(?:\.\d+)?[kKM]?)x(\d+(?:\.\d+)?)$/;
const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6 };

function count(text: string): number {
  const last = text[text.length - 1] ?? '';
  return last in SUFFIX ? Number(text.slice(0, -1)) * (SUFFIX[last] as number) : Number(text);
}

/** A value as YAML would read it: numbers stay numbers, the rest stays text (`4s`, `ADA_24`). */
function scalar(text: string): AxisValue {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Parses `path=values`: a list (`a,b,c`), an integer range (`0..3`), or a geometric range
 * (`1000..100000x10`: from, to, factor). `where` names the flag or file line for errors.
 */
export function parseAxis(text: string, where: string): Axis {
  const at = text.indexOf('=');
  if (at <= 0) throw new InputError(`expected path=values like endpoints.sdxl.workers.active=0..3, got "${text}"`, { flag: where });
  const name = text.slice(0, at).trim();
  const spec = text.slice(at + 1).trim();
  const path = name.split('.');
  if (path.some((part) => part === '')) throw new InputError(`expected a dotted plan path, got "${name}"`, { flag: where });
  let values: AxisValue[];
  let kind: Axis['kind'] = 'list';
  const integer = INTEGER_RANGE.exec(spec);
  const geometric = GEOMETRIC_RANGE.exec(spec);
  if (integer !== null) {
    const from = Number(integer[1]);
    const to = Number(integer[2]);
    if (to < from) throw new InputError(`expected a range like 0..3, got "${spec}"`, { flag: where });
    if (to - from + 1 > MAX_AXIS_VALUES) throw new InputError(`"${spec}" has ${to - from + 1} values, over the ${MAX_AXIS_VALUES} an axis may have`, { flag: where });
    values = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    kind = 'integer-range';
  } else if (geometric !== null) {
    const from = count(geometric[1] as string);
    const to = count(geometric[2] as string);
    const factor = Number(geometric[3]);
    if (!(from > 0 && to >= from && factor > 1)) throw new InputError(`expected a range like 1000..100000x10, got "${spec}"`, { flag: where });
    const tooFine = outsideLimit(LIMITS.sweepFactor, factor);
    if (tooFine !== null) throw new InputError(`the factor of "${spec}": ${tooFine}`, { flag: where });
    // Sized before it is built: a factor near 1 once made millions of values (and ran out of memory).
    const steps = Math.floor(Math.log(to / from) / Math.log(factor) + 1e-9) + 1;
    if (steps > MAX_AXIS_VALUES) throw new InputError(`"${spec}" has ${steps} values, over the ${MAX_AXIS_VALUES} an axis may have: use a larger factor`, { flag: where });
    values = [];
    // Multiply with a little slack so 1000 x 10 x 10 reaches 100000 despite floating point.
    for (let value = from; value <= to * (1 + 1e-9); value *= factor) values.push(Number(value.toPrecision(12)));
    kind = 'geometric-range';
  } else {
    values = spec.split(',').map(scalar);
    if (values.some((value) => value === '')) throw new InputError(`expected comma-separated values, got "${spec}"`, { flag: where });
  }
  return { name, path, values, kind, spec };
}

/** The most values one axis may have. */
export const MAX_AXIS_VALUES = 100_001;

/** Number of points of a grid. */
export function gridSize(axes: readonly Axis[]): number {
  return axes.reduce((size, axis) => size * axis.values.length, 1);
}

/** An integer range this long was more likely meant as a geometric one (`1000..100000` for `1000..100000x10`). */
const LONG_INTEGER_RANGE = 1000;

/**
 * Why a run of `points` grid points is refused over `maxPoints` (null when it is not): the size, the axes'
 * sizes, what lifts the limit, and a long integer range that was likely meant as a geometric one.
 */
export function oversizeGrid(axes: readonly Axis[], points: number, shard: { index: number; count: number }, maxPoints: number): string | null {
  const grid = gridSize(axes);
  if (!Number.isSafeInteger(grid)) return `the grid has over ${Number.MAX_SAFE_INTEGER} points (${axes.map((axis) => axis.values.length).join(' x ')}): too many to number; fewer axis values`;
  if (points <= maxPoints) return null;
  const sizes = axes.map((axis) => groupDigits(axis.values.length)).join(' x ');
  const what = shard.count === 1 ? `the grid has ${groupDigits(points)} points (${sizes})` : `shard ${shard.index} of ${shard.count} has ${groupDigits(points)} of the grid's ${groupDigits(grid)} points (${sizes})`;
  const hints = axes
    .filter((axis) => axis.kind === 'integer-range' && axis.values.length > LONG_INTEGER_RANGE && (axis.values[0] as number) > 0)
    .map((axis) => `; ${axis.name}=${axis.spec} is an integer range of ${groupDigits(axis.values.length)} values (a geometric one: ${axis.spec}x10)`);
  return `${what}, over the limit of ${groupDigits(maxPoints)}: fewer axis values, more shards (--shard), or a higher --max-points${hints.join('')}`;
}

/** 1234567 -> 1,234,567 (the same on every machine, whatever its locale). */
export function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The axis values of point `index` in grid order: the last axis varies fastest. */
export function pointAt(axes: readonly Axis[], index: number): AxisValue[] {
  const values: AxisValue[] = new Array(axes.length);
  let rest = index;
  for (let i = axes.length - 1; i >= 0; i--) {
    const axis = axes[i] as Axis;
    values[i] = axis.values[rest % axis.values.length] as AxisValue;
    rest = Math.floor(rest / axis.values.length);
  }
  return values;
}

/** `--shard k/n`; none given is the whole grid, shard 1 of 1. */
export function parseShard(text: string | undefined): { index: number; count: number } {
  if (text === undefined) return { index: 1, count: 1 };
  const match = /^(\d{1,9})\/(\d{1,9})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !(count >= 1 && index >= 1 && index <= count)) throw new InputError(`expected a shard like 2/8 (k of n, 1 <= k <= n), got "${text}"`, { flag: '--shard' });
  const tooMany = outsideLimit(LIMITS.shards, count);
  if (tooMany !== null) throw new InputError(`the number of shards: ${tooMany}`, { flag: '--shard' });
  return { index, count };
}

/** Shard k of n (1-based): a contiguous slice, so the shards' outputs concatenate to the whole grid. */
export function shardRange(size: number, shard: { index: number; count: number }): { start: number; end: number } {
  return { start: Math.floor(((shard.index - 1) * size) / shard.count), end: Math.floor((shard.index * size) / shard.count) };
}
