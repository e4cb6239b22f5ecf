import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeSingleWorker,
  boundedWaitLoss,
  erlangB,
  erlangC,
  expectedIdlePerRequest,
  littlesLawBusyWorkers,
  probabilityGapExceeds,
  singleWorkerPerRequest,
  type SingleWorkerInput,
  type SingleWorkerStable,
} from '../../src/model/queueing.js';

/** A log-uniform double in [min, max]: realistic domains span decades. */
const logUniform = (min: number, max: number) =>
  fc.double({ min: Math.log(min), max: Math.log(max), noNaN: true }).map((x) => Math.min(max, Math.max(min, Math.exp(x))));

/** Analyzes and insists on a stable result, so tests can read its fields. */
function stable(input: SingleWorkerInput): SingleWorkerStable {
  const result = analyzeSingleWorker(input);
  if (!result.stable) throw new Error(`expected a stable worker, got rho = ${result.utilization}`);
  return result;
}

/** Realistic single-worker inputs with rho < 1 (rate 1e-4..10 /s, exec 0.1..120 s, timeout 1..3600 s, start 0..120 s). */
const stableWorker = fc
  .record({
    ratePerSecond: logUniform(1e-4, 10),
    execS: logUniform(0.1, 120),
    coldStartS: fc.double({ min: 0, max: 120, noNaN: true }),
    idleTimeoutS: logUniform(1, 3600),
  })
  .filter(({ ratePerSecond, execS }) => ratePerSecond * execS < 0.99);

describe('probabilityGapExceeds', () => {
  it.each([
    // e^(-L T): one request a minute, 2 min timeout -> e^-2.
    [1 / 60, 120, Math.exp(-2)],
    [1, 5, Math.exp(-5)],
    // No timeout: every gap exceeds 0.
    [1, 0, 1],
    // No traffic: the limit is 1 whatever T is (and not 0 * Infinity = NaN).
    [0, 5, 1],
    [0, Infinity, 1],
    // Never scale down.
    [1, Infinity, 0],
  ])('L = %d/s, T = %d s -> %d', (rate, timeout, expected) => {
    expect(probabilityGapExceeds(rate, timeout)).toBeCloseTo(expected, 12);
  });

  it('rejects negative inputs', () => {
    expect(() => probabilityGapExceeds(-1, 5)).toThrow(RangeError);
    expect(() => probabilityGapExceeds(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('expectedIdlePerRequest', () => {
  it.each([
    // (1 - e^-2) / (1/60) = 60 * 0.8646647 = 51.8799 s.
    [1 / 60, 120, 60 * (1 - Math.exp(-2))],
    // (1 - e^-1) / 1 = 0.6321 s.
    [1, 1, 1 - Math.exp(-1)],
    // L -> 0: every tail runs the full timeout.
    [0, 5, 5],
    [1e-12, 5, 5],
    // T = Infinity: the worker idles the whole mean gap 1/L.
    [0.5, Infinity, 2],
    [3, 0, 0],
  ])('E[min(gap, T)] at L = %d/s, T = %d s = %d s', (rate, timeout, expected) => {
    expect(expectedIdlePerRequest(rate, timeout)).toBeCloseTo(expected, 9);
  });

  it('never exceeds the timeout or the mean gap', () => {
    fc.assert(
      fc.property(logUniform(1e-6, 100), logUniform(0.01, 3600), (rate, timeout) => {
        const idle = expectedIdlePerRequest(rate, timeout);
        return idle >= 0 && idle <= timeout * (1 + 1e-12) && idle <= (1 / rate) * (1 + 1e-12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('analyzeSingleWorker', () => {
  it('reproduces the simulated reference case: L = 1/60, T = 120, C = 30, s = 2 -> P_cold 0.1225, 52.65 billed s/request', () => {
    const r = stable({ ratePerSecond: 1 / 60, execS: 2, coldStartS: 30, idleTimeoutS: 120 });
    expect(r.pCold).toBeCloseTo(0.1225, 4);
    expect(r.aliveSecondsPerRequest).toBeCloseTo(52.65, 2);
    // q = e^-2 = 0.135335, rho = 1/30, LC = 0.5:
    // N = (1 + 0.067668) / (29/30) = 1.104484; A = (2 + 4.060058) / (29/30) + 51.879883 = 58.148909.
    expect(r.timeoutProbability).toBeCloseTo(0.135335, 6);
    expect(r.utilization).toBeCloseTo(1 / 30, 12);
    expect(r.requestsPerCycle).toBeCloseTo(1.104484, 6);
    expect(r.aliveSecondsPerCycle).toBeCloseTo(58.148909, 6);
    // pDelayed = q (1 + 0.5)(29/30) / 1.067668 = 0.183799.
    expect(r.pDelayed).toBeCloseTo(0.183799, 6);
    // Per request: 2 s executing + 0.122533 * 30 = 3.675978 s starting + 46.972065 s idle = 52.648043 s.
    expect(r.execSecondsPerRequest).toBe(2);
    expect(r.coldStartSecondsPerRequest).toBeCloseTo(3.675978, 6);
    expect(r.idleSecondsPerRequest).toBeCloseTo(46.972065, 6);
  });

  it.each([
    // No cold start: M/G/1 with an idle timeout. q = e^-1, rho = 0.2: pCold = q * 0.8 = 0.294304,
    // N = 1 / 0.8 = 1.25, A = 2 / 0.8 + (1 - e^-1) / 0.1 = 2.5 + 6.321206 = 8.821206, A / N = 7.056964.
    [{ ratePerSecond: 0.1, execS: 2, coldStartS: 0, idleTimeoutS: 10 }, 0.294304, 7.056964],
    // "A 30-second request with a 10-second cold start is billed for 40 seconds" (billing facts section 5):
    // rare traffic and a zero timeout make every request cold with no tail: 30 + 10 = 40 s.
    [{ ratePerSecond: 1e-9, execS: 30, coldStartS: 10, idleTimeoutS: 0 }, 1, 40],
    // No traffic is the limit L -> 0: every request cold, billed s + C + T = 4 + 10 + 5 = 19 s.
    [{ ratePerSecond: 0, execS: 4, coldStartS: 10, idleTimeoutS: 5 }, 1, 19],
    // Never scale down: no cold starts, and the worker is up the whole gap: 1 / L = 10 s per request.
    [{ ratePerSecond: 0.1, execS: 2, coldStartS: 30, idleTimeoutS: Infinity }, 0, 10],
  ])('%o -> pCold %d, %d alive s/request', (input, pCold, alivePerRequest) => {
    const r = stable(input);
    expect(r.pCold).toBeCloseTo(pCold, 6);
    expect(r.aliveSecondsPerRequest).toBeCloseTo(alivePerRequest, 6);
  });

  it.each([
    [0.5, 2, 1],
    [1, 3, 3],
  ])('is unstable when rho = %d * %d = %d >= 1, without throwing', (rate, exec, rho) => {
    expect(analyzeSingleWorker({ ratePerSecond: rate, execS: exec, coldStartS: 10, idleTimeoutS: 5 })).toEqual({
      stable: false,
      utilization: rho,
    });
  });

  it('gives the alive-fraction limits at L = 0: 0 with a timeout, 1 without', () => {
    expect(stable({ ratePerSecond: 0, execS: 1, coldStartS: 1, idleTimeoutS: 5 }).aliveFraction).toBe(0);
    expect(stable({ ratePerSecond: 0, execS: 1, coldStartS: 1, idleTimeoutS: Infinity }).aliveFraction).toBe(1);
  });

  it('rejects negative inputs', () => {
    expect(() => analyzeSingleWorker({ ratePerSecond: 1, execS: -1, coldStartS: 0, idleTimeoutS: 5 })).toThrow(RangeError);
  });

  it('splits alive time into executing + starting + idle, per cycle and per request', () => {
    fc.assert(
      fc.property(stableWorker, (input) => {
        const r = stable(input);
        const parts = r.busySecondsPerCycle + r.coldStartSecondsPerCycle + r.idleSecondsPerCycle;
        const perRequest = r.execSecondsPerRequest + r.coldStartSecondsPerRequest + r.idleSecondsPerRequest;
        expect(parts).toBeCloseTo(r.aliveSecondsPerCycle, 6);
        expect(perRequest / r.aliveSecondsPerRequest).toBeCloseTo(1, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('conserves the rate: N requests per cycle of A + q/L seconds is L per second (N = L A + q)', () => {
    fc.assert(
      fc.property(stableWorker, (input) => {
        const r = stable(input);
        expect(r.requestsPerCycle / r.cycleSeconds / input.ratePerSecond).toBeCloseTo(1, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps probabilities ordered: 0 <= pCold <= pDelayed <= 1, and pCold <= the gap-only e^(-LT)', () => {
    fc.assert(
      fc.property(stableWorker, (input) => {
        const r = stable(input);
        const q = probabilityGapExceeds(input.ratePerSecond, input.idleTimeoutS);
        return r.pCold >= 0 && r.pCold <= r.pDelayed * (1 + 1e-12) && r.pDelayed <= 1 + 1e-12 && r.pCold <= q * (1 + 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('meets the gap-only view at light load with a short start: pCold -> e^(-LT)', () => {
    const r = stable({ ratePerSecond: 1e-3, execS: 0.1, coldStartS: 0.01, idleTimeoutS: 600 });
    expect(r.pCold / Math.exp(-0.6)).toBeCloseTo(1, 3);
  });

  it('has fewer cold starts with a longer idle timeout', () => {
    fc.assert(
      fc.property(stableWorker, logUniform(1.01, 10), (input, factor) => {
        const shorter = stable(input).pCold;
        const longer = stable({ ...input, idleTimeoutS: input.idleTimeoutS * factor }).pCold;
        return longer <= shorter * (1 + 1e-12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('singleWorkerPerRequest (the cost model\'s part of analyzeSingleWorker)', () => {
  it('gives the reference case\'s shares: L = 1/60, T = 120, C = 30, s = 2 -> pCold 0.122533, pDelayed 0.183799, 46.972065 idle s', () => {
    // q = e^-2 = 0.135335; 1 + qLC = 1.067668; 1 - rho = 29/30.
    // pCold = 0.135335 x (29/30) / 1.067668 = 0.122533; idle = 51.879883 / (1.067668 / (29/30)) = 46.972065.
    const shares = singleWorkerPerRequest(1 / 60, 2, 30, 120);
    expect(shares.pCold).toBeCloseTo(0.122533, 6);
    expect(shares.pDelayed).toBeCloseTo(0.183799, 6);
    expect(shares.idleSecondsPerRequest).toBeCloseTo(46.972065, 6);
  });

  it('is exactly analyzeSingleWorker\'s pCold, pDelayed and idle seconds per request', () => {
    fc.assert(
      fc.property(stableWorker, (input) => {
        const full = stable(input);
        expect(singleWorkerPerRequest(input.ratePerSecond, input.execS, input.coldStartS, input.idleTimeoutS)).toEqual({
          pCold: full.pCold,
          pDelayed: full.pDelayed,
          idleSecondsPerRequest: full.idleSecondsPerRequest,
        });
      }),
    );
  });

  it('refuses an unstable worker and names what is wrong', () => {
    expect(() => singleWorkerPerRequest(0.5, 2, 0, 5)).toThrow('ratePerSecond x execS must be below 1 (a stable worker), got 1');
    expect(() => singleWorkerPerRequest(0.1, 2, -1, 5)).toThrow('coldStartS must be a non-negative number, got -1');
  });
});

describe('erlangB', () => {
  it.each([
    // B(0) = 1: with no servers every arrival is lost.
    [0, 3, 1],
    // B(1, 1) = 1 * 1 / (1 + 1) = 0.5.
    [1, 1, 0.5],
    // B(2, 1) = 1 * 0.5 / (2 + 0.5) = 0.2.
    [2, 1, 0.2],
    // B(1) = 2/3, B(2) = (4/3) / (2 + 4/3) = 0.4, B(3) = 0.8 / 3.8 = 0.210526.
    [3, 2, 0.8 / 3.8],
    // No load, no loss.
    [1, 0, 0],
    // Textbook table value: 10 servers, 5 erlangs -> 0.01838.
    [10, 5, 0.01838],
  ])('B(%d servers, %d erlangs) = %d', (servers, load, expected) => {
    expect(erlangB(servers, load)).toBeCloseTo(expected, 5);
  });

  it('stays finite where a^n / n! would overflow: B(1000, 900)', () => {
    const b = erlangB(1000, 900);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.05);
  });

  it('falls with more servers and rises with more load', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), logUniform(1e-3, 200), (servers, load) => {
        const b = erlangB(servers, load);
        return b >= 0 && b <= 1 && erlangB(servers + 1, load) <= b && erlangB(servers, load * 1.1) >= b;
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a fractional or negative server count', () => {
    expect(() => erlangB(1.5, 1)).toThrow(RangeError);
    expect(() => erlangB(-1, 1)).toThrow(RangeError);
  });
});

describe('erlangC', () => {
  it.each([
    // C(2, 1) = 2 * 0.2 / (2 - 1 * 0.8) = 0.4 / 1.2 = 1/3.
    [2, 1, 1 / 3],
    // M/M/1: the chance of waiting is rho.
    [1, 0.5, 0.5],
    // Textbook: C(10, 5) = 10 * 0.018385 / (10 - 5 * 0.981615) = 0.036105.
    [10, 5, 0.036105],
    // a >= n: the queue never empties.
    [1, 1, 1],
    [2, 3, 1],
    [0, 0, 1],
    [3, 0, 0],
  ])('C(%d servers, %d erlangs) = %d', (servers, load, expected) => {
    expect(erlangC(servers, load)).toBeCloseTo(expected, 6);
  });

  it('is at least Erlang-B (waiting is likelier than loss) and at most 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (servers, share) => {
        const load = servers * share;
        const c = erlangC(servers, load);
        return c >= erlangB(servers, load) * (1 - 1e-12) && c <= 1;
      }),
      { numRuns: 200 },
    );
  });
});

describe('littlesLawBusyWorkers', () => {
  it.each([
    // RunPod's rule "active workers = RPM x duration / 60": 10 RPM x 30 s / 60 = 5.
    [10 / 60, 30, 5],
    // 500 requests/day x 4 s = 2000 busy s/day = 0.023148 workers.
    [500 / 86_400, 4, 2000 / 86_400],
    [0, 10, 0],
  ])('L = %d/s x s = %d s -> %d busy workers', (rate, exec, expected) => {
    expect(littlesLawBusyWorkers(rate, exec)).toBeCloseTo(expected, 12);
  });
});

describe('boundedWaitLoss (M/M/n with a fixed wait limit)', () => {
  it('n = 1, L = mu = 1 (theta = 0), wait limit 1 s: D = 1 + 1 x (1 + 1) = 3, so a third each dropped, served at once, served after a wait; mean wait of the served (1/2)/3 / (2/3) = 0.25 s', () => {
    const loss = boundedWaitLoss(1, 1, 1, 1);
    expect(loss.pDropped).toBeCloseTo(1 / 3, 12);
    expect(loss.pServedAtOnce).toBeCloseTo(1 / 3, 12);
    expect(loss.pServedAfterWait).toBeCloseTo(1 / 3, 12);
    expect(loss.meanWaitServedS).toBeCloseTo(0.25, 12);
  });

  it.each([
    // rho, mu, tau: M/M/1+D's own formula (1 - rho) rho e^(-(mu - L) tau) / (1 - rho^2 e^(-(mu - L) tau)).
    [0.5, 1, 1],
    [0.9, 0.25, 8],
    [1.5, 1, 3],
  ])('n = 1 agrees with M/M/1+D: rho %d, mu %d/s, wait limit %d s', (rho, mu, tau) => {
    const lambda = rho * mu;
    const e = Math.exp(-(mu - lambda) * tau);
    expect(boundedWaitLoss(1, lambda, 1 / mu, tau).pDropped).toBeCloseTo(((1 - rho) * rho * e) / (1 - rho * rho * e), 12);
  });

  it('rho 0.5, mu 1, wait 1 s: 0.5 x 0.5 x e^-0.5 / (1 - 0.25 e^-0.5) = 0.151633 / 0.848367 = 0.178735', () => {
    expect(boundedWaitLoss(1, 0.5, 1, 1).pDropped).toBeCloseTo(0.178735, 6);
  });

  it.each([
    [1, 1],
    [5, 4],
    [30, 25],
  ])('no wait is Erlang-B: %d servers, %d erlangs', (servers, erlangs) => {
    const loss = boundedWaitLoss(servers, erlangs / 2, 2, 0);
    expect(loss.pDropped).toBeCloseTo(erlangB(servers, erlangs), 12);
    expect(loss.pServedAfterWait).toBe(0);
    expect(loss.pDropped + loss.pServedAtOnce).toBeCloseTo(1, 12);
  });

  it('an overload held only by the wait limit stays finite (theta tau = -4000), and the shares add to 1', () => {
    const loss = boundedWaitLoss(10, 20, 1, 400);
    expect(loss.pDropped).toBeCloseTo(0.5, 6);
    expect(loss.pDropped + loss.pServedAtOnce + loss.pServedAfterWait).toBeCloseTo(1, 12);
    expect(loss.meanWaitServedS).toBeLessThan(400);
  });

  it('no server drops every arrival', () => {
    expect(boundedWaitLoss(0, 1, 1, 120).pDropped).toBe(1);
  });
});
