import { CommandOutcome } from '@pms-hub/domain';
import { OutgoingMessage } from '@pms-hub/messaging';

/** pms.command-results: key commandId, value the outcome exactly as REST shows it. */
export const commandResultMessage = (outcome: CommandOutcome): OutgoingMessage => ({
  key: outcome.commandId,
  value: JSON.stringify(outcome),
  headers: { 'command-type': outcome.type, status: outcome.status },
});
