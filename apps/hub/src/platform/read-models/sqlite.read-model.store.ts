import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ReadModelStore, RowChanges, SavedReadModel } from './read-model.store.port';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS models (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    checkpoint TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS model_rows (
    model TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (model, key)
  ) WITHOUT ROWID;
`;

const LOAD_PAGE = 10_000;

/** Thrown when another process has the file open: two instances must not share read models. */
export class ReadModelStoreInUseError extends Error {
  constructor(path: string) {
    super(
      `read-model database ${path} is in use by another process: give each hub instance its own ` +
        '(HUB_INSTANCE_ID or READ_MODELS_FILE)',
    );
    this.name = 'ReadModelStoreInUseError';
  }
}

/** Read models in one SQLite file per hub instance, held exclusively while the hub runs. */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly selectModel: Database.Statement<
    [string],
    { version: number; checkpoint: string | null }
  >;
  private readonly selectRows: Database.Statement<
    [string, string, number],
    { key: string; value: string }
  >;
  private readonly upsertModel: Database.Statement<[string, number, string | null, string]>;
  private readonly moveCheckpoint: Database.Statement<[string, number, string | null, string]>;
  private readonly upsertRow: Database.Statement<[string, string, string]>;
  private readonly deleteRow: Database.Statement<[string, string]>;
  private readonly deleteRows: Database.Statement<[string]>;

  private constructor(private readonly db: Database.Database) {
    this.selectModel = db.prepare('SELECT version, checkpoint FROM models WHERE name = ?');
    this.selectRows = db.prepare(
      'SELECT key, value FROM model_rows WHERE model = ? AND key > ? ORDER BY key LIMIT ?',
    );
    this.upsertModel = db.prepare(
      `INSERT INTO models (name, version, checkpoint, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version,
         checkpoint = excluded.checkpoint, updated_at = excluded.updated_at`,
    );
    // A save without a checkpoint keeps the one stored.
    this.moveCheckpoint = db.prepare(
      `INSERT INTO models (name, version, checkpoint, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version,
         checkpoint = COALESCE(excluded.checkpoint, checkpoint), updated_at = excluded.updated_at`,
    );
    this.upsertRow = db.prepare(
      `INSERT INTO model_rows (model, key, value) VALUES (?, ?, ?)
       ON CONFLICT (model, key) DO UPDATE SET value = excluded.value`,
    );
    this.deleteRow = db.prepare('DELETE FROM model_rows WHERE model = ? AND key = ?');
    this.deleteRows = db.prepare('DELETE FROM model_rows WHERE model = ?');
  }

  /** `:memory:` for a store that lives as long as the process. */
  static open(path: string): SqliteReadModelStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma('busy_timeout = 200');
      db.pragma('journal_mode = WAL');
      // Held from the first write to close: a second hub on the same file fails at start.
      db.pragma('locking_mode = EXCLUSIVE');
      // A read model can be rebuilt from the events: losing the last commits to a power cut
      // costs a replay from an older checkpoint, never a model inconsistent with its checkpoint.
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new ReadModelStoreInUseError(path);
      }
      throw error;
    }
    return new SqliteReadModelStore(db);
  }

  async load(model: string): Promise<SavedReadModel | undefined> {
    const saved = this.selectModel.get(model);
    if (!saved) return undefined;
    const rows = new Map<string, unknown>();
    // In pages, yielding between them: a model of a million rows must not stall the hub's requests.
    for (let after = ''; ; await new Promise((resolve) => setImmediate(resolve))) {
      const page = this.selectRows.all(model, after, LOAD_PAGE);
      for (const { key, value } of page) rows.set(key, JSON.parse(value));
      if (page.length < LOAD_PAGE) break;
      after = page[page.length - 1].key;
    }
    return {
      version: saved.version,
      ...(saved.checkpoint === null ? {} : { checkpoint: saved.checkpoint }),
      rows,
    };
  }

  async save(
    model: string,
    version: number,
    changes: RowChanges,
    checkpoint?: string,
  ): Promise<void> {
    this.db.transaction(() => {
      this.writeRows(model, changes);
      this.moveCheckpoint.run(model, version, checkpoint ?? null, new Date().toISOString());
    })();
  }

  async replace(
    model: string,
    version: number,
    rows: ReadonlyMap<string, unknown>,
    checkpoint?: string,
  ): Promise<void> {
    this.db.transaction(() => {
      this.deleteRows.run(model);
      this.writeRows(model, rows);
      this.upsertModel.run(model, version, checkpoint ?? null, new Date().toISOString());
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private writeRows(model: string, rows: RowChanges): void {
    for (const [key, value] of rows) {
      if (value === undefined) this.deleteRow.run(model, key);
      else this.upsertRow.run(model, key, JSON.stringify(value));
    }
  }
}
