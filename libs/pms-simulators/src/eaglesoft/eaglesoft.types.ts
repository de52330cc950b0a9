/**
 * Eaglesoft-flavoured wire shapes: snake_case, lists wrapped in `{ data, total }`, and times as the
 * office's wall clock (`YYYY-MM-DDTHH:mm:ss`, no offset), so adapters must map and convert.
 */

import { ProviderSchedule, WorkingHours } from '../shared';

export type { ProviderSchedule, Weekday, WorkingHours } from '../shared';

export interface EaglesoftCredentials {
  readonly username: string;
  readonly password: string;
  readonly database: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** `YYYY-MM-DDTHH:mm:ss` in the office's time zone. */
export type LocalTime = string;

export interface EaglesoftPatient {
  readonly patient_id: string;
  readonly first_name: string;
  readonly last_name: string;
  /** YYYY-MM-DD */
  readonly birth_date: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface EaglesoftLocation {
  readonly location_id: string;
  readonly name: string;
  readonly address: string;
}

export interface EaglesoftProvider {
  readonly provider_id: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly specialty: string;
  readonly location_ids: readonly string[];
}

export type AppointmentStatus = 'scheduled' | 'cancelled';

export interface EaglesoftAppointment {
  readonly appointment_id: string;
  readonly patient_id: string;
  readonly provider_id: string;
  readonly location_id: string;
  readonly start_time: LocalTime;
  readonly duration_minutes: number;
  readonly appointment_type?: string;
  readonly notes?: string;
  readonly status: AppointmentStatus;
}

export interface EaglesoftSlot {
  readonly provider_id: string;
  readonly location_id: string;
  readonly start_time: LocalTime;
  readonly end_time: LocalTime;
}

export interface EaglesoftSeed {
  readonly locations: readonly EaglesoftLocation[];
  readonly providers: readonly Omit<EaglesoftProvider, 'location_ids'>[];
  readonly schedules: readonly ProviderSchedule[];
  readonly hours: WorkingHours;
  readonly patients: readonly EaglesoftPatient[];
  readonly appointments: readonly EaglesoftAppointment[];
}
