import { Request } from 'express';
import { DentrixApiError } from './dentrix.middleware';
import { checkLocalTime, parseDate } from './dentrix.clock';
import { DentrixPatient } from './dentrix.types';

type Body = Record<string, unknown>;

const MAX_DURATION_MINUTES = 8 * 60;

function badRequest(message: string): DentrixApiError {
  return new DentrixApiError(400, message);
}

function asBody(raw: unknown): Body {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw badRequest('Request body must be a JSON object');
  }
  return raw as Body;
}

function requiredText(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${field} is required`);
  return value.trim();
}

function optionalText(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string`);
  return value;
}

function queryText(query: Request['query'], name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be given once`);
  return value;
}

export interface PatientQuery {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly dateOfBirth?: string;
  readonly phone?: string;
}

export function parsePatientQuery(query: Request['query']): PatientQuery {
  const parsed = {
    firstName: queryText(query, 'firstName'),
    lastName: queryText(query, 'lastName'),
    dateOfBirth: queryText(query, 'dateOfBirth'),
    phone: queryText(query, 'phone'),
  };
  // Like real PMS APIs, never list the whole patient table.
  if (Object.values(parsed).every((value) => value === undefined)) {
    throw badRequest('At least one search criterion is required');
  }
  return parsed;
}

export function parseNewPatient(raw: unknown): Omit<DentrixPatient, 'PatientID'> {
  const body = asBody(raw);
  const patient = {
    FirstName: requiredText(body, 'FirstName'),
    LastName: requiredText(body, 'LastName'),
    DateOfBirth: requiredText(body, 'DateOfBirth'),
    HomePhone: optionalText(body, 'HomePhone'),
    EmailAddress: optionalText(body, 'EmailAddress'),
  };
  if (parseDate(patient.DateOfBirth) === undefined) {
    throw badRequest('DateOfBirth must be a date (YYYY-MM-DD)');
  }
  return patient;
}

export interface AvailabilityRequest {
  readonly dayMs: number;
  readonly providerId?: string;
  readonly locationId?: string;
}

export function parseAvailabilityRequest(raw: unknown): AvailabilityRequest {
  const body = asBody(raw);
  const dayMs = parseDate(requiredText(body, 'Date'));
  if (dayMs === undefined) throw badRequest('Date must be a date (YYYY-MM-DD)');
  return {
    dayMs,
    providerId: optionalText(body, 'ProviderID'),
    locationId: optionalText(body, 'LocationID'),
  };
}

export interface AppointmentRequest {
  readonly PatientID: string;
  readonly ProviderID: string;
  readonly LocationID?: string;
  /** Wall ms (see dentrix.clock.ts). */
  readonly startMs: number;
  readonly Duration: number;
  readonly AppointmentType?: string;
  readonly Notes?: string;
}

/** Wall ms of an office-local time; a time with an offset is refused, as Dentrix would. */
function localTime(value: string, field: string, zone: string): number {
  const checked = checkLocalTime(value, zone);
  if ('wallMs' in checked) return checked.wallMs;
  throw badRequest(
    checked.problem === 'skipped by the clocks'
      ? `${field} does not exist in the office time zone (the clocks skip it)`
      : `${field} must be office-local time YYYY-MM-DDTHH:mm:ss, without offset`,
  );
}

export function parseAppointmentRequest(raw: unknown, zone: string): AppointmentRequest {
  const body = asBody(raw);
  const startMs = localTime(requiredText(body, 'StartTime'), 'StartTime', zone);
  const duration = body.Duration;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration <= 0) {
    throw badRequest('Duration must be a whole number of minutes');
  }
  if (duration > MAX_DURATION_MINUTES) throw badRequest('Duration is too long');
  return {
    PatientID: requiredText(body, 'PatientID'),
    ProviderID: requiredText(body, 'ProviderID'),
    LocationID: optionalText(body, 'LocationID'),
    startMs,
    Duration: duration,
    AppointmentType: optionalText(body, 'AppointmentType'),
    Notes: optionalText(body, 'Notes'),
  };
}

export interface AppointmentQuery {
  readonly patientId?: string;
  readonly providerId?: string;
  readonly startMs?: number;
}

export function parseAppointmentQuery(query: Request['query'], zone: string): AppointmentQuery {
  const start = queryText(query, 'start');
  const startMs = start === undefined ? undefined : localTime(start, 'start', zone);
  return {
    patientId: queryText(query, 'patientId'),
    providerId: queryText(query, 'providerId'),
    startMs,
  };
}
