import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelStoreInUseError, SqliteReadModelStore } from './sqlite.read-model.store';

describe('SqliteReadModelStore (real SQLite file)', () => {
  let dir: string;
  let path: string;
  let store: SqliteReadModelStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-read-models-'));
    path = join(dir, 'nested', 'read-models.sqlite');
    store = SqliteReadModelStore.open(path);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has nothing for a model never saved', async () => {
    expect(await store.load('office-health')).toBeUndefined();
  });

  it('saves changed rows with their checkpoint, deletes rows, and keeps models apart', async () => {
    await store.save(
      'a',
      1,
      new Map<string, unknown>([
        ['x', { n: 1 }],
        ['y', [1, 2]],
      ]),
      '10',
    );
    await store.save('b', 3, new Map([['x', 'other model']]), '7');
    await store.save(
      'a',
      1,
      new Map<string, unknown>([
        ['x', { n: 2 }],
        ['y', undefined],
      ]),
      '12',
    );

    expect(await store.load('a')).toEqual({
      version: 1,
      checkpoint: '12',
      rows: new Map([['x', { n: 2 }]]),
    });
    expect(await store.load('b')).toEqual({
      version: 3,
      checkpoint: '7',
      rows: new Map([['x', 'other model']]),
    });
  });

  it('keeps the checkpoint when a save has none (a change read outside the feed)', async () => {
    await store.save('a', 1, new Map([['x', 1]]), '10');
    await store.save('a', 1, new Map([['y', 2]]));
    expect(await store.load('a')).toEqual({
      version: 1,
      checkpoint: '10',
      rows: new Map([
        ['x', 1],
        ['y', 2],
      ]),
    });
  });

  it('has no checkpoint until one is saved', async () => {
    await store.save('a', 1, new Map([['x', 1]]));
    expect(await store.load('a')).toEqual({ version: 1, rows: new Map([['x', 1]]) });
  });

  it('replaces every row of one model, and its version and checkpoint', async () => {
    await store.save('a', 1, new Map([['old', 1]]), '10');
    await store.save('b', 1, new Map([['kept', 1]]), '10');
    await store.replace('a', 2, new Map([['new', 2]]), '20');
    expect(await store.load('a')).toEqual({
      version: 2,
      checkpoint: '20',
      rows: new Map([['new', 2]]),
    });
    expect((await store.load('b'))?.rows).toEqual(new Map([['kept', 1]]));
  });

  it('loads a model of many rows whole, in pages', async () => {
    const rows = new Map(Array.from({ length: 25_001 }, (_, i) => [`row ${i}`, { i }]));
    await store.replace('big', 1, rows, '99');
    const loaded = await store.load('big');
    expect(loaded?.rows.size).toBe(25_001);
    expect(loaded?.rows).toEqual(rows);
  });

  it('keeps what was saved across a close and a reopen', async () => {
    await store.save('a', 1, new Map([['x', 'kept']]), '5');
    await store.close();
    store = SqliteReadModelStore.open(path);
    expect(await store.load('a')).toEqual({
      version: 1,
      checkpoint: '5',
      rows: new Map([['x', 'kept']]),
    });
  });

  it('refuses a second opener while the first holds the file, naming the way out', async () => {
    expect(() => SqliteReadModelStore.open(path)).toThrow(ReadModelStoreInUseError);
    expect(() => SqliteReadModelStore.open(path)).toThrow(/HUB_INSTANCE_ID or READ_MODELS_FILE/);
    await store.close();
    store = SqliteReadModelStore.open(path);
    expect(await store.load('a')).toBeUndefined();
  });
});
