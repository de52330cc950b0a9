import { ProcessState } from './command';
import { Decider } from '../shared/decider';
import { DecisionContext, DomainEvent, assertNever, metadataFor } from '../shared/event';
import { PmsCallOutcome, ProcessStep, Transition, applyTransition, assertPending } from './process';

/** The event type names one PMS-calling process uses for each step of its lifecycle. */
export interface ProcessVocabulary {
  readonly requested: string;
  readonly succeeded: string;
  readonly rejected: string;
  readonly failed: string;
  /**
   * A reconciliation search found nothing: the interrupted call never landed. Absent for a
   * process whose call is idempotent in the PMS: it is simply made again.
   */
  readonly notFound?: string;
}

/** The event union of a process, derived from its vocabulary so every process reads alike. */
export type ProcessEvent<V extends ProcessVocabulary, TRequest, TResult> =
  | DomainEvent<V['requested'], TRequest>
  | DomainEvent<V['succeeded'], TResult & { readonly via: 'call' | 'reconciliation' }>
  | DomainEvent<V['rejected'] | V['failed'], { readonly reason: string }>
  | (V['notFound'] extends string ? DomainEvent<V['notFound'], Record<string, never>> : never);

/** A process's decider, which can also name the outcome an event records. */
export interface ProcessDecider<TEvent, TRequest, TResult> extends Decider<
  ProcessState<TRequest, TResult>,
  ProcessStep<TRequest, TResult>,
  TEvent
> {
  /** The outcome an event records, if it is an outcome (and not a request or a search). */
  outcomeOf(event: TEvent): ProcessOutcome<TResult> | undefined;
}

export type ProcessOutcome<TResult> =
  | { readonly status: 'succeeded'; readonly result: TResult }
  | { readonly status: 'rejected' | 'failed'; readonly reason: string };

/** The decider of a process that records a request, then exactly one outcome. */
export function processDecider<V extends ProcessVocabulary, TRequest, TResult>(
  vocabulary: V,
  resultOf: (data: TResult & { readonly via: string }) => TResult,
): ProcessDecider<ProcessEvent<V, TRequest, TResult>, TRequest, TResult> {
  type TEvent = ProcessEvent<V, TRequest, TResult>;
  const event = (type: string, data: unknown, context: DecisionContext) =>
    ({ type, data, metadata: metadataFor(context) }) as TEvent;

  const transitionOf = (e: TEvent): Transition<TRequest, TResult> => {
    switch (e.type) {
      case vocabulary.requested:
        return { to: 'pending', request: e.data as TRequest };
      case vocabulary.succeeded:
        return { to: 'succeeded', result: resultOf(e.data as TResult & { via: string }) };
      case vocabulary.rejected:
        return { to: 'rejected', reason: (e.data as { reason: string }).reason };
      case vocabulary.failed:
        return { to: 'failed', reason: (e.data as { reason: string }).reason };
      case vocabulary.notFound:
        return { to: 'unchanged' };
      default:
        throw new Error(`event ${e.type} does not belong to this process`);
    }
  };

  const outcomeEvent = (outcome: PmsCallOutcome<TResult>, context: DecisionContext): TEvent => {
    switch (outcome.kind) {
      case 'succeeded':
        return event(vocabulary.succeeded, { ...outcome.result, via: outcome.via }, context);
      case 'rejected':
        return event(vocabulary.rejected, { reason: outcome.reason }, context);
      case 'failed':
        return event(vocabulary.failed, { reason: outcome.reason }, context);
      case 'not-found':
        if (!vocabulary.notFound)
          throw new Error(`${vocabulary.requested}: no reconciliation search`);
        return event(vocabulary.notFound, {}, context);
      default:
        return assertNever(outcome);
    }
  };

  return {
    initialState: { status: 'absent' },
    decide(step, state, context) {
      switch (step.kind) {
        case 'request':
          return state.status === 'absent'
            ? [event(vocabulary.requested, step.request, context)]
            : [];
        case 'record':
          assertPending(state);
          return [outcomeEvent(step.outcome, context)];
        default:
          return assertNever(step);
      }
    },
    evolve: (state, e) => applyTransition(state, transitionOf(e)),
    outcomeOf: (e) => {
      const transition = transitionOf(e);
      switch (transition.to) {
        case 'succeeded':
          return { status: 'succeeded', result: transition.result };
        case 'rejected':
        case 'failed':
          return { status: transition.to, reason: transition.reason };
        case 'pending':
        case 'unchanged':
          return undefined;
        default:
          return assertNever(transition);
      }
    },
  };
}
