import { deciderSpecification } from '../shared/decider-specification.testing';
import { metadataOf } from '../shared/deterministic-context.testing';
import { cancellationDecider } from './cancellation.decider';
import { CancellationEvent } from './cancellation.events';

const requested: CancellationEvent = {
  type: 'AppointmentCancellationRequested',
  data: { appointmentId: 'A1' },
  metadata: metadataOf('evt-0'),
};
const given = deciderSpecification(cancellationDecider);

describe('cancellation decider', () => {
  it('records the request, then the cancellation', () => {
    given([])
      .when({ kind: 'request', request: { appointmentId: 'A1' } })
      .then([{ ...requested, metadata: metadataOf('evt-1') }]);
    const outcome = { kind: 'succeeded', result: { appointmentId: 'A1' }, via: 'call' } as const;
    given([requested])
      .when({ kind: 'record', outcome })
      .then([
        {
          type: 'AppointmentCancelled',
          data: { appointmentId: 'A1', via: 'call' },
          metadata: metadataOf('evt-1'),
        },
      ]);
  });

  it('has no reconciliation search: an idempotent call is simply made again', () => {
    given([requested])
      .when({ kind: 'record', outcome: { kind: 'not-found' } })
      .thenThrows(/no reconciliation search/);
  });

  it('records a rejection as the outcome', () => {
    const [event] = given([requested])
      .when({ kind: 'record', outcome: { kind: 'rejected', reason: 'no such appointment' } })
      .then([
        {
          type: 'AppointmentCancellationRejected',
          data: { reason: 'no such appointment' },
          metadata: metadataOf('evt-1'),
        },
      ]);
    expect(cancellationDecider.outcomeOf(event)).toEqual({
      status: 'rejected',
      reason: 'no such appointment',
    });
  });
});
