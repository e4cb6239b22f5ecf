import { describe, expect, it } from 'vitest';
import { formatInputError, InputError } from '../../src/input/error.js';
import { parseTrace, readTrace } from '../../src/input/trace.js';
import { PROFILE_WEIGHTS, peakToMeanProfile } from '../../src/endpoint/daily-profile.js';

describe('parseTrace', () => {
  it('reads timestamps, with or without a header, and sorts them', () => {
    expect(parseTrace('timestamp\n3.5\n1\n\n2\n', 't.csv', 'timestamps')).toEqual([1, 2, 3.5]);
    expect(parseTrace('0\n0.25\n', 't.csv', 'timestamps')).toEqual([0, 0.25]);
  });

  it('spreads counts per minute evenly: 2 in minute 0 -> 15 s and 45 s; 1 in minute 1 -> 90 s', () => {
    expect(parseTrace('count\n2\n1\n0\n', 'c.csv', 'counts')).toEqual([15, 45, 90]);
  });

  it('reads the Azure Functions wide format, summing functions per minute', () => {
    const text = 'HashOwner,HashApp,HashFunction,Trigger,1,2,3\nA,B,C,http,1,0,2\nD,E,F,timer,1,1,0\n';
    // minute 1: 2 arrivals, minute 2: 1, minute 3: 2
    expect(parseTrace(text, 'azure.csv', 'counts')).toEqual([15, 45, 90, 135, 165]);
  });

  it.each([
    // A plan may point at any file: its content is never quoted, only where the mistake is.
    ['1\nsoon\n3\n', 'timestamps', 'error: t.csv:2:1: expected an arrival time in seconds, a non-negative number'],
    ['1\n-2\n', 'timestamps', 'error: t.csv:2:1: expected an arrival time in seconds, a non-negative number'],
    ['1\n1e400\n', 'timestamps', 'error: t.csv:2:1: an arrival time in seconds: expected 0s to 3650d, got a number past every limit'],
    ['minute,count\n0,1000000000000\n', 'counts', 'error: t.csv:2:2: a count of requests: expected a whole number 0 to 10000000, got 1000000000000'],
    ['\n\n', 'timestamps', 'error: t.csv: the trace is empty'],
    ['a,b,1,2\nx,y,1,many\n', 'counts', 'error: t.csv:2:4: expected a count of requests, a non-negative number'],
    ['timestamp\n', 'timestamps', 'error: t.csv: the trace has a header but no rows'],
  ] as const)('%j (%s) -> %s', (text, format, message) => {
    try {
      parseTrace(text, 't.csv', format);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect(`error: ${formatInputError(error as InputError)}`).toBe(message);
    }
  });
});

describe('readTrace', () => {
  it('a counts trace covers its rows\' minutes, the last ones with no arrivals included', () => {
    expect(readTrace('count\n2\n1\n0\n', 'c.csv', 'counts')).toEqual({ timestampsS: [15, 45, 90], minutes: 3, startsAt: null });
    expect(readTrace('1\n2\n', 't.csv', 'timestamps')).toEqual({ timestampsS: [1, 2], minutes: null, startsAt: null });
  });

  it('dated rows place each count in its own minute, counted from the first row (a skipped minute has none)', () => {
    // 00:00 -> minute 0 (2 arrivals: 15 s, 45 s); 00:02 -> minute 2 (1 arrival: 150 s); 00:03 -> minute 3, none.
    const text = 'minute,count\n2026-06-01T00:00Z,2\n2026-06-01T00:02Z,1\n2026-06-01T00:03:00Z,0\n';
    expect(readTrace(text, 'c.csv', 'counts')).toEqual({ timestampsS: [15, 45, 150], minutes: 4, startsAt: '2026-06-01T00:00Z' });
    // An offset is a time zone: 02:01+02:00 is 00:01Z, minute 1.
    expect(readTrace('2026-06-01T00:00Z,1\n2026-06-01T02:01+02:00,1\n', 'c.csv', 'counts').timestampsS).toEqual([30, 90]);
  });

  it.each([
    // Never quoting the file (a plan may point at any file): where, and what was expected.
    ['2026-06-01T00:00Z,1\n2026-06-01T00:00Z,1\n', 'error: c.csv:2:1: expected minutes in increasing order, later than the row before'],
    ['2026-06-01T00:00Z,1\n3,1\n', 'error: c.csv:2:1: expected a minute like 2026-06-01T00:00Z, as in the first row'],
    ['2026-06-01T00:00Z,1\n2026-06-01T00:01:30Z,1\n', 'error: c.csv:2:1: expected a minute like 2026-06-01T00:00Z, as in the first row'],
    ['2026-06-01T00:00Z,x\n', 'error: c.csv:1:2: expected a count of requests, a non-negative number'],
  ])('%j -> %s', (text, message) => {
    expect(() => readTrace(text, 'c.csv', 'counts')).toThrow(InputError);
    try {
      readTrace(text, 'c.csv', 'counts');
    } catch (error) {
      expect(`error: ${formatInputError(error as InputError)}`).toBe(message);
    }
  });
});

describe('daily profiles', () => {
  const ratio = (weights: number[]) => Math.max(...weights) / (weights.reduce((a, b) => a + b, 0) / weights.length);

  it.each([1, 1.5, 2, 3, 5])('peak-to-mean %f gives weights whose peak is that many times their mean', (target) => {
    const weights = peakToMeanProfile(target);
    expect(weights).toHaveLength(24);
    expect(Math.min(...weights)).toBeGreaterThanOrEqual(0);
    expect(ratio(weights)).toBeCloseTo(target, 6);
  });

  it('names flat and business-hours shapes of 24 hours', () => {
    expect(PROFILE_WEIGHTS.flat).toHaveLength(24);
    expect(PROFILE_WEIGHTS['business-hours']).toHaveLength(24);
  });
});
