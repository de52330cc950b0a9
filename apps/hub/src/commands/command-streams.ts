import {
  BookingEvent,
  CommandOutcome,
  CommandType,
  PatientRegistrationEvent,
  bookingStream,
  foldBooking,
  foldPatientRegistration,
  outcomeOf,
  patientRegistrationStream,
} from '@pms-hub/domain';
import { RecordedEvent } from '@pms-hub/event-store';
import { toDomainEvents } from '../event-store/stored-events';

/** Where each command type keeps its process, and how to read an outcome back from it. */
interface CommandStream {
  readonly stream: (commandId: string) => string;
  readonly outcome: (commandId: string, recorded: readonly RecordedEvent[]) => CommandOutcome;
}

const identity = (type: CommandType, commandId: string, recorded: readonly RecordedEvent[]) => ({
  commandId,
  type,
  officeId: (recorded[0].metadata as { officeId: string }).officeId,
});

export const COMMAND_STREAMS: Readonly<Record<CommandType, CommandStream>> = {
  BookAppointment: {
    stream: bookingStream,
    outcome: (commandId, recorded) =>
      outcomeOf(
        identity('BookAppointment', commandId, recorded),
        foldBooking(toDomainEvents<BookingEvent>(recorded)),
      ),
  },
  CreatePatient: {
    stream: patientRegistrationStream,
    outcome: (commandId, recorded) =>
      outcomeOf(
        identity('CreatePatient', commandId, recorded),
        foldPatientRegistration(toDomainEvents<PatientRegistrationEvent>(recorded)),
      ),
  },
};
