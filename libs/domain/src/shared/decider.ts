import { DecisionContext } from './event';

/**
 * The one shape of every aggregate and process. Pure: time and ids come only from the context.
 * A command the decider refuses throws `CommandRejected`; any other throw is a caller's bug.
 */
export interface Decider<State, Command, Event> {
  readonly initialState: State;
  decide(command: Command, state: State, context: DecisionContext): Event[];
  evolve(state: State, event: Event): State;
}

/** `events` folded onto `from`, the decider's initial state unless a fold of earlier events. */
export function fold<State, Event>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
  from: State = decider.initialState,
): State {
  return events.reduce((state, event) => decider.evolve(state, event), from);
}

/** A decider's refusal of a command; `reason` is a code a caller may branch on. */
export class CommandRejected extends Error {
  constructor(
    readonly reason: string,
    message = reason,
  ) {
    super(message);
    this.name = 'CommandRejected';
  }
}
