import { PmsAdapter, ResilienceOptions, createPmsAdapter, withResilience } from '@pms-hub/pms';
import { OfficeConfig } from '../offices/office-config';
import { HubMetrics } from '../platform/metrics/hub.metrics';
import { TimedPmsAdapter } from './timed.adapter';
import { CircuitChangeRelay } from './commands/record-circuit-change/circuit-change.relay';
import { TrafficRecorder } from './traffic.recorder';

/**
 * Every office's adapter behind its own timeouts, read retries, circuit breaker, Retry-After
 * gate and reference-data cache; circuit changes go to the store through the relay and to the
 * circuit gauge. Timing sits inside the resilience layer, so it measures each attempt that
 * reached the PMS (PMS latency), not the retries and waits around it; each timed attempt also goes
 * to the traffic recorder.
 */
export const monitoredAdapters =
  (
    options: ResilienceOptions,
    circuitChanges: CircuitChangeRelay,
    metrics: HubMetrics,
    traffic: TrafficRecorder,
  ) =>
  ({ officeId, timeZone, connection }: OfficeConfig): PmsAdapter => {
    const timed = new TimedPmsAdapter(
      createPmsAdapter(connection, { officeId, timeZone }),
      officeId,
      metrics,
      (call) => traffic.record(officeId, connection.pmsType, call),
    );
    metrics.circuitState(officeId, timed.pmsType, 'closed');
    return withResilience(timed, {
      ...options,
      officeId,
      onCircuitChange: ({ pmsType, from, to, reason, at }) => {
        metrics.circuitState(officeId, pmsType, to);
        circuitChanges.notify(officeId, { pmsType, from, to, reason, changedAt: at });
      },
    });
  };
