import { INestApplication, Logger } from '@nestjs/common';
import { CheckpointStore, EventStore } from '@pms-hub/event-store';
import {
  KafkaCommandIntake,
  KafkaConfig,
  KafkaPublisher,
  createKafka,
  ensureTopics,
  hubTopics,
} from '@pms-hub/messaging';
import { EventForwarder } from '../forwarder/event-forwarder';
import { CommandIntakeHandler } from './command-intake.handler';

export interface KafkaMode {
  /** Starts publishing and consuming; the Nest app must be initialised. */
  start(app: INestApplication): Promise<void>;
  stop(): Promise<void>;
}

/** Kafka mode: topics created if missing, the forwarder publishing, the intake consuming. */
export function kafkaMode(
  config: KafkaConfig,
  store: EventStore,
  checkpoints: CheckpointStore,
  withForwarder: boolean,
): KafkaMode {
  const logger = new Logger('kafka');
  const log = (level: 'log' | 'warn' | 'error', message: string) => logger[level](message);
  const kafka = createKafka(config, log);
  const publisher = new KafkaPublisher(kafka);
  const forwarder = withForwarder
    ? new EventForwarder(store, checkpoints, publisher, hubTopics(config.topicPrefix), log)
    : undefined;
  let intake: KafkaCommandIntake | undefined;
  return {
    async start(app) {
      await ensureTopics(kafka, config);
      await forwarder?.start();
      intake = new KafkaCommandIntake(kafka, config, app.get(CommandIntakeHandler), publisher, log);
      await intake.start();
    },
    async stop() {
      await intake?.stop();
      await forwarder?.stop();
      await publisher.close();
    },
  };
}
