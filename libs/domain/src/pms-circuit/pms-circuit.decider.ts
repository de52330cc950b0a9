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
 * a replayed notification, must not stack up duplicate changes.
 */
export function decideCircuitChange(
  history: readonly PmsCircuitEvent[],
  change: CircuitChange,
  context: DecisionContext,
): PmsCircuitChanged[] {
  if (circuitStateOf(history) === change.to) return [];
  return [{ type: 'PmsCircuitChanged', data: { ...change }, metadata: metadataFor(context) }];
}
