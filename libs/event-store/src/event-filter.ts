import { EventFilter } from './event-store.port';

/** Whether `filter` selects the event: a stream prefix and a type of its lists (any, if empty). */
export function selects(
  filter: EventFilter | undefined,
  event: { readonly streamId: string; readonly type: string },
): boolean {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  return (
    (prefixes.length === 0 || prefixes.some((prefix) => event.streamId.startsWith(prefix))) &&
    (types.length === 0 || types.includes(event.type))
  );
}

/** A filter selecting every event one of `filters` selects (and maybe a few more). */
export function unionOf(filters: readonly (EventFilter | undefined)[]): EventFilter {
  const all = <T>(lists: (readonly T[] | undefined)[]): T[] | undefined =>
    lists.every((list) => list?.length) ? [...new Set(lists.flatMap((list) => list!))] : undefined;
  const streamPrefixes = all(filters.map((filter) => filter?.streamPrefixes));
  const eventTypes = all(filters.map((filter) => filter?.eventTypes));
  return { ...(streamPrefixes ? { streamPrefixes } : {}), ...(eventTypes ? { eventTypes } : {}) };
}
