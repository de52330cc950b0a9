import { Logger } from '@nestjs/common';
import { EventFilter, EventStore, RecordedEvent } from '@pms-hub/event-store';
import { HubMetrics } from '../metrics/hub.metrics';
import { ResumingSubscription } from './resuming-subscription';

/**
 * A read model held in memory, fed by a resuming subscription to the events its filter selects:
 * a subclass brings only its filter, how it applies an event, and its queries. Its name labels
 * its logs and its `hub_projection_lag_events` series.
 *
 * Nothing is persisted, so each start rebuilds the model from the beginning of the store: a saved
 * checkpoint without the saved model would skip the history the model needs. Persisting both
 * together is for when replaying a model's streams at start-up gets slow.
 */
export abstract class ReadModelProjection {
  private readonly subscription: ResumingSubscription;

  protected constructor(
    name: string,
    store: EventStore,
    filter: EventFilter,
    metrics: HubMetrics | undefined,
  ) {
    const logger = new Logger(name);
    this.subscription = new ResumingSubscription(
      store,
      filter,
      (event) => this.apply(event),
      (error) =>
        logger.error(`projection: ${error.message} (resuming after the last event applied)`),
    );
    metrics?.projectionLag(name, (atMost) => this.eventsBehind(atMost));
  }

  start(): void {
    this.subscription.start();
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }

  /** Events of its streams in the store that the model has not applied yet, up to `atMost`. */
  eventsBehind(atMost: number): Promise<number> {
    return this.subscription.eventsBehind(atMost);
  }

  /** One event, in store order; one that throws is applied again when the subscription resumes. */
  protected abstract apply(event: RecordedEvent): void;
}
