import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { OFFICE_HEALTH_STREAM_PREFIX, OfficeHealthEvent } from '@pms-hub/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@pms-hub/event-store';
import { ResumingSubscription } from '../../../platform/event-store/resuming-subscription';
import { HUB_METRICS, HubMetrics } from '../../../platform/metrics/hub.metrics';
import { OfficeDirectory } from '../../../offices/office-directory';
import {
  HealthSummary,
  OfficeHealthView,
  evolveView,
  neverChecked,
  summarize,
} from './office-health.view';

const EVENT_TYPES: readonly OfficeHealthEvent['type'][] = [
  'PmsHealthChecked',
  'OfficeHealthChanged',
];

/**
 * Every office's health, in memory, from a subscription to the office-health streams.
 *
 * The model lives in memory only, so it is rebuilt from the beginning of the store at each
 * start: no checkpoint is loaded or saved (a saved one would skip the history the model needs).
 * Persisting the model, and then checkpointing it as `office-health`, is for when replaying the
 * health streams at start-up gets slow.
 */
@Injectable()
export class OfficeHealthProjection {
  private readonly logger = new Logger('office-health');
  private readonly views = new Map<string, OfficeHealthView>();
  private readonly subscription: ResumingSubscription;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly offices: OfficeDirectory,
    @Optional() @Inject(HUB_METRICS) metrics?: HubMetrics,
  ) {
    this.subscription = new ResumingSubscription(
      store,
      { streamPrefixes: [OFFICE_HEALTH_STREAM_PREFIX], eventTypes: EVENT_TYPES },
      (event) => this.apply(event),
      (error) => this.logger.error(`office health projection: ${error.message}`),
    );
    metrics?.projectionLag('office-health', (atMost) => this.eventsBehind(atMost));
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

  /** Undefined for an office this hub does not serve; `unknown` for one never checked. */
  officeHealth(officeId: string): OfficeHealthView | undefined {
    const office = this.offices.find(officeId);
    if (!office) return undefined;
    return this.views.get(officeId) ?? neverChecked(officeId, office.adapter.pmsType);
  }

  /** Over the offices served only: a stream left by an office no longer served is ignored. */
  summary(includes: (officeId: string) => boolean = () => true): HealthSummary {
    return summarize(
      this.offices
        .ids()
        .filter(includes)
        .flatMap((officeId) => {
          const view = this.officeHealth(officeId);
          return view ? [view] : [];
        }),
    );
  }

  private apply(recorded: RecordedEvent): void {
    const officeId = recorded.streamId.slice(OFFICE_HEALTH_STREAM_PREFIX.length);
    const event = {
      type: recorded.type,
      data: recorded.data,
      metadata: recorded.metadata,
    } as OfficeHealthEvent;
    const pmsType = this.offices.find(officeId)?.adapter.pmsType ?? 'unknown';
    const view = this.views.get(officeId) ?? neverChecked(officeId, pmsType);
    this.views.set(officeId, evolveView(view, event));
  }
}
