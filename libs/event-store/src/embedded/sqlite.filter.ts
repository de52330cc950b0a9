import type { EventFilter } from '../event-store.port';

/** The SQL conditions (and their parameters) selecting a filter's events. */
export function filterConditions(filter: EventFilter | undefined): {
  conditions: string[];
  params: string[];
} {
  const conditions: string[] = [];
  const params: string[] = [];
  // An empty list constrains nothing, same as an absent one.
  if (filter?.streamPrefixes?.length) {
    conditions.push(`(${filter.streamPrefixes.map(() => 'instr(stream, ?) = 1').join(' OR ')})`);
    params.push(...filter.streamPrefixes);
  }
  if (filter?.eventTypes?.length) {
    conditions.push(`type IN (${filter.eventTypes.map(() => '?').join(', ')})`);
    params.push(...filter.eventTypes);
  }
  return { conditions, params };
}
