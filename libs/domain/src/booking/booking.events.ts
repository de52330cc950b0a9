import { DomainEvent } from '../shared/event';

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

export type BookingRequested = DomainEvent<'BookingRequested', BookingRequest>;
export type AppointmentBooked = DomainEvent<
  'AppointmentBooked',
  BookingResult & { readonly via: 'call' | 'reconciliation' }
>;
export type BookingRejected = DomainEvent<'BookingRejected', { readonly reason: string }>;
export type BookingFailed = DomainEvent<'BookingFailed', { readonly reason: string }>;
/** A reconciliation search after an interrupted call found no such appointment in the PMS. */
export type BookingNotFoundInPms = DomainEvent<'BookingNotFoundInPms', Record<string, never>>;

export type BookingEvent =
  BookingRequested | AppointmentBooked | BookingRejected | BookingFailed | BookingNotFoundInPms;

export const bookingStream = (commandId: string): string => `booking-${commandId}`;
