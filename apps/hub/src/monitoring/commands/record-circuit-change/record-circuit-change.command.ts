import { Command } from '@nestjs/cqrs';
import { CircuitChange } from '@pms-hub/domain';

export class RecordCircuitChangeCommand extends Command<void> {
  constructor(
    readonly officeId: string,
    readonly change: CircuitChange,
  ) {
    super();
  }
}
