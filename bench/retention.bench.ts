/**
 * A retention run's cost against the age of the store, embedded store.
 *
 *   npm run bench:retention      (builds bench/ with the hub into .tmp/bench-build, then runs it)
 *
 * A store holds BENCH_HISTORY events (default 200,000: business events kept forever and telemetry
 * already expired once), then BENCH_OFFICES offices (default 100) append an hour of health checks
 * (one a minute each) that have aged past the retention window: the time of the run that expires
 * them, and of the next run, which finds nothing new. Baseline: the same on a store holding 1,000
 * events, in the same run. A scavenge that rescanned the table, or searched it for the cutoff row
 * by row, would cost the history: here the search costs a few dozen index lookups, and the
 * deletes cost the events removed. They do grow with the store up to a bound: each deleted event
 * leaves a random page of the event-id index (uuids) to rewrite, so the pages written grow with
 * the index until each deleted event has a page of its own, then stop (appends pay the same).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventToAppend, SqliteEventStore } from '@pms-hub/event-store';
import { TELEMETRY_STREAM_PREFIXES } from '../apps/hub/src/platform/retention/telemetry-streams';
import { runBench, size } from './bench-env';

const HISTORY = size('BENCH_HISTORY', 200_000);
const OFFICES = size('BENCH_OFFICES', 100);
const BASELINE_HISTORY = 1000;
const DAY_MS = 86_400_000;
const POLICY = { streamPrefixes: TELEMETRY_STREAM_PREFIXES, maxAgeMs: 35 * DAY_MS };

const log = (message: string) => console.error(`[bench] ${message}`);

const events = (count: number, type: string): EventToAppend[] =>
  Array.from({ length: count }, () => ({
    id: randomUUID(),
    type,
    // About a recorded health check's size.
    data: { status: 'healthy', pad: 'x'.repeat(250) },
    metadata: { eventId: randomUUID(), pad: 'y'.repeat(200) },
  }));

/** ms of the run that expires an hour of health checks, what it removed, and ms of the next. */
async function run(history: number): Promise<{ ms: number; removed: number; idleMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-bench-retention-'));
  let time = Date.parse('2031-01-01T00:00:00.000Z');
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'), { now: () => new Date(time) });
  try {
    // Half business facts, half telemetry that the first run expires.
    for (let written = 0; written < history; written += 1000) {
      const kind = (written / 1000) % 2 === 0 ? 'booking-' : 'office-health-';
      await store.append(`${kind}${written}`, events(1000, 'Old'), 'no_stream');
    }
    time += 40 * DAY_MS;
    await store.expire(POLICY);
    for (let minute = 0; minute < 60; minute++) {
      for (let office = 0; office < OFFICES; office++) {
        await store.append(`office-health-office-${office}`, events(1, 'PmsHealthChecked'), 'any');
      }
      time += 60_000;
    }
    time += 40 * DAY_MS;
    // The hour's last events stay as their streams' last: one more check each keeps it simple.
    for (let office = 0; office < OFFICES; office++) {
      await store.append(`office-health-office-${office}`, events(1, 'PmsHealthChecked'), 'any');
    }
    const timed = async () => {
      const started = process.hrtime.bigint();
      const { removed } = await store.expire(POLICY);
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, removed };
    };
    const { ms, removed } = await timed();
    return { ms, removed, idleMs: (await timed()).ms };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log('warm-up, not measured');
  await run(BASELINE_HISTORY);
  log(`baseline: ${BASELINE_HISTORY} events of history`);
  const baseline = await run(BASELINE_HISTORY);
  log(`measured: ${HISTORY} events of history`);
  const aged = await run(HISTORY);
  if (aged.removed !== baseline.removed || aged.removed !== 60 * OFFICES) {
    throw new Error(`removed ${baseline.removed} and ${aged.removed}, not ${60 * OFFICES} each`);
  }
  const row = (name: string, a: string, b: string, c: string) =>
    `${name.padEnd(40)}${a.padStart(12)}${b.padStart(14)}${c.padStart(10)}`;
  console.log(
    `A retention run, embedded store: ${OFFICES} offices' hour of health checks (${aged.removed} events) expired.\n`,
  );
  console.log(row('', `${BASELINE_HISTORY} events`, `${HISTORY} events`, 'ratio'));
  console.log(
    row(
      'run expiring the hour (ms)',
      baseline.ms.toFixed(1),
      aged.ms.toFixed(1),
      `${(aged.ms / baseline.ms).toFixed(2)}x`,
    ),
  );
  console.log(
    row(
      'next run, nothing new (ms)',
      baseline.idleMs.toFixed(2),
      aged.idleMs.toFixed(2),
      `${(aged.idleMs / baseline.idleMs).toFixed(2)}x`,
    ),
  );
  console.log(
    `\nratio: time(${HISTORY} events of history) / time(${BASELINE_HISTORY}). The search is about 1; the deletes grow with\n` +
      'the event-id index only until each deleted event rewrites a page of its own (see the header).',
  );
}

runBench(main);
