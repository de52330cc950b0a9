import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import {
  ConsumedMessage,
  consumeAll,
  createTopics,
  decodeMessage,
  kafkaBrokers,
  kafkaClient,
  testConsumer,
} from './support/kafka';

// Proves the suites' broker is a real Kafka and that kafkajs 2.2.4 speaks to it.
describe('the test Kafka broker (real Apache Kafka in KRaft mode, started by jest globalSetup)', () => {
  let brokers: string[];
  let kafka: Kafka;
  let producer: Producer;

  beforeAll(async () => {
    brokers = kafkaBrokers();
    kafka = kafkaClient(brokers);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
  });

  const newTopic = async (): Promise<string> => {
    const topic = `smoke-${randomUUID()}`;
    await createTopics(brokers, [{ topic, numPartitions: 3 }]);
    return topic;
  };

  it('creates a topic with 3 partitions, idempotently, and lists it', async () => {
    const topic = await newTopic();
    await createTopics(brokers, [{ topic, numPartitions: 3 }]);

    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toContain(topic);
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(topics[0].partitions).toHaveLength(3);
    } finally {
      await admin.disconnect();
    }
  });

  it('delivers 30 keyed messages with their headers, exactly once, across the 3 partitions', async () => {
    const topic = await newTopic();
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `patient-${i}`,
      value: JSON.stringify({ patientId: i }),
      headers: { 'event-type': 'PatientCreated', 'correlation-id': `corr-${i}` },
    }));
    await producer.send({ topic, messages: sent });

    const received = await consumeAll(brokers, topic, {
      until: (messages) => messages.length >= 30,
      timeoutMs: 20000,
    });

    const byKey = (a: { key: string | null }, b: { key: string | null }) =>
      a.key!.localeCompare(b.key!);
    expect(
      received.map(({ key, value, headers }) => ({ key, value, headers })).sort(byKey),
    ).toEqual([...sent].sort(byKey));
    expect(new Set(received.map((message) => message.partition))).toEqual(new Set([0, 1, 2]));

    // The log holds 30 records, not more: the idempotent producer wrote each once.
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      expect(ends.reduce((total, { high }) => total + Number(high), 0)).toBe(30);
    } finally {
      await admin.disconnect();
    }
  });

  it('resumes a consumer group after the offsets it committed itself', async () => {
    const topic = await newTopic();
    const groupId = `smoke-group-${randomUUID()}`;
    // Same keys in both batches: each second-batch record sits behind its first-batch sibling in
    // the same partition, so a consumer ignoring the commit would have to read the sibling first.
    const batch = (name: string) =>
      Array.from({ length: 10 }, (_, i) => ({ key: `key-${i}`, value: `${name}-${i}` }));
    const values = (messages: { value: string | null }[]) =>
      messages.map((message) => message.value).sort();

    await producer.send({ topic, messages: batch('first') });
    const first = await readInGroup(groupId, topic, (messages) => messages.length === 10, true);
    expect(values(first)).toEqual(values(batch('first')));

    await producer.send({ topic, messages: batch('second') });
    const second = await readInGroup(groupId, topic, (messages) =>
      values(batch('second')).every((value) => messages.some((m) => m.value === value)),
    );
    expect(values(second)).toEqual(values(batch('second')));
  });

  /**
   * Joins `groupId` with auto-commit off and reads until `done`; when `commit` is set, commits the
   * offsets after the last message read in each partition before leaving the group.
   */
  async function readInGroup(
    groupId: string,
    topic: string,
    done: (messages: ConsumedMessage[]) => boolean,
    commit = false,
  ): Promise<ConsumedMessage[]> {
    const consumer = testConsumer(kafka, groupId);
    const messages: ConsumedMessage[] = [];
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      // fromBeginning only applies without a committed offset: resuming must come from the commit.
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`group ${groupId} read only ${JSON.stringify(messages)}`)),
          20000,
        );
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              messages.push(decodeMessage(partition, message));
              if (done(messages)) resolve();
            },
          })
          .catch(reject);
      });
      if (commit) {
        const next = new Map<number, bigint>();
        for (const { partition, offset } of messages) {
          next.set(partition, BigInt(offset) + 1n);
        }
        await consumer.commitOffsets(
          [...next].map(([partition, offset]) => ({ topic, partition, offset: String(offset) })),
        );
      }
      return [...messages];
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
  }
});
