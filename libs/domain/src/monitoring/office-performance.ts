import { DurationHistogram, mergeHistograms, percentileMs } from './duration-histogram';
import { TrafficRollup } from './office-traffic.events';

export const PERFORMANCE_WINDOWS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 };
export type PerformanceWindow = keyof typeof PERFORMANCE_WINDOWS;
const LONGEST_WINDOW_MS = Math.max(...Object.values(PERFORMANCE_WINDOWS));

export const isPerformanceWindow = (value: string): value is PerformanceWindow =>
  Object.hasOwn(PERFORMANCE_WINDOWS, value);

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
  /** The window (from, to]: rollups whose interval ends in it count, whole. */
  readonly from: string;
  readonly to: string;
  readonly overall: PerformanceFigures;
  readonly operations: Readonly<Record<string, PerformanceFigures>>;
}

interface Totals {
  readonly count: number;
  readonly errors: number;
  readonly totalMs: number;
  readonly histograms: readonly DurationHistogram[];
}

/** The figures over the rollups whose interval ends in the window before `nowMs`. */
export function performanceOf(
  rollups: readonly TrafficRollup[],
  window: PerformanceWindow,
  nowMs: number,
): Performance {
  const fromMs = nowMs - PERFORMANCE_WINDOWS[window];
  const byOperation = new Map<string, Totals>();
  for (const rollup of rollups) {
    const endMs = Date.parse(rollup.to);
    if (endMs <= fromMs || endMs > nowMs) continue;
    for (const [operation, traffic] of Object.entries(rollup.operations)) {
      const sum = byOperation.get(operation) ?? NONE;
      byOperation.set(operation, {
        count: sum.count + traffic.count,
        errors: sum.errors + traffic.errors,
        totalMs: sum.totalMs + traffic.totalMs,
        histograms: [...sum.histograms, traffic.histogram],
      });
    }
  }
  const operations: Record<string, PerformanceFigures> = {};
  const names = [...byOperation.keys()].sort((a, b) => a.localeCompare(b));
  for (const name of names) operations[name] = figuresOf(byOperation.get(name) ?? NONE);
  const overall = [...byOperation.values()].reduce(
    (sum, totals) => ({
      count: sum.count + totals.count,
      errors: sum.errors + totals.errors,
      totalMs: sum.totalMs + totals.totalMs,
      histograms: [...sum.histograms, ...totals.histograms],
    }),
    NONE,
  );
  return {
    window,
    from: new Date(fromMs).toISOString(),
    to: new Date(nowMs).toISOString(),
    overall: figuresOf(overall),
    operations,
  };
}

/**
 * The rollups any window can still need once `newestTo` is recorded: older ones are dropped, so
 * an office's read model stays bounded (about 120 000 rollups at one every 5 s). Judged by the
 * newest rollup rather than a clock, so a rebuild keeps exactly what the live model kept.
 */
export function retainedRollups(
  rollups: readonly TrafficRollup[],
  newestTo: string,
): TrafficRollup[] {
  return rollups.filter((rollup) => !outlivesEveryWindow(rollup, newestTo));
}

/** Whether no window can count this rollup any more, once `newestTo` is recorded. */
export const outlivesEveryWindow = (rollup: TrafficRollup, newestTo: string): boolean =>
  Date.parse(rollup.to) <= Date.parse(newestTo) - LONGEST_WINDOW_MS;

const NONE: Totals = { count: 0, errors: 0, totalMs: 0, histograms: [] };

function figuresOf({ count, errors, totalMs, histograms }: Totals): PerformanceFigures {
  if (count === 0) {
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
  const histogram = mergeHistograms(histograms);
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
