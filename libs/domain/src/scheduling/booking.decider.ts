import { processDecider } from './process.decider';
import { BOOKING_EVENTS, BookingRequest, BookingResult } from './booking.events';

export const bookingDecider = processDecider<typeof BOOKING_EVENTS, BookingRequest, BookingResult>(
  BOOKING_EVENTS,
  ({ appointmentId }) => ({ appointmentId }),
);
