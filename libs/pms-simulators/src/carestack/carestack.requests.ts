import {
  Body,
  checkWallTime,
  PatientCriteria,
  PatientFieldNames,
  Query,
  RequestFields,
  SlotSearch,
} from '../shared';
import { CareStackApiError } from './carestack.middleware';
import { CareStackPatient } from './carestack.types';

const ID = /^[1-9]\d{0,14}$/;

const badRequest = (message: string) => new CareStackApiError(400, message);
const fields = new RequestFields(badRequest);

function optionalId(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !ID.test(String(value))) {
    throw badRequest(`${field} must be a positive integer`);
  }
  return value;
}

function requiredId(body: Body, field: string): number {
  const id = optionalId(body, field);
  if (id === undefined) throw badRequest(`${field} is required`);
  return id;
}

function queryId(query: Query, name: string): number | undefined {
  const value = fields.queryText(query, name);
  if (value !== undefined && !ID.test(value))
    throw badRequest(`${name} must be a positive integer`);
  return value === undefined ? undefined : Number(value);
}

/** A path id that is not a number names nothing, as on the real API. */
export function pathId(value: unknown): number | undefined {
  return typeof value === 'string' && ID.test(value) ? Number(value) : undefined;
}

function localTime(value: string, field: string, zone: string): number {
  const checked = checkWallTime(value, zone);
  if ('wallMs' in checked) return checked.wallMs;
  throw badRequest(`${field} must be a local time YYYY-MM-DDTHH:mm:ss that exists in ${zone}`);
}

/** Search parameters and body fields are spelled alike. */
export const PATIENT_FIELDS: PatientFieldNames<NewCareStackPatient> = {
  firstName: 'firstName',
  lastName: 'lastName',
  dateOfBirth: 'dob',
  phone: 'mobileNumber',
  email: 'email',
};

type NewCareStackPatient = Omit<CareStackPatient, 'patientId'>;

export function parsePatientQuery(query: Query): PatientCriteria {
  return fields.patientCriteria(query, PATIENT_FIELDS);
}

export function parseNewPatient(raw: unknown): NewCareStackPatient {
  return fields.newPatient(raw, PATIENT_FIELDS);
}

export function parseAvailabilityQuery(query: Query): SlotSearch<number> {
  return {
    dayMs: fields.date(fields.queryText(query, 'date') ?? '', 'date'),
    providerId: queryId(query, 'providerId'),
    locationId: queryId(query, 'locationId'),
  };
}

export interface AppointmentRequest {
  readonly patientId: number;
  readonly providerId: number;
  readonly locationId?: number;
  /** Wall-clock start, see shared/wall-clock.ts. */
  readonly startMs: number;
  readonly duration: number;
  readonly appointmentType?: string;
  readonly notes?: string;
}

export function parseAppointmentRequest(raw: unknown, zone: string): AppointmentRequest {
  const body = fields.asBody(raw);
  const duration = fields.durationMinutes(body, 'duration');
  return {
    patientId: requiredId(body, 'patientId'),
    providerId: requiredId(body, 'providerId'),
    locationId: optionalId(body, 'locationId'),
    startMs: localTime(fields.requiredText(body, 'startDateTime'), 'startDateTime', zone),
    duration,
    appointmentType: fields.optionalText(body, 'appointmentType'),
    notes: fields.optionalText(body, 'notes'),
  };
}

export interface AppointmentQuery {
  readonly patientId?: number;
  readonly providerId?: number;
  readonly startMs?: number;
}

export function parseAppointmentQuery(query: Query, zone: string): AppointmentQuery {
  const start = fields.queryText(query, 'startDateTime');
  return {
    patientId: queryId(query, 'patientId'),
    providerId: queryId(query, 'providerId'),
    startMs: start === undefined ? undefined : localTime(start, 'startDateTime', zone),
  };
}
