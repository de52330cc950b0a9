import type Database from 'better-sqlite3';
import type { ExpireOptions, ExpiryResult, RetentionPolicy } from '../event-store.port';
import { checkedRetentionPolicy } from '../retention-policy';
import { filterConditions } from './sqlite.filter';

/** At most this many positions, so about as many events, are deleted per transaction. */
const BATCH_POSITIONS = 5_000;

/**
 * Names in the `checkpoints` table starting with this are reserved: each holds the position up to
 * which a set of prefixes has been scavenged.
 */
export const RETENTION_CHECKPOINT_PREFIX = 'retention:';

type PositionRow = { position: number; recorded_at: string };

/**
 * Deletes the events of a retention policy's streams recorded before its cutoff, except the last
 * event of each stream (the next append's revision comes from it). The cost follows the load,
 * not the age of the store: each run starts where the previous one stopped (a checkpoint per set
 * of prefixes), finds the cutoff by binary search on positions (positions grow with time), and
 * deletes in transactions of at most BATCH_POSITIONS positions, yielding between them.
 */
export class SqliteScavenger {
  private readonly firstAtOrAfter: Database.Statement<[number], PositionRow>;
  private readonly head: Database.Statement<[], { position: number | null }>;
  private readonly lastRevision: Database.Statement<[string], { revision: number | null }>;
  private readonly deleteUpTo: Database.Statement<[string, number]>;
  private readonly loadCheckpoint: Database.Statement<[string], { position: string }>;
  private readonly saveCheckpoint: Database.Statement<[string, string, string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.firstAtOrAfter = db.prepare(
      'SELECT position, recorded_at FROM events WHERE position >= ? ORDER BY position LIMIT 1',
    );
    this.head = db.prepare('SELECT MAX(position) AS position FROM events');
    this.lastRevision = db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream = ?');
    // Served by the UNIQUE (stream, revision) index: only the stream's oldest events are visited.
    this.deleteUpTo = db.prepare('DELETE FROM events WHERE stream = ? AND revision <= ?');
    this.loadCheckpoint = db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.saveCheckpoint = db.prepare(
      `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    );
  }

  async expire(policy: RetentionPolicy, { signal }: ExpireOptions = {}): Promise<ExpiryResult> {
    checkedRetentionPolicy(policy);
    // No prefix selects no stream (a filter's empty list would select them all).
    if (policy.streamPrefixes.length === 0) return { removed: 0, streamsMarked: 0 };
    const prefixes = [...new Set(policy.streamPrefixes)].sort();
    const checkpoint = `${RETENTION_CHECKPOINT_PREFIX}${prefixes.join(',')}`;
    const cutoff = new Date(this.now().getTime() - policy.maxAgeMs).toISOString();
    const after = this.savedPosition(checkpoint);
    const upTo = this.lastPositionBefore(after, cutoff);
    const { conditions, params } = filterConditions({ streamPrefixes: prefixes });
    const streamsIn = this.db.prepare<(string | number)[], { stream: string; upTo: number }>(
      `SELECT stream, MAX(revision) AS upTo FROM events
       WHERE position > ? AND position <= ? AND ${conditions.join(' AND ')} GROUP BY stream`,
    );
    const batch = this.db.transaction((): { removed: number; done: boolean } => {
      // Read again in the transaction: another process sharing the file may have gone further.
      const from = this.savedPosition(checkpoint);
      if (from >= upTo) return { removed: 0, done: true };
      const to = Math.min(upTo, from + BATCH_POSITIONS);
      let removed = 0;
      for (const stream of streamsIn.all(from, to, ...params)) {
        // Up to the stream's last event in this range: older ones a previous run kept as the
        // stream's last go too, never the stream's last event now.
        const last = this.lastRevision.get(stream.stream)!.revision!;
        const bound = Math.min(stream.upTo, last - 1);
        if (bound >= 0) removed += this.deleteUpTo.run(stream.stream, bound).changes;
      }
      this.saveCheckpoint.run(checkpoint, String(to), this.now().toISOString());
      return { removed, done: to >= upTo };
    });
    let removed = 0;
    while (this.db.open && !signal?.aborted) {
      // IMMEDIATE: the write lock first, so an append by another process waits, never fails.
      const done = batch.immediate();
      removed += done.removed;
      if (done.done) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const reached = this.db.open ? this.savedPosition(checkpoint) : after;
    return {
      removed,
      streamsMarked: 0,
      scanned: { after: String(after), upTo: String(Math.max(after, reached)) },
    };
  }

  private savedPosition(checkpoint: string): number {
    return Number(this.loadCheckpoint.get(checkpoint)?.position ?? 0);
  }

  /**
   * The highest position at or below which every event was recorded before `cutoff`, searched
   * after `from`: O(log n) index lookups, whatever the age of the store.
   */
  private lastPositionBefore(from: number, cutoff: string): number {
    let low = from + 1;
    let high = (this.head.get()!.position ?? 0) + 1;
    // Invariant: events below `low` are old; the first event at or after `high` is young or absent.
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const row = this.firstAtOrAfter.get(middle);
      if (!row || row.recorded_at >= cutoff) high = middle;
      else low = row.position + 1;
    }
    return low - 1;
  }
}
