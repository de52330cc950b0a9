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
  isSelected,
  serverFilter,
  toRecordedEvent,
} from './eventstoredb.mapping';

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
    const read = this.client.readAll({ fromPosition: after ?? START });
    this.current = read;
    for await (const { event } of read) {
      if (this.stopped) break;
      // readAll starts at `after` inclusive; the port's `after` is exclusive.
      if (!event || (after && comparePositions(event.position, after) <= 0)) continue;
      last = event.position;
      if (isSelected(event, this.options.filter)) await this.deliver(event);
    }
    return last ?? START;
  }

  private async live(from: ReadPosition): Promise<void> {
    const subscription = this.client.subscribeToAll({
      fromPosition: from,
      filter: serverFilter(this.options.filter),
    });
    this.current = {
      cancel: () => subscription.unsubscribe(),
      destroy: () => subscription.destroy(),
    };
    for await (const { event } of subscription) {
      if (this.stopped) return;
      if (event && isSelected(event, this.options.filter)) await this.deliver(event);
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
