import { Decider } from '../shared/decider';
import { assertNever, metadataFor } from '../shared/event';
import { CircuitState, PmsCircuitEvent } from './pms-circuit.events';

export interface CircuitChange {
  readonly pmsType: string;
  readonly from: CircuitState;
  readonly to: CircuitState;
  readonly reason: string;
  readonly changedAt: string;
}

/**
 * Records a change unless the store already says the circuit is in that state: several hubs, or
 * a replayed notification, must not stack up duplicate changes. A hub starting up reports its
 * breaker `closed`, so a circuit left open by a stopped hub is closed in the store before any new
 * opening is recorded. The state is the last one recorded; `closed` before any change.
 */
export const pmsCircuitDecider: Decider<CircuitState, CircuitChange, PmsCircuitEvent> = {
  initialState: 'closed',
  decide(change, recorded, context) {
    if (recorded === change.to) return [];
    // `from` is what the store says: a restarted hub's breaker starts closed whatever came before.
    const data = { ...change, from: recorded };
    return [{ type: 'PmsCircuitChanged', data, metadata: metadataFor(context) }];
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'PmsCircuitChanged':
        return event.data.to;
      default:
        return assertNever(event.type);
    }
  },
};
