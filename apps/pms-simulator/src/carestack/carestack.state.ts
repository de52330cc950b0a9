import { randomBytes } from 'node:crypto';
import { SimulatorFaults } from '../faults/simulator-faults';
import {
  CareStackAppointment,
  CareStackLocation,
  CareStackPatient,
  CareStackProvider,
  CareStackSeed,
  CareStackTokenAnswer,
  ProviderSchedule,
  Weekday,
  WorkingHours,
} from './carestack.types';

export type NewCareStackAppointment = Omit<
  CareStackAppointment,
  'appointmentId' | 'locationId' | 'status'
> & { readonly locationId?: number };

export interface CareStackStateOptions {
  readonly seed: CareStackSeed;
  /** IANA zone of the office's wall clock. */
  readonly timeZone: string;
  readonly tokenLifetimeSeconds: number;
}

/** In-memory PMS database and token store; `reset()` returns the data to the seed. */
export class CareStackSimulatorState {
  readonly timeZone: string;
  readonly tokenLifetimeSeconds: number;
  readonly locations: readonly CareStackLocation[];
  readonly providers: readonly CareStackProvider[];
  readonly hours: WorkingHours;
  readonly patients = new Map<number, CareStackPatient>();
  readonly appointments = new Map<number, CareStackAppointment>();
  readonly faults = new SimulatorFaults();
  /** Access token → expiry (epoch ms). */
  private readonly tokens = new Map<string, number>();
  private readonly seed: CareStackSeed;
  private patientSeq = 0;
  private appointmentSeq = 0;

  constructor(options: CareStackStateOptions) {
    this.seed = options.seed;
    this.timeZone = options.timeZone;
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds;
    this.hours = this.seed.hours;
    this.locations = this.seed.locations.map((location) => ({
      ...location,
      timeZone: this.timeZone,
    }));
    this.providers = this.seed.providers.map((provider) => ({
      ...provider,
      locationIds: [...new Set(Object.values(this.scheduleOf(provider.providerId)?.days ?? {}))],
    }));
    this.reset();
  }

  /**
   * Back to the seed, faults and counts cleared. Issued tokens stay valid, as sessions outlive
   * data changes; `expireTokens()` ends them.
   */
  reset(): void {
    this.faults.reset();
    this.patients.clear();
    this.appointments.clear();
    this.seed.patients.forEach((patient) => this.patients.set(patient.patientId, patient));
    this.seed.appointments.forEach((appt) => this.appointments.set(appt.appointmentId, appt));
    this.patientSeq = 1000;
    this.appointmentSeq = 50_000;
  }

  issueToken(): CareStackTokenAnswer {
    const now = Date.now();
    for (const [token, expiresAt] of this.tokens) if (expiresAt <= now) this.tokens.delete(token);
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, now + this.tokenLifetimeSeconds * 1000);
    return { access_token: token, token_type: 'Bearer', expires_in: this.tokenLifetimeSeconds };
  }

  isLiveToken(token: string): boolean {
    const expiresAt = this.tokens.get(token);
    return expiresAt !== undefined && Date.now() < expiresAt;
  }

  liveTokenCount(): number {
    return [...this.tokens.keys()].filter((token) => this.isLiveToken(token)).length;
  }

  expireTokens(): void {
    this.tokens.clear();
  }

  scheduleOf(providerId: number): ProviderSchedule | undefined {
    return this.seed.schedules.find((schedule) => schedule.providerId === providerId);
  }

  /** Where the provider works on the office-local day containing `wallMs`, if they work then. */
  locationOn(providerId: number, wallMs: number): number | undefined {
    const weekday = (((new Date(wallMs).getUTCDay() + 6) % 7) + 1) as Weekday;
    return this.scheduleOf(providerId)?.days[weekday];
  }

  /** The location a booking without one lands at. */
  defaultLocation(providerId: number, wallMs: number): number | undefined {
    const provider = this.providers.find((p) => p.providerId === providerId);
    return this.locationOn(providerId, wallMs) ?? provider?.locationIds[0];
  }

  addPatient(fields: Omit<CareStackPatient, 'patientId'>): CareStackPatient {
    const patient = {
      patientId: this.nextId(this.patients, () => ++this.patientSeq),
      ...fields,
    };
    this.patients.set(patient.patientId, patient);
    return patient;
  }

  /** Stores without business checks, so tests can plant bookings made outside the hub. */
  addAppointment(fields: NewCareStackAppointment): CareStackAppointment {
    const locationId =
      fields.locationId ??
      this.defaultLocation(fields.providerId, Date.parse(`${fields.startDateTime}Z`));
    if (locationId === undefined) throw new Error(`no location for provider ${fields.providerId}`);
    const appointment: CareStackAppointment = {
      appointmentId: this.nextId(this.appointments, () => ++this.appointmentSeq),
      ...fields,
      locationId,
      status: 'Scheduled',
    };
    this.appointments.set(appointment.appointmentId, appointment);
    return appointment;
  }

  cancelAppointment(appointmentId: number): CareStackAppointment | undefined {
    const appointment = this.appointments.get(appointmentId);
    if (!appointment) return undefined;
    const cancelled = { ...appointment, status: 'Cancelled' as const };
    this.appointments.set(appointmentId, cancelled);
    return cancelled;
  }

  // Skips ids taken by seeded records, which may use the same numbering.
  private nextId(taken: Map<number, unknown>, next: () => number): number {
    let id = next();
    while (taken.has(id)) id = next();
    return id;
  }
}
