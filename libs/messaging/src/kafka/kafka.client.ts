import { Kafka, logLevel } from 'kafkajs';
import { KafkaConfig } from './kafka.config';

/** Routes kafkajs's own logging to ours, at warn and above: its info chatter is per batch. */
export function createKafka(
  config: KafkaConfig,
  log: (level: 'warn' | 'error', message: string) => void,
): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        const { message, ...rest } = entry;
        const text = `${message} ${JSON.stringify(rest)}`;
        log(level === logLevel.ERROR || level === logLevel.NOTHING ? 'error' : 'warn', text);
      },
  });
}
