import { StoredEvent } from '@pms-hub/domain';
import { EventToAppend, RecordedEvent } from '@pms-hub/event-store';

/** Domain events carry their id in metadata; the store wants it alongside. */
export const toEventsToAppend = (events: readonly StoredEvent[]): EventToAppend[] =>
  events.map((event) => ({
    id: event.metadata.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  }));

/** Streams are written only by their own handler, so their events match its union. */
export const toDomainEvents = <TEvent extends StoredEvent>(
  recorded: readonly RecordedEvent[],
): TEvent[] =>
  recorded.map(
    (event) => ({ type: event.type, data: event.data, metadata: event.metadata }) as TEvent,
  );
