import { Request } from 'express';
import { EaglesoftApiError } from './eaglesoft.middleware';
import { existsIn, parseDate, parseLocalTime } from './eaglesoft.local-time';
import { EaglesoftPatient } from './eaglesoft.types';

type Body = Record<string, unknown>;

const MAX_DURATION_MINUTES = 8 * 60;

function badRequest(message: string): EaglesoftApiError {
  return new EaglesoftApiError(400, 'validation_error', message);
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

/** Wall ms of an office-local time; an offset is refused, the office's clock is implied. */
function localTime(value: string, field: string, timeZone: string): number {
  const wallMs = parseLocalTime(value);
  if (wallMs === undefined) throw badRequest(`${field} must be office-local YYYY-MM-DDTHH:mm:ss`);
  if (!existsIn(timeZone, value)) throw badRequest(`${field} does not exist in ${timeZone}`);
  return wallMs;
}

export interface PatientQuery {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly birthDate?: string;
  readonly phone?: string;
}

export function parsePatientQuery(query: Request['query']): PatientQuery {
  const parsed = {
    firstName: queryText(query, 'first_name'),
    lastName: queryText(query, 'last_name'),
    birthDate: queryText(query, 'birth_date'),
    phone: queryText(query, 'phone'),
  };
  // Like real PMS APIs, never list the whole patient table.
  if (Object.values(parsed).every((value) => value === undefined)) {
    throw badRequest('At least one search criterion is required');
  }
  return parsed;
}

export function parseNewPatient(raw: unknown): Omit<EaglesoftPatient, 'patient_id'> {
  const body = asBody(raw);
  const patient = {
    first_name: requiredText(body, 'first_name'),
    last_name: requiredText(body, 'last_name'),
    birth_date: requiredText(body, 'birth_date'),
    phone: optionalText(body, 'phone'),
    email: optionalText(body, 'email'),
  };
  if (parseDate(patient.birth_date) === undefined) {
    throw badRequest('birth_date must be a date (YYYY-MM-DD)');
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
  const dayMs = parseDate(requiredText(body, 'date'));
  if (dayMs === undefined) throw badRequest('date must be a date (YYYY-MM-DD)');
  return {
    dayMs,
    providerId: optionalText(body, 'provider_id'),
    locationId: optionalText(body, 'location_id'),
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
  const body = asBody(raw);
  const startTime = requiredText(body, 'start_time');
  const startMs = localTime(startTime, 'start_time', timeZone);
  const duration = body.duration_minutes;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration <= 0) {
    throw badRequest('duration_minutes must be a whole number of minutes');
  }
  if (duration > MAX_DURATION_MINUTES) throw badRequest('duration_minutes is too long');
  return {
    patientId: requiredText(body, 'patient_id'),
    providerId: requiredText(body, 'provider_id'),
    locationId: optionalText(body, 'location_id'),
    startTime,
    startMs,
    durationMinutes: duration,
    appointmentType: optionalText(body, 'appointment_type'),
    notes: optionalText(body, 'notes'),
  };
}

export interface AppointmentQuery {
  readonly patientId?: string;
  readonly providerId?: string;
  /** Office-local; compared as written, since the PMS stores the wall clock. */
  readonly start?: string;
}

export function parseAppointmentQuery(query: Request['query'], timeZone: string): AppointmentQuery {
  const start = queryText(query, 'start');
  if (start !== undefined) localTime(start, 'start', timeZone);
  return {
    patientId: queryText(query, 'patient_id'),
    providerId: queryText(query, 'provider_id'),
    start,
  };
}
