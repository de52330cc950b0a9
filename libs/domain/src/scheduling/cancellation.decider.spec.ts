import { deterministicContext, metadataOf } from '../shared/deterministic-context.testing';
import { cancellationDecider } from './cancellation.decider';
import { CancellationEvent } from './cancellation.events';

const requested: CancellationEvent = {
  type: 'AppointmentCancellationRequested',
  data: { appointmentId: 'A1' },
  metadata: metadataOf('evt-0'),
};
const decide = (
  history: CancellationEvent[],
  step: Parameters<typeof cancellationDecider.decide>[1],
) => cancellationDecider.decide(cancellationDecider.fold(history), step, deterministicContext());

describe('cancellation decider', () => {
  it('records the request, then the cancellation', () => {
    expect(decide([], { kind: 'request', request: { appointmentId: 'A1' } })).toEqual([
      { ...requested, metadata: metadataOf('evt-1') },
    ]);
    const outcome = { kind: 'succeeded', result: { appointmentId: 'A1' }, via: 'call' } as const;
    expect(decide([requested], { kind: 'record', outcome })).toEqual([
      {
        type: 'AppointmentCancelled',
        data: { appointmentId: 'A1', via: 'call' },
        metadata: metadataOf('evt-1'),
      },
    ]);
  });

  it('has no reconciliation search: an idempotent call is simply made again', () => {
    expect(() => decide([requested], { kind: 'record', outcome: { kind: 'not-found' } })).toThrow(
      /no reconciliation search/,
    );
  });

  it('records a rejection as the outcome', () => {
    const [event] = decide([requested], {
      kind: 'record',
      outcome: { kind: 'rejected', reason: 'no such appointment' },
    });
    expect(cancellationDecider.outcomeOf(event)).toEqual({
      status: 'rejected',
      reason: 'no such appointment',
    });
  });
});
