import { describe, expect, it } from 'vitest';
import { describeOverload } from '../../src/render/overload.js';

// 1,000 served of 1,000 + 3,000 offered = 25%; counts rounded to whole requests (12.6 -> 13 an hour).
const overload = { servedPerMonth: 1000.4, unservedPerMonth: 2999.6, backlogGrowthPerHour: 12.6 };
const figures = 'its workers serve 1,000 requests a month (25%), leave 3,000 unserved, and the backlog grows by 13 an hour';
const cost = 'Its cost is its workers busy all the time, counted per 1,000 requests served';

describe('describeOverload', () => {
  it.each([
    ['compare', { name: 'Serverless flex', shape: 'up to 3 flex workers', then: 'never-cheapest' as const }, `Warning: Serverless flex is overloaded (up to 3 flex workers): ${figures}. ${cost}; it is never named cheapest.`],
    ['a plan', { name: 'api', then: { raise: 'workers.max' } }, `Warning: api is overloaded: ${figures}. ${cost}; raise workers.max or use a faster GPU.`],
    [
      'simulate',
      { name: 'the endpoint', queueCapped: true, then: { raise: '--max-workers' } },
      `Warning: the endpoint is overloaded: ${figures}; the simulation stopped queueing at 2^20 waiting jobs. ${cost}; raise --max-workers or use a faster GPU.`,
    ],
  ])('words %s\'s overload with the same figures', (_name, context, text) => {
    expect(describeOverload(overload, context)).toBe(text);
  });

  it('traffic at exactly the capacity is not called short of anything: it is a queue with no slack', () => {
    // 1 request/s x 4 s on 1 active + 3 flex workers: 2,628,000 a month, all of them, no backlog growth on average.
    expect(describeOverload({ servedPerMonth: 2_628_000, unservedPerMonth: 0, backlogGrowthPerHour: 0 }, { name: 'Serverless flex + active', shape: '1 active + up to 3 flex workers', then: 'never-cheapest' })).toBe(
      'Warning: Serverless flex + active is at its capacity (1 active + up to 3 flex workers): its workers can serve every request only by never resting, and a queue with no slack has no steady state (its backlog wanders without bound). Its cost is its workers busy all the time; it is never named cheapest.',
    );
  });

  it("a load balancer over its capacity drops what it cannot take: no backlog", () => {
    // 2 requests/s x 4 s on 3 flex workers: 5,256,000 a month offered, 1,971,000 served (3 / 4 s x 730 h), the rest dropped.
    expect(describeOverload({ servedPerMonth: 1_971_000, unservedPerMonth: 3_285_000, backlogGrowthPerHour: 0, dropsInstead: true }, { name: 'Serverless flex', shape: 'up to 3 flex workers', then: 'never-cheapest' })).toBe(
      'Warning: Serverless flex is over its capacity (up to 3 flex workers): its workers serve 1,971,000 requests a month (37.5%), and the other 3,285,000 are dropped after waiting their limit (a load balancer queues nothing for long). Its cost is its workers busy all the time, counted per 1,000 requests served; it is never named cheapest.',
    );
  });

  it('nothing offered serves 0%, not NaN', () => {
    expect(describeOverload({ servedPerMonth: 0, unservedPerMonth: 0, backlogGrowthPerHour: 0 }, { name: 'api', then: { raise: 'workers.max' } })).toContain('(0%)');
  });
});
