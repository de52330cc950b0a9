import { Consumer, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterOf } from '../dead-letter';
import { IncomingMessage, IntakeHandler, IntakeVerdict, MessagePublisher } from '../message.port';
import { HubTopics, commandTypeOfTopic, hubTopics } from '../topics';
import { KafkaConfig } from './kafka.config';

const HEARTBEAT_EVERY_MS = 3000;
const RECONNECT_AFTER_MS = 2000;

type Log = (level: 'log' | 'warn' | 'error', message: string) => void;

/**
 * Consumes the command topics in one consumer group. A message's offset is committed only after
 * the handler has a verdict: its outcome is in the store, or its dead letter is on the broker.
 * A handler error commits nothing, so the message comes again.
 */
export class KafkaCommandIntake {
  private consumer?: Consumer;
  private stopping = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly topics: HubTopics;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: KafkaConfig,
    private readonly handler: IntakeHandler,
    private readonly publisher: MessagePublisher,
    private readonly log: Log,
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
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.log(
        'error',
        `command consumer crashed (restart: ${payload.restart}): ${payload.error.message}`,
      );
      // kafkajs restarts only after errors it deems retriable; for the rest the hub would go on
      // serving HTTP with no consumer at all.
      if (!payload.restart && !this.stopping)
        this.later(RECONNECT_AFTER_MS, () => this.reconnect());
    });
    await consumer.connect();
    await consumer.subscribe({ topics: Object.values(this.topics.commands), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.config.partitionsConsumedConcurrently,
      eachMessage: (payload) => this.consume(consumer, payload),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    await this.consumer?.disconnect();
  }

  private async consume(consumer: Consumer, payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const incoming = this.incoming(topic, partition, message);
    const verdict = await this.whileHeartbeating(payload.heartbeat, () => this.verdictOn(incoming));
    if (verdict.kind === 'retry-later') {
      // Only this partition waits: kafkajs fetches all partitions together, so waiting inside
      // eachMessage would stall every office.
      const resume = payload.pause();
      consumer.seek({ topic, partition, offset: message.offset });
      this.later(verdict.afterMs, async () => resume());
      return;
    }
    await this.publish(incoming, verdict);
    try {
      await consumer.commitOffsets([
        { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
      ]);
    } catch (error) {
      // kafkajs wraps a lost membership in an error without its type, so it would crash rather
      // than rejoin; the protocol error underneath lets it rejoin (the message comes again).
      const cause = (error as { cause?: unknown }).cause;
      throw cause instanceof Error ? cause : error;
    }
  }

  private async reconnect(): Promise<void> {
    try {
      await this.consumer?.disconnect();
      if (!this.stopping) await this.start();
    } catch (error) {
      this.log('error', `command consumer could not restart: ${(error as Error).message}`);
      if (!this.stopping) this.later(RECONNECT_AFTER_MS, () => this.reconnect());
    }
  }

  private later(ms: number, work: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void work();
    }, ms);
    this.timers.add(timer);
  }

  /** A slow PMS call must not cost the group membership (the session timeout is 30 s). */
  private async whileHeartbeating<T>(
    heartbeat: () => Promise<void>,
    work: () => Promise<T>,
  ): Promise<T> {
    const timer = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_EVERY_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private incoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
    return {
      topic,
      partition,
      commandType: commandTypeOfTopic(this.topics, topic)!,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers ?? {},
    };
  }

  private verdictOn(message: IncomingMessage): Promise<IntakeVerdict> {
    const size = message.value?.length ?? 0;
    if (size > this.config.maxCommandBytes) {
      const reason = `value too large: ${size} bytes, at most ${this.config.maxCommandBytes}`;
      return Promise.resolve({ kind: 'dead-letter', reason });
    }
    return this.handler.handle(message);
  }

  private async publish(message: IncomingMessage, verdict: IntakeVerdict): Promise<void> {
    if (verdict.kind === 'dead-letter') {
      const letter = deadLetterOf(message, verdict.reason, new Date());
      await this.publisher.publish([{ topic: this.topics.deadLetter, messages: [letter] }]);
      const where = `${message.topic}[${message.partition}]@${message.offset}`;
      this.log('warn', `${where} dead-lettered: ${letter.headers?.['dlq-reason']}`);
    } else if (verdict.kind === 'handled' && verdict.result) {
      await this.publisher.publish([
        { topic: this.topics.commandResults, messages: [verdict.result] },
      ]);
    }
  }
}
