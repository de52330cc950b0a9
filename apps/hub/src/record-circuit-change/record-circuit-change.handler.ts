import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PmsCircuitEvent, decideCircuitChange, pmsCircuitStream } from '@pms-hub/domain';
import { EVENT_STORE, EventStore, WrongExpectedRevisionError } from '@pms-hub/event-store';
import { toDomainEvents, toEventsToAppend } from '../event-store/stored-events';
import { RecordCircuitChangeCommand } from './record-circuit-change.command';

/** Appends a circuit change at the revision read; another hub's concurrent append wins a re-read. */
@CommandHandler(RecordCircuitChangeCommand)
export class RecordCircuitChangeHandler implements ICommandHandler<RecordCircuitChangeCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ officeId, change }: RecordCircuitChangeCommand): Promise<void> {
    const stream = pmsCircuitStream(officeId);
    for (let attempt = 0; attempt < 3; attempt++) {
      const recorded = await this.store.readStream(stream);
      const id = randomUUID();
      const events = decideCircuitChange(toDomainEvents<PmsCircuitEvent>(recorded), change, {
        commandId: id,
        correlationId: id,
        officeId,
        now: new Date().toISOString(),
        newId: randomUUID,
      });
      if (events.length === 0) return;
      const expected = recorded.length === 0 ? 'no_stream' : recorded.length - 1;
      try {
        await this.store.append(stream, toEventsToAppend(events), expected);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new Error(`circuit change for office ${officeId} lost three append races in a row`);
  }
}
