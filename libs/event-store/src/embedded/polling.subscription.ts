import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { reportFailure } from '../subscription-failure';

/** One read of a polling subscription. */
export interface PollingBatch {
  /** Matching events, in global order. */
  readonly events: readonly RecordedEvent[];
  /** Every event up to here was looked at, matching or not: the next read starts after it. */
  readonly scannedTo: string | undefined;
  /** More events were already in the store past `scannedTo`: read again without waiting. */
  readonly more: boolean;
}

/** What a polling subscription needs from its store. */
export interface PollingSource {
  /** Up to `batchSize` matching events strictly after `after`, from a bounded range of events. */
  readBatch(after: string | undefined, batchSize: number): PollingBatch;
  /** Registers a wake-up for appends made through this store; returns the unregister function. */
  onAppend(listener: () => void): () => void;
  /** Appends by other processes sharing the file are only seen by polling. */
  readonly pollIntervalMs: number;
}

const BATCH_SIZE = 500;

/**
 * Catch-up then live subscription over a store that can only be polled: reads batches after the
 * last delivered position, and when a batch comes back short, waits for an append or the poll tick.
 */
export class PollingSubscription implements Subscription {
  private stopped = false;
  /** Set by every append, so one landing while a batch is processed is not slept through. */
  private appended = false;
  private wake: () => void = () => undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: PollingSource,
    private readonly options: SubscribeOptions,
    onFinished: () => void,
  ) {
    const unregister = source.onAppend(() => {
      this.appended = true;
      this.wake();
    });
    this.done = this.run().finally(() => {
      unregister();
      onFinished();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    let after = this.options.after;
    let caughtUp = false;
    try {
      while (!this.stopped) {
        this.appended = false;
        const batch = this.source.readBatch(after, BATCH_SIZE);
        for (const event of batch.events) {
          if (this.stopped) return;
          await this.options.onEvent(event);
          after = event.position;
        }
        if (this.stopped) return;
        if (batch.scannedTo !== undefined && batch.scannedTo !== after) {
          after = batch.scannedTo;
          this.options.onCheckpoint?.(after);
        }
        if (batch.more) {
          // A long catch-up of skipped events yields between reads: other work runs meanwhile.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        if (!caughtUp) {
          caughtUp = true;
          this.options.onCaughtUp?.();
        }
        await this.idle();
      }
    } catch (error) {
      this.stopped = true;
      reportFailure(error, this.options.onError);
    }
  }

  private idle(): Promise<void> {
    if (this.appended || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake(), this.source.pollIntervalMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = () => undefined;
        resolve();
      };
    });
  }
}
