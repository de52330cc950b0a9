/**
 * Time to a full health view after a restart, against the age of the store, embedded store.
 *
 *   npm run bench:restart      (builds bench/ with the hub into .tmp/bench-build, then runs it)
 *
 * BENCH_OFFICES dummy offices (default 1,000) registered by a first start, then their monitoring
 * history (bench/synthetic-history.ts) appended through the store port: a health check carrying
 * its status every BENCH_CHECK_MINUTES (default 30; a quiet office records one a minute, coarser
 * here so that 30 days of 1,000 offices take a minute or two to write), a traffic rollup every
 * BENCH_ROLLUP_MINUTES (default 60). One store grown to 1, then 7, then 30 days, measured at each
 * age: the same as three stores, at 30 days of writing instead of 38. At each age a hub runs once
 * until its read models have caught up, and closes (saving them); then, BENCH_RESTARTS times
 * (default 3, the median shown): startHub on the same data dir (monitor off) until GET
 * /health/summary counts every office under the status its history left it in; and the health
 * and performance projections alone, started fresh on the same files, until they hold it too.
 * Ratios: 7 days / 1 day and 30 days / 1 day, about 1 when a restart costs the offices (rows
 * saved), not the age of the store.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LogLevel, Logger } from '@nestjs/common';
import { HealthStatus } from '@pms-hub/domain';
import { SqliteEventStore } from '@pms-hub/event-store';
import { eventually } from '@pms-hub/testing';
import { startHub } from '../apps/hub/src/hub';
import { OfficeHealthProjection } from '../apps/hub/src/monitoring/read-models/office-health/office-health.projection';
import { OfficePerformanceProjection } from '../apps/hub/src/monitoring/read-models/office-performance/office-performance.projection';
import { OfficeConfig } from '../apps/hub/src/offices/office-config';
import { OfficeDirectory } from '../apps/hub/src/offices/office-directory';
import { HubConfig } from '../apps/hub/src/platform/config/hub.config';
import { SqliteReadModelStore } from '../apps/hub/src/platform/read-models/sqlite.read-model.store';
import { request } from '../test/support/http';
import { testHubConfig } from '../test/support/in-process-hub';
import { SyntheticHistory, officeIds } from './synthetic-history';
import { runBench, size } from './bench-env';

const OFFICES = size('BENCH_OFFICES', 1000);
const CHECK_MINUTES = size('BENCH_CHECK_MINUTES', 30);
const ROLLUP_MINUTES = size('BENCH_ROLLUP_MINUTES', 60);
const RESTARTS = size('BENCH_RESTARTS', 3);
const AGES_DAYS = [1, 7, 30];
const DAY_MS = 24 * 3600_000;
const START_MS = Date.parse('2030-01-01T00:00:00Z');
const LOGS: LogLevel[] = ['warn', 'error'];

type Counts = Record<HealthStatus, number>;
interface Age {
  readonly days: number;
  readonly events: number;
  readonly megabytes: number;
  readonly performanceRows: number;
  readonly hubMs: number;
  readonly projectionsMs: number;
}

const log = (message: string) => console.error(`[bench] ${message}`);
const sameCounts = (a: Counts | undefined, b: Counts) => JSON.stringify(a) === JSON.stringify(b);
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  Logger.overrideLogger(LOGS);
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-bench-restart-'));
  const config = testHubConfig(dir);
  const eventsFile = join(dir, 'events.sqlite');
  try {
    const ids = officeIds(OFFICES);
    const offices: OfficeConfig[] = ids.map((officeId) => ({
      officeId,
      connection: { pmsType: 'dummy' },
    }));
    log(`registering ${OFFICES} dummy offices (a first start)`);
    await (await startHub(config, offices, LOGS)).close();
    const history = new SyntheticHistory(ids, {
      checkEveryMs: CHECK_MINUTES * 60_000,
      rollupEveryMs: ROLLUP_MINUTES * 60_000,
    });
    const ages: Age[] = [];
    let writtenDays = 0;
    for (const days of AGES_DAYS) {
      log(`writing days ${writtenDays + 1} to ${days}`);
      const store = SqliteEventStore.open(eventsFile);
      await history.append(store, START_MS + writtenDays * DAY_MS, START_MS + days * DAY_MS);
      const events = await store.countEvents();
      await store.close();
      writtenDays = days;
      log(`${days} days, ${events} events: a hub catches up once and saves its read models`);
      await catchUp(config, offices);
      const expected = history.statusCounts();
      const hubMs: number[] = [];
      const projectionsMs: number[] = [];
      let performanceRows = 0;
      for (let run = 1; run <= RESTARTS; run++) {
        log(`${days} days: restart ${run}/${RESTARTS}, a hub then the projections alone`);
        hubMs.push(await restartHub(config, offices, expected));
        const alone = await restartProjections(config, eventsFile, offices, expected);
        projectionsMs.push(alone.ms);
        performanceRows = alone.performanceRows;
      }
      ages.push({
        days,
        events,
        megabytes: statSync(eventsFile).size / 2 ** 20,
        performanceRows,
        hubMs: median(hubMs),
        projectionsMs: median(projectionsMs),
      });
    }
    report(ages, history.statusCounts());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The state a restart finds: read models caught up with the store and saved by a clean stop. */
async function catchUp(config: HubConfig, offices: readonly OfficeConfig[]): Promise<void> {
  const hub = await startHub(config, offices, LOGS);
  const models = [hub.app.get(OfficeHealthProjection), hub.app.get(OfficePerformanceProjection)];
  await eventually(
    'the read models to catch up',
    async () => (await Promise.all(models.map((m) => m.eventsBehind(1)))).every((n) => n === 0),
    { timeoutMs: 600_000, everyMs: 100 },
  );
  await hub.close();
}

/** ms from startHub to the first GET /health/summary counting every office's status. */
async function restartHub(
  config: HubConfig,
  offices: readonly OfficeConfig[],
  expected: Counts,
): Promise<number> {
  const started = performance.now();
  const hub = await startHub(config, offices, LOGS);
  try {
    await eventually(
      'a full health summary',
      async () =>
        sameCounts((await request('GET', `${hub.url}/health/summary`)).body.counts, expected),
      { timeoutMs: 120_000, everyMs: 5 },
    );
    return performance.now() - started;
  } finally {
    await hub.close();
  }
}

/** The read models alone: loading the saved rows and resuming after their checkpoints. */
async function restartProjections(
  config: HubConfig,
  eventsFile: string,
  offices: readonly OfficeConfig[],
  expected: Counts,
): Promise<{ ms: number; performanceRows: number }> {
  const store = SqliteEventStore.open(eventsFile);
  const readModels = SqliteReadModelStore.open(config.readModelsFile);
  const directory = new OfficeDirectory(offices);
  try {
    const started = performance.now();
    const health = new OfficeHealthProjection(store, readModels, directory);
    const performanceModel = new OfficePerformanceProjection(store, readModels, directory);
    await health.start();
    await performanceModel.start();
    await eventually(
      'the projections to hold every office',
      async () =>
        sameCounts(health.summary().counts, expected) &&
        (await health.eventsBehind(1)) === 0 &&
        (await performanceModel.eventsBehind(1)) === 0,
      { timeoutMs: 120_000, everyMs: 5 },
    );
    const ms = performance.now() - started;
    await health.stop();
    await performanceModel.stop();
    const performanceRows = (await readModels.load('office-performance'))?.rows.size ?? 0;
    return { ms, performanceRows };
  } finally {
    await directory.close();
    await readModels.close();
    await store.close();
  }
}

function report(ages: readonly Age[], counts: Counts): void {
  const [day] = ages;
  const cells = (...values: string[]) => values.map((value) => value.padStart(12)).join('');
  const row = (label: string, value: (age: Age) => number, ratios = false) => {
    const line = `${label.padEnd(40)}${cells(...ages.map((age) => value(age).toFixed(0)))}`;
    if (!ratios) return line;
    const ratio = (age: Age) => `${(value(age) / value(day)).toFixed(2)}x`;
    return `${line}${cells(...ages.slice(1).map(ratio))}`;
  };
  const ages7and30 = ages.slice(1).map((age) => `${age.days}d/1d`);
  console.log(
    [
      '',
      `Restart to a full health view, embedded store: ${OFFICES} dummy offices, a check every ` +
        `${CHECK_MINUTES} min and a rollup every ${ROLLUP_MINUTES} min each; monitor off.`,
      `Statuses at the end: ${JSON.stringify(counts)}. Median of ${RESTARTS} restarts.`,
      '',
      `${''.padEnd(40)}${cells(...ages.map((age) => `${age.days} day${age.days > 1 ? 's' : ''}`), ...ages7and30)}`,
      row('events in the store', (age) => age.events),
      row('store size (MiB)', (age) => age.megabytes),
      row('performance rows saved', (age) => age.performanceRows),
      row('hub restart to full summary (ms)', (age) => age.hubMs, true),
      row('projections alone to full view (ms)', (age) => age.projectionsMs, true),
      '',
      'ratio: time at 7 (30) days / time at 1 day; about 1 when a restart costs the rows saved,',
      'not the events in the store. The performance rows are bins of the last 7 days (a minute bin',
      'per rollup for a day, an hour bin for a week): they grow with the age up to 7 days, then stay.',
      '',
    ].join('\n'),
  );
}

runBench(main);
