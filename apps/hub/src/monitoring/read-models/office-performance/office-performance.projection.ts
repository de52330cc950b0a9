import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  OFFICE_TRAFFIC_STREAM_PREFIX,
  OfficeTrafficEvent,
  Performance,
  PerformanceWindow,
  TrafficBins,
  TrafficRollup,
  TrafficRow,
} from '@pms-hub/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@pms-hub/event-store';
import { ReadModelProjection } from '../../../platform/projections/read-model.projection';
import { ReadModelState } from '../../../platform/projections/read-model.state';
import {
  READ_MODEL_STORE,
  ReadModelStore,
} from '../../../platform/read-models/read-model.store.port';
import { HUB_METRICS, HubMetrics } from '../../../platform/metrics/hub.metrics';
import { OfficeDirectory } from '../../../offices/office-directory';

const EVENT_TYPES: readonly OfficeTrafficEvent['type'][] = ['PmsTrafficRolledUp'];

export type OfficePerformance = {
  readonly officeId: string;
  readonly pmsType: string;
} & Performance;

/** A saved row's key: the office, a space, the bins' own row key (office ids hold no space). */
const rowKey = (officeId: string, binKey: string): string => `${officeId} ${binKey}`;

function splitKey(key: string): [officeId: string, binKey: string] {
  const space = key.lastIndexOf(' ');
  return [key.slice(0, space), key.slice(space + 1)];
}

/** office id → its traffic bins; one saved row per office and bin. */
class OfficeTraffic implements ReadModelState<TrafficRow> {
  constructor(readonly offices = new Map<string, TrafficBins>()) {}

  static restore(rows: ReadonlyMap<string, TrafficRow>): OfficeTraffic {
    const byOffice = new Map<string, [string, TrafficRow][]>();
    for (const [key, row] of rows) {
      const [officeId, binKey] = splitKey(key);
      const office = byOffice.get(officeId) ?? [];
      office.push([binKey, row]);
      byOffice.set(officeId, office);
    }
    const traffic = new OfficeTraffic();
    for (const [officeId, office] of byOffice) {
      traffic.offices.set(officeId, TrafficBins.restore(office));
    }
    return traffic;
  }

  apply(recorded: RecordedEvent): string[] {
    const officeId = recorded.streamId.slice(OFFICE_TRAFFIC_STREAM_PREFIX.length);
    let bins = this.offices.get(officeId);
    if (!bins) this.offices.set(officeId, (bins = new TrafficBins()));
    return bins.add(recorded.data as TrafficRollup).map((binKey) => rowKey(officeId, binKey));
  }

  row(key: string): TrafficRow | undefined {
    const [officeId, binKey] = splitKey(key);
    return this.offices.get(officeId)?.row(binKey);
  }

  *keys(): Iterable<string> {
    for (const [officeId, bins] of this.offices) {
      for (const binKey of bins.rowKeys()) yield rowKey(officeId, binKey);
    }
  }
}

/**
 * Every office's traffic in fixed time bins (`TrafficBins`), from the office-traffic streams: a
 * query costs the bins of its window, whatever the traffic, and memory is bounded per office and
 * operation. A rollup changes at most three saved rows (its minute, its hour, the newest end).
 */
@Injectable()
export class OfficePerformanceProjection extends ReadModelProjection<TrafficRow, OfficeTraffic> {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
    private readonly offices: OfficeDirectory,
    @Optional() @Inject(HUB_METRICS) metrics?: HubMetrics,
  ) {
    super(
      {
        name: 'office-performance',
        version: 1,
        filter: { streamPrefixes: [OFFICE_TRAFFIC_STREAM_PREFIX], eventTypes: EVENT_TYPES },
      },
      store,
      readModels,
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
    const bins = this.state.offices.get(officeId) ?? new TrafficBins();
    return { officeId, pmsType: office.adapter.pmsType, ...bins.performance(window, nowMs) };
  }

  protected createState(): OfficeTraffic {
    return new OfficeTraffic();
  }

  protected restoreState(rows: ReadonlyMap<string, TrafficRow>): OfficeTraffic {
    return OfficeTraffic.restore(rows);
  }
}
