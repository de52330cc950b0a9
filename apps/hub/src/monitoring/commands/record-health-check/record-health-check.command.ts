import { Command } from '@nestjs/cqrs';
import { PmsHealth } from '@pms-hub/pms';

export class RecordHealthCheckCommand extends Command<void> {
  constructor(
    readonly officeId: string,
    readonly pmsType: string,
    readonly health: PmsHealth,
    /** When the check was sent. */
    readonly checkedAt: string,
  ) {
    super();
  }
}
