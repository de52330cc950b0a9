import { assertNever } from '../shared/event';
import { ProcessState } from './command';

/** What the hub learned from a PMS call or from a reconciliation search. */
export type PmsCallOutcome<TResult> =
  | {
      readonly kind: 'succeeded';
      readonly result: TResult;
      readonly via: 'call' | 'reconciliation';
    }
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string }
  /** Reconciliation found nothing: the interrupted call never landed, so calling again is safe. */
  | { readonly kind: 'not-found' };

/** What a handler asks a decider: record the request, or record what the PMS told us. */
export type ProcessStep<TRequest, TResult> =
  | { readonly kind: 'request'; readonly request: TRequest }
  | { readonly kind: 'record'; readonly outcome: PmsCallOutcome<TResult> };

/** How one stored event moves a process along its lifecycle. */
export type Transition<TRequest, TResult> =
  | { readonly to: 'pending'; readonly request: TRequest }
  | { readonly to: 'succeeded'; readonly result: TResult }
  | { readonly to: 'rejected' | 'failed'; readonly reason: string }
  | { readonly to: 'unchanged' };

export function applyTransition<TRequest, TResult>(
  state: ProcessState<TRequest, TResult>,
  transition: Transition<TRequest, TResult>,
): ProcessState<TRequest, TResult> {
  const revision = state.status === 'absent' ? 0 : state.revision + 1;
  if (transition.to === 'pending')
    return { status: 'pending', request: transition.request, revision };
  if (state.status === 'absent') throw new Error(`a ${transition.to} event needs a request first`);
  switch (transition.to) {
    case 'unchanged':
      return { ...state, revision };
    case 'succeeded':
      return { status: 'succeeded', request: state.request, result: transition.result, revision };
    case 'rejected':
    case 'failed':
      return { status: transition.to, request: state.request, reason: transition.reason, revision };
    default:
      return assertNever(transition);
  }
}

/** Outcomes may only be recorded while a request is pending: anything else is a handler bug. */
export function assertPending<TRequest, TResult>(
  state: ProcessState<TRequest, TResult>,
): asserts state is Extract<ProcessState<TRequest, TResult>, { status: 'pending' }> {
  if (state.status !== 'pending') {
    throw new Error(`cannot record an outcome for a process that is ${state.status}`);
  }
}
