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

  add(rollup: TrafficRollup): void {
    const toMs = Date.parse(rollup.to);
    for (const [operation, traffic] of Object.entries(rollup.operations)) {
      addTo(this.minutes, Math.ceil(toMs / MINUTE_MS), operation, traffic);
      addTo(this.hours, Math.ceil(toMs / HOUR_MS), operation, traffic);
    }
    if (toMs > this.newestMs) {
      this.newestMs = toMs;
      prune(this.minutes, MINUTE_MS, toMs - PERFORMANCE_WINDOWS['24h']);
      prune(this.hours, HOUR_MS, toMs - PERFORMANCE_WINDOWS['7d']);
    }
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

/** Drops the bins that end at or before `startMs`: no window after the newest rollup reaches them. */
function prune(bins: Bins, width: number, startMs: number): void {
  for (const bin of bins.keys()) if (bin * width <= startMs) bins.delete(bin);
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
