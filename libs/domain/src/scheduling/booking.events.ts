import { ProcessEvent } from './process.decider';

/** What the hub records of a booking request. Free-text notes stay out: they may hold PHI. */
export interface BookingRequest {
  readonly patientId: string;
  readonly providerId: string;
  readonly locationId?: string;
  /** ISO 8601 with offset, as the client sent it. */
  readonly start: string;
  readonly durationMinutes: number;
  readonly appointmentType?: string;
}

/** A type alias, not an interface, so it fits the outcome's string map. */
export type BookingResult = { readonly appointmentId: string };

export const BOOKING_EVENTS = {
  requested: 'BookingRequested',
  succeeded: 'AppointmentBooked',
  rejected: 'BookingRejected',
  failed: 'BookingFailed',
  notFound: 'BookingNotFoundInPms',
} as const;

/**
 * booking-<commandId>: BookingRequested, then AppointmentBooked (via call or reconciliation) |
 * BookingRejected | BookingFailed, with BookingNotFoundInPms when a reconciliation found nothing.
 */
export type BookingEvent = ProcessEvent<typeof BOOKING_EVENTS, BookingRequest, BookingResult>;

export const bookingStream = (commandId: string): string => `booking-${commandId}`;
