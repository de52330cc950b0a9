import {
  checkWallTime,
  PatientCriteria,
  PatientFieldNames,
  Query,
  RequestFields,
  SlotSearch,
} from '../shared';
import { EaglesoftApiError } from './eaglesoft.middleware';
import { EaglesoftPatient } from './eaglesoft.types';

const badRequest = (message: string) => new EaglesoftApiError(400, 'validation_error', message);
const fields = new RequestFields(badRequest);

/** Wall ms of an office-local time; an offset is refused, the office's clock is implied. */
function localTime(value: string, field: string, timeZone: string): number {
  const checked = checkWallTime(value, timeZone);
  if ('wallMs' in checked) return checked.wallMs;
  throw badRequest(
    checked.problem === 'skipped by the clocks'
      ? `${field} does not exist in ${timeZone}`
      : `${field} must be office-local YYYY-MM-DDTHH:mm:ss`,
  );
}

/** Search parameters and body fields are spelled alike. */
export const PATIENT_FIELDS: PatientFieldNames<NewEaglesoftPatient> = {
  firstName: 'first_name',
  lastName: 'last_name',
  dateOfBirth: 'birth_date',
  phone: 'phone',
  email: 'email',
};

type NewEaglesoftPatient = Omit<EaglesoftPatient, 'patient_id'>;

export function parsePatientQuery(query: Query): PatientCriteria {
  return fields.patientCriteria(query, PATIENT_FIELDS);
}

export function parseNewPatient(raw: unknown): NewEaglesoftPatient {
  return fields.newPatient(raw, PATIENT_FIELDS);
}

export function parseAvailabilityRequest(raw: unknown): SlotSearch<string> {
  const body = fields.asBody(raw);
  return {
    dayMs: fields.date(fields.requiredText(body, 'date'), 'date'),
    providerId: fields.optionalText(body, 'provider_id'),
    locationId: fields.optionalText(body, 'location_id'),
  };
}

export interface AppointmentRequest {
  readonly patientId: string;
  readonly providerId: string;
  readonly locationId?: string;
  readonly startTime: string;
  readonly startMs: number;
  readonly durationMinutes: number;
  readonly appointmentType?: string;
  readonly notes?: string;
}

export function parseAppointmentRequest(raw: unknown, timeZone: string): AppointmentRequest {
  const body = fields.asBody(raw);
  const startTime = fields.requiredText(body, 'start_time');
  const startMs = localTime(startTime, 'start_time', timeZone);
  const duration = fields.durationMinutes(body, 'duration_minutes');
  return {
    patientId: fields.requiredText(body, 'patient_id'),
    providerId: fields.requiredText(body, 'provider_id'),
    locationId: fields.optionalText(body, 'location_id'),
    startTime,
    startMs,
    durationMinutes: duration,
    appointmentType: fields.optionalText(body, 'appointment_type'),
    notes: fields.optionalText(body, 'notes'),
  };
}

export interface AppointmentQuery {
  readonly patientId?: string;
  readonly providerId?: string;
  /** Office-local; compared as written, since the PMS stores the wall clock. */
  readonly start?: string;
}

export function parseAppointmentQuery(query: Query, timeZone: string): AppointmentQuery {
  const start = fields.queryText(query, 'start');
  if (start !== undefined) localTime(start, 'start', timeZone);
  return {
    patientId: fields.queryText(query, 'patient_id'),
    providerId: fields.queryText(query, 'provider_id'),
    start,
  };
}
