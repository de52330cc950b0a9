import {
  checkWallTime,
  PatientCriteria,
  PatientFieldNames,
  Query,
  RequestFields,
  SlotSearch,
} from '../shared';
import { DentrixApiError } from './dentrix.middleware';
import { DentrixPatient } from './dentrix.types';

const badRequest = (message: string) => new DentrixApiError(400, message);
const fields = new RequestFields(badRequest);

export const PATIENT_FIELDS: PatientFieldNames<NewDentrixPatient> = {
  firstName: 'FirstName',
  lastName: 'LastName',
  dateOfBirth: 'DateOfBirth',
  phone: 'HomePhone',
  email: 'EmailAddress',
};

type NewDentrixPatient = Omit<DentrixPatient, 'PatientID'>;

export function parsePatientQuery(query: Query): PatientCriteria {
  return fields.patientCriteria(query, {
    firstName: 'firstName',
    lastName: 'lastName',
    dateOfBirth: 'dateOfBirth',
    phone: 'phone',
  });
}

export function parseNewPatient(raw: unknown): NewDentrixPatient {
  return fields.newPatient(raw, PATIENT_FIELDS);
}

export function parseAvailabilityRequest(raw: unknown): SlotSearch<string> {
  const body = fields.asBody(raw);
  return {
    dayMs: fields.date(fields.requiredText(body, 'Date'), 'Date'),
    providerId: fields.optionalText(body, 'ProviderID'),
    locationId: fields.optionalText(body, 'LocationID'),
  };
}

export interface AppointmentRequest {
  readonly PatientID: string;
  readonly ProviderID: string;
  readonly LocationID?: string;
  /** Wall ms (see shared/wall-clock.ts). */
  readonly startMs: number;
  readonly Duration: number;
  readonly AppointmentType?: string;
  readonly Notes?: string;
}

/** Wall ms of an office-local time; a time with an offset is refused, as Dentrix would. */
function localTime(value: string, field: string, zone: string): number {
  const checked = checkWallTime(value, zone);
  if ('wallMs' in checked) return checked.wallMs;
  throw badRequest(
    checked.problem === 'skipped by the clocks'
      ? `${field} does not exist in the office time zone (the clocks skip it)`
      : `${field} must be office-local time YYYY-MM-DDTHH:mm:ss, without offset`,
  );
}

export function parseAppointmentRequest(raw: unknown, zone: string): AppointmentRequest {
  const body = fields.asBody(raw);
  const startMs = localTime(fields.requiredText(body, 'StartTime'), 'StartTime', zone);
  const duration = fields.durationMinutes(body, 'Duration');
  return {
    PatientID: fields.requiredText(body, 'PatientID'),
    ProviderID: fields.requiredText(body, 'ProviderID'),
    LocationID: fields.optionalText(body, 'LocationID'),
    startMs,
    Duration: duration,
    AppointmentType: fields.optionalText(body, 'AppointmentType'),
    Notes: fields.optionalText(body, 'Notes'),
  };
}

export interface AppointmentQuery {
  readonly patientId?: string;
  readonly providerId?: string;
  readonly startMs?: number;
}

export function parseAppointmentQuery(query: Query, zone: string): AppointmentQuery {
  const start = fields.queryText(query, 'start');
  const startMs = start === undefined ? undefined : localTime(start, 'start', zone);
  return {
    patientId: fields.queryText(query, 'patientId'),
    providerId: fields.queryText(query, 'providerId'),
    startMs,
  };
}
