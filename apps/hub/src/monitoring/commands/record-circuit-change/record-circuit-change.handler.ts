import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { pmsCircuitDecider, pmsCircuitStream } from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { decideAndAppend, factContext } from '../../../platform/event-store/append-decided';
import { RecordCircuitChangeCommand } from './record-circuit-change.command';

/** Appends a circuit change at the revision read; another hub's concurrent append wins a re-read. */
@CommandHandler(RecordCircuitChangeCommand)
export class RecordCircuitChangeHandler implements ICommandHandler<RecordCircuitChangeCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ officeId, change }: RecordCircuitChangeCommand): Promise<void> {
    await decideAndAppend(this.store, pmsCircuitStream(officeId), pmsCircuitDecider, change, {
      context: () => factContext(officeId),
    });
  }
}
