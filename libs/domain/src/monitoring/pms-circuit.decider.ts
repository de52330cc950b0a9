import { DecisionContext, metadataFor } from '../shared/event';
import { CircuitState, PmsCircuitChanged, PmsCircuitEvent } from './pms-circuit.events';

export interface CircuitChange {
  readonly pmsType: string;
  readonly from: CircuitState;
  readonly to: CircuitState;
  readonly reason: string;
  readonly changedAt: string;
}

/** The last state recorded for the office's circuit; `closed` before any change. */
export const circuitStateOf = (events: readonly PmsCircuitEvent[]): CircuitState =>
  events.at(-1)?.data.to ?? 'closed';

/**
 * Records a change unless the store already says the circuit is in that state: several hubs, or
 * a replayed notification, must not stack up duplicate changes. A hub starting up reports its
 * breaker `closed`, so a circuit left open by a stopped hub is closed in the store before any new
 * opening is recorded.
 */
export function decideCircuitChange(
  history: readonly PmsCircuitEvent[],
  change: CircuitChange,
  context: DecisionContext,
): PmsCircuitChanged[] {
  const recorded = circuitStateOf(history);
  if (recorded === change.to) return [];
  // `from` is what the store says: a restarted hub's breaker starts closed whatever came before.
  const data = { ...change, from: recorded };
  return [{ type: 'PmsCircuitChanged', data, metadata: metadataFor(context) }];
}
