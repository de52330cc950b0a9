import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
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
import { ResumingSubscription } from '../../../platform/event-store/resuming-subscription';
import { HUB_METRICS, HubMetrics } from '../../../platform/metrics/hub.metrics';
import { OfficeDirectory } from '../../../offices/office-directory';

const EVENT_TYPES: readonly OfficeTrafficEvent['type'][] = ['PmsTrafficRolledUp'];

export type OfficePerformance = {
  readonly officeId: string;
  readonly pmsType: string;
} & Performance;

/**
 * Every office's traffic rollups, in memory, from a subscription to the office-traffic streams;
 * figures are computed per request from the rollups in the asked window. Like the health model,
 * it is rebuilt from the beginning of the store at each start and saves no checkpoint. Rollups
 * no window can count any more are dropped, judged by the newest rollup (not a clock), so a
 * rebuild holds exactly what the live model holds.
 */
@Injectable()
export class OfficePerformanceProjection {
  private readonly logger = new Logger('office-performance');
  private readonly rollups = new Map<string, TrafficRollup[]>();
  private readonly subscription: ResumingSubscription;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly offices: OfficeDirectory,
    @Optional() @Inject(HUB_METRICS) metrics?: HubMetrics,
  ) {
    this.subscription = new ResumingSubscription(
      store,
      { streamPrefixes: [OFFICE_TRAFFIC_STREAM_PREFIX], eventTypes: EVENT_TYPES },
      (event) => this.apply(event),
      (error) => this.logger.error(`office performance projection: ${error.message}`),
    );
    metrics?.projectionLag('office-performance', (atMost) => this.eventsBehind(atMost));
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

  private apply(recorded: RecordedEvent): void {
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
