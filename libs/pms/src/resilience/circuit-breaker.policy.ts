import {
  CircuitBreakerPolicy,
  CircuitState as CockatielState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
} from 'cockatiel';
import { PmsError, PmsType } from '../pms-adapter.port';
import { CircuitChange, CircuitState } from './resilience.options';

export interface OfficeCircuitSettings {
  readonly officeId: string;
  readonly pmsType: PmsType;
  readonly failuresToOpen: number;
  readonly openCooldownMs: number;
  readonly onCircuitChange?: (change: CircuitChange) => void | Promise<void>;
}

/** Failures that say the PMS is down or struggling, as opposed to a PMS that answered "no". */
export function signalsOutage(error: unknown): boolean {
  return (
    error instanceof PmsError && (error.kind === 'unreachable' || error.kind === 'unknown-outcome')
  );
}

/**
 * One office's circuit: opens after `failuresToOpen` consecutive outage signals; once
 * `openCooldownMs` has passed, the next call is the probe (cockatiel 3 moves to half-open lazily,
 * on that call, not on a timer), whose outcome closes or reopens it.
 */
export function officeCircuitBreaker(settings: OfficeCircuitSettings): CircuitBreakerPolicy {
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: settings.openCooldownMs,
    breaker: new ConsecutiveBreaker(settings.failuresToOpen),
  });
  let from: CircuitState = 'closed';
  breaker.onStateChange((state) => {
    const to = circuitStateOf(state);
    const reason = reasonFor(from, to, breaker, settings);
    const { officeId, pmsType } = settings;
    notify(settings.onCircuitChange, {
      officeId,
      pmsType,
      from,
      to,
      at: new Date().toISOString(),
      reason,
    });
    from = to;
  });
  return breaker;
}

/**
 * Runs `call` through the breaker so that only outage signals count as failures: a PMS that
 * answers, even to refuse (404, 409, 429, unreadable body), is up, and resets the count or closes
 * a half-open circuit. Cockatiel would otherwise leave unhandled errors uncounted either way.
 */
export async function throughBreaker<T>(
  breaker: CircuitBreakerPolicy,
  call: () => Promise<T>,
): Promise<T> {
  const answer = await breaker.execute(async () => {
    try {
      return { value: await call() };
    } catch (error) {
      if (signalsOutage(error)) throw error;
      return { refusal: error };
    }
  });
  if ('refusal' in answer) throw answer.refusal;
  return answer.value;
}

function circuitStateOf(state: CockatielState): CircuitState {
  switch (state) {
    case CockatielState.Closed:
      return 'closed';
    case CockatielState.HalfOpen:
      return 'half-open';
    // Isolated is cockatiel's manual hold-open; this layer never isolates, but it would be open.
    case CockatielState.Open:
    case CockatielState.Isolated:
      return 'open';
  }
}

function reasonFor(
  from: CircuitState,
  to: CircuitState,
  breaker: CircuitBreakerPolicy,
  settings: OfficeCircuitSettings,
): string {
  switch (to) {
    case 'open': {
      const failure = breaker.lastFailure;
      const last = failure && 'error' in failure ? failure.error.message : 'unknown failure';
      return from === 'half-open'
        ? `probe failed: ${last}`
        : `${settings.failuresToOpen} consecutive failures, last: ${last}`;
    }
    case 'half-open':
      return `cool-down of ${settings.openCooldownMs} ms over: this call probes the PMS`;
    case 'closed':
      return 'probe answered: the PMS is back';
  }
}

// A listener that fails must not turn the PMS's answer into a failure, nor crash the process.
function notify(listener: OfficeCircuitSettings['onCircuitChange'], change: CircuitChange): void {
  if (!listener) return;
  const warn = (error: unknown) =>
    process.emitWarning(`onCircuitChange failed for office ${change.officeId}: ${String(error)}`);
  try {
    Promise.resolve(listener(change)).catch(warn);
  } catch (error) {
    warn(error);
  }
}
