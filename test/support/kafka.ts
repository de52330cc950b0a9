import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Consumer, IHeaders, Kafka, KafkaMessage, logLevel } from 'kafkajs';

/** Written by jest's globalSetup for test files that run in worker processes. */
const BROKERS_FILE = join(__dirname, '..', '..', '.tmp', 'kafka-brokers');

/**
 * The real broker the suites talk to: KAFKA_BROKERS (comma-separated) when given, else the one
 * jest's globalSetup started. Throws rather than skipping: a suite that needs Kafka must not pass
 * without it.
 */
export function kafkaBrokers(): string[] {
  const fromFile =
    process.env.PMS_HUB_NO_KAFKA !== '1' && existsSync(BROKERS_FILE)
      ? readFileSync(BROKERS_FILE, 'utf8')
      : '';
  const brokers = (process.env.KAFKA_BROKERS ?? fromFile)
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    throw new Error(
      'No Kafka broker: run the tests through jest (its globalSetup starts one) or set KAFKA_BROKERS',
    );
  }
  return brokers;
}

/** A kafkajs client that only logs errors, so that suites' output stays readable. */
export function kafkaClient(brokers: string[], clientId = 'pms-hub-test'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.ERROR });
}

/**
 * A consumer that long-polls for 100 ms instead of kafkajs's 5 s: `disconnect()` waits for the
 * pending fetch, which would otherwise add seconds to every suite that reads a topic to its end.
 */
export function testConsumer(kafka: Kafka, groupId: string): Consumer {
  return kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
}

/** Creates the topics that do not exist yet. */
export async function createTopics(
  brokers: string[],
  topics: { topic: string; numPartitions: number }[],
): Promise<void> {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  try {
    // Only the missing ones: kafkajs logs "already exists" answers as errors.
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter(({ topic }) => !existing.has(topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

export interface ConsumedMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  /** A header sent more than once arrives as an array. */
  readonly headers: Record<string, string | string[]>;
}

export function decodeMessage(partition: number, message: KafkaMessage): ConsumedMessage {
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers: decodeHeaders(message.headers ?? {}),
  };
}

function decodeHeaders(headers: IHeaders): Record<string, string | string[]> {
  const decoded: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    decoded[name] = Array.isArray(value) ? value.map(String) : value.toString();
  }
  return decoded;
}

/** Rejection of `consumeAll`: carries what was read before time ran out. */
class ConsumeTimeoutError extends Error {
  constructor(
    topic: string,
    timeoutMs: number,
    readonly messages: readonly ConsumedMessage[],
  ) {
    super(
      `consumeAll(${topic}): condition not met after ${timeoutMs} ms; ` +
        `read ${messages.length} message(s)${messages.length ? ':\n' : ''}` +
        messages.map((message) => JSON.stringify(message)).join('\n'),
    );
  }
}

/**
 * Reads `topic` from the beginning in a fresh consumer group until `until` holds for everything
 * read so far, and resolves with those messages.
 */
export async function consumeAll(
  brokers: string[],
  topic: string,
  options: { until: (messages: readonly ConsumedMessage[]) => boolean; timeoutMs: number },
): Promise<ConsumedMessage[]> {
  const consumer = testConsumer(kafkaClient(brokers), `pms-hub-test-${randomUUID()}`);
  const messages: ConsumedMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<ConsumedMessage[]>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new ConsumeTimeoutError(topic, options.timeoutMs, [...messages])),
        options.timeoutMs,
      );
      // kafkajs restarts a crashed consumer only for retriable errors; the others end the wait.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error);
      });
      const start = async () => {
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ partition, message }) => {
            messages.push(decodeMessage(partition, message));
            // Not thrown from here: kafkajs would retry the message instead of failing.
            try {
              if (options.until(messages)) resolve([...messages]);
            } catch (error) {
              reject(error);
            }
          },
        });
      };
      start().catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

/** Every message a topic holds right now: reads until each partition's high watermark. */
export async function readWholeTopic(
  brokers: string[],
  topic: string,
  timeoutMs = 60000,
): Promise<ConsumedMessage[]> {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  let total = 0;
  try {
    for (const { high, low } of await admin.fetchTopicOffsets(topic))
      total += Number(high) - Number(low);
  } finally {
    await admin.disconnect();
  }
  return consumeAll(brokers, topic, { until: (messages) => messages.length >= total, timeoutMs });
}
