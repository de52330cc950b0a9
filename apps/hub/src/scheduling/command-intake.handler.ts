import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IncomingMessage, IntakeHandler, IntakeVerdict } from '@pms-hub/messaging';
import { HubCommand, parseCommand } from './command-envelope.dto';
import { CommandOutcomeReader } from './command-outcome.reader';
import { CommandConflictError } from './pms-process/pms-process';
import { OfficeDirectory } from '../offices/office-directory';
import { commandResultMessage } from './command-result.message';

const MAX_BACKOFF_MS = 15000;
const MAX_REASONS = 10;

/**
 * Turns a command message into a command and carries it out, the same way REST does. A message
 * that cannot become a command is a dead letter with the reason; a command redelivered after its
 * outcome was recorded gets that outcome published again and never reaches the PMS.
 */
@Injectable()
export class CommandIntakeHandler implements IntakeHandler {
  /** Retries so far of commands left pending, for their backoff. */
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly commandBus: CommandBus,
    private readonly outcomes: CommandOutcomeReader,
    private readonly offices: OfficeDirectory,
  ) {}

  async handle(message: IncomingMessage): Promise<IntakeVerdict> {
    const parsed = await this.parse(message);
    if ('reason' in parsed) return { kind: 'dead-letter', reason: parsed.reason };
    const { commandId, type, officeId } = parsed.command.envelope;
    const recorded = await this.outcomes.read(commandId);
    if (recorded && (recorded.type !== type || recorded.officeId !== officeId)) {
      const reason = `commandId ${commandId} was already used for ${recorded.type} at office ${recorded.officeId}`;
      return { kind: 'dead-letter', reason };
    }
    if (recorded && recorded.status !== 'pending') {
      return { kind: 'handled', result: commandResultMessage(recorded) };
    }
    let outcome;
    try {
      outcome = await this.commandBus.execute(parsed.command);
    } catch (error) {
      if (error instanceof CommandConflictError)
        return { kind: 'dead-letter', reason: error.message };
      throw error;
    }
    if (outcome.status !== 'pending') {
      this.attempts.delete(commandId);
      return { kind: 'handled' };
    }
    // Pending: a call may still be in flight elsewhere, or the PMS cannot be searched yet. The
    // offset stays uncommitted and the message is read again after a backoff.
    const attempt = this.attempts.get(commandId) ?? 0;
    this.attempts.set(commandId, attempt + 1);
    return { kind: 'retry-later', afterMs: Math.min(1000 * 2 ** attempt, MAX_BACKOFF_MS) };
  }

  private async parse(
    message: IncomingMessage,
  ): Promise<{ command: HubCommand } | { reason: string }> {
    if (!message.value || message.value.length === 0) return { reason: 'value is empty' };
    let body: unknown;
    try {
      body = JSON.parse(message.value.toString('utf8'));
    } catch {
      // The parser's message quotes the value, which may hold patient data.
      return { reason: 'value is not valid JSON' };
    }
    const parsed = await parseCommand(body);
    if (!parsed.ok) {
      const more = parsed.errors.length - MAX_REASONS;
      return {
        reason: [
          ...parsed.errors.slice(0, MAX_REASONS),
          ...(more > 0 ? [`${more} more`] : []),
        ].join('; '),
      };
    }
    const { type, officeId } = parsed.command.envelope;
    if (message.commandType !== type) {
      return { reason: `a ${type} command does not belong on topic ${message.topic}` };
    }
    if (!this.offices.find(officeId)) return { reason: `unknown office "${officeId}"` };
    return { command: parsed.command };
  }
}
