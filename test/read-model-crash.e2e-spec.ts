import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EventStore, createEventStore } from '@pms-hub/event-store';
import { eventually } from '@pms-hub/testing';
import { OFFICE_TRAFFIC_STREAM_PREFIX } from '@pms-hub/domain';
import { OfficeHealthProjection } from '../apps/hub/src/monitoring/read-models/office-health/office-health.projection';
import { OfficePerformanceProjection } from '../apps/hub/src/monitoring/read-models/office-performance/office-performance.projection';
import { OfficeDirectory } from '../apps/hub/src/offices/office-directory';
import { SqliteReadModelStore } from '../apps/hub/src/platform/read-models/sqlite.read-model.store';
import { NOW_MS, appendInterleaved, monitoringHistory } from './support/monitoring-history';

/** Built by `npm run build:fixtures` (jest's globalSetup) from test/fixtures/read-models/projecting.ts. */
const PROJECTING_JS = resolve(
  __dirname,
  '../.tmp/fixtures-build/test/fixtures/read-models/projecting.js',
);
const OFFICES = 40;
/** After `started`: the first kill lands early in the catch-up, the later ones further on. */
const KILL_AFTER_MS = [400, 900, 1500, 2500];

/** The projecting fixture, killed with SIGKILL `afterMs` after it has loaded its rows. */
async function runAndKill(eventsDb: string, readModelsDb: string, afterMs: number): Promise<void> {
  if (!existsSync(PROJECTING_JS)) {
    throw new Error(
      `${PROJECTING_JS} is missing: run \`npm run build:fixtures\` first ` +
        '(jest globalSetup does it unless PMS_HUB_SKIP_BUILD=1)',
    );
  }
  const child: ChildProcess = spawn(process.execPath, [PROJECTING_JS, eventsDb, readModelsDb], {
    stdio: 'pipe',
  });
  let output = '';
  const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
    child.on('close', (_code, signal) => resolveExit(signal)),
  );
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await new Promise<void>((started, failed) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('started\n')) started();
    });
    void exited.then(() => failed(new Error(`projecting exited before it started:\n${output}`)));
  });
  await new Promise((resolveWait) => setTimeout(resolveWait, afterMs));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe('read models killed with SIGKILL while they save (real child processes, real SQLite files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-read-model-crash-'));
  const eventsDb = join(dir, 'events.sqlite');
  const readModelsDb = join(dir, 'read-models.sqlite');
  const { store }: { store: EventStore } = createEventStore({ kind: 'embedded', path: eventsDb });
  const officeIds = Array.from({ length: OFFICES }, (_, i) => `office-${i + 1}`);
  const offices = new OfficeDirectory(
    officeIds.map((officeId) => ({ officeId, connection: { pmsType: 'dummy' } })),
  );

  afterAll(async () => {
    await store.close();
    await offices.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes each time from rows and a checkpoint saved together: the result equals a run from zero', async () => {
    await appendInterleaved(store, monitoringHistory(officeIds));
    const trafficEvents = async (after: string | undefined) =>
      (
        await store.readAll({
          after,
          filter: { streamPrefixes: [OFFICE_TRAFFIC_STREAM_PREFIX] },
          maxCount: 1_000_000,
        })
      ).length;
    const total = await trafficEvents(undefined);

    // Where each kill left the saved traffic model: how many of its events were still to apply.
    const leftBehind: number[] = [];
    for (const afterMs of KILL_AFTER_MS) {
      await runAndKill(eventsDb, readModelsDb, afterMs);
      const readModels = SqliteReadModelStore.open(readModelsDb);
      const saved = await readModels.load('office-performance');
      await readModels.close();
      leftBehind.push(saved ? await trafficEvents(saved.checkpoint) : total);
    }
    // At least one kill came in the middle of the catch-up, after a save and before the end.
    expect(leftBehind.some((behind) => behind > 0 && behind < total)).toBe(true);

    // Resumed from what the kills left, and built from zero beside it: the same answers. Rows
    // ahead of their checkpoint would count traffic twice; rows behind it would miss some.
    const readModels = SqliteReadModelStore.open(readModelsDb);
    const fromZero = SqliteReadModelStore.open(':memory:');
    const resumed = {
      health: new OfficeHealthProjection(store, readModels, offices),
      performance: new OfficePerformanceProjection(store, readModels, offices),
    };
    const reference = {
      health: new OfficeHealthProjection(store, fromZero, offices),
      performance: new OfficePerformanceProjection(store, fromZero, offices),
    };
    const all = [...Object.values(resumed), ...Object.values(reference)];
    try {
      for (const projection of all) await projection.start();
      for (const projection of all) {
        await eventually(
          'the projection to apply every event',
          async () => ((await projection.eventsBehind(1)) === 0 ? true : undefined),
          { timeoutMs: 50_000 },
        );
      }
      expect(resumed.health.summary()).toEqual(reference.health.summary());
      for (const officeId of officeIds) {
        expect(resumed.health.officeHealth(officeId)).toEqual(
          reference.health.officeHealth(officeId),
        );
        for (const window of ['1h', '24h', '7d'] as const) {
          expect(resumed.performance.performance(officeId, window, NOW_MS)).toEqual(
            reference.performance.performance(officeId, window, NOW_MS),
          );
        }
      }
      expect(
        reference.performance.performance(officeIds[0], '7d', NOW_MS)?.overall.requestCount,
      ).toBeGreaterThan(0);
    } finally {
      for (const projection of all) await projection.stop();
      await readModels.close();
      await fromZero.close();
    }
  });
});
