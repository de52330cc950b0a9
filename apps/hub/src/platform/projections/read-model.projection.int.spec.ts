import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { EventStore, RecordedEvent, createEventStore } from '@pms-hub/event-store';
import { eventually } from '@pms-hub/testing';
import { HubMetrics } from '../metrics/hub.metrics';
import { ReadModelStore } from '../read-models/read-model.store.port';
import { SqliteReadModelStore } from '../read-models/sqlite.read-model.store';
import { ReadModelProjection } from './read-model.projection';
import { ReadModelState } from './read-model.state';

/** Stream id → the ids of its events applied; fails once on the event it is told. */
class Recorded implements ReadModelState<string[]> {
  constructor(
    readonly streams = new Map<string, string[]>(),
    private failOnce?: string,
  ) {}

  apply(event: RecordedEvent): string[] {
    if (event.id === this.failOnce) {
      this.failOnce = undefined;
      throw new Error('apply failed');
    }
    this.streams.set(event.streamId, [...(this.streams.get(event.streamId) ?? []), event.id]);
    return [event.streamId];
  }

  row(key: string): string[] | undefined {
    return this.streams.get(key);
  }

  keys(): Iterable<string> {
    return this.streams.keys();
  }
}

/** Records the ids it applies from the `model-` streams, one row per stream. */
class RecordingProjection extends ReadModelProjection<string[], Recorded> {
  private failOnce?: string;

  constructor(
    store: EventStore,
    readModels: ReadModelStore,
    options: { failOnce?: string; metrics?: HubMetrics; version?: number } = {},
  ) {
    super(
      { name: 'recording', version: options.version ?? 1, filter: { streamPrefixes: ['model-'] } },
      store,
      readModels,
      options.metrics,
    );
    this.failOnce = options.failOnce;
  }

  /** Every id applied, by stream then store order. */
  applied(): string[] {
    return [...this.state.streams.values()].flat();
  }

  stream(streamId: string): string[] | undefined {
    return this.state.streams.get(streamId);
  }

  protected createState(): Recorded {
    const failOnce = this.failOnce;
    this.failOnce = undefined;
    return new Recorded(undefined, failOnce);
  }

  protected restoreState(rows: ReadonlyMap<string, string[]>): Recorded {
    return new Recorded(new Map(rows));
  }
}

describe('ReadModelProjection (real embedded store, real SQLite read-model store)', () => {
  let dir: string;
  let store: EventStore;
  let readModels: SqliteReadModelStore;
  let projection: RecordingProjection | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-read-model-'));
    ({ store } = createEventStore({ kind: 'embedded', path: join(dir, 'events.sqlite') }));
    readModels = SqliteReadModelStore.open(join(dir, 'read-models.sqlite'));
  });
  afterEach(async () => {
    await projection?.stop();
    projection = undefined;
    await readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  async function append(streamId: string): Promise<string> {
    const id = randomUUID();
    await store.append(streamId, [{ id, type: 'Recorded', data: {}, metadata: {} }], 'any');
    return id;
  }

  const caughtUp = (model: RecordingProjection) =>
    eventually('the projection to apply every event', async () =>
      (await model.eventsBehind(1)) === 0 ? true : undefined,
    );

  it('applies each event of its streams once, in store order, again after one failed', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const first = await append('model-a');
    await append('elsewhere-a');
    const failing = await append('model-b');
    const last = await append('model-a');
    projection = new RecordingProjection(store, readModels, { failOnce: failing });

    await projection.start();
    await eventually('the events to be applied', () => projection!.applied().length === 3);

    expect(projection.stream('model-a')).toEqual([first, last]);
    expect(projection.stream('model-b')).toEqual([failing]);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('apply failed'));
    expect(await projection.eventsBehind(10)).toBe(0);
  });

  it('reports under its name how many events of its streams it has not applied', async () => {
    const metrics = new HubMetrics();
    await append('model-a');
    await append('model-b');
    await append('elsewhere-a');
    projection = new RecordingProjection(store, readModels, { metrics });
    const lag = async () =>
      (await metrics.render()).match(
        /^hub_projection_lag_events\{projection="recording"\} (\d+)$/m,
      )?.[1];

    expect(await lag()).toBe('2');
    await projection.start();
    await eventually('the events to be applied', () => projection!.applied().length === 2);
    expect(await lag()).toBe('0');
  });

  it('saves its rows with their position and resumes from them: nothing applied twice', async () => {
    const before = [await append('model-a'), await append('model-b')];
    projection = new RecordingProjection(store, readModels);
    await projection.start();
    await caughtUp(projection);
    await projection.stop();
    const saved = await readModels.load('recording');
    expect(saved?.rows).toEqual(
      new Map([
        ['model-a', [before[0]]],
        ['model-b', [before[1]]],
      ]),
    );
    expect(saved?.checkpoint).toBe((await store.readAll({ maxCount: 10 })).at(-1)?.position);

    const after = await append('model-a');
    projection = new RecordingProjection(store, readModels);
    // Not ready until the saved rows are restored: queries must not take an empty state as true.
    expect(projection.ready).toBe(false);
    await projection.start();
    expect(projection.ready).toBe(true);
    await caughtUp(projection);
    expect(projection.stream('model-a')).toEqual([before[0], after]);
    expect(projection.stream('model-b')).toEqual([before[1]]);
  });

  it('applies each event once when a save fails mid catch-up, and saves every row next time', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    for (let batch = 0; batch < 11; batch++) {
      const events = Array.from({ length: 1000 }, () => ({
        id: randomUUID(),
        type: 'Recorded',
        data: {},
        metadata: {},
      }));
      await store.append(`model-${batch % 2}`, events, 'any');
    }
    let failures = 1;
    const flaky: ReadModelStore = Object.create(readModels, {
      save: {
        value: (...args: Parameters<ReadModelStore['save']>) =>
          failures-- > 0 ? Promise.reject(new Error('disk full')) : readModels.save(...args),
      },
      replace: {
        value: (...args: Parameters<ReadModelStore['replace']>) =>
          failures-- > 0 ? Promise.reject(new Error('disk full')) : readModels.replace(...args),
      },
    });
    projection = new RecordingProjection(store, flaky);
    await projection.start();
    await caughtUp(projection);

    expect(projection.applied()).toHaveLength(11_000);
    expect(new Set(projection.applied()).size).toBe(11_000);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('disk full'));
    await projection.stop();
    const saved = await readModels.load('recording');
    expect([...saved!.rows.values()].flat()).toHaveLength(11_000);
  });

  it('moves its checkpoint past events of other streams, so a restart does not read them again', async () => {
    await append('model-a');
    projection = new RecordingProjection(store, readModels);
    await projection.start();
    await caughtUp(projection);
    for (let i = 0; i < 20; i++) await append('elsewhere-a');
    const last = (await store.readAll({ maxCount: 100 })).at(-1)!.position;
    await eventually('the checkpoint to pass the other streams', async () =>
      (await projection!.position()).eventsBehind === 0 &&
      (await readModels.load('recording'))?.checkpoint === last
        ? true
        : undefined,
    );
  });

  it('applies the store from the start when the saved rows are of another version', async () => {
    const ids = [await append('model-a'), await append('model-a')];
    await readModels.replace('recording', 1, new Map([['model-a', ['stale']]]), undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    projection = new RecordingProjection(store, readModels, { version: 2 });
    await projection.start();
    await caughtUp(projection);
    expect(projection.stream('model-a')).toEqual(ids);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('saved rows are version 1'));
    await projection.stop();
    expect((await readModels.load('recording'))?.version).toBe(2);
    expect((await readModels.load('recording'))?.rows.get('model-a')).toEqual(ids);
  });

  it('rebuilds from the start into the same rows while it goes on serving, and reports progress', async () => {
    const ids = [await append('model-a'), await append('model-b'), await append('model-a')];
    await append('elsewhere-a');
    projection = new RecordingProjection(store, readModels);
    await projection.start();
    await caughtUp(projection);
    // Rows a rebuild must not keep: written behind the model's back.
    await readModels.save('recording', 1, new Map([['model-z', ['stale']]]));

    const rebuilt = projection.rebuild();
    await expect(projection.rebuild()).rejects.toThrow('already rebuilding');
    await rebuilt;
    const progress = projection.lastRebuild();
    expect(progress).toMatchObject({ model: 'recording', state: 'done', eventsDone: 3 });
    expect(progress?.eventsTotal).toBe(3);
    expect(projection.applied()).toEqual([ids[0], ids[2], ids[1]]);
    expect([...(await readModels.load('recording'))!.rows.keys()].sort()).toEqual([
      'model-a',
      'model-b',
    ]);

    // It goes on following the store after the swap.
    const later = await append('model-b');
    await caughtUp(projection);
    expect(projection.stream('model-b')).toEqual([ids[1], later]);
  });
});
