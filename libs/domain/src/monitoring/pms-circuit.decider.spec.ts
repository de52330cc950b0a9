import { fold } from '../shared/decider';
import { deciderSpecification } from '../shared/decider-specification.testing';
import { metadataOf } from '../shared/deterministic-context.testing';
import { CircuitChange, pmsCircuitDecider } from './pms-circuit.decider';
import { PmsCircuitEvent } from './pms-circuit.events';

const change = (from: CircuitChange['from'], to: CircuitChange['to']): CircuitChange => ({
  pmsType: 'dentrix',
  from,
  to,
  reason: 'dentrix listProviders for office o: service unavailable (503)',
  changedAt: '2026-11-26T10:00:00.000Z',
});
const recorded = (c: CircuitChange): PmsCircuitEvent => ({
  type: 'PmsCircuitChanged',
  data: c,
  metadata: metadataOf('evt-0'),
});
const given = deciderSpecification(pmsCircuitDecider);

describe('PMS circuit changes', () => {
  it('records a change', () => {
    given([])
      .when(change('closed', 'open'))
      .then([
        {
          type: 'PmsCircuitChanged',
          data: change('closed', 'open'),
          metadata: metadataOf('evt-1'),
        },
      ]);
  });

  it('records nothing when the store already has the circuit in that state', () => {
    given([recorded(change('closed', 'open'))])
      .when(change('closed', 'open'))
      .thenNothing();
  });

  it('takes `from` from the store: a restarted hub closes a circuit left open', () => {
    const reason = 'hub started: the breaker starts closed';
    const [closed] = given([recorded(change('closed', 'open'))])
      .when({ ...change('half-open', 'closed'), reason })
      .then([
        {
          type: 'PmsCircuitChanged',
          data: { ...change('open', 'closed'), reason },
          metadata: metadataOf('evt-1'),
        },
      ]);
    expect(closed.data).toMatchObject({ from: 'open', to: 'closed' });
  });

  it('reads the current state from the last change, closed before any', () => {
    expect(fold(pmsCircuitDecider, [])).toBe('closed');
    expect(
      fold(pmsCircuitDecider, [
        recorded(change('closed', 'open')),
        recorded(change('open', 'half-open')),
      ]),
    ).toBe('half-open');
  });
});
