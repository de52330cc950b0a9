import { SimulatorFaults } from '../faults';
import { assertTimeZone, checkLocalTime, isInstant, localOf } from './dentrix.clock';
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
> & {
  readonly LocationID?: string;
  /** Office-local (`2030-01-14T09:00:00`) or an instant with an offset, turned into local time. */
  readonly StartTime: string;
};

function sequentialId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

/** In-memory PMS database of one office; `reset()` returns it to the seed. */
export class DentrixSimulatorState {
  readonly locations: readonly DentrixLocation[];
  readonly providers: readonly DentrixProvider[];
  readonly hours: WorkingHours;
  readonly patients = new Map<string, DentrixPatient>();
  readonly appointments = new Map<string, DentrixAppointment>();
  /** Injected faults and per-route request counts (see faults/simulator-faults.ts). */
  readonly faults = new SimulatorFaults();
  private patientSeq = 0;
  private appointmentSeq = 0;

  constructor(
    private readonly seed: DentrixSeed,
    /** IANA zone of the office's clock, in which every Dentrix time is written. */
    readonly timeZone = 'UTC',
  ) {
    assertTimeZone(timeZone);
    this.locations = seed.locations;
    this.hours = seed.hours;
    this.providers = seed.providers.map((provider) => ({
      ...provider,
      LocationIDs: [...new Set(Object.values(this.scheduleOf(provider.ProviderID)?.days ?? {}))],
    }));
    this.reset();
  }

  /** Keyed by route, e.g. `POST /api/appointments`; counts refused calls too. */
  get requestCounts(): Map<string, number> {
    return this.faults.requestCounts;
  }

  reset(): void {
    this.faults.reset();
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

  /** Where the provider works on the local day containing wall ms `atMs`, if they work that day. */
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
    const StartTime = isInstant(fields.StartTime)
      ? localOf(fields.StartTime, this.timeZone)
      : fields.StartTime;
    const checked = checkLocalTime(StartTime, this.timeZone);
    if (!('wallMs' in checked))
      throw new Error(`StartTime ${fields.StartTime}: ${checked.problem}`);
    const LocationID = fields.LocationID ?? this.defaultLocation(fields.ProviderID, checked.wallMs);
    if (!LocationID) throw new Error(`no location for provider ${fields.ProviderID}`);
    const appointment: DentrixAppointment = {
      AppointmentID: this.nextId('DTX-A', this.appointments, () => ++this.appointmentSeq),
      ...fields,
      StartTime,
      LocationID,
      Status: 'Scheduled',
    };
    this.appointments.set(appointment.AppointmentID, appointment);
    return appointment;
  }

  /** Idempotent: cancelling a cancelled appointment returns it unchanged. */
  cancelAppointment(appointmentId: string): DentrixAppointment | undefined {
    const appointment = this.appointments.get(appointmentId);
    if (!appointment || appointment.Status === 'Cancelled') return appointment;
    const cancelled: DentrixAppointment = { ...appointment, Status: 'Cancelled' };
    this.appointments.set(appointmentId, cancelled);
    return cancelled;
  }

  // Skips ids taken by seeded records, which may use the same numbering.
  private nextId(prefix: string, taken: Map<string, unknown>, next: () => number): string {
    let id = sequentialId(prefix, next());
    while (taken.has(id)) id = sequentialId(prefix, next());
    return id;
  }
}
