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
import {
  Appointment,
  AppointmentSearch,
  AvailabilityQuery,
  Location,
  NewAppointment,
  NewPatient,
  Patient,
  PatientSearch,
  PmsAdapter,
  PmsError,
  PmsHealth,
  PmsType,
  Provider,
  Slot,
} from '../pms-adapter.port';
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
 * Writes (createPatient, bookAppointment, cancelAppointment) are tried exactly once: a PMS offers
 * no idempotency key, and the hub reconciles an unknown outcome itself. Providers and locations
 * are cached. checkHealth goes straight to the PMS: it reports a down PMS without throwing, so the
 * breaker would count it a success, and a health probe should see the PMS as it is.
 */
export class ResilientPmsAdapter implements PmsAdapter {
  readonly pmsType: PmsType;
  private readonly officeId: string;
  private readonly readTimeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly timeout: TimeoutPolicy;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly gate: RetryAfterGate;
  private readonly cache: ReferenceDataCache;

  constructor(
    private readonly inner: PmsAdapter,
    settings: ResilienceSettings,
  ) {
    const options = { ...RESILIENCE_DEFAULTS, ...definedOnly(settings) };
    this.pmsType = inner.pmsType;
    this.officeId = options.officeId;
    this.readTimeoutMs = options.readTimeoutMs;
    this.retry = readRetryPolicy(options);
    // Aggressive: PmsAdapter calls take no abort signal, so the caller stops waiting instead.
    this.timeout = timeout(options.readTimeoutMs, TimeoutStrategy.Aggressive);
    this.breaker = officeCircuitBreaker({ ...options, pmsType: this.pmsType });
    this.gate = new RetryAfterGate(options.maxRetryAfterWaitMs);
    this.cache = new ReferenceDataCache(options.referenceDataTtlMs);
  }

  checkHealth(): Promise<PmsHealth> {
    return this.inner.checkHealth();
  }

  searchPatients(query: PatientSearch): Promise<Patient[]> {
    return this.read('searchPatients', () => this.inner.searchPatients(query));
  }

  getPatient(patientId: string): Promise<Patient> {
    return this.read('getPatient', () => this.inner.getPatient(patientId));
  }

  createPatient(patient: NewPatient): Promise<Patient> {
    return this.write('createPatient', () => this.inner.createPatient(patient));
  }

  listProviders(): Promise<Provider[]> {
    return this.cache.get('providers', () =>
      this.read('listProviders', () => this.inner.listProviders()),
    );
  }

  listLocations(): Promise<Location[]> {
    return this.cache.get('locations', () =>
      this.read('listLocations', () => this.inner.listLocations()),
    );
  }

  getAvailability(query: AvailabilityQuery): Promise<Slot[]> {
    return this.read('getAvailability', () => this.inner.getAvailability(query));
  }

  bookAppointment(appointment: NewAppointment): Promise<Appointment> {
    return this.write('bookAppointment', () => this.inner.bookAppointment(appointment));
  }

  cancelAppointment(appointmentId: string): Promise<void> {
    return this.write('cancelAppointment', () => this.inner.cancelAppointment(appointmentId));
  }

  findAppointments(query: AppointmentSearch): Promise<Appointment[]> {
    return this.read('findAppointments', () => this.inner.findAppointments(query));
  }

  /** Ends waits for a Retry-After (they fail, nothing sent), then closes the adapter. */
  async close(): Promise<void> {
    this.gate.close();
    await this.inner.close?.();
  }

  private read<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return this.translated(operation, () =>
      this.retry.execute(() => this.attempt(() => this.timed(operation, call))),
    );
  }

  private write<T>(operation: string, call: () => Promise<T>): Promise<T> {
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

  private async timed<T>(operation: string, call: () => Promise<T>): Promise<T> {
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
  private async translated<T>(operation: string, run: () => Promise<T>): Promise<T> {
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

  private describe(operation: string): string {
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
