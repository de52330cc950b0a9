/**
 * CareStack-flavoured wire shapes: camelCase, numeric ids, office-local wall-clock times without
 * an offset, so adapters must map ids and convert times.
 */

import { ProviderSchedule as SharedProviderSchedule, WorkingHours } from '../shared';

export type { Weekday, WorkingHours } from '../shared';

export interface CareStackCredentials {
  readonly username: string;
  readonly password: string;
  /** The integrator's key, sent as the OAuth2 `client_id`. */
  readonly vendorKey: string;
  /** The practice account's key, sent as the OAuth2 `client_secret`. */
  readonly accountKey: string;
  /** Sent as the `AccountId` header on every API call. */
  readonly accountId: string;
}

/** Office-local wall-clock time, `YYYY-MM-DDTHH:mm:ss`, in the simulator's time zone. */
export type LocalDateTime = string;

export interface CareStackPatient {
  readonly patientId: number;
  readonly firstName: string;
  readonly lastName: string;
  /** YYYY-MM-DD */
  readonly dob: string;
  readonly mobileNumber?: string;
  readonly email?: string;
}

export interface CareStackLocation {
  readonly locationId: number;
  readonly name: string;
  readonly address: string;
  readonly timeZone: string;
}

export interface CareStackProvider {
  readonly providerId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly specialty: string;
  readonly locationIds: readonly number[];
}

export type AppointmentStatus = 'Scheduled' | 'Cancelled';

export interface CareStackAppointment {
  readonly appointmentId: number;
  readonly patientId: number;
  readonly providerId: number;
  readonly locationId: number;
  readonly startDateTime: LocalDateTime;
  /** Minutes */
  readonly duration: number;
  readonly appointmentType?: string;
  readonly notes?: string;
  readonly status: AppointmentStatus;
}

export interface CareStackSlot {
  readonly providerId: number;
  readonly locationId: number;
  readonly startDateTime: LocalDateTime;
  readonly endDateTime: LocalDateTime;
}

export type ProviderSchedule = SharedProviderSchedule<number>;

export interface CareStackSeed {
  readonly locations: readonly Omit<CareStackLocation, 'timeZone'>[];
  readonly providers: readonly Omit<CareStackProvider, 'locationIds'>[];
  readonly schedules: readonly ProviderSchedule[];
  readonly hours: WorkingHours;
  readonly patients: readonly CareStackPatient[];
  readonly appointments: readonly CareStackAppointment[];
}
