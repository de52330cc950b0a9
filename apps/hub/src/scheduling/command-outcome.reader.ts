import { Inject, Injectable } from '@nestjs/common';
import { COMMAND_TYPES, CommandOutcome } from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { COMMAND_PROCESSES, outcomeOfStream } from './command-streams';

/** Reads a command's outcome straight from its stream: no read model lag for the caller. */
@Injectable()
export class CommandOutcomeReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(commandId: string): Promise<CommandOutcome | undefined> {
    for (const type of COMMAND_TYPES) {
      const recorded = await this.store.readStream(COMMAND_PROCESSES[type].stream(commandId));
      if (recorded.length > 0) return outcomeOfStream(type, recorded);
    }
    return undefined;
  }
}
