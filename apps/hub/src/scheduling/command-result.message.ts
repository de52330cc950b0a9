import { CommandOutcome } from '@pms-hub/domain';
import { RecordedEvent } from '@pms-hub/event-store';
import { OutgoingMessage } from '@pms-hub/messaging';
import { outcomeOfEvent } from './command-streams';

/** pms.command-results: key commandId, value the outcome exactly as REST shows it. */
export const commandResultMessage = (outcome: CommandOutcome): OutgoingMessage => ({
  key: outcome.commandId,
  value: JSON.stringify(outcome),
  headers: { 'command-type': outcome.type, status: outcome.status },
});

/** What the forwarder publishes to pms.command-results for an event, if it records an outcome. */
export const commandResultOf = (event: RecordedEvent): OutgoingMessage | undefined => {
  const outcome = outcomeOfEvent(event);
  return outcome && commandResultMessage(outcome);
};
