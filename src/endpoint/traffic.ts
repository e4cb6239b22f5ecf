// The traffic of an endpoint, from the spec: the simulator's arrival process, its mean and busiest-hour
// rates, and the hour-by-hour rates the closed forms use (null for bursts and traces, which they do not cover).
import type { ArrivalSpec } from '../sim/simulate.js';
import { peakToMeanProfile, PROFILE_WEIGHTS } from './daily-profile.js';
import { nameOf, oneOf, specError, type FieldNames } from './field-names.js';
import type { TrafficSpec } from './spec.js';

const SECONDS_PER_DAY = 86_400;

/** Arrival timestamps read from a trace file where the spec was loaded. */
export interface TraceData {
  /** The file as the user named it, for messages and assumptions. */
  name: string;
  timestampsS: readonly number[];
  /** A counts trace: the minutes it covers; absent (or null) for timestamps. */
  minutes?: number | null;
  /** A counts trace with dated rows: when its minute 0 began (ISO 8601, as written). */
  startsAt?: string | null;
}

/** What the traffic is, as data for its assumption. */
export type TrafficFacts =
  | { kind: 'trace'; arrivals: number; name: string; spanS: number; repeat: boolean; withinMinute: 'even' | 'random' | null; startsAt: string | null }
  | { kind: 'bursts'; requestsPerDay: number; onS: number; offS: number; onRatePerSecond: number }
  | { kind: 'poisson'; requestsPerDay: number; given: RateGiven }
  | { kind: 'profile'; requestsPerDay: number; peakToMean: number; given: RateGiven };

/** The rate as the user gave it, for the words that repeat it. */
export type RateGiven = { field: 'requestsPerDay'; value: number } | { field: 'rps'; value: number } | { field: 'utilization'; value: number; execMeanS: number };

export interface ResolvedTraffic {
  arrivals: ArrivalSpec;
  meanRatePerSecond: number;
  peakRatePerSecond: number;
  /** Requests per second in each hour of the day, for the closed forms; null where they do not apply. */
  hourlyRatesPerSecond: number[] | null;
  facts: TrafficFacts;
}

const RATE_PATHS = ['traffic.requestsPerDay', 'traffic.rps', 'traffic.utilization', 'traffic.trace'];

export function resolveTraffic(traffic: TrafficSpec, execMeanS: number, trace: TraceData | undefined, names: FieldNames): ResolvedTraffic {
  const rates = [traffic.requestsPerDay, traffic.rps, traffic.utilization].filter((value) => value !== undefined).length;
  if (traffic.repeat === true && traffic.trace === undefined) throw specError(`it replays a trace: give ${nameOf(names, 'traffic.trace')} too`, 'traffic.repeat');
  if (traffic.withinMinute !== undefined && !(traffic.trace !== undefined && traffic.traceFormat === 'counts')) {
    throw specError(`places the arrivals of a counts trace: give ${nameOf(names, 'traffic.trace')} with ${nameOf(names, 'traffic.traceFormat')} counts`, 'traffic.withinMinute');
  }
  if (traffic.trace !== undefined) {
    if (rates > 0) throw specError('give a rate or a trace, not both', 'traffic.trace');
    if (trace === undefined) throw new Error(`internal: trace ${traffic.trace} was not read where the spec was loaded`);
    return traceTraffic(trace, traffic.repeat === true, traffic.withinMinute ?? null);
  }
  if (rates !== 1) throw specError(`give exactly one of ${oneOf(names, RATE_PATHS)} (got ${rates})`, 'traffic.requestsPerDay');
  const given: RateGiven =
    traffic.requestsPerDay !== undefined
      ? { field: 'requestsPerDay', value: traffic.requestsPerDay }
      : traffic.rps !== undefined
        ? { field: 'rps', value: traffic.rps }
        : { field: 'utilization', value: traffic.utilization as number, execMeanS };
  const mean = given.field === 'requestsPerDay' ? given.value / SECONDS_PER_DAY : given.field === 'rps' ? given.value : given.value / execMeanS;
  const requestsPerDay = mean * SECONDS_PER_DAY;

  if (traffic.bursts !== undefined) {
    const { on, off } = traffic.bursts;
    if (!(on > 0)) throw specError(`bursts need both ${nameOf(names, 'traffic.bursts.on')} and ${nameOf(names, 'traffic.bursts.off')}, on above 0s`, 'traffic.bursts.on');
    // The same daily volume, concentrated in the on periods.
    const onRate = (mean * (on + off)) / on;
    return {
      arrivals: { kind: 'bursts', onRatePerSecond: onRate, offRatePerSecond: 0, onS: on, offS: off },
      meanRatePerSecond: mean,
      peakRatePerSecond: onRate,
      hourlyRatesPerSecond: null,
      facts: { kind: 'bursts', requestsPerDay, onS: on, offS: off, onRatePerSecond: onRate },
    };
  }

  const weights = profileWeights(traffic);
  const sum = weights.reduce((a, b) => a + b, 0);
  const hourlyRates = weights.map((w) => (mean * 24 * w) / sum);
  const flat = hourlyRates.every((rate) => rate === hourlyRates[0]);
  const peak = Math.max(...hourlyRates);
  return {
    arrivals: flat ? { kind: 'poisson', ratePerSecond: mean } : { kind: 'profile', meanRatePerSecond: mean, hourlyWeights: weights },
    meanRatePerSecond: mean,
    peakRatePerSecond: peak,
    hourlyRatesPerSecond: hourlyRates,
    facts: flat ? { kind: 'poisson', requestsPerDay, given } : { kind: 'profile', requestsPerDay, peakToMean: peak / mean, given },
  };
}

function profileWeights(traffic: TrafficSpec): number[] {
  if (traffic.peakToMean !== undefined) {
    if (!(traffic.peakToMean >= 1 && traffic.peakToMean <= 10)) throw specError(`expected a peak-to-mean ratio from 1 to 10, got ${traffic.peakToMean}`, 'traffic.peakToMean');
    return peakToMeanProfile(traffic.peakToMean);
  }
  const profile = traffic.profile ?? 'flat';
  if (typeof profile === 'string') return PROFILE_WEIGHTS[profile];
  if (!profile.some((w) => w > 0)) throw specError(`expected ${Object.keys(PROFILE_WEIGHTS).join(', ')} or 24 non-negative hourly weights, got "${profile.join(',')}"`, 'traffic.profile');
  return profile;
}

const MINUTE_S = 60;

function traceTraffic(trace: TraceData, repeat: boolean, withinMinute: 'even' | 'random' | null): ResolvedTraffic {
  const timestampsS = trace.timestampsS as number[];
  const last = timestampsS[timestampsS.length - 1] ?? 0;
  // Arrivals at random in their minutes may fall anywhere in the last one: the trace spans its whole minutes.
  const random = withinMinute === 'random';
  const span = random ? Math.max((trace.minutes ?? Math.floor(last / MINUTE_S) + 1) * MINUTE_S, MINUTE_S) : Math.max(last, 1);
  const arrivals: ArrivalSpec = random ? { kind: 'trace', timestampsS, spreadS: MINUTE_S, spanS: span } : { kind: 'trace', timestampsS };
  if (repeat) arrivals.repeat = true;
  return {
    arrivals,
    meanRatePerSecond: timestampsS.length / span,
    peakRatePerSecond: peakHourRate(timestampsS),
    hourlyRatesPerSecond: null,
    facts: { kind: 'trace', arrivals: timestampsS.length, name: trace.name, spanS: span, repeat, withinMinute, startsAt: trace.startsAt ?? null },
  };
}

function peakHourRate(timestampsS: readonly number[]): number {
  const perHour = new Map<number, number>();
  for (const t of timestampsS) perHour.set(Math.floor(t / 3600), (perHour.get(Math.floor(t / 3600)) ?? 0) + 1);
  return Math.max(0, ...perHour.values()) / 3600;
}
