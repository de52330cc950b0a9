import {
  AppendResult,
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
} from '@pms-hub/event-store';
import { HubMetrics } from './hub.metrics';

/**
 * Counts the events of every successful append, by stream category. An idempotent re-append of
 * the same event ids writes nothing but is counted again: the port does not say which it was.
 */
export class CountingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: HubMetrics,
  ) {}

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const result = await this.inner.append(streamId, events, expectedRevision);
    this.metrics.eventsAppendedTo(streamId, events.length);
    return result;
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll(options);
  }

  countEvents(filter?: EventFilter): Promise<number | undefined> {
    return this.inner.countEvents(filter);
  }

  expire(policy: RetentionPolicy, options?: ExpireOptions): Promise<ExpiryResult> {
    return this.inner.expire(policy, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
