import { SimulatorFaults } from '../faults/simulator-faults';
import { parseLocalTime, weekdayOf } from './eaglesoft.local-time';
import { EaglesoftTokens } from './eaglesoft.tokens';
import {
  EaglesoftAppointment,
  EaglesoftLocation,
  EaglesoftPatient,
  EaglesoftProvider,
  EaglesoftSeed,
  ProviderSchedule,
  WorkingHours,
} from './eaglesoft.types';

export type NewEaglesoftAppointment = Omit<
  EaglesoftAppointment,
  'appointment_id' | 'location_id' | 'status'
> & { readonly location_id?: string };

export interface EaglesoftStateOptions {
  /** IANA zone of the office: decides which wall-clock times exist. */
  readonly timeZone: string;
  readonly tokenLifetimeSeconds: number;
}

function sequentialId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

/** In-memory PMS database; `reset()` returns it to the seed. */
export class EaglesoftSimulatorState {
  readonly timeZone: string;
  readonly locations: readonly EaglesoftLocation[];
  readonly providers: readonly EaglesoftProvider[];
  readonly hours: WorkingHours;
  readonly patients = new Map<string, EaglesoftPatient>();
  readonly appointments = new Map<string, EaglesoftAppointment>();
  readonly faults = new SimulatorFaults();
  readonly tokens: EaglesoftTokens;
  private patientSeq = 0;
  private appointmentSeq = 0;

  constructor(
    private readonly seed: EaglesoftSeed,
    options: EaglesoftStateOptions,
  ) {
    this.timeZone = options.timeZone;
    this.tokens = new EaglesoftTokens(options.tokenLifetimeSeconds);
    this.locations = seed.locations;
    this.hours = seed.hours;
    this.providers = seed.providers.map((provider) => ({
      ...provider,
      location_ids: [...new Set(Object.values(this.scheduleOf(provider.provider_id)?.days ?? {}))],
    }));
    this.reset();
  }

  reset(): void {
    this.faults.reset();
    this.tokens.resetStats();
    this.patients.clear();
    this.appointments.clear();
    this.seed.patients.forEach((patient) => this.patients.set(patient.patient_id, patient));
    this.seed.appointments.forEach((appt) => this.appointments.set(appt.appointment_id, appt));
    this.patientSeq = 0;
    this.appointmentSeq = 0;
  }

  scheduleOf(providerId: string): ProviderSchedule | undefined {
    return this.seed.schedules.find((schedule) => schedule.providerId === providerId);
  }

  /** Where the provider works on the local day containing `wallMs`, if they work that day. */
  locationOn(providerId: string, wallMs: number): string | undefined {
    return this.scheduleOf(providerId)?.days[weekdayOf(wallMs)];
  }

  /** The location a booking without one lands at. */
  defaultLocation(providerId: string, wallMs: number): string | undefined {
    const provider = this.providers.find((p) => p.provider_id === providerId);
    return this.locationOn(providerId, wallMs) ?? provider?.location_ids[0];
  }

  addPatient(fields: Omit<EaglesoftPatient, 'patient_id'>): EaglesoftPatient {
    const patient = {
      patient_id: this.nextId('ES-P', this.patients, () => ++this.patientSeq),
      ...fields,
    };
    this.patients.set(patient.patient_id, patient);
    return patient;
  }

  /** Stores without business checks, so tests can plant bookings made outside the hub. */
  addAppointment(fields: NewEaglesoftAppointment): EaglesoftAppointment {
    const wallMs = parseLocalTime(fields.start_time);
    if (wallMs === undefined) throw new Error(`not a local time: ${fields.start_time}`);
    const location_id = fields.location_id ?? this.defaultLocation(fields.provider_id, wallMs);
    if (!location_id) throw new Error(`no location for provider ${fields.provider_id}`);
    const appointment: EaglesoftAppointment = {
      appointment_id: this.nextId('ES-A', this.appointments, () => ++this.appointmentSeq),
      ...fields,
      location_id,
      status: 'scheduled',
    };
    this.appointments.set(appointment.appointment_id, appointment);
    return appointment;
  }

  cancelAppointment(appointment: EaglesoftAppointment): EaglesoftAppointment {
    const cancelled = { ...appointment, status: 'cancelled' as const };
    this.appointments.set(appointment.appointment_id, cancelled);
    return cancelled;
  }

  // Skips ids taken by seeded records, which may use the same numbering.
  private nextId(prefix: string, taken: Map<string, unknown>, next: () => number): string {
    let id = sequentialId(prefix, next());
    while (taken.has(id)) id = sequentialId(prefix, next());
    return id;
  }
}
