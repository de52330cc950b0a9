/** How a read model's rebuild from the start of the store is going, or went. */
export interface RebuildProgress {
  readonly model: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** Events of the model's streams applied so far. */
  readonly eventsDone: number;
  /** Events of the model's streams in the store when the rebuild started; null: the store cannot count them cheaply. */
  readonly eventsTotal: number | null;
  readonly eventsPerSecond: number;
  readonly error?: string;
}

/** Counts a rebuild's events; what `GET /read-models` shows while it runs and after. */
export class RebuildTracker {
  private done = 0;
  private finished?: { at: number; error?: string };
  private readonly startedMs = Date.now();
  private total?: number;

  constructor(private readonly model: string) {}

  /** The events the rebuild will read; undefined: the store cannot count them cheaply. */
  expect(total: number | undefined): void {
    this.total = total;
  }

  applied(): void {
    this.done++;
  }

  finish(error?: Error): void {
    this.finished = { at: Date.now(), ...(error ? { error: error.message } : {}) };
  }

  get running(): boolean {
    return this.finished === undefined;
  }

  progress(): RebuildProgress {
    const endMs = this.finished?.at ?? Date.now();
    const seconds = Math.max(endMs - this.startedMs, 1) / 1000;
    return {
      model: this.model,
      state: !this.finished ? 'running' : this.finished.error ? 'failed' : 'done',
      startedAt: new Date(this.startedMs).toISOString(),
      ...(this.finished ? { finishedAt: new Date(this.finished.at).toISOString() } : {}),
      eventsDone: this.done,
      eventsTotal: this.total ?? null,
      eventsPerSecond: Math.round(this.done / seconds),
      ...(this.finished?.error ? { error: this.finished.error } : {}),
    };
  }
}
