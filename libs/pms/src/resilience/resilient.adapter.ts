import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  RetryPolicy,
  TaskCancelledError,
  TimeoutPolicy,
  TimeoutStrategy,
  timeout,
} from 'cockatiel';
import { describeCall } from '../http-error.classifier';
import { Location, PmsAdapter, PmsError, PmsHealth, Provider } from '../pms-adapter.port';
import { PMS_OPERATIONS, PmsOperation } from '../pms.operations';
import { WrappingPmsAdapter } from '../wrapping.adapter';
import { officeCircuitBreaker, throughBreaker } from './circuit-breaker.policy';
import { ReferenceDataCache } from './reference-data.cache';
import { RESILIENCE_DEFAULTS, ResilienceSettings } from './resilience.options';
import { GateClosedError, RetryAfterGate, RetryAfterPendingError } from './retry-after.gate';
import { readRetryPolicy } from './retry.policy';

/**
 * Decorates one office's PmsAdapter with cockatiel 3 policies. Per call, outermost first:
 * - reads only: retry (exponential backoff, jitter) on retryable failures;
 * - every call: waits out the office's last Retry-After, then passes the office's circuit breaker
 *   (open: fails fast, `unreachable`, nothing sent);
 * - reads only: a timeout on each attempt.
 * Writes (see PMS_OPERATIONS) are tried exactly once: a PMS offers no idempotency key, and the hub
 * reconciles an unknown outcome itself. Providers and locations are cached. checkHealth goes
 * straight to the PMS: it reports a down PMS without throwing, so the breaker would count it a
 * success, and a health probe should see the PMS as it is.
 */
export class ResilientPmsAdapter extends WrappingPmsAdapter implements PmsAdapter {
  private readonly officeId: string;
  private readonly readTimeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly timeout: TimeoutPolicy;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly gate: RetryAfterGate;
  private readonly cache: ReferenceDataCache;

  constructor(inner: PmsAdapter, settings: ResilienceSettings) {
    super(inner);
    const options = { ...RESILIENCE_DEFAULTS, ...definedOnly(settings) };
    this.officeId = options.officeId;
    this.readTimeoutMs = options.readTimeoutMs;
    this.retry = readRetryPolicy(options);
    // Aggressive: PmsAdapter calls take no abort signal, so the caller stops waiting instead.
    this.timeout = timeout(options.readTimeoutMs, TimeoutStrategy.Aggressive);
    this.breaker = officeCircuitBreaker({ ...options, pmsType: this.pmsType });
    this.gate = new RetryAfterGate(options.maxRetryAfterWaitMs);
    this.cache = new ReferenceDataCache(options.referenceDataTtlMs);
  }

  override checkHealth(): Promise<PmsHealth> {
    return this.inner.checkHealth();
  }

  override listProviders(): Promise<Provider[]> {
    return this.cache.get('providers', () => super.listProviders());
  }

  override listLocations(): Promise<Location[]> {
    return this.cache.get('locations', () => super.listLocations());
  }

  /** Ends waits for a Retry-After (they fail, nothing sent), then closes the adapter. */
  override async close(): Promise<void> {
    this.gate.close();
    await super.close();
  }

  protected around<T>(operation: PmsOperation, call: () => Promise<T>): Promise<T> {
    return PMS_OPERATIONS[operation] === 'read'
      ? this.read(operation, call)
      : this.write(operation, call);
  }

  private read<T>(operation: PmsOperation, call: () => Promise<T>): Promise<T> {
    return this.translated(operation, () =>
      this.retry.execute(() => this.attempt(() => this.timed(operation, call))),
    );
  }

  private write<T>(operation: PmsOperation, call: () => Promise<T>): Promise<T> {
    return this.translated(operation, () => this.attempt(call));
  }

  private async attempt<T>(call: () => Promise<T>): Promise<T> {
    await this.gate.pass();
    try {
      return await throughBreaker(this.breaker, call);
    } catch (error) {
      if (error instanceof PmsError && error.retryAfterMs !== undefined) {
        this.gate.holdFor(error.retryAfterMs);
      }
      throw error;
    }
  }

  private async timed<T>(operation: PmsOperation, call: () => Promise<T>): Promise<T> {
    try {
      return await this.timeout.execute(call);
    } catch (error) {
      // Not cockatiel 3.2.1's isTaskCancelledError: it tests for the bulkhead's flag instead.
      if (!(error instanceof TaskCancelledError)) throw error;
      const where = this.describe(operation);
      throw new PmsError('unknown-outcome', `${where}: no answer within ${this.readTimeoutMs} ms`);
    }
  }

  /** Failures of this layer's own making become PmsErrors; none of them reached the PMS. */
  private async translated<T>(operation: PmsOperation, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const where = this.describe(operation);
      if (error instanceof BrokenCircuitError) {
        const message = `${where}: circuit open (the PMS kept failing), not sent`;
        throw new PmsError('unreachable', message);
      }
      if (error instanceof RetryAfterPendingError) {
        const ms = error.remainingMs;
        const message = `${where}: rate limited by the PMS for another ${ms} ms (429), not sent`;
        throw new PmsError('invalid', message, 429, ms);
      }
      if (error instanceof GateClosedError) {
        throw new PmsError('unreachable', `${where}: adapter closed while waiting, not sent`);
      }
      throw error;
    }
  }

  private describe(operation: PmsOperation): string {
    return describeCall({ pmsType: this.pmsType, officeId: this.officeId, operation });
  }
}

/** Decorates `adapter` for one office; see ResilienceOptions for what can be tuned. */
export function withResilience(
  adapter: PmsAdapter,
  settings: ResilienceSettings,
): ResilientPmsAdapter {
  return new ResilientPmsAdapter(adapter, settings);
}

// `{ readTimeoutMs: undefined }` must keep the default, not erase it.
function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as T;
}
