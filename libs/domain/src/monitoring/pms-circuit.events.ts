import { DomainEvent } from '../shared/event';

export type CircuitState = 'closed' | 'open' | 'half-open';

/** A change of the circuit breaker in front of one office's PMS; feeds health and alerts. */
export type PmsCircuitChanged = DomainEvent<
  'PmsCircuitChanged',
  {
    readonly pmsType: string;
    readonly from: CircuitState;
    readonly to: CircuitState;
    /** Why, in words free of secrets and patient data (e.g. the last PMS error's message). */
    readonly reason: string;
    /** When the breaker changed, which may be a little before the event was recorded. */
    readonly changedAt: string;
  }
>;

/** pms-circuit-<officeId>: every change, in order. */
export type PmsCircuitEvent = PmsCircuitChanged;

export const PMS_CIRCUIT_STREAM_PREFIX = 'pms-circuit-';

export const pmsCircuitStream = (officeId: string): string =>
  `${PMS_CIRCUIT_STREAM_PREFIX}${officeId}`;
