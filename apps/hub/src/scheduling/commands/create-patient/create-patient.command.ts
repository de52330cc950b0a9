import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandOutcome } from '@pms-hub/domain';
import { CreatePatientPayload } from './create-patient.dto';

export class CreatePatientCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<'CreatePatient', CreatePatientPayload>) {
    super();
  }
}
