/** What a read model saved: its rows, the position they are up to, the shape they were saved in. */
export interface SavedReadModel {
  readonly version: number;
  /** After the event at this position; absent: nothing applied yet. */
  readonly checkpoint?: string;
  readonly rows: ReadonlyMap<string, unknown>;
}

/** Rows changed since the last save; `undefined` deletes the row. */
export type RowChanges = ReadonlyMap<string, unknown>;

/**
 * Where read models keep their state between starts: each save writes rows and checkpoint in one
 * transaction, so a crash leaves a model as it was at one checkpoint, never between two. Each hub
 * instance has its own (one opener at a time): instances apply the same events at their own pace.
 */
export interface ReadModelStore {
  load(model: string): Promise<SavedReadModel | undefined>;
  /** `checkpoint` absent: the rows change, the checkpoint stays (a change read outside the feed). */
  save(model: string, version: number, changes: RowChanges, checkpoint?: string): Promise<void>;
  /** Every row of the model replaced, e.g. by a rebuild. */
  replace(
    model: string,
    version: number,
    rows: ReadonlyMap<string, unknown>,
    checkpoint?: string,
  ): Promise<void>;
  close(): Promise<void>;
}

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
