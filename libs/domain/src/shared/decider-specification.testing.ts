import { CommandRejected, Decider, fold } from './decider';
import { deterministicContext } from './deterministic-context.testing';

/**
 * `given(events).when(command).then(events)`: the decider decides on the state folded from the
 * given events, in a deterministic context, so specs compare whole events.
 */
export function deciderSpecification<State, Command, Event>(
  decider: Decider<State, Command, Event>,
) {
  return (given: readonly Event[]) => ({
    when: (command: Command) => {
      const decide = () => decider.decide(command, fold(decider, given), deterministicContext());
      return {
        /** Exactly these events, returned for a spec that goes on from them. */
        then: (expected: readonly Event[]): Event[] => {
          const events = decide();
          expect(events).toEqual(expected);
          return events;
        },
        thenNothing: (): void => expect(decide()).toEqual([]),
        thenRejects: (reason: string): void => {
          let rejection: unknown;
          try {
            decide();
          } catch (error) {
            rejection = error;
          }
          expect(rejection).toBeInstanceOf(CommandRejected);
          expect(rejection).toMatchObject({ reason });
        },
        /** A command no caller should send in this state: a bug, not a refusal. */
        thenThrows: (message: RegExp): void => expect(decide).toThrow(message),
      };
    },
  });
}
