import { CheckpointStore, EventStore, RecordedEvent } from '@pms-hub/event-store';
import { HubTopics, MessagePublisher, OutgoingMessage } from '@pms-hub/messaging';
import { ResumingSubscription } from '../projections/resuming-subscription';

/** The pms.command-results message an event stands for, if it records a command's outcome. */
export type CommandResultOf = (event: RecordedEvent) => OutgoingMessage | undefined;

export const FORWARDER_CHECKPOINT = 'kafka-forwarder';
const SAVE_EVERY_EVENTS = 100;
const SAVE_EVERY_MS = 500;

/**
 * Publishes every stored event to pms.events, and each command's outcome to pms.command-results,
 * from a subscription that resumes at a saved checkpoint. The checkpoint trails what was
 * published, so a crash republishes a few events (at least once), never skips one.
 */
export class EventForwarder {
  // Resumes after the last event published, not the last saved: nothing is published twice.
  private readonly subscription: ResumingSubscription;
  private saved?: string;
  private unsaved = 0;
  private flushTimer?: NodeJS.Timeout;

  constructor(
    store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly publisher: MessagePublisher,
    private readonly topics: HubTopics,
    private readonly commandResultOf: CommandResultOf,
    private readonly log: (level: 'warn' | 'error', message: string) => void,
  ) {
    this.subscription = new ResumingSubscription(
      store,
      undefined,
      (event) => this.forward(event),
      (error) => this.fail(error),
    );
  }

  async start(): Promise<void> {
    this.saved = await this.checkpoints.load(FORWARDER_CHECKPOINT);
    this.subscription.start(this.saved);
    this.flushTimer = setInterval(
      () => void this.save(this.subscription.position).catch((e: Error) => this.fail(e)),
      SAVE_EVERY_MS,
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.subscription.stop();
    await this.save(this.subscription.position);
  }

  private async forward(event: RecordedEvent): Promise<void> {
    const result = this.commandResultOf(event);
    await this.publisher.publish([
      { topic: this.topics.events, messages: [eventMessage(event)] },
      ...(result ? [{ topic: this.topics.commandResults, messages: [result] }] : []),
    ]);
    if (++this.unsaved >= SAVE_EVERY_EVENTS) await this.save(event.position);
  }

  /** `position`: an event already acknowledged by the broker, never one still to publish. */
  private async save(position: string | undefined): Promise<void> {
    if (position === undefined || position === this.saved) return;
    await this.checkpoints.save(FORWARDER_CHECKPOINT, position);
    this.saved = position;
    this.unsaved = 0;
  }

  private fail(error: Error): void {
    this.log('error', `event forwarder: ${error.message}`);
  }
}

/** pms.events: key officeId, so one office's events stay in order; headers let consumers dedupe. */
function eventMessage(event: RecordedEvent): OutgoingMessage {
  const metadata = (event.metadata ?? {}) as { officeId?: string; correlationId?: string };
  return {
    key: metadata.officeId ?? event.streamId,
    value: JSON.stringify({
      eventId: event.id,
      type: event.type,
      streamId: event.streamId,
      revision: event.revision,
      recordedAt: event.recordedAt,
      data: event.data,
      metadata: event.metadata,
    }),
    headers: {
      'event-id': event.id,
      'event-type': event.type,
      stream: event.streamId,
      ...(metadata.correlationId ? { 'correlation-id': metadata.correlationId } : {}),
    },
  };
}
