import { ProcessState } from '../shared/command';
import { ProcessStep } from '../shared/process';
import { processDecider } from '../shared/process-decider';
import { BOOKING_EVENTS, BookingRequest, BookingResult } from './booking.events';

export type BookingState = ProcessState<BookingRequest, BookingResult>;
export type BookingStep = ProcessStep<BookingRequest, BookingResult>;

const booking = processDecider<typeof BOOKING_EVENTS, BookingRequest, BookingResult>(
  BOOKING_EVENTS,
  ({ appointmentId }) => ({ appointmentId }),
);

export const decideBooking = booking.decide;
export const evolveBooking = booking.evolve;
export const foldBooking = booking.fold;
