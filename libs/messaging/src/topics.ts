import { COMMAND_TYPES, CommandType } from '@pms-hub/domain';

/** The hub's topics. Command topics are keyed by officeId, so one office's commands stay in order. */
export interface HubTopics {
  readonly commands: Readonly<Record<CommandType, string>>;
  readonly deadLetter: string;
  readonly events: string;
  readonly commandResults: string;
}

/** `prefix` lets several hubs (or test runs) share a cluster: `acme.` → `acme.pms.events`. */
export function hubTopics(prefix = ''): HubTopics {
  return {
    commands: {
      CreatePatient: `${prefix}pms.commands.create-patient`,
      BookAppointment: `${prefix}pms.commands.book-appointment`,
      CancelAppointment: `${prefix}pms.commands.cancel-appointment`,
    },
    deadLetter: `${prefix}pms.commands.dlq`,
    events: `${prefix}pms.events`,
    commandResults: `${prefix}pms.command-results`,
  };
}

export const commandTypeOfTopic = (topics: HubTopics, topic: string): CommandType | undefined =>
  COMMAND_TYPES.find((type) => topics.commands[type] === topic);
