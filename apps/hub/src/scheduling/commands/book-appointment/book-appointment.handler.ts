import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BookingRequest, CommandOutcome, bookingDecider, bookingStream } from '@pms-hub/domain';
import { canonicalJson, identityOf } from '../../pms-process/pms-process';
import { PmsProcessRunner } from '../../pms-process/pms-process.runner';
import { BookAppointmentCommand } from './book-appointment.command';

@CommandHandler(BookAppointmentCommand)
export class BookAppointmentHandler implements ICommandHandler<BookAppointmentCommand> {
  constructor(private readonly runner: PmsProcessRunner) {}

  execute({ envelope }: BookAppointmentCommand): Promise<CommandOutcome> {
    const { notes, ...fields } = envelope.payload;
    // Absent optional fields are left out, so requests compare by what was actually sent.
    const request = JSON.parse(JSON.stringify(fields)) as BookingRequest;
    return this.runner.run({
      identity: identityOf(envelope),
      stream: bookingStream(envelope.commandId),
      decider: bookingDecider,
      request,
      sameRequest: (recorded) => canonicalJson(recorded) === canonicalJson(request),
      call: async (adapter) => {
        const { appointmentId } = await adapter.bookAppointment({ ...request, notes });
        return { appointmentId };
      },
      find: async (adapter, recorded) => {
        const [match] = await adapter.findAppointments(recorded);
        return match && { appointmentId: match.appointmentId };
      },
    });
  }
}
