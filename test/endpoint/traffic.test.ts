// A trace's traffic from the spec: how a counts trace's minutes are placed, and the span it covers.
import { describe, expect, it } from 'vitest';
import { KEY_NAMES } from '../../src/endpoint/field-names.js';
import { TrafficSchema } from '../../src/endpoint/spec.js';
import { resolveTraffic } from '../../src/endpoint/traffic.js';
import { InputError } from '../../src/input/error.js';

const traffic = (value: unknown) => TrafficSchema.parse(value);

describe('resolveTraffic: traces', () => {
  // 3 minutes of counts (2, 1, 0) as the trace reader spreads them: 15 s, 45 s, 90 s.
  const trace = { name: 'c.csv', timestampsS: [15, 45, 90], minutes: 3, startsAt: '2026-06-01T00:00Z' };

  it('withinMinute random draws each minute again and spans the whole minutes (3 minutes: 180 s)', () => {
    const resolved = resolveTraffic(traffic({ trace: 'c.csv', traceFormat: 'counts', withinMinute: 'random' }), 1, trace, KEY_NAMES);
    expect(resolved.arrivals).toEqual({ kind: 'trace', timestampsS: [15, 45, 90], spreadS: 60, spanS: 180 });
    expect(resolved.meanRatePerSecond).toBeCloseTo(3 / 180, 12);
    expect(resolved.facts).toEqual({ kind: 'trace', arrivals: 3, name: 'c.csv', spanS: 180, repeat: false, withinMinute: 'random', startsAt: '2026-06-01T00:00Z' });
  });

  it('by default replays the even spacing over the span to the last arrival, as before', () => {
    const resolved = resolveTraffic(traffic({ trace: 'c.csv', traceFormat: 'counts', repeat: true }), 1, trace, KEY_NAMES);
    expect(resolved.arrivals).toEqual({ kind: 'trace', timestampsS: [15, 45, 90], repeat: true });
    expect(resolved.facts).toMatchObject({ spanS: 90, withinMinute: null });
  });

  it('withinMinute places a counts trace\'s arrivals: refused without one', () => {
    expect(() => resolveTraffic(traffic({ trace: 'c.csv', withinMinute: 'random' }), 1, trace, KEY_NAMES)).toThrow(
      expect.objectContaining({ message: 'places the arrivals of a counts trace: give traffic.trace with traffic.traceFormat counts', path: 'traffic.withinMinute' }),
    );
    expect(() => resolveTraffic(traffic({ rps: 1, withinMinute: 'even' }), 1, undefined, KEY_NAMES)).toThrow(InputError);
  });
});
