import { Request } from 'express';
import { CareStackApiError } from './carestack.middleware';
import { parseDate, parseLocal } from './carestack.schedule';
import { CareStackPatient } from './carestack.types';

type Body = Record<string, unknown>;
type Query = Request['query'];

const MAX_DURATION_MINUTES = 8 * 60;
const ID = /^[1-9]\d{0,14}$/;

function badRequest(message: string): CareStackApiError {
  return new CareStackApiError(400, message);
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

function queryText(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be given once`);
  return value;
}

function queryId(query: Query, name: string): number | undefined {
  const value = queryText(query, name);
  if (value !== undefined && !ID.test(value))
    throw badRequest(`${name} must be a positive integer`);
  return value === undefined ? undefined : Number(value);
}

/** A path id that is not a number names nothing, as on the real API. */
export function pathId(value: unknown): number | undefined {
  return typeof value === 'string' && ID.test(value) ? Number(value) : undefined;
}

function localTime(value: string, field: string, zone: string): number {
  const wallMs = parseLocal(value, zone);
  if (wallMs === undefined) {
    throw badRequest(`${field} must be a local time YYYY-MM-DDTHH:mm:ss that exists in ${zone}`);
  }
  return wallMs;
}

export interface PatientQuery {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly dob?: string;
  readonly mobileNumber?: string;
}

export function parsePatientQuery(query: Query): PatientQuery {
  const parsed = {
    firstName: queryText(query, 'firstName'),
    lastName: queryText(query, 'lastName'),
    dob: queryText(query, 'dob'),
    mobileNumber: queryText(query, 'mobileNumber'),
  };
  // Like real PMS APIs, never list the whole patient table.
  if (Object.values(parsed).every((value) => value === undefined)) {
    throw badRequest('At least one search criterion is required');
  }
  return parsed;
}

export function parseNewPatient(raw: unknown): Omit<CareStackPatient, 'patientId'> {
  const body = asBody(raw);
  const patient = {
    firstName: requiredText(body, 'firstName'),
    lastName: requiredText(body, 'lastName'),
    dob: requiredText(body, 'dob'),
    mobileNumber: optionalText(body, 'mobileNumber'),
    email: optionalText(body, 'email'),
  };
  if (parseDate(patient.dob) === undefined) throw badRequest('dob must be a date (YYYY-MM-DD)');
  return patient;
}

export interface AvailabilityRequest {
  readonly dayMs: number;
  readonly providerId?: number;
  readonly locationId?: number;
}

export function parseAvailabilityQuery(query: Query): AvailabilityRequest {
  const dayMs = parseDate(queryText(query, 'date') ?? '');
  if (dayMs === undefined) throw badRequest('date must be a date (YYYY-MM-DD)');
  return {
    dayMs,
    providerId: queryId(query, 'providerId'),
    locationId: queryId(query, 'locationId'),
  };
}

export interface AppointmentRequest {
  readonly patientId: number;
  readonly providerId: number;
  readonly locationId?: number;
  /** Wall-clock start, see carestack.schedule.ts. */
  readonly startMs: number;
  readonly duration: number;
  readonly appointmentType?: string;
  readonly notes?: string;
}

export function parseAppointmentRequest(raw: unknown, zone: string): AppointmentRequest {
  const body = asBody(raw);
  const duration = body.duration;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration <= 0) {
    throw badRequest('duration must be a whole number of minutes');
  }
  if (duration > MAX_DURATION_MINUTES) throw badRequest('duration is too long');
  return {
    patientId: requiredId(body, 'patientId'),
    providerId: requiredId(body, 'providerId'),
    locationId: optionalId(body, 'locationId'),
    startMs: localTime(requiredText(body, 'startDateTime'), 'startDateTime', zone),
    duration,
    appointmentType: optionalText(body, 'appointmentType'),
    notes: optionalText(body, 'notes'),
  };
}

export interface AppointmentQuery {
  readonly patientId?: number;
  readonly providerId?: number;
  readonly startMs?: number;
}

export function parseAppointmentQuery(query: Query, zone: string): AppointmentQuery {
  const start = queryText(query, 'startDateTime');
  return {
    patientId: queryId(query, 'patientId'),
    providerId: queryId(query, 'providerId'),
    startMs: start === undefined ? undefined : localTime(start, 'startDateTime', zone),
  };
}
