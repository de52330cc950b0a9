import { RecordId } from './office-schedule';

/** `PREFIX-000042`, the id style of the string-keyed simulators. */
export function paddedId(prefix: string): (n: number) => string {
  return (n) => `${prefix}-${String(n).padStart(6, '0')}`;
}

/**
 * One table of a simulated PMS database: filled from the seed, back to the seed on `reset()`, and
 * numbering new rows after `firstNumber` (the sequence restarts on reset too).
 */
export class SeededTable<Id extends RecordId, Row> extends Map<Id, Row> {
  private lastNumber = 0;

  constructor(
    private readonly seedRows: readonly Row[],
    private readonly idOf: (row: Row) => Id,
    private readonly idFor: (n: number) => Id,
    private readonly firstNumber = 0,
  ) {
    super();
    this.reset();
  }

  reset(): void {
    this.clear();
    this.seedRows.forEach((row) => this.set(this.idOf(row), row));
    this.lastNumber = this.firstNumber;
  }

  /** Stores the row `make` builds around the next free id. */
  insert<R extends Row>(make: (id: Id) => R): R {
    const row = make(this.nextId());
    this.set(this.idOf(row), row);
    return row;
  }

  // Skips ids taken by seeded rows, which may use the same numbering.
  private nextId(): Id {
    let id = this.idFor(++this.lastNumber);
    while (this.has(id)) id = this.idFor(++this.lastNumber);
    return id;
  }
}
