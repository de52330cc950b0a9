import { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterOf } from '../dead-letter';
import { IncomingMessage, IntakeHandler, IntakeVerdict, MessagePublisher } from '../message';
import { HubTopics, commandTypeOfTopic, hubTopics } from '../topics';
import { KafkaConfig } from './kafka.config';

/**
 * Consumes the command topics in one consumer group. A message's offset is committed only after
 * the handler has a verdict: its outcome is in the store, or its dead letter is on the broker.
 * A handler error commits nothing, so the message comes again.
 */
export class KafkaCommandIntake {
  private consumer?: Consumer;
  private stopping = false;
  private readonly topics: HubTopics;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: KafkaConfig,
    private readonly handler: IntakeHandler,
    private readonly publisher: MessagePublisher,
    private readonly log: (level: 'log' | 'warn' | 'error', message: string) => void,
  ) {
    this.topics = hubTopics(config.topicPrefix);
  }

  async start(): Promise<void> {
    // A short fetch wait keeps shutdown quick: disconnect waits for the fetch in progress.
    const consumer = this.kafka.consumer({ groupId: this.config.groupId, maxWaitTimeInMs: 1000 });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      this.log('log', `joined ${payload.groupId}: ${JSON.stringify(payload.memberAssignment)}`),
    );
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      this.log(
        'error',
        `command consumer crashed (restart: ${payload.restart}): ${payload.error.message}`,
      ),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: Object.values(this.topics.commands), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.config.partitionsConsumedConcurrently,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const incoming = this.incoming(topic, partition, message);
        const verdict = await this.verdictOn(incoming, heartbeat);
        await this.publish(incoming, verdict);
        const next = (BigInt(message.offset) + 1n).toString();
        await consumer.commitOffsets([{ topic, partition, offset: next }]);
      },
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect();
  }

  private incoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
    return {
      topic,
      partition,
      commandType: commandTypeOfTopic(this.topics, topic)!,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [
          name,
          Array.isArray(value) ? value[0] : value,
        ]),
      ),
    };
  }

  private verdictOn(
    message: IncomingMessage,
    heartbeat: () => Promise<void>,
  ): Promise<IntakeVerdict> {
    const size = message.value?.length ?? 0;
    if (size > this.config.maxCommandBytes) {
      const reason = `value too large: ${size} bytes, at most ${this.config.maxCommandBytes}`;
      return Promise.resolve({ kind: 'dead-letter', reason });
    }
    return this.handler.handle(message, { heartbeat, stopping: () => this.stopping });
  }

  private async publish(message: IncomingMessage, verdict: IntakeVerdict): Promise<void> {
    if (verdict.kind === 'dead-letter') {
      const letter = deadLetterOf(message, verdict.reason, new Date());
      await this.publisher.publish([{ topic: this.topics.deadLetter, messages: [letter] }]);
      const where = `${message.topic}[${message.partition}]@${message.offset}`;
      this.log('warn', `${where} dead-lettered: ${verdict.reason}`);
    } else if (verdict.result) {
      await this.publisher.publish([
        { topic: this.topics.commandResults, messages: [verdict.result] },
      ]);
    }
  }
}
