import { EventFilter, EventStore, RecordedEvent, Subscription } from '@pms-hub/event-store';

const RESTART_AFTER_MS = 1000;

/**
 * A catch-up subscription to all events that, after an error (its own or the handler's), starts
 * again a second later after the last event handled: nothing handled twice, nothing skipped.
 */
export class ResumingSubscription {
  private subscription?: Subscription;
  private handled?: string;
  private stopped = true;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly filter: EventFilter | undefined,
    private readonly onEvent: (event: RecordedEvent) => Promise<void> | void,
    private readonly onError: (error: Error) => void,
    /** Past events the filter skipped, up to `position`: nothing to apply, still read. */
    private readonly onSkipped?: (position: string) => void,
  ) {}

  /** Position of the last event handled or skipped: what a checkpoint may safely record. */
  get position(): string | undefined {
    return this.handled;
  }

  /**
   * How many events the filter selects after the last one handled, counting at most `atMost`:
   * a bounded read, so asking stays cheap however far behind the subscription is.
   */
  async eventsBehind(atMost: number): Promise<number> {
    const ahead = await this.store.readAll({
      after: this.handled,
      filter: this.filter,
      maxCount: atMost,
    });
    return ahead.length;
  }

  /** Replaces any subscription this one still runs: one reader per model, never two. */
  start(after?: string): void {
    void this.subscription?.stop();
    clearTimeout(this.restartTimer);
    this.handled = after;
    this.stopped = false;
    this.subscribe();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.subscription?.stop();
  }

  private subscribe(): void {
    this.subscription = this.store.subscribeToAll({
      after: this.handled,
      filter: this.filter,
      onEvent: async (event) => {
        await this.onEvent(event);
        this.handled = event.position;
      },
      // Past events the filter skipped: a restart after an error does not read them again.
      onCheckpoint: (position) => {
        this.handled = position;
        this.onSkipped?.(position);
      },
      onError: (error) => {
        this.onError(error);
        if (!this.stopped) this.restartTimer = setTimeout(() => this.subscribe(), RESTART_AFTER_MS);
      },
    });
  }
}
