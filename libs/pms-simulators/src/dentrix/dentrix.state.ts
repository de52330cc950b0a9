import { SimulatorFaults } from '../faults';
import { Booking, checkWallTime, OfficeSchedule, paddedId, SeededTable, wallMsOf } from '../shared';
import { assertTimeZone, isInstant, localOf } from './dentrix.clock';
import {
  DentrixAppointment,
  DentrixLocation,
  DentrixPatient,
  DentrixProvider,
  DentrixSeed,
} from './dentrix.types';

export type NewDentrixAppointment = Omit<
  DentrixAppointment,
  'AppointmentID' | 'LocationID' | 'Status'
> & {
  readonly LocationID?: string;
  /** Office-local (`2030-01-14T09:00:00`) or an instant with an offset, turned into local time. */
  readonly StartTime: string;
};

/** In-memory PMS database of one office; `reset()` returns it to the seed. */
export class DentrixSimulatorState {
  readonly locations: readonly DentrixLocation[];
  readonly providers: readonly DentrixProvider[];
  readonly schedule: OfficeSchedule<string>;
  readonly patients: SeededTable<string, DentrixPatient>;
  readonly appointments: SeededTable<string, DentrixAppointment>;
  /** Injected faults and per-route request counts (see faults/simulator-faults.ts). */
  readonly faults = new SimulatorFaults();

  constructor(
    seed: DentrixSeed,
    /** IANA zone of the office's clock, in which every Dentrix time is written. */
    readonly timeZone = 'UTC',
  ) {
    assertTimeZone(timeZone);
    this.locations = seed.locations;
    const providerIds = seed.providers.map((provider) => provider.ProviderID);
    this.schedule = new OfficeSchedule(providerIds, seed.schedules, seed.hours);
    this.providers = seed.providers.map((provider) => ({
      ...provider,
      LocationIDs: this.schedule.locationsOf(provider.ProviderID),
    }));
    this.patients = new SeededTable(seed.patients, (p) => p.PatientID, paddedId('DTX-P'));
    this.appointments = new SeededTable(
      seed.appointments,
      (a) => a.AppointmentID,
      paddedId('DTX-A'),
    );
  }

  /** Keyed by route, e.g. `POST /api/appointments`; counts refused calls too. */
  get requestCounts(): Map<string, number> {
    return this.faults.requestCounts;
  }

  reset(): void {
    this.faults.reset();
    this.patients.reset();
    this.appointments.reset();
  }

  /** The appointments as the shared schedule reads them (see shared/free-slots.ts). */
  bookings(): Booking<string>[] {
    return [...this.appointments.values()].map((appt) => ({
      providerId: appt.ProviderID,
      startMs: wallMsOf(appt.StartTime),
      durationMinutes: appt.Duration,
      holdsTime: appt.Status === 'Scheduled',
    }));
  }

  addPatient(fields: Omit<DentrixPatient, 'PatientID'>): DentrixPatient {
    return this.patients.insert((PatientID) => ({ PatientID, ...fields }));
  }

  /** Stores without business checks, so tests can plant bookings made outside the hub. */
  addAppointment(fields: NewDentrixAppointment): DentrixAppointment {
    const StartTime = isInstant(fields.StartTime)
      ? localOf(fields.StartTime, this.timeZone)
      : fields.StartTime;
    const checked = checkWallTime(StartTime, this.timeZone);
    if (!('wallMs' in checked))
      throw new Error(`StartTime ${fields.StartTime}: ${checked.problem}`);
    const LocationID =
      fields.LocationID ?? this.schedule.defaultLocation(fields.ProviderID, checked.wallMs);
    if (!LocationID) throw new Error(`no location for provider ${fields.ProviderID}`);
    return this.appointments.insert((AppointmentID): DentrixAppointment => ({
      AppointmentID,
      ...fields,
      StartTime,
      LocationID,
      Status: 'Scheduled',
    }));
  }

  /** Idempotent: cancelling a cancelled appointment returns it unchanged. */
  cancelAppointment(appointmentId: string): DentrixAppointment | undefined {
    const appointment = this.appointments.get(appointmentId);
    if (!appointment || appointment.Status === 'Cancelled') return appointment;
    const cancelled: DentrixAppointment = { ...appointment, Status: 'Cancelled' };
    this.appointments.set(appointmentId, cancelled);
    return cancelled;
  }
}
