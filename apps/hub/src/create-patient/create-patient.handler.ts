import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CommandOutcome,
  decidePatientRegistration,
  foldPatientRegistration,
  patientRegistrationStream,
} from '@pms-hub/domain';
import { identityOf } from '../commands/pms-process';
import { PmsProcessRunner } from '../commands/pms-process.runner';
import { CreatePatientCommand } from './create-patient.command';

@CommandHandler(CreatePatientCommand)
export class CreatePatientHandler implements ICommandHandler<CreatePatientCommand> {
  constructor(private readonly runner: PmsProcessRunner) {}

  execute({ envelope }: CreatePatientCommand): Promise<CommandOutcome> {
    const patient = envelope.payload;
    return this.runner.run({
      identity: identityOf(envelope),
      stream: patientRegistrationStream(envelope.commandId),
      // Field names only: patient data stays out of the store.
      request: { providedFields: Object.keys(patient).sort() },
      fold: foldPatientRegistration,
      decide: decidePatientRegistration,
      call: async (adapter) => ({ patientId: (await adapter.createPatient(patient)).patientId }),
      find: async (adapter) => {
        const { firstName, lastName, dateOfBirth } = patient;
        const matches = await adapter.searchPatients({ firstName, lastName, dateOfBirth });
        const same = (a: string, b: string) =>
          a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
        const match = matches.find(
          (p) =>
            same(p.firstName, firstName) &&
            same(p.lastName, lastName) &&
            p.dateOfBirth === dateOfBirth,
        );
        return match && { patientId: match.patientId };
      },
    });
  }
}
