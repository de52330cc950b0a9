import { ProcessState } from '../shared/command';
import { DecisionContext, assertNever, metadataFor } from '../shared/event';
import { ProcessStep, Transition, applyTransition, assertPending } from '../shared/process';
import { BookingEvent, BookingRequest, BookingResult } from './booking.events';

export type BookingState = ProcessState<BookingRequest, BookingResult>;

export type BookingStep = ProcessStep<BookingRequest, BookingResult>;

export const initialBookingState: BookingState = { status: 'absent' };

export function decideBooking(
  state: BookingState,
  step: BookingStep,
  context: DecisionContext,
): BookingEvent[] {
  const metadata = metadataFor(context);
  if (step.kind === 'request') {
    return state.status === 'absent'
      ? [{ type: 'BookingRequested', data: step.request, metadata }]
      : [];
  }
  assertPending(state);
  const outcome = step.outcome;
  switch (outcome.kind) {
    case 'succeeded':
      return [
        { type: 'AppointmentBooked', data: { ...outcome.result, via: outcome.via }, metadata },
      ];
    case 'rejected':
      return [{ type: 'BookingRejected', data: { reason: outcome.reason }, metadata }];
    case 'failed':
      return [{ type: 'BookingFailed', data: { reason: outcome.reason }, metadata }];
    case 'not-found':
      return [{ type: 'BookingNotFoundInPms', data: {}, metadata }];
    default:
      return assertNever(outcome);
  }
}

function transitionOf(event: BookingEvent): Transition<BookingRequest, BookingResult> {
  switch (event.type) {
    case 'BookingRequested':
      return { to: 'pending', request: event.data };
    case 'AppointmentBooked':
      return { to: 'succeeded', result: { appointmentId: event.data.appointmentId } };
    case 'BookingRejected':
      return { to: 'rejected', reason: event.data.reason };
    case 'BookingFailed':
      return { to: 'failed', reason: event.data.reason };
    case 'BookingNotFoundInPms':
      return { to: 'unchanged' };
    default:
      return assertNever(event);
  }
}

export function evolveBooking(state: BookingState, event: BookingEvent): BookingState {
  return applyTransition(state, transitionOf(event));
}

export const foldBooking = (events: readonly BookingEvent[]): BookingState =>
  events.reduce(evolveBooking, initialBookingState);
