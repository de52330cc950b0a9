import { Logger } from '@nestjs/common';
import { CheckpointStore, EventStore } from '@pms-hub/event-store';
import {
  KafkaCommandIntake,
  IntakeHandler,
  KafkaConfig,
  KafkaPublisher,
  createKafka,
  ensureTopics,
  hubTopics,
} from '@pms-hub/messaging';
import { CommandResultOf, EventForwarder } from './event-forwarder';

export interface KafkaMode {
  /** Starts publishing, then consuming into the handler. */
  start(handler: IntakeHandler): Promise<void>;
  /** Stops taking commands; what is in flight still records its outcome. */
  stopIntake(): Promise<void>;
  /** Stops publishing; after stopIntake and after runs in flight have recorded their outcomes. */
  stop(): Promise<void>;
}

/** Kafka mode: topics created if missing, the forwarder publishing, the intake consuming. */
export function kafkaMode(
  config: KafkaConfig,
  store: EventStore,
  checkpoints: CheckpointStore,
  withForwarder: boolean,
  commandResultOf: CommandResultOf,
): KafkaMode {
  const logger = new Logger('kafka');
  const log = (level: 'log' | 'warn' | 'error', message: string) => logger[level](message);
  const kafka = createKafka(config, log);
  // One producer each: neither's sends wait behind the other's.
  const intakePublisher = new KafkaPublisher(kafka);
  const forwarderPublisher = new KafkaPublisher(kafka);
  const forwarder = withForwarder
    ? new EventForwarder(
        store,
        checkpoints,
        forwarderPublisher,
        hubTopics(config.topicPrefix),
        commandResultOf,
        log,
      )
    : undefined;
  let intake: KafkaCommandIntake | undefined;
  return {
    async start(handler) {
      await ensureTopics(kafka, config);
      await forwarder?.start();
      intake = new KafkaCommandIntake(kafka, config, handler, intakePublisher, log);
      await intake.start();
    },
    async stopIntake() {
      await intake?.stop();
      await intakePublisher.close();
    },
    async stop() {
      await forwarder?.stop();
      await forwarderPublisher.close();
    },
  };
}
