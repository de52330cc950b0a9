/**
 * A filtered subscription's live cost against the age of the store, embedded store.
 *
 *   npm run bench:subscriptions      (builds bench/ with the hub into .tmp/bench-build, then runs it)
 *
 * A subscription filtered on a stream prefix that no history event matches (as the office
 * catalog's `office-profile-` is sparse among health and traffic events) is caught up on a store
 * holding BENCH_HISTORY non-matching events (default 200,000), then BENCH_LIVE single-event
 * appends (default 2,000) that it skips, then one it delivers: the time from the first live append
 * to that delivery. Baseline: the same on a store holding 1,000 events, in the same run. A
 * subscription whose cursor moved only on matching events read the whole history at every append.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventToAppend, SqliteEventStore } from '@pms-hub/event-store';
import { eventually } from '@pms-hub/testing';
import { runBench, size } from './bench-env';

const HISTORY = size('BENCH_HISTORY', 200_000);
const LIVE = size('BENCH_LIVE', 2000);
const BASELINE_HISTORY = 1000;

const log = (message: string) => console.error(`[bench] ${message}`);

const noise = (count: number): EventToAppend[] =>
  Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    type: 'Noise',
    data: { n },
    metadata: null,
  }));

/** ms from the first live append to the delivery of the one matching event after them. */
async function liveRun(history: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-bench-scan-'));
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  try {
    for (let written = 0; written < history; written += 1000) {
      await store.append(`noise-${written}`, noise(Math.min(1000, history - written)), 'no_stream');
    }
    let caughtUp = false;
    let delivered = false;
    const subscription = store.subscribeToAll({
      filter: { streamPrefixes: ['office-profile-'] },
      onEvent: async () => void (delivered = true),
      onCaughtUp: () => (caughtUp = true),
    });
    await eventually('the catch-up', () => caughtUp, { timeoutMs: 120_000 });
    const started = process.hrtime.bigint();
    for (let n = 0; n < LIVE; n++) {
      await store.append(`office-health-${n}`, noise(1), 'any');
      // Yield, so the subscription reads as appends arrive (as the hub's would).
      await new Promise((resolve) => setImmediate(resolve));
    }
    await store.append('office-profile-new', noise(1), 'no_stream');
    await eventually('the matching event', () => delivered, { timeoutMs: 300_000, everyMs: 1 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    await subscription.stop();
    return ms;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log('warm-up, not measured');
  await liveRun(BASELINE_HISTORY);
  log(`baseline: ${BASELINE_HISTORY} events of history, ${LIVE} live appends skipped`);
  const baseline = await liveRun(BASELINE_HISTORY);
  log(`measured: ${HISTORY} events of history, ${LIVE} live appends skipped`);
  const aged = await liveRun(HISTORY);
  const row = (name: string, a: string, b: string, c: string) =>
    `${name.padEnd(40)}${a.padStart(12)}${b.padStart(14)}${c.padStart(10)}`;
  console.log(
    `A subscription filtered on a sparse prefix, embedded store: ${LIVE} live appends it skips,`,
  );
  console.log('then one it delivers; the time from the first live append to that delivery.\n');
  console.log(row('', `${BASELINE_HISTORY} events`, `${HISTORY} events`, 'ratio'));
  console.log(
    row(
      'live appends to delivery (ms)',
      baseline.toFixed(0),
      aged.toFixed(0),
      `${(aged / baseline).toFixed(2)}x`,
    ),
  );
  console.log(
    row(
      'per live append (ms)',
      (baseline / LIVE).toFixed(3),
      (aged / LIVE).toFixed(3),
      `${(aged / baseline).toFixed(2)}x`,
    ),
  );
  console.log(
    `\nratio: time(${HISTORY} events of history) / time(${BASELINE_HISTORY}); about 1 when the cost follows the new events, not the history.`,
  );
}

runBench(main);
