export * from './event-store.port';
export { selects, unionOf } from './event-filter';
export * from './event-store.factory';
export { SqliteEventStore } from './embedded/sqlite.event-store';
export type { SqliteEventStoreOptions } from './embedded/sqlite.event-store';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb.event-store';
