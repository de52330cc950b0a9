import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  HealthCheck,
  HealthRules,
  UnrecordedChecks,
  officeHealthDecider,
  officeHealthStream,
} from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { decideAndAppend, factContext } from '../../../platform/event-store/append-decided';
import { HEALTH_RULES } from '../../health-rules';
import { LatestHealthChecks } from '../../read-models/office-health/latest-health-checks';
import { OfficeHealthCache } from './office-health.cache';
import { RecordHealthCheckCommand } from './record-health-check.command';
import { tallied } from './unrecorded-checks';

/**
 * Decides whether a check is recorded (see `officeHealthDecider`) and appends it (and any status
 * change) at the revision folded; a lost race reads the new tail and decides again. The checks
 * left unrecorded are tallied here, in memory, and go with the next recorded one: a crash loses at
 * most that tally, never a change.
 */
@CommandHandler(RecordHealthCheckCommand)
export class RecordHealthCheckHandler implements ICommandHandler<RecordHealthCheckCommand> {
  private readonly health: OfficeHealthCache;
  private readonly decider: ReturnType<typeof officeHealthDecider>;
  private readonly unrecorded = new Map<string, UnrecordedChecks>();
  /** One check per office at a time: the tally is read and written around the append. */
  private readonly recording = new Map<string, Promise<void>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(HEALTH_RULES) rules: HealthRules,
    private readonly latest: LatestHealthChecks,
  ) {
    this.decider = officeHealthDecider(rules);
    this.health = new OfficeHealthCache(store, this.decider, rules);
  }

  execute(command: RecordHealthCheckCommand): Promise<void> {
    const { officeId } = command;
    const next = (this.recording.get(officeId) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.record(command));
    this.recording.set(officeId, next);
    const forget = () => {
      if (this.recording.get(officeId) === next) this.recording.delete(officeId);
    };
    next.then(forget, forget);
    return next;
  }

  private async record({
    officeId,
    pmsType,
    health,
    checkedAt,
  }: RecordHealthCheckCommand): Promise<void> {
    const pending = this.unrecorded.get(officeId);
    const check: HealthCheck = {
      pmsType,
      healthy: health.healthy,
      responseTimeMs: health.responseTimeMs,
      endpoints: health.endpoints,
      ...(health.error === undefined ? {} : { error: health.error }),
      checkedAt,
      ...(pending ? { unrecorded: pending } : {}),
    };
    this.latest.note(officeId, check);
    const { appended, after } = await decideAndAppend(
      this.store,
      officeHealthStream(officeId),
      this.decider,
      check,
      { context: () => factContext(officeId), read: (lost) => this.health.read(officeId, lost) },
    );
    if (appended.length === 0) this.unrecorded.set(officeId, tallied(pending, check));
    else this.unrecorded.delete(officeId);
    this.health.remember(officeId, after);
  }
}
