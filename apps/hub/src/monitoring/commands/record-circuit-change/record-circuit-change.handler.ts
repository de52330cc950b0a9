import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PmsCircuitEvent, decideCircuitChange, pmsCircuitStream } from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { appendDecided } from '../../../platform/event-store/append-decided';
import { RecordCircuitChangeCommand } from './record-circuit-change.command';

/** Appends a circuit change at the revision read; another hub's concurrent append wins a re-read. */
@CommandHandler(RecordCircuitChangeCommand)
export class RecordCircuitChangeHandler implements ICommandHandler<RecordCircuitChangeCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ officeId, change }: RecordCircuitChangeCommand): Promise<void> {
    return appendDecided<PmsCircuitEvent>(
      this.store,
      pmsCircuitStream(officeId),
      officeId,
      (history, context) => decideCircuitChange(history, change, context),
    );
  }
}
