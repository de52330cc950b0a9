import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandOutcome, bookingStream, decideBooking, foldBooking } from '@pms-hub/domain';
import { identityOf } from '../commands/pms-process';
import { PmsProcessRunner } from '../commands/pms-process.runner';
import { BookAppointmentCommand } from './book-appointment.command';

@CommandHandler(BookAppointmentCommand)
export class BookAppointmentHandler implements ICommandHandler<BookAppointmentCommand> {
  constructor(private readonly runner: PmsProcessRunner) {}

  execute({ envelope }: BookAppointmentCommand): Promise<CommandOutcome> {
    const { notes, ...request } = envelope.payload;
    return this.runner.run({
      identity: identityOf(envelope),
      stream: bookingStream(envelope.commandId),
      request: { ...request },
      fold: foldBooking,
      decide: decideBooking,
      call: async (adapter) => {
        const { appointmentId } = await adapter.bookAppointment({ ...request, notes });
        return { appointmentId };
      },
      find: async (adapter) => {
        const [match] = await adapter.findAppointments(request);
        return match && { appointmentId: match.appointmentId };
      },
    });
  }
}
