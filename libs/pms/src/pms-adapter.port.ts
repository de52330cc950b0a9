/**
 * One interface for every PMS. Adapters map each vendor's API onto this standard model; the hub
 * never sees a vendor shape. Times are ISO 8601 with an offset.
 */

export type PmsType = 'dentrix' | 'eaglesoft' | 'carestack' | 'dummy';

export interface EndpointHealth {
  readonly endpoint: string;
  readonly healthy: boolean;
  readonly responseTimeMs: number;
  readonly statusCode?: number;
  readonly error?: string;
}

export interface PmsHealth {
  readonly healthy: boolean;
  readonly responseTimeMs: number;
  readonly endpoints: readonly EndpointHealth[];
  readonly error?: string;
}

export interface PatientSearch {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly dateOfBirth?: string;
  readonly phone?: string;
}

export interface NewPatient {
  readonly firstName: string;
  readonly lastName: string;
  /** YYYY-MM-DD */
  readonly dateOfBirth: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface Patient extends NewPatient {
  readonly patientId: string;
}

export interface Provider {
  readonly providerId: string;
  readonly name: string;
  readonly specialty?: string;
  readonly locationIds: readonly string[];
}

export interface Location {
  readonly locationId: string;
  readonly name: string;
  readonly timeZone?: string;
}

export interface AvailabilityQuery {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly providerId?: string;
  readonly locationId?: string;
}

export interface Slot {
  readonly providerId: string;
  readonly locationId?: string;
  readonly start: string;
  readonly end: string;
}

export interface NewAppointment {
  readonly patientId: string;
  readonly providerId: string;
  readonly locationId?: string;
  readonly start: string;
  readonly durationMinutes: number;
  readonly appointmentType?: string;
  readonly notes?: string;
}

export interface Appointment {
  readonly appointmentId: string;
  readonly patientId: string;
  readonly providerId: string;
  readonly locationId?: string;
  readonly start: string;
  readonly durationMinutes: number;
  readonly appointmentType?: string;
}

export interface AppointmentSearch {
  readonly patientId: string;
  readonly providerId: string;
  /** Exact start instant; adapters compare instants, not strings. */
  readonly start: string;
}

export interface PmsAdapter {
  readonly pmsType: PmsType;
  /** Probes each of the PMS's health-relevant endpoints; never throws for a PMS that is down. */
  checkHealth(): Promise<PmsHealth>;
  searchPatients(query: PatientSearch): Promise<Patient[]>;
  /** Unknown patient → PmsError `invalid` with statusCode 404. */
  getPatient(patientId: string): Promise<Patient>;
  createPatient(patient: NewPatient): Promise<Patient>;
  listProviders(): Promise<Provider[]>;
  listLocations(): Promise<Location[]>;
  getAvailability(query: AvailabilityQuery): Promise<Slot[]>;
  bookAppointment(appointment: NewAppointment): Promise<Appointment>;
  /** Unknown appointment → `invalid` 404; cancelling a cancelled appointment succeeds. */
  cancelAppointment(appointmentId: string): Promise<void>;
  /** Used to reconcile after a crash: PMS APIs offer no idempotency keys. */
  findAppointments(query: AppointmentSearch): Promise<Appointment[]>;
  /** Releases pooled connections; optional so in-memory adapters need not implement it. */
  close?(): Promise<void>;
}

/** Who an adapter works for; named in every error message. */
export interface PmsAdapterContext {
  readonly officeId: string;
  /**
   * IANA zone of the office (default UTC). PMS APIs speak office-local wall-clock time; adapters
   * convert with `office-time.ts` so the hub only sees ISO 8601 with an offset.
   */
  readonly timeZone?: string;
}

/**
 * Every adapter failure is a PmsError. `kind` tells the hub what to do:
 * - `conflict`: the PMS refused for a business reason (slot taken) → reject the command;
 * - `invalid`: the PMS refused our data (4xx) or answered something we cannot read → permanent;
 * - `unreachable`: nothing reached the PMS (refused connection, DNS) → safe to call it failed;
 * - `unknown-outcome`: the request may have landed (timeout, reset, 5xx) → reconcile before failing.
 * Messages name office, PMS and operation, never credentials or patient fields.
 */
export type PmsErrorKind = 'conflict' | 'invalid' | 'unreachable' | 'unknown-outcome' | 'auth';

export class PmsError extends Error {
  constructor(
    readonly kind: PmsErrorKind,
    message: string,
    readonly statusCode?: number,
    /** From a 429's Retry-After, so the rate limiter can hold the office's next call. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PmsError';
  }
}

/** Connection settings of one office's PMS. Secrets live only here, never in events or logs. */
export interface DentrixConnection {
  readonly pmsType: 'dentrix';
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly database: string;
  readonly apiKey: string;
  readonly timeoutMs?: number;
}

/** Eaglesoft: OAuth2 bearer token from `POST /api/auth/token`, refreshed before it expires. */
export interface EaglesoftConnection {
  readonly pmsType: 'eaglesoft';
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly database: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs?: number;
}

/** CareStack: OAuth2 password grant carrying the integrator's vendor key and the account key. */
export interface CareStackConnection {
  readonly pmsType: 'carestack';
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly vendorKey: string;
  readonly accountKey: string;
  readonly accountId: string;
  readonly timeoutMs?: number;
}

/** The brief's dummy PMS: in memory, for demos; no network. */
export interface DummyConnection {
  readonly pmsType: 'dummy';
}

export type PmsConnection =
  DentrixConnection | EaglesoftConnection | CareStackConnection | DummyConnection;
