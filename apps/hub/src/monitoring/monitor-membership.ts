import {
  MONITOR_INSTANCES_STREAM,
  MonitorLeaseEvent,
  MonitorLeases,
  fold,
  liveHolders,
  monitorLeaseDecider,
} from '@pms-hub/domain';
import { EventStore, RecordedEvent } from '@pms-hub/event-store';
import { toDomainEvents } from '../platform/event-store/stored-events';

const FIRST_TAIL = 64;

/** The port monitoring reads leases through; a lone instance's never holds another. */
export interface Membership {
  refresh(nowMs: number): Promise<void>;
  holders(nowMs: number): string[];
}

export const MONITOR_MEMBERSHIP = Symbol('MONITOR_MEMBERSHIP');

/**
 * How often an instance renews its lease and how long one lives: a dead instance's offices are
 * taken over at most a lease and a renewal after its last renewal, within two check intervals.
 */
export function leaseTiming(intervalMs: number): { renewEveryMs: number; ttlMs: number } {
  const renewEveryMs = Math.min(Math.max(Math.round(intervalMs / 3), 100), 10_000);
  return { renewEveryMs, ttlMs: Math.max(intervalMs, 3 * renewEveryMs) };
}

/**
 * The monitoring leases as this instance last read them. The first read takes the stream's tail,
 * going further back only while it still holds leases that may be live (several instances), so a
 * start reads what the live instances wrote lately, not years of renewals; later reads take only
 * what was appended since.
 */
export class MonitorMembership implements Membership {
  private leases: MonitorLeases = monitorLeaseDecider.initialState;
  private revision?: number;

  constructor(
    private readonly store: EventStore,
    /** The longest a lease lives: older renewals cannot be live. */
    private readonly ttlMs: number,
  ) {}

  async refresh(nowMs: number): Promise<void> {
    const events =
      this.revision === undefined
        ? await this.readTail(nowMs)
        : await this.store.readStream(MONITOR_INSTANCES_STREAM, {
            fromRevision: this.revision + 1,
          });
    this.revision = events.at(-1)?.revision ?? this.revision;
    const folded = fold(
      monitorLeaseDecider,
      toDomainEvents<MonitorLeaseEvent>(events),
      this.leases,
    );
    // Ended leases are dropped, so restarts of other instances do not pile up here.
    this.leases = new Map(
      liveHolders(folded, nowMs).map((holder) => [holder, folded.get(holder)!]),
    );
  }

  /** The holders with a live lease at `nowMs`, sorted. */
  holders(nowMs: number): string[] {
    return liveHolders(this.leases, nowMs);
  }

  private async readTail(nowMs: number): Promise<RecordedEvent[]> {
    for (let last = FIRST_TAIL; ; last *= 4) {
      const tail = await this.store.readStream(MONITOR_INSTANCES_STREAM, { last });
      const oldest = tail[0];
      if (tail.length < last || !oldest || writtenAt(oldest) < nowMs - this.ttlMs) {
        // Reading from the start of the stream: a revision -1 before it.
        if (tail.length === 0) this.revision = -1;
        return tail;
      }
    }
  }
}

const writtenAt = (event: RecordedEvent): number => {
  const { data } = toDomainEvents<MonitorLeaseEvent>([event])[0];
  return Date.parse('renewedAt' in data ? data.renewedAt : data.releasedAt);
};
