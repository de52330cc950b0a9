import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  DEFAULT_HEALTH_RULES,
  HealthCheck,
  decideHealthCheckFrom,
  officeHealthStream,
} from '@pms-hub/domain';
import { EVENT_STORE, EventStore, WrongExpectedRevisionError } from '@pms-hub/event-store';
import { factContext } from '../../../platform/event-store/append-decided';
import { toEventsToAppend } from '../../../platform/event-store/stored-events';
import { FoldedHealth, OfficeHealthCache } from './office-health.cache';
import { RecordHealthCheckCommand } from './record-health-check.command';

/**
 * Appends a check (and any status change) at the revision folded; a lost race reads the new tail
 * and decides again. Only the events since the office's last check are read: the stream grows
 * by one event per check.
 */
@CommandHandler(RecordHealthCheckCommand)
export class RecordHealthCheckHandler implements ICommandHandler<RecordHealthCheckCommand> {
  private readonly health: OfficeHealthCache;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.health = new OfficeHealthCache(store, DEFAULT_HEALTH_RULES);
  }

  async execute({ officeId, pmsType, health, checkedAt }: RecordHealthCheckCommand): Promise<void> {
    const check: HealthCheck = {
      pmsType,
      healthy: health.healthy,
      responseTimeMs: health.responseTimeMs,
      endpoints: health.endpoints,
      ...(health.error === undefined ? {} : { error: health.error }),
      checkedAt,
    };
    const stream = officeHealthStream(officeId);
    let known: FoldedHealth | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      known = await this.health.read(officeId, known);
      const context = factContext(officeId);
      const appended = decideHealthCheckFrom(known.state, check, DEFAULT_HEALTH_RULES, context);
      const expected = known.revision < 0 ? 'no_stream' : known.revision;
      try {
        const { nextRevision } = await this.store.append(
          stream,
          toEventsToAppend(appended),
          expected,
        );
        this.health.fold(officeId, known, appended, nextRevision);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // Another hub appended: read what it added. The stream shorter than the fold (a restored
        // store): fold it again from the start.
        if (error.actual === 'no_stream' || error.actual < known.revision) {
          this.health.forget(officeId);
          known = undefined;
        }
      }
    }
    throw new Error(`${stream}: lost three append races in a row`);
  }
}
