import { CompressionTypes, Kafka, Producer } from 'kafkajs';
import { MessagePublisher, OutgoingMessage } from '../message';

/**
 * An idempotent producer with acks=all and one request in flight: the broker dedupes retries and
 * keeps each partition in order.
 */
export class KafkaPublisher implements MessagePublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  }

  async publish(
    batches: readonly { topic: string; messages: readonly OutgoingMessage[] }[],
  ): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: Error) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: batches.map(({ topic, messages }) => ({
        topic,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers } })),
      })),
    });
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }
}
