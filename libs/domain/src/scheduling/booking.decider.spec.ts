import { nextStep } from './command';
import { deterministicContext, metadataOf } from '../shared/deterministic-context.testing';
import { BookingStep, bookingDecider, decideBooking, foldBooking } from './booking.decider';
import { BookingEvent, BookingRequest } from './booking.events';

const request: BookingRequest = {
  patientId: 'P1',
  providerId: 'DR1',
  start: '2026-12-01T09:00:00-05:00',
  durationMinutes: 30,
};
const requested: BookingEvent = {
  type: 'BookingRequested',
  data: request,
  metadata: metadataOf('evt-0'),
};

/** given past events, when a step, then exactly these new events. */
function given(history: BookingEvent[]) {
  return {
    when: (step: BookingStep) => decideBooking(foldBooking(history), step, deterministicContext()),
  };
}

describe('booking decider', () => {
  it('records a request for a new booking', () => {
    expect(given([]).when({ kind: 'request', request })).toEqual([
      { type: 'BookingRequested', data: request, metadata: metadataOf('evt-1') },
    ]);
  });

  it('records nothing when the same command is requested again', () => {
    expect(given([requested]).when({ kind: 'request', request })).toEqual([]);
  });

  it('records the appointment the PMS booked', () => {
    const outcome = { kind: 'succeeded', result: { appointmentId: 'A1' }, via: 'call' } as const;
    expect(given([requested]).when({ kind: 'record', outcome })).toEqual([
      {
        type: 'AppointmentBooked',
        data: { appointmentId: 'A1', via: 'call' },
        metadata: metadataOf('evt-1'),
      },
    ]);
  });

  it('records a rejection with its reason', () => {
    const outcome = { kind: 'rejected', reason: 'slot taken' } as const;
    expect(given([requested]).when({ kind: 'record', outcome })).toEqual([
      { type: 'BookingRejected', data: { reason: 'slot taken' }, metadata: metadataOf('evt-1') },
    ]);
  });

  it('records a failure with its reason', () => {
    const outcome = { kind: 'failed', reason: 'PMS unreachable' } as const;
    expect(given([requested]).when({ kind: 'record', outcome })).toEqual([
      { type: 'BookingFailed', data: { reason: 'PMS unreachable' }, metadata: metadataOf('evt-1') },
    ]);
  });

  it('records that reconciliation found nothing, and the booking stays pending', () => {
    const events = given([requested]).when({ kind: 'record', outcome: { kind: 'not-found' } });
    expect(events.map((e) => e.type)).toEqual(['BookingNotFoundInPms']);
    const state = foldBooking([requested, ...events]);
    expect(state).toMatchObject({ status: 'pending', revision: 1 });
    expect(nextStep(state)).toBe('reconcile');
  });

  it('refuses to record a second outcome', () => {
    const booked: BookingEvent = {
      type: 'AppointmentBooked',
      data: { appointmentId: 'A1', via: 'call' },
      metadata: metadataOf('evt-1'),
    };
    const outcome = { kind: 'failed', reason: 'late' } as const;
    expect(() => given([requested, booked]).when({ kind: 'record', outcome })).toThrow(/succeeded/);
  });

  it('folds history into status, result and revision', () => {
    expect(foldBooking([])).toEqual({ status: 'absent' });
    expect(nextStep(foldBooking([]))).toBe('request');
    const booked: BookingEvent = {
      type: 'AppointmentBooked',
      data: { appointmentId: 'A1', via: 'reconciliation' },
      metadata: metadataOf('evt-1'),
    };
    const state = foldBooking([requested, booked]);
    expect(state).toEqual({
      status: 'succeeded',
      request,
      result: { appointmentId: 'A1' },
      revision: 1,
    });
    expect(nextStep(state)).toBe('done');
  });
});

describe('booking outcomes', () => {
  const event = (type: BookingEvent['type'], data: object) =>
    ({ type, data, metadata: metadataOf('evt-9') }) as BookingEvent;

  it('names the outcome an event records, and none for requests and searches', () => {
    expect(
      bookingDecider.outcomeOf(event('AppointmentBooked', { appointmentId: 'A', via: 'call' })),
    ).toEqual({
      status: 'succeeded',
      result: { appointmentId: 'A' },
    });
    expect(bookingDecider.outcomeOf(event('BookingRejected', { reason: 'taken' }))).toEqual({
      status: 'rejected',
      reason: 'taken',
    });
    expect(bookingDecider.outcomeOf(event('BookingFailed', { reason: 'down' }))).toEqual({
      status: 'failed',
      reason: 'down',
    });
    expect(bookingDecider.outcomeOf(requested)).toBeUndefined();
    expect(bookingDecider.outcomeOf(event('BookingNotFoundInPms', {}))).toBeUndefined();
  });
});
