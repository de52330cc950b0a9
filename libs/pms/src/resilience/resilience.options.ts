import { PmsType } from '../pms-adapter.port';

export type CircuitState = 'closed' | 'open' | 'half-open';

/** One transition of an office's circuit, for the hub to record. */
export interface CircuitChange {
  readonly officeId: string;
  readonly pmsType: PmsType;
  readonly from: CircuitState;
  readonly to: CircuitState;
  /** ISO 8601, UTC. */
  readonly at: string;
  /** Why, e.g. the last failure's message (PmsError messages carry no secrets or patient data). */
  readonly reason: string;
}

/** Every field is optional; the defaults are in RESILIENCE_DEFAULTS. */
export interface ResilienceOptions {
  /**
   * Limit on each attempt of a read, ms. Writes get none here: PmsAdapter calls cannot be
   * cancelled, and a write abandoned while still in flight could land after the hub concluded.
   * Writes are bounded by the adapter's own transport timeout, which does abort the request.
   */
  readonly readTimeoutMs?: number;
  /** Retries of a read after its first attempt, on timeouts, 5xx, 408, 429 and connection errors. */
  readonly readRetries?: number;
  /** First retry delay, ms; later ones grow exponentially, with decorrelated jitter. */
  readonly retryBaseDelayMs?: number;
  /** Cap on one retry delay, ms. */
  readonly retryMaxDelayMs?: number;
  /** Consecutive failed attempts (unreachable, timeout, 5xx, reset) that open the circuit. */
  readonly failuresToOpen?: number;
  /** How long an open circuit fails calls fast before letting one probe through, ms. */
  readonly openCooldownMs?: number;
  /**
   * Longest a call waits for a 429's Retry-After to pass, ms. A longer hold fails the call at
   * once (PmsError `invalid`, 429, retryAfterMs = what is left), without reaching the PMS.
   */
  readonly maxRetryAfterWaitMs?: number;
  /** How long providers and locations are cached, ms; 0 turns the cache off. */
  readonly referenceDataTtlMs?: number;
  /** Called synchronously on each transition; a throw or rejection is reported as a warning only. */
  readonly onCircuitChange?: (change: CircuitChange) => void | Promise<void>;
}

export interface ResilienceSettings extends ResilienceOptions {
  /** The one office the decorated adapter works for: its circuit, rate limit and cache. */
  readonly officeId: string;
}

export const RESILIENCE_DEFAULTS = {
  readTimeoutMs: 5_000,
  readRetries: 2,
  retryBaseDelayMs: 200,
  retryMaxDelayMs: 2_000,
  failuresToOpen: 5,
  openCooldownMs: 30_000,
  maxRetryAfterWaitMs: 10_000,
  referenceDataTtlMs: 5 * 60_000,
} as const satisfies Required<Omit<ResilienceOptions, 'onCircuitChange'>>;
