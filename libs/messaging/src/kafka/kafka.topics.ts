import { Kafka } from 'kafkajs';
import { hubTopics } from '../topics';
import { KafkaConfig } from './kafka.config';

const DEAD_LETTER_MAX_BYTES = 4 * 1024 * 1024;

/** Creates the hub's topics that are missing; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, config: KafkaConfig): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = hubTopics(config.topicPrefix);
    const wanted = [
      ...Object.values(topics.commands).map((topic) => ({
        topic,
        numPartitions: config.commandPartitions,
      })),
      ...[topics.deadLetter, topics.events, topics.commandResults].map((topic) => ({
        topic,
        numPartitions: config.outputPartitions,
        // A dead letter carries a whole command plus headers: it must fit where the command did.
        ...(topic === topics.deadLetter
          ? { configEntries: [{ name: 'max.message.bytes', value: String(DEAD_LETTER_MAX_BYTES) }] }
          : {}),
      })),
    ].filter(({ topic }) => !existing.has(topic));
    if (wanted.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: wanted.map((t) => ({ ...t, replicationFactor: config.replicationFactor })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
