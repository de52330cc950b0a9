import type Database from 'better-sqlite3';
import {
  AppendResult,
  CheckpointStore,
  EventFilter,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ExpireOptions,
  ExpiryResult,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  RetentionPolicy,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { PollingBatch, PollingSubscription } from './polling.subscription';
import { filterConditions } from './sqlite.filter';
import { openSqliteDatabase } from './sqlite.schema';
import { SqliteScavenger } from './sqlite.scavenger';
import { checkedStreamRead } from '../stream-read';

interface EventRow {
  position: number;
  stream: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

type StoredId = Pick<EventRow, 'stream' | 'revision' | 'position'>;

/** The most positions one subscription read looks at. */
const SCAN_WINDOW = 10_000;

export interface SqliteEventStoreOptions {
  /** How often live subscriptions look for appends made by other processes. */
  readonly pollIntervalMs?: number;
  /**
   * The clock that stamps `recordedAt` and dates retention's cutoff; tests pass one to record
   * events in the past. Positions follow appends, so keep it moving forward.
   */
  readonly now?: () => Date;
}

/** Embedded event store: one SQLite file, safe to share between processes. */
export class SqliteEventStore implements EventStore {
  readonly checkpoints: SqliteCheckpointStore;
  private readonly appendListeners = new Set<() => void>();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly scavenger: SqliteScavenger;
  private readonly storedId: Database.Statement<[string], StoredId>;
  private readonly lastRevision: Database.Statement<[string], { revision: number | null }>;
  private readonly insert: Database.Statement<
    [string, number, string, string, string, string, string]
  >;
  private readonly selectStream: Database.Statement<[string, number], EventRow>;
  private readonly selectStreamTail: Database.Statement<[string, number, number], EventRow>;
  private readonly head: Database.Statement<[], { position: number | null }>;
  private readonly appendInTransaction: Database.Transaction<
    (streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision) => AppendResult
  >;

  private constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
    private readonly now: () => Date,
  ) {
    this.checkpoints = new SqliteCheckpointStore(db);
    this.scavenger = new SqliteScavenger(db, now);
    this.storedId = db.prepare('SELECT stream, revision, position FROM events WHERE event_id = ?');
    this.head = db.prepare('SELECT MAX(position) AS position FROM events');
    this.lastRevision = db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream = ?');
    this.insert = db.prepare(
      'INSERT INTO events (stream, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    // Served by the UNIQUE (stream, revision) index: a tail read costs the tail, not the stream.
    this.selectStream = db.prepare(
      'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision',
    );
    this.selectStreamTail = db.prepare(
      `SELECT * FROM (SELECT * FROM events WHERE stream = ? AND revision >= ?
         ORDER BY revision DESC LIMIT ?) ORDER BY revision`,
    );
    this.appendInTransaction = db.transaction((streamId, events, expected) =>
      this.write(streamId, events, expected),
    );
  }

  static open(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    return new SqliteEventStore(
      openSqliteDatabase(path),
      options.pollIntervalMs ?? 100,
      options.now ?? (() => new Date()),
    );
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId}: no events`);
    if (
      typeof expectedRevision === 'number' &&
      !(Number.isInteger(expectedRevision) && expectedRevision >= 0)
    ) {
      throw new Error(`append to ${streamId}: invalid expected revision ${expectedRevision}`);
    }
    // IMMEDIATE takes the write lock before reading the revision, so the check cannot go stale.
    const result = this.appendInTransaction.immediate(streamId, events, expectedRevision);
    this.appendListeners.forEach((wake) => wake());
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { fromRevision, last } = checkedStreamRead(streamId, options);
    const rows =
      last === undefined
        ? this.selectStream.all(streamId, fromRevision)
        : this.selectStreamTail.all(streamId, fromRevision, last);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.select(options.after, options.maxCount, options.filter);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (!this.db.open) throw new Error('event store is closed');
    const subscription: PollingSubscription = new PollingSubscription(
      {
        readBatch: (after, batchSize) => this.readBatch(after, batchSize, options.filter),
        onAppend: (listener) => {
          this.appendListeners.add(listener);
          return () => this.appendListeners.delete(listener);
        },
        pollIntervalMs: this.pollIntervalMs,
      },
      options,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async countEvents(filter?: EventFilter): Promise<number> {
    const { conditions, params } = filterConditions(filter);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.db
      .prepare<(string | number)[], { count: number }>(
        `SELECT COUNT(*) AS count FROM events ${where}`,
      )
      .get(...params)!.count;
  }

  /** Deletes now, in batches; see `SqliteScavenger`. */
  async expire(policy: RetentionPolicy, options?: ExpireOptions): Promise<ExpiryResult> {
    if (!this.db.open) throw new Error('event store is closed');
    return this.scavenger.expire(policy, options);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    // Failures already went to onError (or surfaced as unhandled rejections); closing must go on.
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  private write(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult {
    const replayed = this.replayedResult(streamId, events, expected);
    if (replayed) return replayed;
    const current = this.lastRevision.get(streamId)?.revision ?? null;
    const matches =
      expected === 'any' || (expected === 'no_stream' ? current === null : current === expected);
    if (!matches) throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
    const recordedAt = this.now().toISOString();
    let position: number | bigint = 0;
    events.forEach((event, index) => {
      position = this.insert.run(
        streamId,
        (current ?? -1) + 1 + index,
        event.id,
        event.type,
        JSON.stringify(event.data ?? null),
        JSON.stringify(event.metadata ?? null),
        recordedAt,
      ).lastInsertRowid;
    });
    return { nextRevision: (current ?? -1) + events.length, position: String(position) };
  }

  /**
   * EventStoreDB-style idempotency: a batch already stored as-is (same ids, consecutive revisions)
   * gets its original result back and nothing is written, whatever the expected revision now says.
   */
  private replayedResult(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const stored = events.map((event) => this.storedId.get(event.id));
    const elsewhere = stored.findIndex((row) => row && row.stream !== streamId);
    if (elsewhere >= 0) {
      throw new Error(
        `append to ${streamId}: event id ${events[elsewhere].id} already exists in stream ${stored[elsewhere]?.stream}`,
      );
    }
    if (stored.every((row) => row === undefined)) return undefined;
    const [first] = stored;
    const last = stored[stored.length - 1];
    const lined = stored.every((row, index) => first && row?.revision === first.revision + index);
    if (!lined || !last) {
      const current = this.lastRevision.get(streamId)?.revision ?? null;
      throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
    }
    return { nextRevision: last.revision, position: String(last.position) };
  }

  /**
   * A subscription's next read: matching events among the next SCAN_WINDOW positions at most, so
   * a sparse filter costs one look at each event, never a rescan, and no read blocks the event
   * loop for long. Positions are given in commit order (one writer at a time), so nothing can
   * later appear below the head this read saw.
   */
  private readBatch(
    after: string | undefined,
    batchSize: number,
    filter: EventFilter | undefined,
  ): PollingBatch {
    return this.db.transaction(() => {
      const from = after === undefined ? 0 : parsePosition(after);
      const head = this.head.get()!.position ?? 0;
      const to = Math.min(head, from + SCAN_WINDOW);
      const events = this.select(after, batchSize, filter, to);
      const full = events.length === batchSize;
      const scanned = full ? parsePosition(events[events.length - 1].position) : to;
      return {
        events,
        scannedTo: scanned > from ? String(scanned) : after,
        more: full || to < head,
      };
    })();
  }

  private select(
    after: string | undefined,
    maxCount: number | undefined,
    filter: EventFilter | undefined,
    upTo?: number,
  ): RecordedEvent[] {
    const conditions = ['position > ?'];
    const params: (string | number)[] = [after === undefined ? 0 : parsePosition(after)];
    if (upTo !== undefined) {
      conditions.push('position <= ?');
      params.push(upTo);
    }
    const selected = filterConditions(filter);
    conditions.push(...selected.conditions);
    params.push(...selected.params);
    const sql = `SELECT * FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`;
    return this.db
      .prepare<(string | number)[], EventRow>(sql)
      .all(...params, maxCount ?? -1)
      .map(toRecordedEvent);
  }
}

/** Checkpoints live in the same file as the events they point into. */
class SqliteCheckpointStore implements CheckpointStore {
  private readonly selectPosition: Database.Statement<[string], { position: string }>;
  private readonly upsert: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database) {
    this.selectPosition = db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.upsert = db.prepare(
      `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    );
  }

  async load(name: string): Promise<string | undefined> {
    return this.selectPosition.get(name)?.position;
  }

  async save(name: string, position: string): Promise<void> {
    this.upsert.run(name, position, new Date().toISOString());
  }
}

function parsePosition(position: string): number {
  if (!/^\d{1,15}$/.test(position))
    throw new Error(`not a SQLite event store position: ${position}`);
  return Number(position);
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    streamId: row.stream,
    revision: row.revision,
    position: String(row.position),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: row.recorded_at,
  };
}
