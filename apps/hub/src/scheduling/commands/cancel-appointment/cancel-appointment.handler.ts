import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandOutcome, cancellationDecider, cancellationStream } from '@pms-hub/domain';
import { identityOf } from '../../pms-process/pms-process';
import { PmsProcessRunner } from '../../pms-process/pms-process.runner';
import { CancelAppointmentCommand } from './cancel-appointment.command';

@CommandHandler(CancelAppointmentCommand)
export class CancelAppointmentHandler implements ICommandHandler<CancelAppointmentCommand> {
  constructor(private readonly runner: PmsProcessRunner) {}

  execute({ envelope }: CancelAppointmentCommand): Promise<CommandOutcome> {
    const { appointmentId } = envelope.payload;
    return this.runner.run({
      identity: identityOf(envelope),
      stream: cancellationStream(envelope.commandId),
      decider: cancellationDecider,
      request: { appointmentId },
      sameRequest: (recorded) => recorded.appointmentId === appointmentId,
      call: async (adapter) => {
        await adapter.cancelAppointment(appointmentId);
        return { appointmentId };
      },
      // No `find`: cancelling twice is harmless, so an interrupted cancel is simply sent again.
    });
  }
}
