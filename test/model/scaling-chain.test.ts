import { describe, expect, it } from 'vitest';
import { fastEndpointRates, type FastEndpointInput } from '../../src/model/fast-endpoint.js';
import { analyzeSingleWorker } from '../../src/model/queueing.js';
import { jobsWaitingOnStart, normalTail, queueingScalerRates, ruinChance, ruinSteps, scalingChainRates, triggerReadiness } from '../../src/model/scaling-chain.js';

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
    scaler: { kind: 'request-count', value: 1 },
    roundingS: 1,
    ...overrides,
  };
}

describe('gambler’s ruin and the normal tail', () => {
  it('up/down ratio 1/2 from 1 to 3: P(hit 3 first) = (1 - 2) / (1 - 8) = 1/7, steps 1 / (1/3) - 3 / (1/3) x 1/7 = 12/7', () => {
    const hit = ruinChance(1, 3, 0.5);
    expect(hit).toBeCloseTo(1 / 7, 12);
    expect(ruinSteps(1, 3, hit, 0.5)).toBeCloseTo(12 / 7, 12);
  });

  it('a fair walk: P = i / n, steps i (n - i); no ceiling: drift to 0 in i (1 + sigma) / (1 - sigma) steps, never up', () => {
    expect(ruinChance(2, 5, 1)).toBeCloseTo(0.4, 12);
    expect(ruinSteps(2, 5, 0.4, 1)).toBeCloseTo(6, 12);
    expect(ruinChance(2, Infinity, 0.5)).toBe(0);
    expect(ruinSteps(2, Infinity, 0, 0.5)).toBeCloseTo(6, 12);
    // Continuous through sigma = 1.
    expect(ruinChance(2, 5, 1 + 1e-7)).toBeCloseTo(0.4, 6);
    expect(ruinSteps(2, 5, ruinChance(2, 5, 1 + 1e-5), 1 + 1e-5)).toBeCloseTo(6, 3);
  });

  it('normal tail: 1/2 at 0, 0.025 at 1.96, symmetric', () => {
    expect(normalTail(0)).toBeCloseTo(0.5, 7);
    expect(normalTail(1.959963985)).toBeCloseTo(0.025, 6);
    expect(normalTail(-1.959963985)).toBeCloseTo(0.975, 6);
  });
});

describe('jobs that wait on one start', () => {
  it('2 queued, 1 worker at 1/4 per s, arrivals 1/4 per s, a 4 s start: queue N(2, 2) at ready; P(>= 1) = P(Z > -1.5 / 1.414) = 0.85558, plus E[max(0, N - 1)] / 2 = 1.19964 / 2', () => {
    expect(jobsWaitingOnStart(2, 1, 0.25, 0.25, 4)).toBeCloseTo(0.85558 + 1.19964 / 2, 4);
  });

  it('a queue the ready workers drain long before the start ends leaves nothing to wait on it; a long queue, its share', () => {
    // 1 queued, 1 worker at 1 per s, arrivals 0.05 per s, a 60 s start: mean -56, sd 7.9.
    expect(jobsWaitingOnStart(1, 1, 0.05, 1, 60)).toBeLessThan(1e-9);
    // 40 queued, 1 worker, no time to move: the head plus (40 - 1) / 2.
    expect(jobsWaitingOnStart(40, 1, 0.25, 0.25, 1e-12)).toBeCloseTo(1 + 39 / 2, 6);
  });
});

describe('scalingChainRates', () => {
  // With one flex worker the chain is the single worker's renewal cycle (coldstart-figures.md section 3):
  // empty until an arrival (1 / L), the start C, the busy period from the 1 + L C jobs queued during it
  // ((1 + L C) s / (1 - rho)), then gaps until one outlasts T. L 1/60, s 2, C 30, T 120: pCold 0.1225.
  it('one flex worker, request-count 1: the single-worker model (starts = L pCold, the same idle seconds)', () => {
    const r = scalingChainRates(input({}));
    const single = analyzeSingleWorker({ ratePerSecond: 1 / 60, execS: 2, coldStartS: 30, idleTimeoutS: 120 });
    if (!single.stable) throw new Error('unstable');
    expect(r.workerStarts / (1 / 60)).toBeCloseTo(single.pCold, 6);
    expect(r.flexIdle / (1 / 60)).toBeCloseTo(single.idleSecondsPerRequest, 6);
    expect(r.flexExecution).toBeCloseTo(2 / 60, 12);
    expect(r.flexStart).toBeCloseTo(r.workerStarts * 30, 12);
  });

  it('one active worker and a threshold far above any wait: the flex worker (almost) never starts', () => {
    const r = scalingChainRates(input({ active: 1, max: 3, ratePerSecond: 0.1, scaler: { kind: 'queue-delay', thresholdS: 600, eager: false } }));
    expect(r.workerStarts).toBeLessThan(1e-12);
    expect(r.activeBusy).toBeCloseTo(0.2, 9);
    expect(r.flexExecution + r.flexIdle).toBeLessThan(1e-9);
  });

  it('a worker that never times out stays: an infinite idle timeout keeps every started worker alive', () => {
    const r = scalingChainRates(input({ max: 2, idleTimeoutS: Infinity, ratePerSecond: 0.3, scaler: { kind: 'request-count', value: 1 } }));
    // Alive flex seconds per second = 2 (both started at some point, neither stops).
    expect(r.flexIdle + r.flexExecution + r.workerStarts * 30).toBeCloseTo(2, 6);
  });

  it('load at or above active + max is overload, as in the levels model', () => {
    const over = scalingChainRates(input({ ratePerSecond: 2, max: 3, active: 1, scaler: { kind: 'queue-delay', thresholdS: 4, eager: false } }));
    expect(over).toMatchObject({ overloaded: true, flexExecution: 3, activeBusy: 1, workerStarts: 0 });
  });

  it("isolated requests with a start longer than the threshold: 'eager' starts two workers each, 'pending' one", () => {
    // One request every 20 minutes, idle timeout 2 minutes: almost every request finds nothing alive.
    const pending = scalingChainRates(input({ max: 5, ratePerSecond: 1 / 1200, scaler: { kind: 'queue-delay', thresholdS: 4, eager: false } }));
    const eager = scalingChainRates(input({ max: 5, ratePerSecond: 1 / 1200, scaler: { kind: 'queue-delay', thresholdS: 4, eager: true } }));
    expect(pending.workerStarts * 1200).toBeGreaterThan(0.85);
    expect(pending.workerStarts * 1200).toBeLessThan(1.01);
    expect(eager.workerStarts / pending.workerStarts).toBeGreaterThan(1.95);
    expect(eager.workerStarts / pending.workerStarts).toBeLessThan(2.05);
  });
});

describe('queueingScalerRates', () => {
  it('request-count 1 and a zero threshold start workers as readily as per-request: the levels model', () => {
    for (const scaler of [{ kind: 'request-count', value: 1 }, { kind: 'queue-delay', thresholdS: 0, eager: false }] as const) {
      const i = input({ max: 3, ratePerSecond: 0.2, scaler });
      expect(triggerReadiness(i)).toBe(1);
      const blended = queueingScalerRates(i);
      const levels = fastEndpointRates(i);
      expect(blended.workerStarts).toBeCloseTo(levels.workerStarts, 12);
      expect(blended.flexIdle).toBeCloseTo(levels.flexIdle, 12);
    }
  });

  it('readiness: queue-delay e^(-theta c mu (1 - rho) / ((1 + cv^2) / 2)); request-count value v: rho^((v - 1) c / factor)', () => {
    // theta 4 s, s 2 s, one active worker (c = 2), load 0.5 (rho 0.25), exponential: e^(-4 x 1 x 0.75) = e^-3.
    expect(triggerReadiness(input({ active: 1, ratePerSecond: 0.25, scaler: { kind: 'queue-delay', thresholdS: 4, eager: false } }))).toBeCloseTo(Math.exp(-3), 12);
    // Value 4, c = 1, rho 0.5, constant jobs (factor 1/2): 0.5^(3 / 0.5) = 1/64.
    expect(triggerReadiness(input({ ratePerSecond: 0.25, exec: { meanS: 2, squaredVariation: 0 }, scaler: { kind: 'request-count', value: 4 } }))).toBeCloseTo(1 / 64, 12);
  });

  it('is the blend of the two models by readiness', () => {
    const i = input({ max: 4, active: 1, ratePerSecond: 0.4, scaler: { kind: 'queue-delay', thresholdS: 2, eager: false } });
    const w = triggerReadiness(i);
    expect(w).toBeGreaterThan(0.05);
    expect(w).toBeLessThan(0.95);
    const levels = fastEndpointRates(i);
    const chain = scalingChainRates(i);
    const blended = queueingScalerRates(i);
    expect(blended.flexIdle).toBeCloseTo(w * levels.flexIdle + (1 - w) * chain.flexIdle, 12);
    expect(blended.workerStarts).toBeCloseTo(w * levels.workerStarts + (1 - w) * chain.workerStarts, 12);
    expect(blended.activeBusy + blended.flexExecution).toBeCloseTo(0.8, 12);
  });
});
