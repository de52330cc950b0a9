import type { CheckpointStore, EventStore } from './event-store.port';
import { SqliteEventStore } from './embedded/sqlite.event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb.event-store';

export type EventStoreConfig =
  | { readonly kind: 'embedded'; readonly path: string }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

export function createEventStore(config: EventStoreConfig): {
  store: EventStore;
  checkpoints: CheckpointStore;
} {
  const store =
    config.kind === 'embedded'
      ? SqliteEventStore.open(config.path)
      : EventStoreDbEventStore.connect(config.connectionString);
  return { store, checkpoints: store.checkpoints };
}
