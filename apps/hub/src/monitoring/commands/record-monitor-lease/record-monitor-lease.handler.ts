import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MONITOR_INSTANCES_STREAM, monitorLeaseDecider } from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { factContext } from '../../../platform/event-store/append-decided';
import { toEventsToAppend } from '../../../platform/event-store/stored-events';
import { RecordMonitorLeaseCommand } from './record-monitor-lease.command';

/** No office: a lease is the instance's. */
const NO_OFFICE = '';

/** Appends a lease renewal or release at any revision: each holder writes only its own lease. */
@CommandHandler(RecordMonitorLeaseCommand)
export class RecordMonitorLeaseHandler implements ICommandHandler<RecordMonitorLeaseCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ change }: RecordMonitorLeaseCommand): Promise<void> {
    const events = monitorLeaseDecider.decide(
      change,
      monitorLeaseDecider.initialState,
      factContext(NO_OFFICE),
    );
    await this.store.append(MONITOR_INSTANCES_STREAM, toEventsToAppend(events), 'any');
  }
}
