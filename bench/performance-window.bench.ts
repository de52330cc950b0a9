/**
 * The performance read model's query cost against the traffic it holds.
 *
 *   npm run bench:performance      (builds bench/ with the hub into .tmp/bench-build, then runs it)
 *
 * One office's `TrafficBins` fed a week of rollups (5 calls each, spread over 3 operations), then
 * `performance('7d')` asked BENCH_QUERIES times (default 200): median and p99 per query, for one
 * call a second (a rollup every 5 s) against one call every 12 s (a rollup a minute, the
 * baseline, in the same run). A query costs its window's bins times their histogram buckets, not
 * the rollups: 12 times the traffic costs what the fuller histograms add (buckets are bounded by
 * the spread of durations, here 400 values), where summing every rollup cost 12 times as much.
 */
import { PmsCall, TrafficBins, histogramOf } from '@pms-hub/domain';
import { runBench, size } from './bench-env';

const QUERIES = size('BENCH_QUERIES', 200);
const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const OPERATIONS = ['getAvailability', 'listProviders', 'bookAppointment'];

const WEEK_S = 7 * 24 * 3600;

/** Bins holding a week of rollups of 5 calls, one every `everySeconds`. */
function binsWith(everySeconds: number): { bins: TrafficBins; rollups: number } {
  const bins = new TrafficBins();
  let rollups = 0;
  let callNumber = 0;
  for (let s = WEEK_S; s > 0; s -= everySeconds) {
    // The same spread of durations at any rate: 20 to 419 ms, each hour seeing most of them.
    const calls: PmsCall[] = Array.from({ length: 5 }, (_, n) => ({
      operation: OPERATIONS[(s + n) % OPERATIONS.length],
      durationMs: 20 + ((++callNumber * 37) % 400),
      outcome: n === 4 && s % 60 === 0 ? 'error' : 'ok',
    }));
    const operations = Object.fromEntries(
      OPERATIONS.map((operation) => {
        const mine = calls.filter((call) => call.operation === operation);
        const durations = mine.map((call) => call.durationMs);
        return [
          operation,
          {
            count: mine.length,
            errors: mine.filter((call) => call.outcome === 'error').length,
            totalMs: durations.reduce((a, b) => a + b, 0),
            statusCodes: {},
            histogram: histogramOf(durations),
          },
        ];
      }).filter(([, traffic]) => (traffic as { count: number }).count > 0),
    );
    const to = NOW - (s - everySeconds) * 1000;
    bins.add({
      pmsType: 'dummy',
      from: new Date(to - everySeconds * 1000).toISOString(),
      to: new Date(to).toISOString(),
      operations,
    });
    rollups++;
  }
  return { bins, rollups };
}

/** Median and p99 of `QUERIES` timed 7-day queries, in ms. */
function timeQueries(bins: TrafficBins): { median: number; p99: number; requests: number } {
  const times: number[] = [];
  let requests = 0;
  for (let n = 0; n < QUERIES; n++) {
    const started = process.hrtime.bigint();
    requests = bins.performance('7d', NOW).overall.requestCount;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)],
    p99: times[Math.ceil(times.length * 0.99) - 1],
    requests,
  };
}

function main(): void {
  const light = binsWith(60);
  const heavy = binsWith(5);
  timeQueries(light.bins); // warm-up
  const baseline = timeQueries(light.bins);
  const measured = timeQueries(heavy.bins);
  const row = (name: string, a: string, b: string, c: string) =>
    `${name.padEnd(34)}${a.padStart(12)}${b.padStart(12)}${c.padStart(10)}`;
  console.log(`GET /offices/:id/performance?window=7d, the read model's part: ${QUERIES} queries`);
  console.log('of one office holding a week of traffic.\n');
  console.log(row('', '1 call/12 s', '1 call/s', 'ratio'));
  console.log(row('rollups held', String(light.rollups), String(heavy.rollups), ''));
  console.log(row('requests counted', String(baseline.requests), String(measured.requests), ''));
  for (const [name, key] of [
    ['query median (ms)', 'median'],
    ['query p99 (ms)', 'p99'],
  ] as const) {
    const [a, b] = [baseline[key], measured[key]];
    console.log(row(name, a.toFixed(3), b.toFixed(3), `${(b / a).toFixed(2)}x`));
  }
  console.log(
    '\nratio: one call a second / one every 12 s (12x the rollups); what remains is fuller histograms.',
  );
  console.log('Target: a 7-day query at one call a second under 20 ms.');
}

runBench(main);
