import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CommandOutcome,
  PatientCreationRequest,
  patientRegistrationDecider,
  patientRegistrationStream,
} from '@pms-hub/domain';
import { Patient, PmsAdapter } from '@pms-hub/pms';
import { ReconciliationError, identityOf } from '../../pms-process/pms-process';
import { PmsProcessRunner } from '../../pms-process/pms-process.runner';
import { CreatePatientCommand } from './create-patient.command';
import { CreatePatientPayload } from './create-patient.dto';

@CommandHandler(CreatePatientCommand)
export class CreatePatientHandler implements ICommandHandler<CreatePatientCommand> {
  constructor(private readonly runner: PmsProcessRunner) {}

  execute({ envelope }: CreatePatientCommand): Promise<CommandOutcome> {
    const patient = envelope.payload;
    // Field names only: patient data stays out of the store.
    const providedFields = Object.keys(patient)
      .filter((field) => patient[field as keyof CreatePatientPayload] !== undefined)
      .sort();
    const request: PatientCreationRequest = { providedFields };
    return this.runner.run({
      identity: identityOf(envelope),
      stream: patientRegistrationStream(envelope.commandId),
      decider: patientRegistrationDecider,
      request,
      // Patients who already match are remembered by PMS id, so reconciliation never adopts them.
      prepare: async (adapter) => ({
        providedFields,
        existingPatientIds: (await sameIdentity(adapter, patient)).map((p) => p.patientId),
      }),
      sameRequest: (recorded) => recorded.providedFields.join() === providedFields.join(),
      call: async (adapter) => ({ patientId: (await adapter.createPatient(patient)).patientId }),
      find: async (adapter, recorded) => {
        const known = new Set(recorded.existingPatientIds ?? []);
        const created = (await sameIdentity(adapter, patient)).filter(
          (p) => !known.has(p.patientId),
        );
        if (created.length > 1) {
          throw new ReconciliationError(
            `${created.length} new patients in the PMS match this command: review them by hand`,
          );
        }
        return created[0] && { patientId: created[0].patientId };
      },
    });
  }
}

/** Patients with the same first name, last name (case-insensitive) and date of birth. */
async function sameIdentity(
  adapter: PmsAdapter,
  patient: CreatePatientPayload,
): Promise<Patient[]> {
  const { firstName, lastName, dateOfBirth } = patient;
  const same = (a: string, b: string) =>
    a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
  const matches = await adapter.searchPatients({ firstName, lastName, dateOfBirth });
  return matches.filter(
    (p) =>
      same(p.firstName, firstName) && same(p.lastName, lastName) && p.dateOfBirth === dateOfBirth,
  );
}
