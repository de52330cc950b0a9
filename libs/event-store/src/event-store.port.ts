/**
 * The event store port: the hub's single source of truth. Every implementation (embedded SQLite,
 * EventStoreDB) passes the same conformance suite (`event-store.conformance.ts`).
 */

/** What an append expects of the stream: absent, anything, or at exactly this revision. */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface EventToAppend {
  /** uuid; appending the same ids again at the same expected revision is an idempotent no-op. */
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  /** 0-based position of the event within its stream. */
  readonly revision: number;
  /** Opaque, store-specific global position: save it as a checkpoint, never parse it. */
  readonly position: string;
  readonly data: unknown;
  readonly metadata: unknown;
  /** ISO 8601, when the store recorded it. */
  readonly recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextRevision: number;
  readonly position: string;
}

/** Thrown when the stream is not at the expected revision; nothing was written. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${expected}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Select events by stream prefix and/or event type (OR within a list, AND across lists). */
export interface EventFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface ReadStreamOptions {
  /** Inclusive: events at this revision and after (a non-negative integer). Absent: 0. */
  readonly fromRevision?: number;
  /**
   * Only the last `last` of those events (a positive integer), still in stream order: the tail
   * of a long stream without reading it all.
   */
  readonly last?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Absent: from the beginning. */
  readonly after?: string;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  /** Exclusive start, usually a saved checkpoint. Absent: from the beginning. */
  readonly after?: string;
  readonly filter?: EventFilter;
  /** Awaited one event at a time, in order; a rejection stops the subscription (see `onError`). */
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  /**
   * Called with a position the subscription has read up to, matching events or not: a filtered
   * subscription's checkpoint moves past the events it skipped, so resuming never rescans them.
   */
  readonly onCheckpoint?: (position: string) => void;
  /** Called once when catch-up is done and the subscription turns live. */
  readonly onCaughtUp?: () => void;
  /** Called when the subscription stops because of an error (handler or store). */
  readonly onError?: (error: Error) => void;
}

export interface Subscription {
  /** Resolves once no further `onEvent` call will start. */
  stop(): Promise<void>;
}

/** Which events may expire: those of these streams recorded longer ago than `maxAgeMs`. */
export interface RetentionPolicy {
  /**
   * An allow-list of stream prefixes (non-empty strings); streams of any other prefix are
   * never expired.
   */
  readonly streamPrefixes: readonly string[];
  /** A positive integer number of milliseconds. */
  readonly maxAgeMs: number;
}

export interface ExpireOptions {
  /** Aborting stops the work between two batches; what was done stays done. */
  readonly signal?: AbortSignal;
}

/** What one `expire` call did. */
export interface ExpiryResult {
  /** Events deleted by this call (0 where the server deletes them later, EventStoreDB). */
  readonly removed: number;
  /** Streams given the policy's maximum age by this call (0 where nothing is marked). */
  readonly streamsMarked: number;
  /**
   * The positions this call looked at, `(after, upTo]`, where the store scans them itself (the
   * embedded one): the next call starts at `upTo`.
   */
  readonly scanned?: { readonly after: string; readonly upTo: string };
}

export interface EventStore {
  append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;
  /**
   * The stream's events in order, from `fromRevision` on; an empty array if the stream does not
   * exist or has no event at or after `fromRevision`.
   */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of all streams in global order (user events only). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription to all events: reads history after `after`, then goes live. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /**
   * How many events the filter selects in the whole store, for progress reports; undefined where
   * counting would cost a read of the store (EventStoreDB).
   */
  countEvents(filter?: EventFilter): Promise<number | undefined>;
  /**
   * Applies a retention policy: the policy's events recorded before now − `maxAgeMs` go, but
   * never the last event of a stream, so the next append continues its revisions. The embedded
   * store deletes them now, from where its previous call stopped; EventStoreDB sets `$maxAge` on
   * the matching streams this process has appended to, and the server's scavenge deletes them.
   * Call it again, periodically: each call costs what was appended since the last one.
   */
  expire(policy: RetentionPolicy, options?: ExpireOptions): Promise<ExpiryResult>;
  close(): Promise<void>;
}

/** Durable named positions for subscriptions (projections, forwarders). */
export interface CheckpointStore {
  load(name: string): Promise<string | undefined>;
  save(name: string, position: string): Promise<void>;
}

/** Injection token: consumers depend on the port, never on an implementation. */
export const EVENT_STORE = Symbol('EVENT_STORE');
