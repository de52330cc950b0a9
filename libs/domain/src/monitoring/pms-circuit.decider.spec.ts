import { deterministicContext, metadataOf } from '../shared/deterministic-context.testing';
import { CircuitChange, circuitStateOf, decideCircuitChange } from './pms-circuit.decider';
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

describe('PMS circuit changes', () => {
  it('records a change', () => {
    expect(decideCircuitChange([], change('closed', 'open'), deterministicContext())).toEqual([
      { type: 'PmsCircuitChanged', data: change('closed', 'open'), metadata: metadataOf('evt-1') },
    ]);
  });

  it('records nothing when the store already has the circuit in that state', () => {
    const history = [recorded(change('closed', 'open'))];
    expect(decideCircuitChange(history, change('closed', 'open'), deterministicContext())).toEqual(
      [],
    );
  });

  it('takes `from` from the store: a restarted hub closes a circuit left open', () => {
    const [closed] = decideCircuitChange(
      [recorded(change('closed', 'open'))],
      { ...change('half-open', 'closed'), reason: 'hub started: the breaker starts closed' },
      deterministicContext(),
    );
    expect(closed.data).toMatchObject({ from: 'open', to: 'closed' });
  });

  it('reads the current state from the last change, closed before any', () => {
    expect(circuitStateOf([])).toBe('closed');
    expect(
      circuitStateOf([recorded(change('closed', 'open')), recorded(change('open', 'half-open'))]),
    ).toBe('half-open');
  });
});
