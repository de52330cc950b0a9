import { RecordedEvent } from '@pms-hub/event-store';

/**
 * A read model's state as rows under string keys: what a projection applies events to, saves
 * the changed rows of, and restores at start. Plain JSON rows, so the saved form is the state.
 */
export interface ReadModelState<Row> {
  /** One event, in store order; the keys of the rows it changed. */
  apply(event: RecordedEvent): Iterable<string>;
  /** The row under `key` now; undefined once it is gone. */
  row(key: string): Row | undefined;
  /** Every key holding a row. */
  keys(): Iterable<string>;
}
