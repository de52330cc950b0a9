import { IncomingMessage, OutgoingMessage } from './message.port';

const MAX_REASON_CHARS = 1000;

/**
 * The dead letter keeps the original key, value and headers byte for byte and adds where it came
 * from and why, so an operator can fix and replay it. The reason is capped: it is built from the
 * input, and a header must not grow with it.
 */
export function deadLetterOf(message: IncomingMessage, reason: string, now: Date): OutgoingMessage {
  const headers = Object.fromEntries(
    Object.entries(message.headers).filter(([, value]) => value !== undefined),
  ) as Exclude<OutgoingMessage['headers'], undefined>;
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...headers,
      'dlq-reason':
        reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)} …` : reason,
      'dlq-source-topic': message.topic,
      'dlq-source-partition': String(message.partition),
      'dlq-source-offset': message.offset,
      'dlq-failed-at': now.toISOString(),
    },
  };
}
