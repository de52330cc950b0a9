import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamSubscription,
  type Filter,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventFilter, RecordedEvent } from '../event-store.port';
import { selects } from '../event-filter';

/** Streams holding checkpoints: kept out of reads and subscriptions, like the SQLite table. */
export const CHECKPOINT_STREAM_PREFIX = 'checkpoint-';

export function encodePosition(position: Position): string {
  return `${position.commit}/${position.prepare}`;
}

export function decodePosition(position: string): Position {
  const match = /^(\d+)\/(\d+)$/.exec(position);
  if (!match) throw new Error(`not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** Negative, zero or positive as `a` is before, at or after `b` in $all. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** User events matching the filter (OR within a list, AND across lists; empty = no constraint). */
export function isSelected(
  event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>,
  filter: EventFilter | undefined,
): boolean {
  if (event.type.startsWith('$') || event.streamId.startsWith(CHECKPOINT_STREAM_PREFIX)) {
    return false;
  }
  return selects(filter, event);
}

/**
 * The server can filter on one dimension only, and event types by prefix only: it narrows the
 * traffic, `isSelected` decides.
 */
export function serverFilter(
  filter: EventFilter | undefined,
  checkpointReached?: (subscription: AllStreamSubscription, position: Position) => void,
): Filter {
  // The server reports how far its filter has read, matching events or not.
  const checkpoints = checkpointReached ? { checkpointReached } : {};
  if (filter?.streamPrefixes?.length) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes], ...checkpoints });
  }
  if (filter?.eventTypes?.length) {
    return eventTypeFilter({ prefixes: [...filter.eventTypes], ...checkpoints });
  }
  return excludeSystemEvents(checkpoints);
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.position) {
    throw new Error(
      `EventStoreDB sent no position for ${event.streamId}@${event.revision} (server < 22.6?)`,
    );
  }
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(event.position),
    data: event.data,
    // The client drops empty metadata on write and returns undefined; the port stores null.
    metadata: event.metadata ?? null,
    recordedAt: event.created.toISOString(),
  };
}
