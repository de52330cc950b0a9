import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandOutcome } from '@pms-hub/domain';
import { CancelAppointmentPayload } from './cancel-appointment.dto';

export class CancelAppointmentCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<'CancelAppointment', CancelAppointmentPayload>) {
    super();
  }
}
