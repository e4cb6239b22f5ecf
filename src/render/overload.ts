// An overload (endpoint/overload.ts) in words, once for every command that reads one: compare's and
// tokens' options, a plan's endpoints (estimate, check), simulate's endpoint. Only what the command's
// context changes is given: who is overloaded, and what follows from it there.
import type { Overload } from '../endpoint/overload.js';
import { RECOMMENDED_MAX_QUEUED_JOBS } from '../sim/config.js';
import { formatNumber, formatPercent } from './number-format.js';

/** Where an overload is told: the words its command's context gives it. */
export interface OverloadContext {
  /** Who cannot keep up: compare's or tokens' option (`Serverless flex`), a plan's endpoint (`api`), simulate's `the endpoint`. */
  name: string;
  /** How its workers are set out, in brackets after "overloaded" (compare, where the options differ in it). */
  shape?: string;
  /** The report shows the simulator's own run (simulate's summary): it stopped queueing at its cap, so say so. */
  queueCapped?: boolean;
  /**
   * What follows: compare and tokens rank options, so they never name this one cheapest; elsewhere, the
   * setting that raises the workers in the command's terms (`workers.max` in a plan, `--max-workers` on the
   * command line).
   */
  then: 'never-cheapest' | { raise: string };
}

/**
 * `Warning: api is overloaded: its workers serve 1,962,058 requests a month (0.7%), leave 260,851,904
 * unserved, and the backlog grows by 357,320 an hour. Its cost is ...`: what is served (a share of what
 * is offered, served + unserved), what is left, how fast the backlog grows, and why its cost reads as it does.
 */
export function describeOverload(overload: Overload, context: OverloadContext): string {
  const count = (value: number) => formatNumber(Math.round(value));
  const offered = overload.servedPerMonth + overload.unservedPerMonth;
  const share = formatPercent(offered > 0 ? overload.servedPerMonth / offered : 0);
  const shape = context.shape === undefined ? '' : ` (${context.shape})`;
  const cap = context.queueCapped === true ? `; the simulation stopped queueing at 2^${Math.log2(RECOMMENDED_MAX_QUEUED_JOBS)} waiting jobs` : '';
  const then = context.then === 'never-cheapest' ? 'it is never named cheapest' : `raise ${context.then.raise} or use a faster GPU`;
  if (overload.dropsInstead === true) {
    return (
      `Warning: ${context.name} is over its capacity${shape}: its workers serve ${count(overload.servedPerMonth)} requests a month (${share}), ` +
      `and the other ${count(overload.unservedPerMonth)} are dropped after waiting their limit (a load balancer queues nothing for long)${cap}. ` +
      `Its cost is its workers busy all the time, counted per 1,000 requests served; ${then}.`
    );
  }
  if (overload.unservedPerMonth <= 0 && overload.servedPerMonth > 0) {
    // Offered exactly the workers' capacity: nothing is left over on average, but a queue with no slack has
    // no steady state (its backlog wanders without bound, growing like the square root of time).
    return (
      `Warning: ${context.name} is at its capacity${shape}: its workers can serve every request only by never resting, ` +
      `and a queue with no slack has no steady state (its backlog wanders without bound)${cap}. ` +
      `Its cost is its workers busy all the time; ${then}.`
    );
  }
  return (
    `Warning: ${context.name} is overloaded${shape}: its workers serve ${count(overload.servedPerMonth)} requests a month (${share}), ` +
    `leave ${count(overload.unservedPerMonth)} unserved, and the backlog grows by ${count(overload.backlogGrowthPerHour)} an hour${cap}. ` +
    `Its cost is its workers busy all the time, counted per 1,000 requests served; ${then}.`
  );
}
