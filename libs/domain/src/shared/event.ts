/** Metadata carried by every stored event; correlation and causation travel explicitly. */
export interface EventMetadata {
  readonly eventId: string;
  readonly commandId: string;
  readonly correlationId: string;
  /** The id of the message that caused this event: the command, or an earlier event. */
  readonly causationId: string;
  readonly officeId: string;
  /** ISO 8601 UTC. */
  readonly occurredAt: string;
  readonly schemaVersion: number;
}

/** A stored event: plain readonly data, never a class. */
export interface DomainEvent<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
  readonly metadata: EventMetadata;
}

/** An event of any stream: what store helpers handle before a handler narrows it to its union. */
export type StoredEvent = DomainEvent<string, unknown>;

/** Everything a decider needs from the outside world, passed in so deciders stay pure. */
export interface DecisionContext {
  readonly commandId: string;
  readonly correlationId: string;
  readonly officeId: string;
  readonly now: string;
  readonly newId: () => string;
}

export const SCHEMA_VERSION = 1;

export function metadataFor(context: DecisionContext): EventMetadata {
  return {
    eventId: context.newId(),
    commandId: context.commandId,
    correlationId: context.correlationId,
    causationId: context.commandId,
    officeId: context.officeId,
    occurredAt: context.now,
    schemaVersion: SCHEMA_VERSION,
  };
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
