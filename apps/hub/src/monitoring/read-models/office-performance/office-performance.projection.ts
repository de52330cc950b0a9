import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  OFFICE_TRAFFIC_STREAM_PREFIX,
  OfficeTrafficEvent,
  Performance,
  PerformanceWindow,
  TrafficBins,
  TrafficRollup,
} from '@pms-hub/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@pms-hub/event-store';
import { ReadModelProjection } from '../../../platform/projections/read-model.projection';
import { HUB_METRICS, HubMetrics } from '../../../platform/metrics/hub.metrics';
import { OfficeDirectory } from '../../../offices/office-directory';

const EVENT_TYPES: readonly OfficeTrafficEvent['type'][] = ['PmsTrafficRolledUp'];

export type OfficePerformance = {
  readonly officeId: string;
  readonly pmsType: string;
} & Performance;

/**
 * Every office's traffic in fixed time bins (`TrafficBins`), in memory, from the office-traffic
 * streams: a query costs the bins of its window, whatever the traffic, and memory is bounded per
 * office and operation.
 */
@Injectable()
export class OfficePerformanceProjection extends ReadModelProjection {
  private readonly bins = new Map<string, TrafficBins>();

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly offices: OfficeDirectory,
    @Optional() @Inject(HUB_METRICS) metrics?: HubMetrics,
  ) {
    super(
      'office-performance',
      store,
      { streamPrefixes: [OFFICE_TRAFFIC_STREAM_PREFIX], eventTypes: EVENT_TYPES },
      metrics,
    );
  }

  /** Undefined for an office this hub does not serve; zero requests for one never called. */
  performance(
    officeId: string,
    window: PerformanceWindow,
    nowMs: number,
  ): OfficePerformance | undefined {
    const office = this.offices.find(officeId);
    if (!office) return undefined;
    const bins = this.bins.get(officeId) ?? new TrafficBins();
    return { officeId, pmsType: office.adapter.pmsType, ...bins.performance(window, nowMs) };
  }

  protected apply(recorded: RecordedEvent): void {
    const officeId = recorded.streamId.slice(OFFICE_TRAFFIC_STREAM_PREFIX.length);
    let bins = this.bins.get(officeId);
    if (!bins) this.bins.set(officeId, (bins = new TrafficBins()));
    bins.add(recorded.data as TrafficRollup);
  }
}
