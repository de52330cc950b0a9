import {
  bucketOf,
  bucketValueMs,
  histogramOf,
  addCounts,
  histogramFrom,
  percentileMs,
} from './duration-histogram';

/** Nearest rank over the raw values: what the histogram must match within 1 %. */
const exactPercentile = (values: readonly number[], percent: number) =>
  [...values].sort((a, b) => a - b)[Math.ceil((percent * values.length) / 100) - 1];

// A seeded generator, so a failure can be replayed.
function* lcg(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    yield state / 2 ** 31;
  }
}

describe('duration histogram', () => {
  it('keeps every value within 0.5 % of its bucket value, from 1 µs to minutes', () => {
    for (const ms of [0.001, 0.37, 1, 5, 59.99, 1000, 30_000, 300_000]) {
      expect(Math.abs(bucketValueMs(bucketOf(ms)) - ms) / ms).toBeLessThan(0.005 + 1e-9);
    }
  });

  it('counts shorter than 1 µs, zero included, as 1 µs', () => {
    expect(bucketOf(0)).toBe(bucketOf(0.001));
  });

  it('stores sparse buckets, sorted', () => {
    expect(histogramOf([50, 5, 5.001, 50])).toEqual([
      [bucketOf(5), 2],
      [bucketOf(50), 2],
    ]);
  });

  it('reads p50, p95 and p99 within 1 % of the recorded values', () => {
    const random = lcg(42);
    for (const n of [1, 7, 100, 220, 1013]) {
      // Long-tailed, as PMS latencies are: mostly tens of ms, some seconds.
      const values = Array.from({ length: n }, () => 5 + 55 * random.next().value ** 4 * 100);
      const histogram = histogramOf(values);
      for (const percent of [50, 95, 99, 100]) {
        const exact = exactPercentile(values, percent);
        const read = percentileMs(histogram, percent) ?? NaN;
        expect(Math.abs(read - exact) / exact).toBeLessThan(0.01);
      }
    }
  });

  it('merges into the histogram of all the values', () => {
    const a = [3, 40, 40.1, 900];
    const b = [40, 2, 12_000];
    const counts = new Map<number, number>();
    addCounts(counts, histogramOf(a));
    addCounts(counts, histogramOf(b));
    expect(histogramFrom(counts)).toEqual(histogramOf([...a, ...b]));
    expect(histogramFrom(new Map())).toEqual([]);
  });

  it('has no percentile when empty, and refuses percents that are not ranks', () => {
    expect(percentileMs([], 95)).toBeUndefined();
    for (const percent of [0, 101, 99.9]) expect(() => percentileMs([[1, 1]], percent)).toThrow();
  });
});
