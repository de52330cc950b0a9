import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';

/** Never written: reading it costs one indexed lookup that answers an empty list. */
const PROBE_STREAM = 'hub-readiness-probe';
const TIMEOUT_MS = 3000;

/** Up when the event store answers a read in time; the hub can do nothing useful without it. */
@Injectable()
export class EventStoreIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    // A store that hangs (EventStoreDB gone quiet) must fail the probe, not hold it open.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    try {
      await Promise.race([this.store.readStream(PROBE_STREAM), timedOut]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }
}
