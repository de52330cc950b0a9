import { CheckpointStore, EventStore, RecordedEvent, Subscription } from '@pms-hub/event-store';
import { HubTopics, MessagePublisher, OutgoingMessage } from '@pms-hub/messaging';
import { outcomeOfEvent } from '../commands/command-streams';
import { commandResultMessage } from '../kafka/command-result.message';

export const FORWARDER_CHECKPOINT = 'kafka-forwarder';
const SAVE_EVERY_EVENTS = 100;
const SAVE_EVERY_MS = 500;
const RESTART_AFTER_MS = 1000;

/**
 * Publishes every stored event to pms.events, and each command's outcome to pms.command-results,
 * from a subscription that resumes at a saved checkpoint. The checkpoint trails what was
 * published, so a crash republishes a few events (at least once), never skips one.
 */
export class EventForwarder {
  private subscription?: Subscription;
  private published?: string;
  private saved?: string;
  private unsaved = 0;
  private flushTimer?: NodeJS.Timeout;
  private restartTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly publisher: MessagePublisher,
    private readonly topics: HubTopics,
    private readonly log: (level: 'warn' | 'error', message: string) => void,
  ) {}

  async start(): Promise<void> {
    this.saved = this.published = await this.checkpoints.load(FORWARDER_CHECKPOINT);
    this.subscribe();
    this.flushTimer = setInterval(
      () => void this.save().catch((e: Error) => this.fail(e)),
      SAVE_EVERY_MS,
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.flushTimer);
    clearTimeout(this.restartTimer);
    await this.subscription?.stop();
    await this.save();
  }

  private subscribe(): void {
    this.subscription = this.store.subscribeToAll({
      after: this.published,
      onEvent: (event) => this.forward(event),
      onError: (error) => {
        this.fail(error);
        // Resumes after the last event published, not the last saved: nothing is published twice.
        if (!this.stopped) this.restartTimer = setTimeout(() => this.subscribe(), RESTART_AFTER_MS);
      },
    });
  }

  private async forward(event: RecordedEvent): Promise<void> {
    const outcome = outcomeOfEvent(event);
    await this.publisher.publish([
      { topic: this.topics.events, messages: [eventMessage(event)] },
      ...(outcome
        ? [{ topic: this.topics.commandResults, messages: [commandResultMessage(outcome)] }]
        : []),
    ]);
    this.published = event.position;
    if (++this.unsaved >= SAVE_EVERY_EVENTS) await this.save();
  }

  private async save(): Promise<void> {
    const position = this.published;
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
