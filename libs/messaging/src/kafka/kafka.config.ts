export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly groupId: string;
  /** Prepended to every topic name (see `hubTopics`). */
  readonly topicPrefix: string;
  /** Partitions of the command topics when the hub creates them. */
  readonly commandPartitions: number;
  /** Partitions of pms.events, pms.command-results and the dead-letter topic when created. */
  readonly outputPartitions: number;
  readonly replicationFactor: number;
  /** A command larger than this goes to the dead-letter topic unread. */
  readonly maxCommandBytes: number;
  /** How many partitions one hub works on at once. */
  readonly partitionsConsumedConcurrently: number;
}
