/** Injection token: the KafkaProbe (libs/messaging), provided in Kafka mode only. */
export const KAFKA_PROBE = Symbol('KAFKA_PROBE');
