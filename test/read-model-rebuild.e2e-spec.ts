import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, createEventStore } from '@pms-hub/event-store';
import { eventually } from '@pms-hub/testing';
import { OfficeHealthProjection } from '../apps/hub/src/monitoring/read-models/office-health/office-health.projection';
import { OfficeDirectory } from '../apps/hub/src/offices/office-directory';
import { OfficePerformanceProjection } from '../apps/hub/src/monitoring/read-models/office-performance/office-performance.projection';
import { SqliteReadModelStore } from '../apps/hub/src/platform/read-models/sqlite.read-model.store';
import { ReadModelProjection } from '../apps/hub/src/platform/projections/read-model.projection';
import { NOW_MS, appendInterleaved, monitoringHistory } from './support/monitoring-history';

const OFFICES = 50;

type Answers = ReturnType<typeof answersOf>;

/** Everything the two models answer, for every office and window. */
function answersOf(
  officeIds: readonly string[],
  health: OfficeHealthProjection,
  performance: OfficePerformanceProjection,
) {
  return {
    summary: health.summary(),
    offices: officeIds.map((officeId) => ({
      health: health.officeHealth(officeId),
      performance: (['1h', '24h', '7d'] as const).map((window) =>
        performance.performance(officeId, window, NOW_MS),
      ),
    })),
  };
}

describe('persisted read models: rebuilt from scratch and restarted from their rows, they equal the live ones (real embedded store, real SQLite read models, 100 000+ events)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-rebuild-'));
  const { store }: { store: EventStore } = createEventStore({
    kind: 'embedded',
    path: join(dir, 'events.sqlite'),
  });
  const readModelsFile = join(dir, 'read-models.sqlite');
  let readModels = SqliteReadModelStore.open(readModelsFile);
  const officeIds = Array.from({ length: OFFICES }, (_, i) => `office-${i + 1}`);
  const offices = new OfficeDirectory(
    officeIds.map((officeId) => ({ officeId, connection: { pmsType: 'dummy' } })),
  );
  let health = new OfficeHealthProjection(store, readModels, offices);
  let performance = new OfficePerformanceProjection(store, readModels, offices);
  const caughtUp = (projection: { eventsBehind(atMost: number): Promise<number> }) =>
    eventually(
      'the projection to apply every event',
      async () => ((await projection.eventsBehind(1)) === 0 ? true : undefined),
      {
        // Only a bound for a stuck projection: catching up takes a few seconds.
        timeoutMs: 50_000,
      },
    );
  const savedRows = async () => ({
    health: (await readModels.load('office-health'))?.rows,
    performance: (await readModels.load('office-performance'))?.rows,
  });

  afterAll(async () => {
    await Promise.all([health, performance].map((p) => p.stop()));
    await readModels.close();
    await store.close();
    await offices.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let live: Answers;
  let liveRows: Awaited<ReturnType<typeof savedRows>>;
  let counts: { health: number; performance: number };

  it('applies the history live and saves it', async () => {
    await health.start();
    await performance.start();

    const streams = monitoringHistory(officeIds);
    const total = streams.reduce((sum, { events }) => sum + events.length, 0);
    expect(total).toBeGreaterThanOrEqual(100_000);
    counts = {
      health: streams
        .filter(({ streamId }) => streamId.startsWith('office-health-'))
        .reduce((sum, { events }) => sum + events.length, 0),
      performance: streams
        .filter(({ streamId }) => streamId.startsWith('office-traffic-'))
        .reduce((sum, { events }) => sum + events.length, 0),
    };
    // The history must move offices between statuses, or the comparison proves little.
    const changes = streams.flatMap(({ events }) =>
      events.filter(({ type }) => type === 'OfficeHealthChanged'),
    );
    expect(changes.length).toBeGreaterThan(OFFICES * 10);

    await appendInterleaved(store, streams);
    expect((await store.readAll({ maxCount: total + 1 })).length).toBe(total);

    await caughtUp(health);
    await caughtUp(performance);
    live = answersOf(officeIds, health, performance);
    expect(live.offices[0].performance[2]?.overall.requestCount).toBeGreaterThan(0);
    // Stopping saves what was applied; the rows were saved as the events came.
    await health.stop();
    await performance.stop();
    liveRows = await savedRows();
    expect(liveRows.health?.size).toBe(OFFICES);
    expect(liveRows.performance?.size).toBeGreaterThan(OFFICES);
  });

  it('restarted on its saved rows (a new process: the file reopened), each model answers as the live one did', async () => {
    await readModels.close();
    readModels = SqliteReadModelStore.open(readModelsFile);
    health = new OfficeHealthProjection(store, readModels, offices);
    performance = new OfficePerformanceProjection(store, readModels, offices);
    await health.start();
    await performance.start();
    expect(await health.position()).toMatchObject({ eventsBehind: 0 });
    expect(await performance.position()).toMatchObject({ eventsBehind: 0 });
    expect(answersOf(officeIds, health, performance)).toEqual(live);
  });

  it('rebuilt from the start of the store, each model answers and saves as the live one did', async () => {
    await health.rebuild();
    await performance.rebuild();
    expect(health.lastRebuild()).toMatchObject({
      state: 'done',
      eventsDone: counts.health,
      eventsTotal: counts.health,
    });
    expect(performance.lastRebuild()).toMatchObject({
      state: 'done',
      eventsDone: counts.performance,
      eventsTotal: counts.performance,
    });
    expect(answersOf(officeIds, health, performance)).toEqual(live);
    // Rows saved one change at a time equal rows written whole from a rebuild.
    expect(await savedRows()).toEqual(liveRows);
  });

  it('rebuilt together from one read of the store (as POST /read-models/rebuild does), the same again', async () => {
    await ReadModelProjection.rebuildTogether([health, performance]);
    expect(health.lastRebuild()).toMatchObject({ state: 'done', eventsDone: counts.health });
    expect(performance.lastRebuild()).toMatchObject({
      state: 'done',
      eventsDone: counts.performance,
    });
    expect(answersOf(officeIds, health, performance)).toEqual(live);
    expect(await savedRows()).toEqual(liveRows);
  });
});
