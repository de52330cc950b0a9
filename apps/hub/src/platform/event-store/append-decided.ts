import { randomUUID } from 'node:crypto';
import { DecisionContext, EventMetadata } from '@pms-hub/domain';
import { EventStore, WrongExpectedRevisionError } from '@pms-hub/event-store';
import { toDomainEvents, toEventsToAppend } from './stored-events';

type StoredEvent = {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
};

/** The history a decision was made on, and what it appended (nothing when it decided so). */
export interface Decided<TEvent> {
  readonly history: TEvent[];
  readonly appended: TEvent[];
}

/**
 * Reads a stream, lets a pure decider turn its history into new events, and appends them at the
 * revision read. Losing the race to another writer means deciding again on the new history.
 * For facts that are not a client's command: each decision gets its own id as command and
 * correlation id.
 */
export async function appendDecided<TEvent extends StoredEvent>(
  store: EventStore,
  stream: string,
  officeId: string,
  decide: (history: TEvent[], context: DecisionContext) => TEvent[],
): Promise<void> {
  await decideAndAppend(store, stream, officeId, decide);
}

/** `appendDecided`, telling what the decision saw and appended: enough to answer with the new state. */
export async function decideAndAppend<TEvent extends StoredEvent>(
  store: EventStore,
  stream: string,
  officeId: string,
  decide: (history: TEvent[], context: DecisionContext) => TEvent[],
): Promise<Decided<TEvent>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const recorded = await store.readStream(stream);
    const history = toDomainEvents<TEvent>(recorded);
    const appended = decide(history, factContext(officeId));
    if (appended.length === 0) return { history, appended };
    const expected = recorded.length === 0 ? 'no_stream' : recorded.length - 1;
    try {
      await store.append(stream, toEventsToAppend(appended), expected);
      return { history, appended };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
  throw new Error(`${stream}: lost three append races in a row`);
}

/** A decision on a fact that is not a client's command: its own id as command and correlation id. */
export function factContext(officeId: string): DecisionContext {
  const id = randomUUID();
  return {
    commandId: id,
    correlationId: id,
    officeId,
    now: new Date().toISOString(),
    newId: randomUUID,
  };
}
