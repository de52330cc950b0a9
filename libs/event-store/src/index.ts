export * from './event-store.port';
export * from './event-store.factory';
export { SqliteCheckpointStore, SqliteEventStore } from './embedded/sqlite-event-store';
export type { SqliteEventStoreOptions } from './embedded/sqlite-event-store';
export {
  EventStoreDbCheckpointStore,
  EventStoreDbEventStore,
} from './eventstoredb/eventstoredb-event-store';
