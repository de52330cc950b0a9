/**
 * Durations in log buckets 1 % wide: bucket `i` holds [GROWTH^i, GROWTH^(i+1)) ms. A percentile
 * read from it is the geometric middle of the bucket holding the value of that rank, so it is
 * within 0.5 % of the value recorded, whatever the range, and histograms merge by adding counts.
 * Stored sparse and sorted, as `[bucket, count]` pairs: a few hundred pairs at most per interval.
 */
export type DurationHistogram = readonly (readonly [bucket: number, count: number])[];

const BUCKET_GROWTH = 1.01;
/** Shorter durations (a clock's resolution, an in-memory PMS) are counted as 1 µs. */
const MIN_MS = 0.001;
const LOG_GROWTH = Math.log(BUCKET_GROWTH);

export const bucketOf = (durationMs: number): number =>
  Math.floor(Math.log(Math.max(durationMs, MIN_MS)) / LOG_GROWTH);

/** The geometric middle of a bucket: at most 0.5 % from any duration in it. */
export const bucketValueMs = (bucket: number): number => BUCKET_GROWTH ** (bucket + 0.5);

export function histogramOf(durationsMs: readonly number[]): DurationHistogram {
  const counts = new Map<number, number>();
  for (const ms of durationsMs) {
    const bucket = bucketOf(ms);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return sorted(counts);
}

/** Adds a histogram's counts into `counts` (bucket → count): merging is adding. */
export function addCounts(
  counts: Map<number, number>,
  histogram: Iterable<readonly [bucket: number, count: number]>,
): void {
  for (const [bucket, count] of histogram) counts.set(bucket, (counts.get(bucket) ?? 0) + count);
}

/** Counts added up with `addCounts`, as a histogram again. */
export const histogramFrom = (counts: ReadonlyMap<number, number>): DurationHistogram =>
  sorted(counts);

/**
 * Nearest rank: the smallest recorded value with at least `percent` % of the values at or below
 * it (rank ceil(percent × n / 100), in integers so no float rounding moves the rank). Undefined
 * for an empty histogram.
 */
export function percentileMs(histogram: DurationHistogram, percent: number): number | undefined {
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
    throw new Error(`percent must be an integer from 1 to 100, got ${percent}`);
  }
  const total = histogram.reduce((sum, [, count]) => sum + count, 0);
  const rank = Math.ceil((percent * total) / 100);
  let seen = 0;
  for (const [bucket, count] of histogram) {
    seen += count;
    if (seen >= rank) return bucketValueMs(bucket);
  }
  return undefined;
}

const sorted = (counts: ReadonlyMap<number, number>): DurationHistogram =>
  [...counts].sort(([a], [b]) => a - b);
