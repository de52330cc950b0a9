import {
  CommandOutcome,
  CommandType,
  ProcessDecider,
  StoredEvent,
  bookingDecider,
  bookingStream,
  cancellationDecider,
  cancellationStream,
  fold,
  outcomeOf,
  patientRegistrationDecider,
  patientRegistrationStream,
} from '@pms-hub/domain';
import { RecordedEvent } from '@pms-hub/event-store';
import { toDomainEvents } from '../platform/event-store/stored-events';
import { ResultIds } from './pms-process/pms-process';

/** Where each command type keeps its process, and the decider that reads it. */
interface CommandProcess {
  readonly stream: (commandId: string) => string;
  readonly decider: ProcessDecider<StoredEvent, unknown, ResultIds>;
}

export const COMMAND_PROCESSES: Readonly<Record<CommandType, CommandProcess>> = {
  BookAppointment: { stream: bookingStream, decider: bookingDecider as CommandProcess['decider'] },
  CreatePatient: {
    stream: patientRegistrationStream,
    decider: patientRegistrationDecider as CommandProcess['decider'],
  },
  CancelAppointment: {
    stream: cancellationStream,
    decider: cancellationDecider as CommandProcess['decider'],
  },
};

const identityOf = (type: CommandType, event: StoredEvent) => ({
  commandId: event.metadata.commandId,
  type,
  officeId: event.metadata.officeId,
});

/** A command's current outcome, folded from its whole stream. */
export function outcomeOfStream(
  type: CommandType,
  recorded: readonly RecordedEvent[],
): CommandOutcome {
  const events = toDomainEvents<StoredEvent>(recorded);
  return outcomeOf(identityOf(type, events[0]), fold(COMMAND_PROCESSES[type].decider, events));
}

/** The outcome one event records, for publication as the command's result; else undefined. */
export function outcomeOfEvent(recorded: RecordedEvent): CommandOutcome | undefined {
  const type = (Object.keys(COMMAND_PROCESSES) as CommandType[]).find((t) =>
    recorded.streamId.startsWith(COMMAND_PROCESSES[t].stream('')),
  );
  if (!type) return undefined;
  const [event] = toDomainEvents<StoredEvent>([recorded]);
  const outcome = COMMAND_PROCESSES[type].decider.outcomeOf(event);
  return outcome && { ...identityOf(type, event), ...outcome };
}
