import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  DEFAULT_HEALTH_RULES,
  HealthCheck,
  officeHealthDecider,
  officeHealthStream,
} from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { decideAndAppend, factContext } from '../../../platform/event-store/append-decided';
import { OfficeHealthCache } from './office-health.cache';
import { RecordHealthCheckCommand } from './record-health-check.command';

const OFFICE_HEALTH = officeHealthDecider(DEFAULT_HEALTH_RULES);

/**
 * Appends a check (and any status change) at the revision folded; a lost race reads the new tail
 * and decides again. Only the events since the office's last check are read: the stream grows
 * by one event per check.
 */
@CommandHandler(RecordHealthCheckCommand)
export class RecordHealthCheckHandler implements ICommandHandler<RecordHealthCheckCommand> {
  private readonly health: OfficeHealthCache;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.health = new OfficeHealthCache(store, OFFICE_HEALTH);
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
    const { after } = await decideAndAppend(
      this.store,
      officeHealthStream(officeId),
      OFFICE_HEALTH,
      check,
      { context: () => factContext(officeId), read: (lost) => this.health.read(officeId, lost) },
    );
    this.health.remember(officeId, after);
  }
}
