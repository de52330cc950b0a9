import {
  DentrixAppointment,
  DentrixLocation,
  DentrixPatient,
  DentrixProvider,
  DentrixSeed,
  ProviderSchedule,
  Weekday,
  WorkingHours,
} from './dentrix.types';

export type NewDentrixAppointment = Omit<
  DentrixAppointment,
  'AppointmentID' | 'LocationID' | 'Status'
> & { readonly LocationID?: string };

export interface DentrixFaults {
  readonly latencyMs: number;
  /** Every /api route answers 503 while set. */
  readonly outage: boolean;
}

const NO_FAULTS: DentrixFaults = { latencyMs: 0, outage: false };

function sequentialId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

/** In-memory PMS database; `reset()` returns it to the seed. */
export class DentrixSimulatorState {
  readonly locations: readonly DentrixLocation[];
  readonly providers: readonly DentrixProvider[];
  readonly hours: WorkingHours;
  readonly patients = new Map<string, DentrixPatient>();
  readonly appointments = new Map<string, DentrixAppointment>();
  /** Keyed by route, e.g. `POST /api/appointments`; counts rejected calls too. */
  readonly requestCounts = new Map<string, number>();
  faults: DentrixFaults = NO_FAULTS;
  private patientSeq = 0;
  private appointmentSeq = 0;

  constructor(private readonly seed: DentrixSeed) {
    this.locations = seed.locations;
    this.hours = seed.hours;
    this.providers = seed.providers.map((provider) => ({
      ...provider,
      LocationIDs: [...new Set(Object.values(this.scheduleOf(provider.ProviderID)?.days ?? {}))],
    }));
    this.reset();
  }

  reset(): void {
    this.faults = NO_FAULTS;
    this.requestCounts.clear();
    this.patients.clear();
    this.appointments.clear();
    this.seed.patients.forEach((patient) => this.patients.set(patient.PatientID, patient));
    this.seed.appointments.forEach((appt) => this.appointments.set(appt.AppointmentID, appt));
    this.patientSeq = 0;
    this.appointmentSeq = 0;
  }

  scheduleOf(providerId: string): ProviderSchedule | undefined {
    return this.seed.schedules.find((schedule) => schedule.providerId === providerId);
  }

  /** Where the provider works on the UTC day containing `atMs`, if they work that day. */
  locationOn(providerId: string, atMs: number): string | undefined {
    const weekday = (((new Date(atMs).getUTCDay() + 6) % 7) + 1) as Weekday;
    return this.scheduleOf(providerId)?.days[weekday];
  }

  /** The location a booking without one lands at. */
  defaultLocation(providerId: string, atMs: number): string | undefined {
    const provider = this.providers.find((p) => p.ProviderID === providerId);
    return this.locationOn(providerId, atMs) ?? provider?.LocationIDs[0];
  }

  addPatient(fields: Omit<DentrixPatient, 'PatientID'>): DentrixPatient {
    const patient = {
      PatientID: this.nextId('DTX-P', this.patients, () => ++this.patientSeq),
      ...fields,
    };
    this.patients.set(patient.PatientID, patient);
    return patient;
  }

  /** Stores without business checks, so tests can plant bookings made outside the hub. */
  addAppointment(fields: NewDentrixAppointment): DentrixAppointment {
    const LocationID =
      fields.LocationID ?? this.defaultLocation(fields.ProviderID, Date.parse(fields.StartTime));
    if (!LocationID) throw new Error(`no location for provider ${fields.ProviderID}`);
    const appointment: DentrixAppointment = {
      AppointmentID: this.nextId('DTX-A', this.appointments, () => ++this.appointmentSeq),
      ...fields,
      LocationID,
      Status: 'Scheduled',
    };
    this.appointments.set(appointment.AppointmentID, appointment);
    return appointment;
  }

  countRequest(route: string): void {
    this.requestCounts.set(route, (this.requestCounts.get(route) ?? 0) + 1);
  }

  // Skips ids taken by seeded records, which may use the same numbering.
  private nextId(prefix: string, taken: Map<string, unknown>, next: () => number): string {
    let id = sequentialId(prefix, next());
    while (taken.has(id)) id = sequentialId(prefix, next());
    return id;
  }
}
