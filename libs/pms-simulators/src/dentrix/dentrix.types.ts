/** Dentrix-flavoured wire shapes: PascalCase, as the real API answers, so adapters must map. */

import { ProviderSchedule, WorkingHours } from '../shared';

export type { ProviderSchedule, Weekday, WorkingHours } from '../shared';

export interface DentrixCredentials {
  readonly username: string;
  readonly password: string;
  readonly database: string;
  readonly apiKey: string;
}

export interface DentrixPatient {
  readonly PatientID: string;
  readonly FirstName: string;
  readonly LastName: string;
  /** YYYY-MM-DD */
  readonly DateOfBirth: string;
  readonly HomePhone?: string;
  readonly EmailAddress?: string;
}

export interface DentrixLocation {
  readonly LocationID: string;
  readonly LocationName: string;
  readonly Address: string;
}

export interface DentrixProvider {
  readonly ProviderID: string;
  readonly FirstName: string;
  readonly LastName: string;
  readonly Specialty: string;
  readonly LocationIDs: readonly string[];
}

export interface DentrixAppointment {
  readonly AppointmentID: string;
  readonly PatientID: string;
  readonly ProviderID: string;
  readonly LocationID: string;
  /** Office-local wall-clock time, no offset, e.g. 2030-01-07T08:00:00 */
  readonly StartTime: string;
  /** Minutes */
  readonly Duration: number;
  readonly AppointmentType?: string;
  readonly Notes?: string;
  /** A cancelled appointment stays on file but frees its time. */
  readonly Status: 'Scheduled' | 'Cancelled';
}

export interface DentrixSlot {
  readonly ProviderID: string;
  readonly LocationID: string;
  /** Office-local, like every Dentrix time. */
  readonly StartTime: string;
  readonly EndTime: string;
}

export interface DentrixSeed {
  readonly locations: readonly DentrixLocation[];
  readonly providers: readonly Omit<DentrixProvider, 'LocationIDs'>[];
  readonly schedules: readonly ProviderSchedule[];
  readonly hours: WorkingHours;
  readonly patients: readonly DentrixPatient[];
  readonly appointments: readonly DentrixAppointment[];
}
