import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
  type JSONEventType,
  type JSONType,
  type Position,
} from '@eventstore/db-client';
import { LRUCache } from 'lru-cache';
import {
  AppendResult,
  CheckpointStore,
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
import {
  CHECKPOINT_STREAM_PREFIX,
  comparePositions,
  decodePosition,
  encodePosition,
  isSelected,
  toRecordedEvent,
} from './eventstoredb.mapping';
import { EventStoreDbSubscription } from './eventstoredb.subscription';
import { checkedStreamRead } from '../stream-read';
import { appliesTo, checkedRetentionPolicy } from '../retention-policy';

type CheckpointEvent = JSONEventType<'Checkpoint', { position: string }>;

/** Old checkpoints are worthless: the server may scavenge all but the last few. */
const CHECKPOINTS_KEPT = 10;

/** Streams remembered as marked with a `$maxAge`: a few per office. */
const MARKED_STREAMS_KEPT = 100_000;

/** The event store on an EventStoreDB server (gRPC client 6.x). */
export class EventStoreDbEventStore implements EventStore {
  readonly checkpoints: EventStoreDbCheckpointStore;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  /** The last retention policy `expire` was given; appends note the streams it applies to. */
  private retention?: RetentionPolicy;
  /** Streams this process marked, with the `$maxAge` (seconds) they were given. */
  private readonly marked = new LRUCache<string, number>({ max: MARKED_STREAMS_KEPT });
  /** Streams of the policy appended to and not marked yet: the next `expire` marks them. */
  private readonly unmarked = new Set<string>();

  constructor(private readonly client: EventStoreDBClient) {
    this.checkpoints = new EventStoreDbCheckpointStore(client);
  }

  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId}: no events`);
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event) =>
          jsonEvent({
            id: event.id,
            type: event.type,
            // The client JSON.stringify()s any value; its JSONType is narrower than it needs.
            data: (event.data ?? null) as JSONType,
            metadata: event.metadata,
          }),
        ),
        { expectedRevision: toAppendExpectedRevision(expectedRevision) },
      );
      this.noteAppended(streamId);
      const nextRevision = Number(result.nextExpectedRevision);
      // The server reports no position for an idempotent replay, and for a batch a position that is
      // not its last event's; look the last event up so both stores answer alike.
      const position =
        result.position && events.length === 1
          ? result.position
          : await this.positionOf(streamId, nextRevision);
      return { nextRevision, position: encodePosition(position) };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const actual = error.actualVersion;
      throw new WrongExpectedRevisionError(
        streamId,
        expectedRevision,
        typeof actual === 'bigint' ? Number(actual) : 'no_stream',
      );
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { fromRevision, last } = checkedStreamRead(streamId, options);
    const events: RecordedEvent[] = [];
    try {
      // Past the end of an existing stream the server (21.10 and later) answers no events, not
      // StreamNotFound; a missing stream is StreamNotFound whatever the revision.
      const read =
        last === undefined
          ? this.client.readStream(streamId, { fromRevision: BigInt(fromRevision) })
          : this.client.readStream(streamId, {
              direction: BACKWARDS,
              fromRevision: END,
              maxCount: last,
            });
      for await (const { event } of read) {
        if (event) events.push(toRecordedEvent(event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    if (last === undefined) return events;
    return events.reverse().filter((event) => event.revision >= fromRevision);
  }

  /** Client 6.x cannot filter reads of $all on the server: this filters as it reads. */
  async readAll({ after, maxCount, filter }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = after === undefined ? undefined : decodePosition(after);
    const limit = maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    if (limit <= 0) return events;
    const read = this.client.readAll({ fromPosition: from ?? START });
    for await (const { event } of read) {
      // readAll starts at `from` inclusive; the port's `after` is exclusive.
      if (!event || (from && comparePositions(event.position, from) <= 0)) continue;
      if (!isSelected(event, filter)) continue;
      events.push(toRecordedEvent(event));
      if (events.length >= limit) {
        // Leaving the loop only destroys the client-side stream; the server read goes on otherwise.
        await read.cancel();
        break;
      }
    }
    return events;
  }

  /** EventStoreDB keeps no count: one would cost a read of $all. */
  async countEvents(): Promise<undefined> {
    return undefined;
  }

  /**
   * Sets `$maxAge` on the policy's streams this process appended to since the last call (a
   * stream once; the first call sets the policy, and marks nothing yet): the server then hides
   * their older events from stream reads, and its scavenge deletes them, keeping each stream's
   * last event record so its revisions go on. Nothing is read from $all: marking costs one
   * metadata read per stream, and a write where the age differs. A failure leaves the stream for
   * the next call.
   */
  async expire(policy: RetentionPolicy, { signal }: ExpireOptions = {}): Promise<ExpiryResult> {
    checkedRetentionPolicy(policy);
    this.retention = policy;
    const maxAge = maxAgeSeconds(policy);
    let streamsMarked = 0;
    for (const stream of [...this.unmarked]) {
      if (signal?.aborted) break;
      if (appliesTo(policy, stream) && this.marked.get(stream) !== maxAge) {
        if (await this.setMaxAge(stream, maxAge)) streamsMarked++;
        this.marked.set(stream, maxAge);
      }
      this.unmarked.delete(stream);
    }
    return { removed: 0, streamsMarked };
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(
      this.client,
      options,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    // Failures already went to onError (or surfaced as unhandled rejections); closing must go on.
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private noteAppended(streamId: string): void {
    const policy = this.retention;
    if (!policy || !appliesTo(policy, streamId)) return;
    if (this.marked.get(streamId) !== maxAgeSeconds(policy)) this.unmarked.add(streamId);
  }

  /** Whether it was written: another instance, or an earlier process, may have set it already. */
  private async setMaxAge(stream: string, maxAge: number): Promise<boolean> {
    // setStreamMetadata replaces the whole metadata: keep whatever else the stream has.
    const { metadata } = await this.client.getStreamMetadata(stream);
    if (metadata?.maxAge === maxAge) return false;
    await this.client.setStreamMetadata(stream, { ...metadata, maxAge });
    return true;
  }

  private async positionOf(streamId: string, revision: number): Promise<Position> {
    const read = this.client.readStream(streamId, { fromRevision: BigInt(revision), maxCount: 1 });
    for await (const { event } of read) {
      if (event?.position) return event.position;
    }
    throw new Error(`EventStoreDB sent no position for ${streamId}@${revision} (server < 22.6?)`);
  }
}

/** One small stream per checkpoint; the last event holds the position. */
class EventStoreDbCheckpointStore implements CheckpointStore {
  private readonly truncated = new Set<string>();

  constructor(private readonly client: EventStoreDBClient) {}

  async load(name: string): Promise<string | undefined> {
    const read = this.client.readStream<CheckpointEvent>(checkpointStream(name), {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    try {
      for await (const { event } of read) return event?.data.position;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  async save(name: string, position: string): Promise<void> {
    const stream = checkpointStream(name);
    await this.client.appendToStream(
      stream,
      jsonEvent<CheckpointEvent>({ type: 'Checkpoint', data: { position } }),
      { expectedRevision: ANY },
    );
    if (this.truncated.has(name)) return;
    await this.client.setStreamMetadata(stream, { maxCount: CHECKPOINTS_KEPT });
    this.truncated.add(name);
  }
}

function checkpointStream(name: string): string {
  return `${CHECKPOINT_STREAM_PREFIX}${name}`;
}

/** `$maxAge` is whole seconds: rounded up, so nothing goes before the policy's age. */
const maxAgeSeconds = (policy: RetentionPolicy): number => Math.ceil(policy.maxAgeMs / 1000);

function toAppendExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}
