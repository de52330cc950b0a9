import { ProcessEvent } from './process.decider';

export interface CancellationRequest {
  readonly appointmentId: string;
}

/** A type alias, not an interface, so it fits the outcome's string map. */
export type CancellationResult = { readonly appointmentId: string };

/** Cancelling is idempotent in every PMS: an interrupted call is made again, no search needed. */
export const CANCELLATION_EVENTS = {
  requested: 'AppointmentCancellationRequested',
  succeeded: 'AppointmentCancelled',
  rejected: 'AppointmentCancellationRejected',
  failed: 'AppointmentCancellationFailed',
} as const;

/** cancellation-<commandId>: a request, then exactly one outcome. */
export type CancellationEvent = ProcessEvent<
  typeof CANCELLATION_EVENTS,
  CancellationRequest,
  CancellationResult
>;

export const cancellationStream = (commandId: string): string => `cancellation-${commandId}`;
