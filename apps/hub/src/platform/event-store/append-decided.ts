import { randomUUID } from 'node:crypto';
import { DecisionContext, Decider, StoredEvent, fold } from '@pms-hub/domain';
import { EventStore, ExpectedRevision, WrongExpectedRevisionError } from '@pms-hub/event-store';
import { toDomainEvents, toEventsToAppend } from './stored-events';

const ATTEMPTS = 3;

/** A stream's state folded up to and including the event at `revision` (-1: none yet). */
export interface Folded<State> {
  readonly state: State;
  readonly revision: number;
}

/** A decision whose append another writer beat. */
export interface LostRace<State> {
  readonly folded: Folded<State>;
  /** The stream is shorter than the fold (a restored store): fold it again from the start. */
  readonly behind: boolean;
  /** The stream's revision, as the store reported it. */
  readonly actual: number | 'no_stream';
}

/** The state a decision was made on, what it appended (nothing when it decided so), and after. */
interface Decided<State, Event> {
  readonly before: Folded<State>;
  readonly appended: readonly Event[];
  readonly after: Folded<State>;
}

interface DecideAndAppendOptions<State> {
  /** Called once per attempt. */
  readonly context: () => DecisionContext;
  /**
   * The state to decide on, and after a lost race the state since. By default the whole stream,
   * read and folded each time; a cache of folds may read only what follows the fold it has.
   */
  readonly read?: (lost?: LostRace<State>) => Promise<Folded<State>>;
  /**
   * false: one attempt, and a lost race throws the store's `WrongExpectedRevisionError`, for a
   * caller whose next step depends on what the other writer recorded.
   */
  readonly retry?: boolean;
}

/**
 * Decides on the stream's state and appends what was decided at the revision decided on. Losing
 * the race to another writer means reading and deciding again, three attempts in all.
 */
export async function decideAndAppend<State, Command, Event extends StoredEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  {
    context,
    read = () => readWhole(store, stream, decider),
    retry = true,
  }: DecideAndAppendOptions<State>,
): Promise<Decided<State, Event>> {
  let lost: LostRace<State> | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = await read(lost);
    const appended = decider.decide(command, before.state, context());
    if (appended.length === 0) return { before, appended, after: before };
    const expected = expectedRevision(before, lost);
    try {
      const { nextRevision } = await store.append(stream, toEventsToAppend(appended), expected);
      const after = { state: fold(decider, appended, before.state), revision: nextRevision };
      return { before, appended, after };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || !retry) throw error;
      const behind = error.actual === 'no_stream' || error.actual < before.revision;
      lost = { folded: before, behind, actual: error.actual };
    }
  }
  throw new Error(`${stream}: lost three append races in a row`);
}

/**
 * The revision decided on, unless a lost race reported a later one that reading again did not
 * show: those events are hidden by age (EventStoreDB's `$maxAge` hides a telemetry stream's old
 * events from reads, its last one too), and what the stream shows is all there is to decide on.
 */
function expectedRevision<State>(
  before: Folded<State>,
  lost: LostRace<State> | undefined,
): ExpectedRevision {
  if (typeof lost?.actual === 'number' && before.revision < lost.actual) return lost.actual;
  return before.revision < 0 ? 'no_stream' : before.revision;
}

async function readWhole<State, Command, Event extends StoredEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<State, Command, Event>,
): Promise<Folded<State>> {
  const recorded = await store.readStream(stream);
  const revision = recorded.at(-1)?.revision ?? -1;
  return { state: fold(decider, toDomainEvents<Event>(recorded)), revision };
}

/** A decision on a fact that is not a client's command: its own id as command and correlation id. */
export function factContext(officeId: string, now = new Date().toISOString()): DecisionContext {
  const id = randomUUID();
  return { commandId: id, correlationId: id, officeId, now, newId: randomUUID };
}
