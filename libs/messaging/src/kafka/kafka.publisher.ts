import { CompressionTypes, IHeaders, Kafka, Producer } from 'kafkajs';
import { MessagePublisher, OutgoingMessage } from '../message.port';

/**
 * An idempotent producer with acks=all and one request in flight: the broker dedupes retries and
 * keeps each partition in order. Sends go one at a time, and a failed send retires the producer:
 * kafkajs rolls its sequence numbers back after a failure, and a send that did land would then
 * make the broker drop the next batch as a duplicate. A new producer has a new producer id.
 */
export class KafkaPublisher implements MessagePublisher {
  private producer?: Producer;
  private connected?: Promise<Producer>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly kafka: Kafka) {}

  publish(
    batches: readonly { topic: string; messages: readonly OutgoingMessage[] }[],
  ): Promise<void> {
    const send = this.queue.then(() => this.send(batches));
    this.queue = send.catch(() => undefined);
    return send;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.retire();
  }

  private async send(
    batches: readonly { topic: string; messages: readonly OutgoingMessage[] }[],
  ): Promise<void> {
    const producer = await this.connect();
    try {
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: batches.map(({ topic, messages }) => ({
          topic,
          messages: messages.map((m) => ({
            key: m.key,
            value: m.value,
            headers: { ...m.headers } as IHeaders,
          })),
        })),
      });
    } catch (error) {
      await this.retire();
      throw error;
    }
  }

  private connect(): Promise<Producer> {
    this.connected ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      this.producer = producer;
      await producer.connect();
      return producer;
    })().catch((error: Error) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  private async retire(): Promise<void> {
    const producer = this.producer;
    this.producer = this.connected = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
