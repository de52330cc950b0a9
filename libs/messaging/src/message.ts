import { CommandType } from '@pms-hub/domain';

/** A message as the hub sees it, free of any Kafka client's types. */
export interface OutgoingMessage {
  readonly key: string | null;
  readonly value: string | Buffer | null;
  readonly headers?: Readonly<Record<string, string | Buffer>>;
}

export interface IncomingMessage {
  readonly topic: string;
  /** The command type its topic carries. */
  readonly commandType: CommandType;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer | string | undefined>>;
}

/** Publishes to topics; resolves once the broker acknowledged every message (acks=all). */
export interface MessagePublisher {
  publish(
    batches: readonly { topic: string; messages: readonly OutgoingMessage[] }[],
  ): Promise<void>;
}

/** What became of a consumed message: its offset is committed only once it is one of these. */
export type IntakeVerdict =
  /** `result`: an outcome recorded earlier, published again for a redelivered command. */
  | { readonly kind: 'handled'; readonly result?: OutgoingMessage }
  | { readonly kind: 'dead-letter'; readonly reason: string };

export interface IntakeContext {
  /** Keeps the consumer's group membership alive during a long-running message. */
  heartbeat(): Promise<void>;
  /** True once the consumer is stopping: long work should give up (the message will come again). */
  readonly stopping: () => boolean;
}

export interface IntakeHandler {
  handle(message: IncomingMessage, context: IntakeContext): Promise<IntakeVerdict>;
}
