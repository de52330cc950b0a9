import { Decider } from '../shared/decider';
import { assertNever, metadataFor } from '../shared/event';
import { histogramOf } from './duration-histogram';
import { OfficeTrafficEvent, OperationTraffic, PmsCall } from './office-traffic.events';

export interface TrafficInterval {
  readonly pmsType: string;
  readonly from: string;
  readonly to: string;
}

export interface RollUpTraffic {
  readonly interval: TrafficInterval;
  readonly calls: readonly PmsCall[];
}

/**
 * One rollup of an interval's calls, or nothing when there were none (no event for silence).
 * Nothing is decided from a traffic stream's history: it has no state.
 */
export const officeTrafficDecider: Decider<null, RollUpTraffic, OfficeTrafficEvent> = {
  initialState: null,
  decide({ interval, calls }, _state, context) {
    if (calls.length === 0) return [];
    const byOperation = new Map<string, PmsCall[]>();
    for (const call of calls) {
      const operationCalls = byOperation.get(call.operation) ?? [];
      operationCalls.push(call);
      byOperation.set(call.operation, operationCalls);
    }
    const operations: Record<string, OperationTraffic> = {};
    for (const [operation, operationCalls] of [...byOperation].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      operations[operation] = operationTraffic(operationCalls);
    }
    return [
      {
        type: 'PmsTrafficRolledUp',
        data: { ...interval, operations },
        metadata: metadataFor(context),
      },
    ];
  },
  evolve(state, event) {
    switch (event.type) {
      case 'PmsTrafficRolledUp':
        return state;
      default:
        return assertNever(event.type);
    }
  },
};

function operationTraffic(calls: readonly PmsCall[]): OperationTraffic {
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let totalMs = 0;
  for (const { outcome, statusCode, durationMs } of calls) {
    totalMs += durationMs;
    if (outcome === 'ok') continue;
    errors++;
    if (statusCode !== undefined) statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
  }
  return {
    count: calls.length,
    errors,
    totalMs,
    statusCodes,
    histogram: histogramOf(calls.map(({ durationMs }) => durationMs)),
  };
}
