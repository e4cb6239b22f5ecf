// Which slice of a sweep's grid this run takes: `--shard k/n`, or `--shard auto` from the engine the run
// is part of. A Kubernetes Indexed Job gives each pod JOB_COMPLETION_INDEX (0 to completions - 1) but not
// the completion count, which comes with it from --shard-count or RUNPOD_PLAN_SHARD_COUNT; a GitHub
// Actions matrix (or any other runner) passes RUNPOD_PLAN_SHARD=k/n. `auto` with neither is refused: a job
// that silently ran the whole grid on every one of its copies would cost the grid times the copies.
import { InputError } from '../input/error.js';
import { LIMITS, outsideLimit } from '../input/limits.js';
import { parseShard } from '../sweep/grid.js';

/** A shard (1-based k of n) and where it came from, for the sweep's first line. */
export interface ShardChoice {
  index: number;
  count: number;
  /** `RUNPOD_PLAN_SHARD=2/4` or `JOB_COMPLETION_INDEX=1`; null from --shard k/n or without --shard. */
  source: string | null;
}

/** The environment variables `--shard auto` reads, in the order it reads them. */
export const SHARD_ENV = { shard: 'RUNPOD_PLAN_SHARD', index: 'JOB_COMPLETION_INDEX', count: 'RUNPOD_PLAN_SHARD_COUNT' } as const;

const WHOLE = /^\d{1,9}$/;

/** --shard (k/n or auto) and --shard-count, with the environment for auto. */
export function resolveShard(flag: string | undefined, countFlag: number | undefined, env: Record<string, string | undefined>): ShardChoice {
  const where = { flag: '--shard' };
  if (flag?.trim() !== 'auto') {
    if (countFlag !== undefined) throw new InputError('goes with --shard auto (the count of a Kubernetes Indexed Job)', { flag: '--shard-count' });
    return { ...parseShard(flag), source: null };
  }
  const set = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const givenCount = countFlag ?? countFrom(set(SHARD_ENV.count));
  const shard = set(SHARD_ENV.shard);
  if (shard !== undefined) {
    let parsed: { index: number; count: number };
    try {
      parsed = parseShard(shard);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`${SHARD_ENV.shard}: ${error.message}`, where);
      throw error;
    }
    if (givenCount !== undefined && givenCount !== parsed.count) {
      throw new InputError(`${SHARD_ENV.shard}=${shard} says ${parsed.count} shards, but the count given is ${givenCount}`, where);
    }
    return { ...parsed, source: `${SHARD_ENV.shard}=${shard}` };
  }
  const index = set(SHARD_ENV.index);
  if (index !== undefined) {
    if (!WHOLE.test(index)) throw new InputError(`${SHARD_ENV.index}: expected a whole number from 0, got ${JSON.stringify(index.slice(0, 40))}`, where);
    if (givenCount === undefined) {
      throw new InputError(`${SHARD_ENV.index}=${index} needs the number of shards: give --shard-count (the Indexed Job's completions) or set ${SHARD_ENV.count}`, where);
    }
    if (Number(index) >= givenCount) throw new InputError(`${SHARD_ENV.index}=${index} is not below the ${givenCount} shards (indexes 0 to ${givenCount - 1})`, where);
    return { index: Number(index) + 1, count: givenCount, source: `${SHARD_ENV.index}=${index}` };
  }
  throw new InputError(
    `auto found no shard in the environment: set ${SHARD_ENV.shard}=k/n (a CI matrix), or run in a Kubernetes Indexed Job (${SHARD_ENV.index}) with --shard-count`,
    where,
  );
}

function countFrom(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!WHOLE.test(text)) throw new InputError(`${SHARD_ENV.count}: expected a whole number from 1, got ${JSON.stringify(text.slice(0, 40))}`, { flag: '--shard' });
  const problem = outsideLimit(LIMITS.shards, Number(text));
  if (problem !== null) throw new InputError(`${SHARD_ENV.count}: ${problem}`, { flag: '--shard' });
  return Number(text);
}
