import { IncomingMessage, OutgoingMessage } from './message';

/**
 * The dead letter keeps the original key, value and headers byte for byte and adds where it came
 * from and why, so an operator can fix and replay it.
 */
export function deadLetterOf(message: IncomingMessage, reason: string, now: Date): OutgoingMessage {
  const headers: Record<string, string | Buffer> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = value;
  }
  return {
    key: message.key?.toString() ?? null,
    value: message.value,
    headers: {
      ...headers,
      'dlq-reason': reason,
      'dlq-source-topic': message.topic,
      'dlq-source-partition': String(message.partition),
      'dlq-source-offset': message.offset,
      'dlq-failed-at': now.toISOString(),
    },
  };
}
