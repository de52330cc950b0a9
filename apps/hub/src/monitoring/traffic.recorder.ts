import { PmsCall, officeTrafficDecider, officeTrafficStream } from '@pms-hub/domain';
import { EventStore } from '@pms-hub/event-store';
import { factContext } from '../platform/event-store/append-decided';
import { toEventsToAppend } from '../platform/event-store/stored-events';

interface OfficeCalls {
  readonly pmsType: string;
  readonly calls: PmsCall[];
}

/**
 * Collects every timed PMS call in memory and appends, every `intervalMs`, one
 * `PmsTrafficRolledUp` per office that had calls in the interval: the event volume is bounded by
 * the interval and the number of offices, not by the traffic. A call belongs to the interval in
 * which it ended. The streams are append-only logs that nothing decides from, so they are
 * appended at any revision (no read, no race to lose).
 *
 * A rollup that fails to append is reported and dropped: retrying would hold ever more calls in
 * memory while the store is down, and traffic figures may have gaps where commands may not.
 */
export class TrafficRecorder {
  private pending = new Map<string, OfficeCalls>();
  private from: string;
  private timer?: NodeJS.Timeout;
  private appending: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly store: EventStore,
    private readonly intervalMs: number,
    private readonly onError: (error: Error) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.from = now().toISOString();
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    // A pending rollup never keeps the process alive: close() appends it on shutdown.
    this.timer.unref();
  }

  record(officeId: string, pmsType: string, call: PmsCall): void {
    // Calls ending after close() would never be appended: do not keep them.
    if (this.closed) return;
    const office = this.pending.get(officeId) ?? { pmsType, calls: [] };
    office.calls.push(call);
    this.pending.set(officeId, office);
  }

  /** Appends the interval ending now; rollups are appended one interval after another. */
  flush(): Promise<void> {
    const from = this.from;
    const to = this.now().toISOString();
    const offices = this.pending;
    this.pending = new Map();
    this.from = to;
    this.appending = this.appending.then(() => this.append(offices, from, to));
    return this.appending;
  }

  /** Stops the interval and appends what was recorded since the last rollup; call before the store closes. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.closed = true;
    await this.flush();
  }

  private async append(
    offices: ReadonlyMap<string, OfficeCalls>,
    from: string,
    to: string,
  ): Promise<void> {
    for (const [officeId, { pmsType, calls }] of offices) {
      // Recorded as of the interval's end, whenever the append happens.
      const events = officeTrafficDecider.decide(
        { interval: { pmsType, from, to }, calls },
        officeTrafficDecider.initialState,
        factContext(officeId, to),
      );
      try {
        await this.store.append(officeTrafficStream(officeId), toEventsToAppend(events), 'any');
      } catch (error) {
        this.onError(
          new Error(
            `${officeId}: traffic ${from}..${to} not recorded: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
    }
  }
}
