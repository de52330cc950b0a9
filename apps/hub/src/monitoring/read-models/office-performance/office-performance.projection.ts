import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  OFFICE_TRAFFIC_STREAM_PREFIX,
  OfficeTrafficEvent,
  Performance,
  PerformanceWindow,
  TrafficRollup,
  outlivesEveryWindow,
  performanceOf,
  retainedRollups,
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
 * Every office's traffic rollups, in memory, from the office-traffic streams; figures are computed
 * per request from the rollups in the asked window. Rollups no window can count any more are
 * dropped, judged by the newest rollup (not a clock), so a rebuild holds exactly what the live
 * model holds.
 */
@Injectable()
export class OfficePerformanceProjection extends ReadModelProjection {
  private readonly rollups = new Map<string, TrafficRollup[]>();

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
    const rollups = this.rollups.get(officeId) ?? [];
    return {
      officeId,
      pmsType: office.adapter.pmsType,
      ...performanceOf(rollups, window, nowMs),
    };
  }

  protected apply(recorded: RecordedEvent): void {
    const officeId = recorded.streamId.slice(OFFICE_TRAFFIC_STREAM_PREFIX.length);
    const rollup = recorded.data as TrafficRollup;
    const held = this.rollups.get(officeId) ?? [];
    held.push(rollup);
    // Rollups arrive oldest first, so checking the oldest held one keeps pruning cheap.
    this.rollups.set(
      officeId,
      outlivesEveryWindow(held[0], rollup.to) ? retainedRollups(held, rollup.to) : held,
    );
  }
}
