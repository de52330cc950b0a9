export * from './topics';
export * from './message';
export * from './dead-letter';
export * from './kafka/kafka.config';
export * from './kafka/kafka-client';
export * from './kafka/kafka-topics';
export * from './kafka/kafka-publisher';
export * from './kafka/kafka-command-intake';
