import { SimulatorFaults } from '../faults';
import {
  Booking,
  OfficeSchedule,
  SeededTable,
  TokenOptions,
  TokenRegistry,
  wallMsOf,
} from '../shared';
import {
  CareStackAppointment,
  CareStackLocation,
  CareStackPatient,
  CareStackProvider,
  CareStackSeed,
} from './carestack.types';

export type NewCareStackAppointment = Omit<
  CareStackAppointment,
  'appointmentId' | 'locationId' | 'status'
> & { readonly locationId?: number };

export interface CareStackStateOptions extends TokenOptions {
  readonly seed: CareStackSeed;
  /** IANA zone of the office's wall clock. */
  readonly timeZone: string;
}

// New records are numbered after these, as on a practice that has been running for a while.
const LAST_PATIENT_ID = 1000;
const LAST_APPOINTMENT_ID = 50_000;
const numbered = (n: number) => n;

/**
 * In-memory PMS database and token store; `reset()` returns the data to the seed. Issued tokens
 * survive a reset, as sessions outlive data changes; `tokens.expireAll()` ends them.
 */
export class CareStackSimulatorState {
  readonly timeZone: string;
  readonly tokens: TokenRegistry;
  readonly locations: readonly CareStackLocation[];
  readonly providers: readonly CareStackProvider[];
  readonly schedule: OfficeSchedule<number>;
  readonly patients: SeededTable<number, CareStackPatient>;
  readonly appointments: SeededTable<number, CareStackAppointment>;
  readonly faults = new SimulatorFaults();

  constructor({ seed, timeZone, tokenLifetimeSeconds }: CareStackStateOptions) {
    this.timeZone = timeZone;
    this.tokens = new TokenRegistry(tokenLifetimeSeconds);
    const providerIds = seed.providers.map((provider) => provider.providerId);
    this.schedule = new OfficeSchedule(providerIds, seed.schedules, seed.hours);
    this.locations = seed.locations.map((location) => ({ ...location, timeZone }));
    this.providers = seed.providers.map((provider) => ({
      ...provider,
      locationIds: this.schedule.locationsOf(provider.providerId),
    }));
    this.patients = new SeededTable(seed.patients, (p) => p.patientId, numbered, LAST_PATIENT_ID);
    this.appointments = new SeededTable(
      seed.appointments,
      (a) => a.appointmentId,
      numbered,
      LAST_APPOINTMENT_ID,
    );
  }

  /** Back to the seed, faults and counts cleared. */
  reset(): void {
    this.faults.reset();
    this.patients.reset();
    this.appointments.reset();
  }

  /** The appointments as the shared schedule reads them (see shared/free-slots.ts). */
  bookings(): Booking<number>[] {
    return [...this.appointments.values()].map((appt) => ({
      providerId: appt.providerId,
      startMs: wallMsOf(appt.startDateTime),
      durationMinutes: appt.duration,
      holdsTime: appt.status === 'Scheduled',
    }));
  }

  addPatient(fields: Omit<CareStackPatient, 'patientId'>): CareStackPatient {
    return this.patients.insert((patientId) => ({ patientId, ...fields }));
  }

  /** Stores without business checks, so tests can plant bookings made outside the hub. */
  addAppointment(fields: NewCareStackAppointment): CareStackAppointment {
    const locationId =
      fields.locationId ??
      this.schedule.defaultLocation(fields.providerId, wallMsOf(fields.startDateTime));
    if (locationId === undefined) throw new Error(`no location for provider ${fields.providerId}`);
    return this.appointments.insert((appointmentId): CareStackAppointment => ({
      appointmentId,
      ...fields,
      locationId,
      status: 'Scheduled',
    }));
  }

  cancelAppointment(appointmentId: number): CareStackAppointment | undefined {
    const appointment = this.appointments.get(appointmentId);
    if (!appointment) return undefined;
    const cancelled = { ...appointment, status: 'Cancelled' as const };
    this.appointments.set(appointmentId, cancelled);
    return cancelled;
  }
}
