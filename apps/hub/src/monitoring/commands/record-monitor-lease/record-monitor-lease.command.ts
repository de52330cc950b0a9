import { Command } from '@nestjs/cqrs';
import { MonitorLeaseChange } from '@pms-hub/domain';

export class RecordMonitorLeaseCommand extends Command<void> {
  constructor(readonly change: MonitorLeaseChange) {
    super();
  }
}
