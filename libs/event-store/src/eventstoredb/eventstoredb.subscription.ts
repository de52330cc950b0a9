import {
  EventStoreDBClient,
  START,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import { reportFailure, toError } from '../subscription-failure';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  isSelected,
  serverFilter,
  toRecordedEvent,
} from './eventstoredb.mapping';

/** What the live loop reads: the server's events, and the checkpoints pushed between them. */
type LiveItem = { readonly event?: EsdbRecordedEvent } | { readonly checkpoint: Position };

interface Cancellable {
  cancel(): Promise<void>;
  destroy(): void;
}

/**
 * Catch-up by reading $all to its current end, then `onCaughtUp`, then a server subscription from
 * the last position read. Reading first (rather than relying on the subscription's `caughtUp`
 * message, which only servers >= 23.10 send) makes `onCaughtUp` exact on every server version.
 */
export class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private current?: Cancellable;
  private handlerFailure?: Error;
  private readonly done: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    onFinished: () => void,
  ) {
    this.done = this.run().finally(onFinished);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.cancelCurrent();
    await this.done;
  }

  private async run(): Promise<void> {
    try {
      const last = await this.catchUp();
      if (this.stopped) return;
      this.options.onCaughtUp?.();
      await this.live(last);
    } catch (error) {
      // Cancelling the gRPC stream on stop() surfaces as a premature close: not a failure.
      if (this.stopped && !this.handlerFailure) return;
      this.stopped = true;
      reportFailure(this.handlerFailure ?? error, this.options.onError);
    } finally {
      await this.cancelCurrent();
    }
  }

  private async catchUp(): Promise<ReadPosition> {
    const after = this.options.after === undefined ? undefined : decodePosition(this.options.after);
    let last: Position | undefined = after;
    let delivered: Position | undefined = after;
    const read = this.client.readAll({ fromPosition: after ?? START });
    this.current = read;
    for await (const { event } of read) {
      if (this.stopped) break;
      // readAll starts at `after` inclusive; the port's `after` is exclusive.
      if (!event || (after && comparePositions(event.position, after) <= 0)) continue;
      last = event.position;
      if (isSelected(event, this.options.filter)) {
        await this.deliver(event);
        delivered = last;
      }
    }
    // Read to the end: a resumed subscription starts past what the filter skipped.
    if (!this.stopped && last && (!delivered || comparePositions(last, delivered) > 0)) {
      this.options.onCheckpoint?.(encodePosition(last));
    }
    return last ?? START;
  }

  private async live(from: ReadPosition): Promise<void> {
    const subscription = this.client.subscribeToAll({
      fromPosition: from,
      // Pushed into the stream, so each checkpoint reaches the loop below after the events before it.
      filter: serverFilter(this.options.filter, (stream, position) => {
        stream.push({ checkpoint: position });
      }),
    });
    this.current = {
      cancel: () => subscription.unsubscribe(),
      destroy: () => subscription.destroy(),
    };
    for await (const item of subscription as AsyncIterable<LiveItem>) {
      if (this.stopped) return;
      if ('checkpoint' in item) this.options.onCheckpoint?.(encodePosition(item.checkpoint));
      else if (item.event && isSelected(item.event, this.options.filter))
        await this.deliver(item.event);
    }
    if (!this.stopped) throw new Error('EventStoreDB subscription ended without being stopped');
  }

  private async deliver(event: EsdbRecordedEvent): Promise<void> {
    try {
      await this.options.onEvent(toRecordedEvent(event));
    } catch (error) {
      this.handlerFailure = toError(error);
      throw this.handlerFailure;
    }
  }

  private async cancelCurrent(): Promise<void> {
    const current = this.current;
    if (!current) return;
    // A stream whose connection never opened rejects here; that failure already reached the read.
    await current.cancel().catch(() => undefined);
    // Destroying ends a pending `for await`, which a cancelled gRPC stream may never do.
    current.destroy();
  }
}
