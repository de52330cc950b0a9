import { PmsAdapter, ResilienceOptions, createPmsAdapter, withResilience } from '@pms-hub/pms';
import { OfficeConfig } from './office-config';
import { CircuitChangeRelay } from '../record-circuit-change/circuit-change.relay';

/**
 * Every office's adapter behind its own timeouts, read retries, circuit breaker, Retry-After
 * gate and reference-data cache; circuit changes go to the store through the relay.
 */
export const resilientAdapters =
  (options: ResilienceOptions, circuitChanges: CircuitChangeRelay) =>
  ({ officeId, timeZone, connection }: OfficeConfig): PmsAdapter =>
    withResilience(createPmsAdapter(connection, { officeId, timeZone }), {
      ...options,
      officeId,
      onCircuitChange: ({ pmsType, from, to, reason, at }) =>
        circuitChanges.notify(officeId, { pmsType, from, to, reason, changedAt: at }),
    });
