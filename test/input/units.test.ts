import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  UnitError,
  formatBandwidth,
  formatDuration,
  formatMoney,
  formatPercent,
  formatSize,
  parseBandwidth,
  parseCount,
  parseDuration,
  parseMoney,
  parsePercent,
  parseRate,
  parseSize,
} from '../../src/input/units.js';

const DURATION = 'a duration like 4s or 250ms';
const SIZE = 'a size like 500MB, 6.9GB or 1TB';
const BANDWIDTH = 'a bandwidth like 100MB/s or 1.3GB/s';
const MONEY = 'an amount of money like $500 or 0.00031';
const PERCENT = 'a percentage like 20% or 0.2';
const COUNT = 'a number like 500 or 50k';

/** Asserts a UnitError carrying the raw text, and returns it for further checks. */
function unitErrorOf(fn: () => unknown): UnitError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnitError);
    return error as UnitError;
  }
  throw new Error('expected a UnitError, nothing was thrown');
}

function expectRejected(parse: (text: string) => number, expected: string, text: string): void {
  const error = unitErrorOf(() => parse(text));
  expect(error.expected).toBe(expected);
  expect(error.got).toBe(text);
  expect(error.message).toBe(`expected ${expected}, got "${text}"`);
}

const nonNegativeDouble = fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true });

describe('UnitError', () => {
  it('carries the expectation and the raw text in a fixed message', () => {
    const error = unitErrorOf(() => parseDuration('4 sec'));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UnitError');
    expect(error.expected).toBe(DURATION);
    expect(error.got).toBe('4 sec');
    expect(error.message).toBe('expected a duration like 4s or 250ms, got "4 sec"');
  });

  it('keeps surrounding whitespace in got, since it reports what the user typed', () => {
    expect(unitErrorOf(() => parseSize('  6.9  ')).got).toBe('  6.9  ');
  });
});

describe('parseDuration', () => {
  it.each([
    ['250ms', 0.25],
    ['4s', 4],
    ['2m', 120],
    ['1.5h', 5400],
    ['1d', 86400],
    ['0.5s', 0.5],
    ['.5s', 0.5],
    ['0s', 0],
    ['1h30m', 5400],
    ['2m30s', 150],
    ['1m500ms', 60.5],
    ['1d2h3m4s5ms', 93784.005],
    // Naive 1.1 * 3600 is 3960.0000000000005; decimal scaling must be exact.
    ['1.1h', 3960],
    ['0.1h', 360],
    ['4S', 4],
    ['250MS', 0.25],
    ['1H30M', 5400],
    ['  4s\t', 4],
  ])('%j -> %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    '4',
    '4 sec',
    '4sec',
    '4 s',
    '-4s',
    '',
    '   ',
    's',
    '4.s',
    '1e3s',
    'NaN',
    'NaNs',
    'Infinitys',
    'Infinity s',
    '4w',
    '1h1h',
    '30s2m',
    '1h 30m',
    `${'9'.repeat(400)}s`,
  ])('rejects %j', (text) => {
    expectRejected(parseDuration, DURATION, text);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.25, '250ms'],
    [4, '4s'],
    [120, '2m'],
    [5400, '1.5h'],
    [86400, '1d'],
    [90, '1.5m'],
    [360, '6m'],
    [3960, '1.1h'],
    [43200, '12h'],
    [129600, '1.5d'],
    [100, '100s'],
    [3601, '3601s'],
    [1.5, '1.5s'],
    [0.001, '1ms'],
    [0.0005, '0.5ms'],
    [1.0000001, '1000.0001ms'],
    [1e-10, '0.0000001ms'],
    [-90, '-1.5m'],
  ])('%d s -> %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (value) => {
    expect(() => formatDuration(value)).toThrow(RangeError);
  });

  it('round-trips every whole number of milliseconds, in a single unit with at most 6 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (ms) => {
        const seconds = ms / 1000;
        const text = formatDuration(seconds);
        expect(text).toMatch(/^\d+(\.\d{1,6})?(ms|s|m|h|d)$/);
        expect(parseDuration(text)).toBe(seconds);
      }),
    );
  });

  it('round-trips every finite non-negative double (sub-ms values fall back to long ms decimals)', () => {
    fc.assert(fc.property(nonNegativeDouble, (seconds) => parseDuration(formatDuration(seconds)) === seconds));
  });
});

describe('parseSize', () => {
  it.each([
    ['500MB', 0.5],
    ['6.9GB', 6.9],
    ['6.9 GB', 6.9],
    ['1TB', 1000],
    ['1.5 TB', 1500],
    ['24gb', 24],
    ['1Gb', 1],
    ['500kb', 0.0005],
    ['1b', 1e-9],
    ['1024B', 0.000001024],
    ['1KiB', 0.000001024],
    ['1 MiB', 0.001048576],
    ['1GiB', 1.073741824],
    ['1gib', 1.073741824],
    ['1TiB', 1099.511627776],
    ['.5GB', 0.5],
    ['0GB', 0],
    [' 80GB ', 80],
  ])('%j -> %d GB', (text, gb) => {
    expect(parseSize(text)).toBe(gb);
  });

  it.each([
    '6.9',
    '-1GB',
    '6.9  GB',
    'GB',
    '',
    '6.9 gigabytes',
    '1e3GB',
    '1,000GB',
    '1Gbit',
    '1PB',
    'Infinity GB',
    '1GB/s',
  ])('rejects %j', (text) => {
    expectRejected(parseSize, SIZE, text);
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0GB'],
    [0.5, '500MB'],
    [6.9, '6.9GB'],
    [24, '24GB'],
    [1000, '1TB'],
    [1500, '1.5TB'],
    [12345.678, '12.345678TB'],
    [0.001, '1MB'],
    [0.0005, '500KB'],
    [1e-7, '100B'],
    [1e-9, '1B'],
    // Six decimals is a readability limit, so odd binary-derived values are rounded.
    [1.073741824, '1.073742GB'],
    // Rounding that carries to 1000 moves up a unit.
    [999.9999999, '1TB'],
    [0.0009999999999, '1MB'],
    [-6.9, '-6.9GB'],
  ])('%d GB -> %j', (gb, text) => {
    expect(formatSize(gb)).toBe(text);
  });

  // Domain: six decimals in the chosen unit is exact for whole MB (up to 1e12 MB = 1 EB),
  // whole KB below 1 TB and whole bytes below 1 GB; other values are rounded by design.
  it('round-trips whole MB up to 1 EB', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (mb) => {
        expect(parseSize(formatSize(mb / 1e3))).toBe(mb / 1e3);
      }),
    );
  });

  it('round-trips whole KB below 1 TB', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 - 1 }), (kb) => {
        expect(parseSize(formatSize(kb / 1e6))).toBe(kb / 1e6);
      }),
    );
  });

  it('round-trips whole bytes below 1 GB', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 - 1 }), (bytes) => {
        expect(parseSize(formatSize(bytes / 1e9))).toBe(bytes / 1e9);
      }),
    );
  });
});

describe('parseBandwidth', () => {
  it.each([
    ['100MB/s', 0.1],
    ['1.3GB/s', 1.3],
    ['300 MB/s', 0.3],
    ['1GiB/s', 1.073741824],
    ['10gb/s', 10],
  ])('%j -> %d GB/s', (text, gbps) => {
    expect(parseBandwidth(text)).toBe(gbps);
  });

  it.each(['100MB', '100', '100MB/sec', '100 MB / s', '-1GB/s', '100/s', '1.3GBps', ''])('rejects %j', (text) => {
    expectRejected(parseBandwidth, BANDWIDTH, text);
  });
});

describe('formatBandwidth', () => {
  it.each([
    [0.1, '100MB/s'],
    [1.3, '1.3GB/s'],
    [0, '0GB/s'],
    [2000, '2TB/s'],
  ])('%d GB/s -> %j', (gbps, text) => {
    expect(formatBandwidth(gbps)).toBe(text);
  });

  it('round-trips whole MB/s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (mbps) => {
        expect(parseBandwidth(formatBandwidth(mbps / 1e3))).toBe(mbps / 1e3);
      }),
    );
  });
});

describe('parseMoney', () => {
  it.each([
    ['$500', 500],
    ['500', 500],
    ['0.00031', 0.00031],
    ['$1,200.50', 1200.5],
    ['$1,000,000', 1e6],
    ['$.5', 0.5],
    ['3.1e-4', 0.00031],
    ['$3.1E-4', 0.00031],
    ['1e3', 1000],
    ['$0', 0],
    [' $2 ', 2],
  ])('%j -> $%d', (text, usd) => {
    expect(parseMoney(text)).toBe(usd);
  });

  it.each([
    '-5',
    '$-5',
    '-$5',
    '',
    '$',
    'USD',
    '5 dollars',
    '500 USD',
    '$ 5',
    '5.',
    '1,20',
    '12,00.5',
    '$5,0000',
    'NaN',
    'Infinity',
    '1e999',
  ])('rejects %j', (text) => {
    expectRejected(parseMoney, MONEY, text);
  });
});

describe('formatMoney', () => {
  it.each([
    [500, '$500'],
    [0.00031, '$0.00031'],
    [1200.5, '$1200.5'],
    [3.1e-7, '$0.00000031'],
    [0, '$0'],
    [0.1 + 0.2, '$0.30000000000000004'],
    [1e21, '$1000000000000000000000'],
    [-5, '-$5'],
  ])('%d -> %j', (usd, text) => {
    expect(formatMoney(usd)).toBe(text);
  });

  it('round-trips every finite non-negative double', () => {
    fc.assert(fc.property(nonNegativeDouble, (usd) => parseMoney(formatMoney(usd)) === usd));
  });
});

describe('parsePercent', () => {
  it.each([
    ['20%', 0.2],
    ['12.5%', 0.125],
    ['7%', 0.07],
    ['0.1%', 0.001],
    ['150%', 1.5],
    ['100%', 1],
    ['0%', 0],
    ['0.2', 0.2],
    ['1', 1],
    ['0', 0],
    [' 20% ', 0.2],
  ])('%j -> %d', (text, fraction) => {
    expect(parsePercent(text)).toBe(fraction);
  });

  it.each(['20', '1.5', '-20%', '-0.2', '', '%', '20 %', '20%%', 'twenty'])('rejects %j', (text) => {
    expectRejected(parsePercent, PERCENT, text);
  });
});

describe('formatPercent', () => {
  it.each([
    [0.2, '20%'],
    [0.125, '12.5%'],
    [0.07, '7%'],
    [0.001, '0.1%'],
    [1.5, '150%'],
    [1, '100%'],
    [0, '0%'],
    [0.1 + 0.2, '30.000000000000004%'],
    [-0.05, '-5%'],
  ])('%d -> %j', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });

  it('round-trips thousandths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (n) => {
        expect(parsePercent(formatPercent(n / 1000))).toBe(n / 1000);
      }),
    );
  });

  // Exact for any double: format shifts the shortest decimal of the fraction and parse shifts it back.
  it('round-trips arbitrary doubles in [0, 10]', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), (f) => parsePercent(formatPercent(f)) === f),
    );
  });

  it('round-trips every finite non-negative double', () => {
    fc.assert(fc.property(nonNegativeDouble, (f) => parsePercent(formatPercent(f)) === f));
  });
});

describe('parseCount', () => {
  it.each([
    ['50000', 50000],
    ['50,000', 50000],
    ['50k', 50000],
    ['50K', 50000],
    ['1.5M', 1.5e6],
    ['1,500k', 1.5e6],
    ['8B', 8e9], // parameters
    ['70.6B', 70.6e9],
    ['2.5', 2.5],
    ['0', 0],
    [' 500 ', 500],
  ])('%j -> %d', (text, count) => {
    expect(parseCount(text)).toBe(count);
  });

  it.each(['-5', '', 'k', '5m', '5b', '50 k', '1,5k', '1e6', 'fifty', '50,000,00'])('rejects %j', (text) => {
    expectRejected(parseCount, COUNT, text);
  });
});

describe('parseRate', () => {
  it.each([
    ['$0.44/h', 0.44 / 3600],
    ['0.44/hr', 0.44 / 3600],
    ['$1.89 / hour', 1.89 / 3600],
    ['$0.00031/s', 0.00031],
    ['0.00076/sec', 0.00076],
  ])('%s -> %f USD per second', (text, usdPerSecond) => expect(parseRate(text)).toBe(usdPerSecond));

  it.each(['0.44', '$0.44/day', '-1/h', 'cheap/h', '$0.44/'])('rejects %s', (text) => {
    expect(() => parseRate(text)).toThrow(`expected a price like $0.44/h or $0.00031/s, got "${text}"`);
  });
});
