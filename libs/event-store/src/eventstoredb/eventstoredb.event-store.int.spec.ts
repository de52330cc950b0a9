import { describeEventStoreConformance } from '../event-store.conformance';
import { describeRetentionConformance } from '../retention.conformance';
import { EventStoreDbEventStore } from './eventstoredb.event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const NOT_RUN =
  'EventStoreDB conformance NOT RUN: EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server on this machine)';

if (connectionString) {
  describeEventStoreConformance('EventStoreDbEventStore', async () => {
    const store = EventStoreDbEventStore.connect(connectionString);
    return { store, checkpoints: store.checkpoints, dispose: () => store.close() };
  });
  // The server stamps events itself: only the cases on young events run.
  describeRetentionConformance('EventStoreDbEventStore', async () => {
    const store = EventStoreDbEventStore.connect(connectionString);
    return { store, checkpoints: store.checkpoints, dispose: () => store.close() };
  });
} else {
  // Said out loud, never silently passed: the suite needs a server this machine does not have.
  it(NOT_RUN, () => {
    console.warn(NOT_RUN);
  });
}
