/**
 * Rebuilding the read models from zero against a bare read of the same store, embedded store.
 *
 *   npm run bench:rebuild      (builds bench/ with the hub into .tmp/bench-build, then runs it)
 *
 * A store holding about BENCH_EVENTS events (default 500,000) of BENCH_OFFICES offices' (default
 * 1,000) monitoring history (bench/synthetic-history.ts: a health check a minute, a traffic rollup
 * every 2 minutes), appended in big batches. Measured: the health and the performance read model
 * rebuilt from zero on a read-model SQLite file, together as `POST /read-models/rebuild` runs
 * them (one read of the store feeding both), from the start to the last swap; both together
 * apply every event once.
 * Baseline, in the same run, after one pass not measured: `readAll` paging through every event of
 * the same store, 10,000 a page, applying nothing. Targets: rebuild/bare ≥ 0.5, ≥ 100,000 events/s.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { EventStore, SqliteEventStore } from '@pms-hub/event-store';
import { OfficeHealthProjection } from '../apps/hub/src/monitoring/read-models/office-health/office-health.projection';
import { OfficeHealthView } from '../apps/hub/src/monitoring/read-models/office-health/office-health.view';
import { OfficePerformanceProjection } from '../apps/hub/src/monitoring/read-models/office-performance/office-performance.projection';
import { OfficeDirectory } from '../apps/hub/src/offices/office-directory';
import { SqliteReadModelStore } from '../apps/hub/src/platform/read-models/sqlite.read-model.store';
import { SyntheticHistory, officeIds } from './synthetic-history';
import { runBench, size } from './bench-env';
import { ReadModelProjection } from '../apps/hub/src/platform/projections/read-model.projection';

const EVENTS = size('BENCH_EVENTS', 500_000);
const OFFICES = size('BENCH_OFFICES', 1000);
const PAGE = 10_000;
const MINUTE_MS = 60_000;
const START_MS = Date.parse('2030-01-01T00:00:00Z');

const log = (message: string) => console.error(`[bench] ${message}`);

/** Every event once, a page at a time: what any rebuild has to read at least. */
async function bareRead(store: EventStore): Promise<number> {
  let after: string | undefined;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    events += page.length;
    if (page.length < PAGE) return events;
    after = page[page.length - 1].position;
  }
}

async function main(): Promise<void> {
  // The projections log each rebuild on stdout, where the results go.
  Logger.overrideLogger(['warn', 'error']);
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-bench-rebuild-'));
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  const readModels = SqliteReadModelStore.open(join(dir, 'read-models.sqlite'));
  try {
    const ids = officeIds(OFFICES);
    // 1.5 events a minute per office: a check, and a rollup every other minute.
    const minutes = Math.ceil(EVENTS / OFFICES / 1.5);
    const history = new SyntheticHistory(ids, {
      checkEveryMs: MINUTE_MS,
      rollupEveryMs: 2 * MINUTE_MS,
    });
    log(`writing ${minutes} minutes of history for ${OFFICES} offices`);
    const writing = performance.now();
    const total = await history.append(store, START_MS, START_MS + minutes * MINUTE_MS);
    const megabytes = statSync(join(dir, 'events.sqlite')).size / 2 ** 20;
    log(
      `${total} events written in ${((performance.now() - writing) / 1000).toFixed(1)} s, ` +
        `${megabytes.toFixed(0)} MiB`,
    );

    log('baseline: one bare read not measured, then one measured');
    await bareRead(store);
    const bareStarted = performance.now();
    const bareEvents = await bareRead(store);
    const bareMs = performance.now() - bareStarted;

    log('rebuilding office-health and office-performance together, from one read');
    const directory = new OfficeDirectory([]);
    const models = [
      new OfficeHealthProjection(store, readModels, directory),
      new OfficePerformanceProjection(store, readModels, directory),
    ];
    const rebuildStarted = performance.now();
    // As POST /read-models/rebuild does.
    await ReadModelProjection.rebuildTogether(models);
    const rebuildMs = performance.now() - rebuildStarted;
    for (const model of models) await model.stop();

    const runs = models.map((model) => model.lastRebuild()!);
    const applied = runs.reduce((sum, run) => sum + run.eventsDone, 0);
    if (bareEvents !== total || applied !== total) {
      throw new Error(`${total} events written, ${bareEvents} read bare, ${applied} applied`);
    }
    checkHealthRows(await readModels.load('office-health'), history);

    const rate = (events: number, ms: number) => (events / ms) * 1000;
    const [bareRate, rebuildRate] = [rate(bareEvents, bareMs), rate(applied, rebuildMs)];
    const row = (name: string, events: number, ms: number, ratio = '') =>
      `${name.padEnd(34)}${String(events).padStart(10)}${ms.toFixed(0).padStart(10)}` +
      `${rate(events, ms).toFixed(0).padStart(12)}${ratio.padStart(10)}`;
    console.log(
      [
        '',
        `Read models rebuilt from zero, embedded store: ${total} events of ${OFFICES} offices' ` +
          `health and traffic (${megabytes.toFixed(0)} MiB).`,
        '',
        `${''.padEnd(34)}${'events'.padStart(10)}${'ms'.padStart(10)}${'events/s'.padStart(12)}${'ratio'.padStart(10)}`,
        row(`bare readAll, ${PAGE} a page`, bareEvents, bareMs),
        ...runs.map((run) =>
          row(
            `  rebuild ${run.model}`,
            run.eventsDone,
            Date.parse(run.finishedAt!) - Date.parse(run.startedAt),
          ),
        ),
        row(
          'rebuild, every read model',
          applied,
          rebuildMs,
          `${(rebuildRate / bareRate).toFixed(2)}x`,
        ),
        '',
        'ratio: rebuild events/s / bare readAll events/s. One read of the store feeds both models',
        '(each row: its events and the time to its swap); the bare read applies nothing.',
        `Targets: ratio ≥ 0.50 (${rebuildRate / bareRate >= 0.5 ? 'met' : 'MISSED'}), ` +
          `≥ 100,000 events/s (${rebuildRate >= 100_000 ? 'met' : 'MISSED'}).`,
        '',
      ].join('\n'),
    );
  } finally {
    await readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The saved health rows hold each office's last status: the rebuild applied what it read. */
function checkHealthRows(
  saved: { rows: ReadonlyMap<string, unknown> } | undefined,
  history: SyntheticHistory,
): void {
  const counts = { healthy: 0, degraded: 0, unhealthy: 0, unknown: 0 };
  for (const row of saved?.rows.values() ?? []) counts[(row as OfficeHealthView).status]++;
  const expected = history.statusCounts();
  if (JSON.stringify(counts) !== JSON.stringify(expected)) {
    throw new Error(`health rows ${JSON.stringify(counts)}, history ${JSON.stringify(expected)}`);
  }
}

runBench(main);
