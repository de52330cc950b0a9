import { SimulatorFaults } from '../faults';
import {
  Booking,
  OfficeSchedule,
  paddedId,
  parseWallTime,
  SeededTable,
  TokenOptions,
} from '../shared';
import { EaglesoftTokens } from './eaglesoft.tokens';
import {
  EaglesoftAppointment,
  EaglesoftLocation,
  EaglesoftPatient,
  EaglesoftProvider,
  EaglesoftSeed,
} from './eaglesoft.types';

export type NewEaglesoftAppointment = Omit<
  EaglesoftAppointment,
  'appointment_id' | 'location_id' | 'status'
> & { readonly location_id?: string };

export interface EaglesoftStateOptions extends TokenOptions {
  /** IANA zone of the office: decides which wall-clock times exist. */
  readonly timeZone: string;
}

/** In-memory PMS database; `reset()` returns it to the seed. */
export class EaglesoftSimulatorState {
  readonly timeZone: string;
  readonly locations: readonly EaglesoftLocation[];
  readonly providers: readonly EaglesoftProvider[];
  readonly schedule: OfficeSchedule<string>;
  readonly patients: SeededTable<string, EaglesoftPatient>;
  readonly appointments: SeededTable<string, EaglesoftAppointment>;
  readonly faults = new SimulatorFaults();
  readonly tokens: EaglesoftTokens;

  constructor(seed: EaglesoftSeed, options: EaglesoftStateOptions) {
    this.timeZone = options.timeZone;
    this.tokens = new EaglesoftTokens(options.tokenLifetimeSeconds);
    this.locations = seed.locations;
    const providerIds = seed.providers.map((provider) => provider.provider_id);
    this.schedule = new OfficeSchedule(providerIds, seed.schedules, seed.hours);
    this.providers = seed.providers.map((provider) => ({
      ...provider,
      location_ids: this.schedule.locationsOf(provider.provider_id),
    }));
    this.patients = new SeededTable(seed.patients, (p) => p.patient_id, paddedId('ES-P'));
    this.appointments = new SeededTable(
      seed.appointments,
      (a) => a.appointment_id,
      paddedId('ES-A'),
    );
  }

  reset(): void {
    this.faults.reset();
    this.tokens.resetStats();
    this.patients.reset();
    this.appointments.reset();
  }

  /** The appointments as the shared schedule reads them (see shared/free-slots.ts). */
  bookings(): Booking<string>[] {
    return [...this.appointments.values()].map((appt) => ({
      providerId: appt.provider_id,
      // A seeded start that is no wall time (seeds are not checked) holds no time: NaN overlaps nothing.
      startMs: parseWallTime(appt.start_time) ?? NaN,
      durationMinutes: appt.duration_minutes,
      holdsTime: appt.status === 'scheduled',
    }));
  }

  addPatient(fields: Omit<EaglesoftPatient, 'patient_id'>): EaglesoftPatient {
    return this.patients.insert((patient_id) => ({ patient_id, ...fields }));
  }

  /** Stores without business checks, so tests can plant bookings made outside the hub. */
  addAppointment(fields: NewEaglesoftAppointment): EaglesoftAppointment {
    const wallMs = parseWallTime(fields.start_time);
    if (wallMs === undefined) throw new Error(`not a local time: ${fields.start_time}`);
    const location_id =
      fields.location_id ?? this.schedule.defaultLocation(fields.provider_id, wallMs);
    if (!location_id) throw new Error(`no location for provider ${fields.provider_id}`);
    return this.appointments.insert((appointment_id): EaglesoftAppointment => ({
      appointment_id,
      ...fields,
      location_id,
      status: 'scheduled',
    }));
  }

  cancelAppointment(appointment: EaglesoftAppointment): EaglesoftAppointment {
    const cancelled = { ...appointment, status: 'cancelled' as const };
    this.appointments.set(appointment.appointment_id, cancelled);
    return cancelled;
  }
}
