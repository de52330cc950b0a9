import { bucketOf, bucketValueMs, histogramOf } from './duration-histogram';
import { TrafficBins } from './office-performance';
import { TrafficRollup } from './office-traffic.events';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

/** A rollup ending `minutes` before NOW, one operation's calls given by duration and success. */
const rollup = (
  minutes: number,
  operation: string,
  durations: readonly number[],
  errors = 0,
): TrafficRollup => ({
  pmsType: 'dentrix',
  from: minutesAgo(minutes + 5 / 60),
  to: minutesAgo(minutes),
  operations: {
    [operation]: {
      count: durations.length,
      errors,
      totalMs: durations.reduce((a, b) => a + b, 0),
      statusCodes: errors ? { '503': errors } : {},
      histogram: histogramOf(durations),
    },
  },
});
const at = (ms: number) => bucketValueMs(bucketOf(ms));

const binsOf = (rollups: readonly TrafficRollup[]): TrafficBins => {
  const bins = new TrafficBins();
  for (const rollup of rollups) bins.add(rollup);
  return bins;
};
const performanceOf = (
  rollups: readonly TrafficRollup[],
  window: '1h' | '24h' | '7d',
  nowMs: number,
) => binsOf(rollups).performance(window, nowMs);

describe('office performance (fixed time bins)', () => {
  const rollups = [
    rollup(60 * 24 * 2, 'getAvailability', [1000, 1000]),
    rollup(90, 'getAvailability', [500]),
    rollup(30, 'getAvailability', [10, 20, 30, 40], 1),
    rollup(1, 'getAvailability', [50, 60, 70, 80, 90, 100]),
    rollup(1, 'listProviders', [5, 15], 2),
  ];

  it('sums per operation and overall over the rollups ending in the window', () => {
    const performance = performanceOf(rollups, '1h', NOW);
    expect(performance).toMatchObject({
      window: '1h',
      from: minutesAgo(60),
      to: minutesAgo(0),
    });
    expect(performance.operations.getAvailability).toEqual({
      requestCount: 10,
      successRate: 0.9,
      errorRate: 0.1,
      averageMs: 55,
      p50Ms: at(50),
      p95Ms: at(100),
      p99Ms: at(100),
    });
    expect(performance.operations.listProviders).toMatchObject({
      requestCount: 2,
      successRate: 0,
      errorRate: 1,
      averageMs: 10,
    });
    expect(performance.overall).toEqual({
      requestCount: 12,
      successRate: 9 / 12,
      errorRate: 3 / 12,
      averageMs: 570 / 12,
      p50Ms: at(40),
      p95Ms: at(100),
      p99Ms: at(100),
    });
  });

  it('widens with the window', () => {
    expect(performanceOf(rollups, '24h', NOW).overall.requestCount).toBe(13);
    expect(performanceOf(rollups, '7d', NOW).overall).toMatchObject({
      requestCount: 15,
      p99Ms: at(1000),
    });
  });

  it('counts a rollup ending exactly at the window start out, one ending now in', () => {
    const edges = [rollup(60, 'getPatient', [1]), rollup(0, 'getPatient', [2, 3])];
    expect(performanceOf(edges, '1h', NOW).overall.requestCount).toBe(2);
  });

  it('answers nulls, not zeros, when nothing was called', () => {
    expect(performanceOf([], '1h', NOW)).toEqual({
      window: '1h',
      from: minutesAgo(60),
      to: minutesAgo(0),
      overall: {
        requestCount: 0,
        successRate: null,
        errorRate: null,
        averageMs: null,
        p50Ms: null,
        p95Ms: null,
        p99Ms: null,
      },
      operations: {},
    });
  });

  it('keeps only the bins the longest window can still need', () => {
    const bins = binsOf(rollups);
    const fiveDaysOn = NOW + 5 * 86_400_000;
    const sevenDaysOn = NOW + 7 * 86_400_000;
    expect(bins.performance('7d', NOW).overall.requestCount).toBe(15);
    // Five days on, the two-day-old rollup ends exactly where the 7-day window starts.
    bins.add(rollup(-60 * 24 * 5, 'getPatient', [1]));
    expect(bins.performance('7d', fiveDaysOn).overall.requestCount).toBe(14);
    bins.add(rollup(-60 * 24 * 7, 'getPatient', [1]));
    expect(bins.performance('7d', sevenDaysOn).overall.requestCount).toBe(2);
    // Dropped, not only out of the window: the same figures asked as of NOW find nothing left.
    expect(bins.performance('7d', NOW).overall.requestCount).toBe(0);
  });

  it('counts whole bins: a window starting mid-minute takes the minute it starts in', () => {
    const bins = binsOf([rollup(60, 'getPatient', [1]), rollup(59.5, 'getPatient', [2])]);
    const performance = bins.performance('1h', NOW + 30_000);
    expect(performance.overall.requestCount).toBe(1);
    expect(performance.from).toBe(minutesAgo(60));
    expect(bins.performance('1h', NOW + 31_000).overall.requestCount).toBe(1);
  });

  it('counts a week of rollups every 5 s whole, in the bins of each window', () => {
    const bins = new TrafficBins();
    const week = 7 * 24 * 3600;
    for (let s = 0; s < week; s += 5) {
      bins.add({
        ...rollup(0, 'getAvailability', [10, 20]),
        to: new Date(NOW - s * 1000).toISOString(),
      });
    }
    expect(bins.performance('7d', NOW).overall.requestCount).toBe(2 * (week / 5));
    expect(bins.performance('1h', NOW).overall.requestCount).toBe(2 * (3600 / 5));
  });
});
