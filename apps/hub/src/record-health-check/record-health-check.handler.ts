import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  DEFAULT_HEALTH_RULES,
  HealthCheck,
  OfficeHealthEvent,
  decideHealthCheck,
  officeHealthStream,
} from '@pms-hub/domain';
import { EVENT_STORE, EventStore, WrongExpectedRevisionError } from '@pms-hub/event-store';
import { toDomainEvents, toEventsToAppend } from '../event-store/stored-events';
import { RecordHealthCheckCommand } from './record-health-check.command';

/** Appends a check (and any status change) at the revision read; a lost race re-reads. */
@CommandHandler(RecordHealthCheckCommand)
export class RecordHealthCheckHandler implements ICommandHandler<RecordHealthCheckCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ officeId, pmsType, health, checkedAt }: RecordHealthCheckCommand): Promise<void> {
    const stream = officeHealthStream(officeId);
    const check: HealthCheck = {
      pmsType,
      healthy: health.healthy,
      responseTimeMs: health.responseTimeMs,
      endpoints: health.endpoints,
      ...(health.error === undefined ? {} : { error: health.error }),
      checkedAt,
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      // The decider needs only the current status and the last few checks, but the stream grows
      // by one event per check (2880 a day per office at 30 s): reading all of it is fine for
      // now; a long-lived hub will want a snapshot, or a read of the stream's tail.
      const recorded = await this.store.readStream(stream);
      const id = randomUUID();
      const events = decideHealthCheck(
        toDomainEvents<OfficeHealthEvent>(recorded),
        check,
        DEFAULT_HEALTH_RULES,
        {
          commandId: id,
          correlationId: id,
          officeId,
          now: new Date().toISOString(),
          newId: randomUUID,
        },
      );
      const expected = recorded.length === 0 ? 'no_stream' : recorded.length - 1;
      try {
        await this.store.append(stream, toEventsToAppend(events), expected);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new Error(`health check for office ${officeId} lost three append races in a row`);
  }
}
