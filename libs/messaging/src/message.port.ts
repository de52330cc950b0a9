import { CommandType } from '@pms-hub/domain';

/** A message as the hub sees it, free of any Kafka client's types. */
export interface OutgoingMessage {
  readonly key: string | Buffer | null;
  readonly value: string | Buffer | null;
  readonly headers?: Readonly<Record<string, HeaderValue>>;
}

/** A header may repeat: Kafka keeps every value, and so do we. */
export type HeaderValue = string | Buffer | readonly (string | Buffer)[];

export interface IncomingMessage {
  readonly topic: string;
  /** The command type its topic carries. */
  readonly commandType: CommandType;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, HeaderValue | undefined>>;
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
  | { readonly kind: 'dead-letter'; readonly reason: string }
  /** Not done yet (e.g. its PMS cannot be searched): hold this partition and read it again later. */
  | { readonly kind: 'retry-later'; readonly afterMs: number };

/** Turns a message into a verdict; the intake heartbeats for it while it works. */
export interface IntakeHandler {
  handle(message: IncomingMessage): Promise<IntakeVerdict>;
}
