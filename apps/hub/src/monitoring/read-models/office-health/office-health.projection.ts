import { Inject, Injectable, Optional } from '@nestjs/common';
import { OFFICE_HEALTH_STREAM_PREFIX, OfficeHealthEvent } from '@pms-hub/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@pms-hub/event-store';
import { ReadModelProjection } from '../../../platform/projections/read-model.projection';
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

/** Every office's health, in memory, from the office-health streams. */
@Injectable()
export class OfficeHealthProjection extends ReadModelProjection {
  private readonly views = new Map<string, OfficeHealthView>();

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly offices: OfficeDirectory,
    @Optional() @Inject(HUB_METRICS) metrics?: HubMetrics,
  ) {
    super(
      'office-health',
      store,
      { streamPrefixes: [OFFICE_HEALTH_STREAM_PREFIX], eventTypes: EVENT_TYPES },
      metrics,
    );
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

  protected apply(recorded: RecordedEvent): void {
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
