import { Inject, Injectable, Optional } from '@nestjs/common';
import { OFFICE_HEALTH_STREAM_PREFIX, OfficeHealthEvent } from '@pms-hub/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@pms-hub/event-store';
import { ReadModelProjection } from '../../../platform/projections/read-model.projection';
import { ReadModelState } from '../../../platform/projections/read-model.state';
import {
  READ_MODEL_STORE,
  ReadModelStore,
} from '../../../platform/read-models/read-model.store.port';
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

/** office id → the office's health view. */
class OfficeHealthViews implements ReadModelState<OfficeHealthView> {
  constructor(readonly views = new Map<string, OfficeHealthView>()) {}

  apply(recorded: RecordedEvent): string[] {
    const officeId = recorded.streamId.slice(OFFICE_HEALTH_STREAM_PREFIX.length);
    const event = {
      type: recorded.type,
      data: recorded.data,
      metadata: recorded.metadata,
    } as OfficeHealthEvent;
    const view = this.views.get(officeId) ?? neverChecked(officeId, 'unknown');
    this.views.set(officeId, evolveView(view, event));
    return [officeId];
  }

  row(officeId: string): OfficeHealthView | undefined {
    return this.views.get(officeId);
  }

  keys(): Iterable<string> {
    return this.views.keys();
  }
}

/** Every office's health, from the office-health streams, one saved row per office. */
@Injectable()
export class OfficeHealthProjection extends ReadModelProjection<
  OfficeHealthView,
  OfficeHealthViews
> {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
    private readonly offices: OfficeDirectory,
    @Optional() @Inject(HUB_METRICS) metrics?: HubMetrics,
  ) {
    super(
      {
        name: 'office-health',
        version: 1,
        filter: { streamPrefixes: [OFFICE_HEALTH_STREAM_PREFIX], eventTypes: EVENT_TYPES },
      },
      store,
      readModels,
      metrics,
    );
  }

  /** Undefined for an office this hub does not serve; `unknown` for one never checked. */
  officeHealth(officeId: string): OfficeHealthView | undefined {
    const office = this.offices.find(officeId);
    if (!office) return undefined;
    return this.state.views.get(officeId) ?? neverChecked(officeId, office.adapter.pmsType);
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

  protected createState(): OfficeHealthViews {
    return new OfficeHealthViews();
  }

  protected restoreState(rows: ReadonlyMap<string, OfficeHealthView>): OfficeHealthViews {
    return new OfficeHealthViews(new Map(rows));
  }
}
