import { addCounts, histogramFrom, percentileMs } from './duration-histogram';
import { OperationTraffic, TrafficRollup } from './office-traffic.events';

export const PERFORMANCE_WINDOWS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 };
export type PerformanceWindow = keyof typeof PERFORMANCE_WINDOWS;

export const isPerformanceWindow = (value: string): value is PerformanceWindow =>
  Object.hasOwn(PERFORMANCE_WINDOWS, value);

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** The bin width each window is counted in: per minute for 1 h and 24 h, per hour for 7 d. */
const BIN_MS: Readonly<Record<PerformanceWindow, number>> = {
  '1h': MINUTE_MS,
  '24h': MINUTE_MS,
  '7d': HOUR_MS,
};

/** Rates are fractions of 1; every figure is null when there was no call to compute it from. */
export interface PerformanceFigures {
  readonly requestCount: number;
  readonly successRate: number | null;
  readonly errorRate: number | null;
  readonly averageMs: number | null;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
}

export interface Performance {
  readonly window: PerformanceWindow;
  /** (from, to]: the whole bins the window overlaps, from the first one's start to the request. */
  readonly from: string;
  readonly to: string;
  readonly overall: PerformanceFigures;
  readonly operations: Readonly<Record<string, PerformanceFigures>>;
}

/** One operation's calls in one bin; the histogram as bucket → count, to add into. */
interface Totals {
  count: number;
  errors: number;
  totalMs: number;
  readonly histogram: Map<number, number>;
}

/** Bin index → operation → totals. Bin `b` holds the rollups whose interval ends in ((b-1)·w, b·w]. */
type Bins = Map<number, Map<string, Totals>>;

/** One bin as saved: operation → its totals, the histogram as [bucket, count] pairs. */
export type SavedBin = Readonly<
  Record<
    string,
    {
      readonly count: number;
      readonly errors: number;
      readonly totalMs: number;
      readonly histogram: readonly (readonly [number, number])[];
    }
  >
>;

/**
 * A saved row of `TrafficBins`: `newest` holds the newest rollup's end (ms), `m<index>` a minute
 * bin, `h<index>` an hour bin. A rollup changes at most three rows, so a save writes what changed.
 */
export type TrafficRow = number | SavedBin;

const NEWEST = 'newest';

/**
 * One office's traffic in fixed time bins: per minute for a day, per hour for a week. Adding a
 * rollup costs its operations; a query costs the bins of its window (at most 1,441 or 169),
 * whatever the traffic. Bins no window can reach any more are dropped, judged by the newest
 * rollup (not a clock), so a rebuild holds exactly what the live model holds. Memory per office:
 * at most 1,441 minute and 169 hour bins per operation called, each a few hundred histogram
 * buckets at most (in practice a few dozen).
 */
export class TrafficBins {
  private readonly minutes: Bins = new Map();
  private readonly hours: Bins = new Map();
  private newestMs = -Infinity;

  /** The bins saved as `rows()` gave them. */
  static restore(rows: Iterable<readonly [string, TrafficRow]>): TrafficBins {
    const bins = new TrafficBins();
    for (const [key, row] of rows) {
      if (typeof row === 'number') {
        if (key === NEWEST) bins.newestMs = row;
        continue;
      }
      const operations = new Map<string, Totals>();
      for (const [operation, totals] of Object.entries(row)) merge(operations, operation, totals);
      (key[0] === 'm' ? bins.minutes : bins.hours).set(Number(key.slice(1)), operations);
    }
    return bins;
  }

  /** Adds a rollup; the keys of the rows it changed (bins added to or dropped). */
  add(rollup: TrafficRollup): string[] {
    const toMs = Date.parse(rollup.to);
    const changed = new Set<string>();
    for (const [operation, traffic] of Object.entries(rollup.operations)) {
      const minute = Math.ceil(toMs / MINUTE_MS);
      const hour = Math.ceil(toMs / HOUR_MS);
      addTo(this.minutes, minute, operation, traffic);
      addTo(this.hours, hour, operation, traffic);
      changed.add(`m${minute}`).add(`h${hour}`);
    }
    if (toMs > this.newestMs) {
      this.newestMs = toMs;
      changed.add(NEWEST);
      for (const bin of prune(this.minutes, MINUTE_MS, toMs - PERFORMANCE_WINDOWS['24h'])) {
        changed.add(`m${bin}`);
      }
      for (const bin of prune(this.hours, HOUR_MS, toMs - PERFORMANCE_WINDOWS['7d'])) {
        changed.add(`h${bin}`);
      }
    }
    return [...changed];
  }

  /** Every row key holding something. */
  *rowKeys(): Iterable<string> {
    if (this.newestMs > -Infinity) yield NEWEST;
    for (const bin of this.minutes.keys()) yield `m${bin}`;
    for (const bin of this.hours.keys()) yield `h${bin}`;
  }

  /** The row under `key` now; undefined for a bin dropped or never filled. */
  row(key: string): TrafficRow | undefined {
    if (key === NEWEST) return this.newestMs > -Infinity ? this.newestMs : undefined;
    const operations = (key[0] === 'm' ? this.minutes : this.hours).get(Number(key.slice(1)));
    if (!operations) return undefined;
    const saved: Record<string, SavedBin[string]> = {};
    for (const [operation, { count, errors, totalMs, histogram }] of operations) {
      saved[operation] = { count, errors, totalMs, histogram: [...histogram] };
    }
    return saved;
  }

  /** The figures over the bins of the window before `nowMs`. */
  performance(window: PerformanceWindow, nowMs: number): Performance {
    const width = BIN_MS[window];
    const bins = width === MINUTE_MS ? this.minutes : this.hours;
    // The bins (first, last] overlap the window (now - W, now].
    const first = Math.floor((nowMs - PERFORMANCE_WINDOWS[window]) / width) + 1;
    const last = Math.ceil(nowMs / width);
    const byOperation = new Map<string, Totals>();
    for (let bin = first; bin <= last; bin++) {
      for (const [operation, totals] of bins.get(bin) ?? []) {
        merge(byOperation, operation, totals);
      }
    }
    const operations: Record<string, PerformanceFigures> = {};
    const names = [...byOperation.keys()].sort((a, b) => a.localeCompare(b));
    const overall = new Map<string, Totals>();
    for (const name of names) {
      const totals = byOperation.get(name)!;
      operations[name] = figuresOf(totals);
      merge(overall, '', totals);
    }
    return {
      window,
      from: new Date((first - 1) * width).toISOString(),
      to: new Date(nowMs).toISOString(),
      overall: figuresOf(overall.get('')),
      operations,
    };
  }
}

function addTo(bins: Bins, bin: number, operation: string, traffic: OperationTraffic): void {
  let operations = bins.get(bin);
  if (!operations) bins.set(bin, (operations = new Map()));
  merge(operations, operation, traffic);
}

/** Adds a rollup's or a bin's figures for one operation into `into`. */
function merge(
  into: Map<string, Totals>,
  operation: string,
  {
    count,
    errors,
    totalMs,
    histogram,
  }: Pick<OperationTraffic, 'count' | 'errors' | 'totalMs'> & {
    readonly histogram: Iterable<readonly [number, number]>;
  },
): void {
  const sum = totalsIn(into, operation);
  sum.count += count;
  sum.errors += errors;
  sum.totalMs += totalMs;
  addCounts(sum.histogram, histogram);
}

function totalsIn(operations: Map<string, Totals>, operation: string): Totals {
  let totals = operations.get(operation);
  if (!totals) {
    totals = { count: 0, errors: 0, totalMs: 0, histogram: new Map() };
    operations.set(operation, totals);
  }
  return totals;
}

/**
 * Drops the bins that end at or before `startMs`: no window after the newest rollup reaches them.
 * Returns the bins dropped.
 */
function prune(bins: Bins, width: number, startMs: number): number[] {
  const dropped = [...bins.keys()].filter((bin) => bin * width <= startMs);
  for (const bin of dropped) bins.delete(bin);
  return dropped;
}

function figuresOf(totals: Totals | undefined): PerformanceFigures {
  if (!totals || totals.count === 0) {
    return {
      requestCount: 0,
      successRate: null,
      errorRate: null,
      averageMs: null,
      p50Ms: null,
      p95Ms: null,
      p99Ms: null,
    };
  }
  const { count, errors, totalMs } = totals;
  const histogram = histogramFrom(totals.histogram);
  return {
    requestCount: count,
    successRate: (count - errors) / count,
    errorRate: errors / count,
    averageMs: totalMs / count,
    p50Ms: percentileMs(histogram, 50) ?? null,
    p95Ms: percentileMs(histogram, 95) ?? null,
    p99Ms: percentileMs(histogram, 99) ?? null,
  };
}
