import { ProcessState } from './command';
import { ProcessStep } from './process';
import { processDecider } from './process.decider';
import { BOOKING_EVENTS, BookingRequest, BookingResult } from './booking.events';

export type BookingState = ProcessState<BookingRequest, BookingResult>;
export type BookingStep = ProcessStep<BookingRequest, BookingResult>;

export const bookingDecider = processDecider<typeof BOOKING_EVENTS, BookingRequest, BookingResult>(
  BOOKING_EVENTS,
  ({ appointmentId }) => ({ appointmentId }),
);

export const decideBooking = bookingDecider.decide;
export const foldBooking = bookingDecider.fold;
