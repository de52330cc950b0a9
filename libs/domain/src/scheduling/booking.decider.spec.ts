import { nextStep } from './command';
import { fold } from '../shared/decider';
import { deciderSpecification } from '../shared/decider-specification.testing';
import { metadataOf } from '../shared/deterministic-context.testing';
import { bookingDecider } from './booking.decider';
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
const given = deciderSpecification(bookingDecider);

describe('booking decider', () => {
  it('records a request for a new booking', () => {
    given([])
      .when({ kind: 'request', request })
      .then([{ type: 'BookingRequested', data: request, metadata: metadataOf('evt-1') }]);
  });

  it('records nothing when the same command is requested again', () => {
    given([requested]).when({ kind: 'request', request }).thenNothing();
  });

  it('records the appointment the PMS booked', () => {
    const outcome = { kind: 'succeeded', result: { appointmentId: 'A1' }, via: 'call' } as const;
    given([requested])
      .when({ kind: 'record', outcome })
      .then([
        {
          type: 'AppointmentBooked',
          data: { appointmentId: 'A1', via: 'call' },
          metadata: metadataOf('evt-1'),
        },
      ]);
  });

  it('records a rejection with its reason', () => {
    const outcome = { kind: 'rejected', reason: 'slot taken' } as const;
    given([requested])
      .when({ kind: 'record', outcome })
      .then([
        { type: 'BookingRejected', data: { reason: 'slot taken' }, metadata: metadataOf('evt-1') },
      ]);
  });

  it('records a failure with its reason', () => {
    const outcome = { kind: 'failed', reason: 'PMS unreachable' } as const;
    given([requested])
      .when({ kind: 'record', outcome })
      .then([
        {
          type: 'BookingFailed',
          data: { reason: 'PMS unreachable' },
          metadata: metadataOf('evt-1'),
        },
      ]);
  });

  it('records that reconciliation found nothing, and the booking stays pending', () => {
    const events = given([requested])
      .when({ kind: 'record', outcome: { kind: 'not-found' } })
      .then([{ type: 'BookingNotFoundInPms', data: {}, metadata: metadataOf('evt-1') }]);
    const state = fold(bookingDecider, [requested, ...events]);
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
    given([requested, booked])
      .when({ kind: 'record', outcome })
      .thenThrows(/succeeded/);
  });

  it('folds history into status, result and revision', () => {
    expect(fold(bookingDecider, [])).toEqual({ status: 'absent' });
    expect(nextStep(fold(bookingDecider, []))).toBe('request');
    const booked: BookingEvent = {
      type: 'AppointmentBooked',
      data: { appointmentId: 'A1', via: 'reconciliation' },
      metadata: metadataOf('evt-1'),
    };
    const state = fold(bookingDecider, [requested, booked]);
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
