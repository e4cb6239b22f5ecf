import { describe, expect, it } from 'vitest';
import { fastEndpointRates, noneFreesWithin, type FastEndpointInput } from '../../src/model/fast-endpoint.js';
import { analyzeSingleWorker } from '../../src/model/queueing.js';

function input(overrides: Partial<FastEndpointInput>): FastEndpointInput {
  return {
    ratePerSecond: 1 / 60,
    exec: { meanS: 2, squaredVariation: 1 },
    fullS: 30,
    fullBilledS: 30,
    restoreS: 2,
    restoreBilledS: 2,
    hitRate: 0,
    active: 0,
    max: 1,
    idleTimeoutS: 120,
    scaler: { kind: 'per-request' },
    roundingS: 1,
    ...overrides,
  };
}

describe('fastEndpointRates', () => {
  // With one flex worker the occupancy chain has two states and the fixed point solves to the M/G/1
  // with setup and idle timeout: pi_0 = (1 - rho) / (1 + q L C), starts = L q pi_0, idle = pi_0 (1 - q),
  // q = e^(-L T). coldstart-figures.md's case L = 1/60, T = 120, C = 30, s = 2: pCold 0.1225.
  it('one flex worker: starts per request = the single-worker pCold (L 1/60, T 120 s, C 30 s, s 2 s -> 0.1225)', () => {
    const r = fastEndpointRates(input({}));
    const single = analyzeSingleWorker({ ratePerSecond: 1 / 60, execS: 2, coldStartS: 30, idleTimeoutS: 120 });
    if (!single.stable) throw new Error('unstable');
    expect(r.workerStarts * 60).toBeCloseTo(single.pCold, 5);
    expect(r.workerStarts * 60).toBeCloseTo(0.1225, 4);
    // Idle per second = idle per cycle / cycle length.
    expect(r.flexIdle).toBeCloseTo(single.idleSecondsPerCycle / single.cycleSeconds, 5);
    expect(r.flexExecution).toBeCloseTo(2 / 60, 12);
    expect(r.flexStart).toBeCloseTo(r.workerStarts * 30, 12);
    expect(r.flexRounding).toBeCloseTo(r.workerStarts * 0.5, 12);
  });

  it('every scaler matches the single worker when max is 1 and the scaler has nothing to add (no queue-delay crossing: threshold > any wait)', () => {
    const perRequest = fastEndpointRates(input({}));
    const requestCount = fastEndpointRates(input({ scaler: { kind: 'request-count', value: 1 } }));
    expect(requestCount.workerStarts).toBeCloseTo(perRequest.workerStarts, 12);
  });

  it('billed start: restores at 2 s with chance 0.5 and full starts billing 18 of 30 s -> 10 s per start', () => {
    const r = fastEndpointRates(input({ hitRate: 0.5, fullBilledS: 18 }));
    expect(r.flexStart / r.workerStarts).toBeCloseTo(0.5 * 2 + 0.5 * 18, 12);
  });

  it('no traffic: nothing billed; load at or above active + max: every worker busy, overloaded', () => {
    const idle = fastEndpointRates(input({ ratePerSecond: 0 }));
    expect(idle.flexExecution + idle.flexIdle + idle.flexStart + idle.flexRounding).toBe(0);
    const over = fastEndpointRates(input({ ratePerSecond: 2, max: 3, active: 1 }));
    expect(over).toMatchObject({ overloaded: true, flexExecution: 3, activeBusy: 1, flexIdle: 0, workerStarts: 0 });
  });

  it('active workers carry the load first: with 2 active and load 0.05, flex executes almost nothing', () => {
    const r = fastEndpointRates(input({ active: 2, max: 3, ratePerSecond: 0.025 }));
    expect(r.activeBusy).toBeGreaterThan(0.049);
    expect(r.flexExecution).toBeLessThan(0.001);
  });

  it('an infinite idle timeout never stops a worker once started: starts vanish and idle = max - busy share', () => {
    const r = fastEndpointRates(input({ idleTimeoutS: Infinity, max: 2, ratePerSecond: 0.1 }));
    expect(r.workerStarts).toBeLessThan(1e-9);
    expect(r.flexIdle + r.flexExecution).toBeCloseTo(2, 6);
  });
});

describe('fastEndpointRates, one evaluation after another', () => {
  // Evaluations share their arrays (and remembered chains) on a thread: each must give the bits it gives alone.
  const inputs = [
    input({ active: 2, max: 30, ratePerSecond: 3, scaler: { kind: 'queue-delay', thresholdS: 4, eager: false } }),
    input({ max: 3, scaler: { kind: 'request-count', value: 2 } }),
    input({ active: 1, max: 10, ratePerSecond: 0.5, idleTimeoutS: 30, scaler: { kind: 'queue-delay', thresholdS: 1, eager: true } }),
    input({ max: 1 }),
    input({ max: 8, ratePerSecond: 0.2, hitRate: 0.5 }),
  ];
  it('gives the same bits in any order, a large endpoint before or after a small one', () => {
    const forward = inputs.map((each) => fastEndpointRates(each));
    const backward = [...inputs].reverse().map((each) => fastEndpointRates(each)).reverse();
    for (const [i, rates] of forward.entries()) {
      for (const [key, value] of Object.entries(rates)) expect(Object.is(value, (backward[i] as unknown as Record<string, unknown>)[key]), `${i} ${key}`).toBe(true);
    }
  });
});

describe('noneFreesWithin', () => {
  it('2 busy workers, 4 s jobs, 2 s: constant (1 - 2/4)^2 = 0.25, exponential e^-1 = 0.36788, half-way (cv^2 0.5) 0.30894; none left after one constant job', () => {
    expect(noneFreesWithin(2, 2, 4, 0)).toBeCloseTo(0.25, 12);
    expect(noneFreesWithin(2, 2, 4, 1)).toBeCloseTo(Math.exp(-1), 12);
    expect(noneFreesWithin(2, 2, 4, 0.5)).toBeCloseTo(0.30894, 5);
    expect(noneFreesWithin(5, 1, 4, 0)).toBe(0);
  });
});
