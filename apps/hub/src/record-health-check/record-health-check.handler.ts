import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  DEFAULT_HEALTH_RULES,
  HealthCheck,
  OfficeHealthEvent,
  decideHealthCheck,
  officeHealthStream,
} from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { appendDecided } from '../event-store/append-decided';
import { RecordHealthCheckCommand } from './record-health-check.command';

/** Appends a check (and any status change) at the revision read; a lost race re-reads. */
@CommandHandler(RecordHealthCheckCommand)
export class RecordHealthCheckHandler implements ICommandHandler<RecordHealthCheckCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ officeId, pmsType, health, checkedAt }: RecordHealthCheckCommand): Promise<void> {
    const check: HealthCheck = {
      pmsType,
      healthy: health.healthy,
      responseTimeMs: health.responseTimeMs,
      endpoints: health.endpoints,
      ...(health.error === undefined ? {} : { error: health.error }),
      checkedAt,
    };
    // The decider needs only the current status and the last few checks, but the stream grows
    // by one event per check (2880 a day per office at 30 s): reading all of it is fine for now;
    // a long-lived hub will want a snapshot, or a read of the stream's tail.
    return appendDecided<OfficeHealthEvent>(
      this.store,
      officeHealthStream(officeId),
      officeId,
      (history, context) => decideHealthCheck(history, check, DEFAULT_HEALTH_RULES, context),
    );
  }
}
