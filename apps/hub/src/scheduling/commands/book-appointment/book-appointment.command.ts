import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandOutcome } from '@pms-hub/domain';
import { BookAppointmentPayload } from './book-appointment.dto';

export class BookAppointmentCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<'BookAppointment', BookAppointmentPayload>) {
    super();
  }
}
