import { IssuedToken } from '../auth/bearer-token.cache';
import {
  Appointment,
  AvailabilityQuery,
  CareStackConnection,
  Location,
  NewAppointment,
  NewPatient,
  Patient,
  PatientSearch,
  Provider,
  Slot,
} from '../pms-adapter.port';
import { toPmsLocal } from '../time/office-time';
import {
  asRecord,
  MalformedResponseError,
  optionalString,
  requiredArray,
  requiredNumber,
  requiredOfficeTime,
  requiredString,
  VendorRecord,
} from '../vendor-response.reader';

// Vendor (camelCase CareStack: numeric ids, office-local wall-clock times) ↔ standard model.
// Readers throw MalformedResponseError; writers throw PmsError `invalid` for times the office's
// clock never shows. Fields left undefined are left out of query strings and bodies by axios.

const NUMERIC_ID = /^[1-9]\d{0,14}$/;

/** CareStack ids are numbers; anything else is passed on for the PMS to refuse. */
function toCareStackId(id: string): number | string {
  return NUMERIC_ID.test(id) ? Number(id) : id;
}

/** OAuth2 password grant: the vendor key is the client id, the account key the client secret. */
export function toCareStackTokenForm(connection: CareStackConnection): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'password',
    username: connection.username,
    password: connection.password,
    client_id: connection.vendorKey,
    client_secret: connection.accountKey,
  });
}

export function readCareStackToken(raw: unknown): IssuedToken {
  const answer = asRecord(raw, 'token answer');
  const accessToken = requiredString(answer, 'access_token');
  if (requiredString(answer, 'token_type').toLowerCase() !== 'bearer') {
    throw new MalformedResponseError('token_type is not Bearer');
  }
  const expiresInMs = requiredNumber(answer, 'expires_in') * 1000;
  if (expiresInMs <= 0) throw new MalformedResponseError('expires_in is not positive');
  return { accessToken, expiresInMs };
}

function asList(raw: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(raw)) throw new MalformedResponseError(`${what} is not a JSON array`);
  return raw;
}

function requiredId(record: VendorRecord, field: string): string {
  const value = requiredNumber(record, field);
  if (!Number.isSafeInteger(value)) throw new MalformedResponseError(`${field} is not an id`);
  return String(value);
}

function requiredIds(record: VendorRecord, field: string): string[] {
  return requiredArray(record, field).map((value) => requiredId({ [field]: value }, field));
}

export function toCareStackPatientSearch(query: PatientSearch) {
  return {
    firstName: query.firstName,
    lastName: query.lastName,
    dob: query.dateOfBirth,
    mobileNumber: query.phone,
  };
}

export function toCareStackPatient(patient: NewPatient) {
  return {
    firstName: patient.firstName,
    lastName: patient.lastName,
    dob: patient.dateOfBirth,
    mobileNumber: patient.phone,
    email: patient.email,
  };
}

export function readPatient(raw: unknown): Patient {
  const record = asRecord(raw, 'patient');
  return {
    patientId: requiredId(record, 'patientId'),
    firstName: requiredString(record, 'firstName'),
    lastName: requiredString(record, 'lastName'),
    dateOfBirth: requiredString(record, 'dob'),
    phone: optionalString(record, 'mobileNumber'),
    email: optionalString(record, 'email'),
  };
}

export function readPatients(raw: unknown): Patient[] {
  return asList(raw, 'patient search').map(readPatient);
}

function readProvider(raw: unknown): Provider {
  const record = asRecord(raw, 'provider');
  return {
    providerId: requiredId(record, 'providerId'),
    name: `${requiredString(record, 'firstName')} ${requiredString(record, 'lastName')}`,
    specialty: optionalString(record, 'specialty'),
    locationIds: requiredIds(record, 'locationIds'),
  };
}

export function readProviders(raw: unknown): Provider[] {
  return asList(raw, 'provider list').map(readProvider);
}

function readLocation(raw: unknown): Location {
  const record = asRecord(raw, 'location');
  return {
    locationId: requiredId(record, 'locationId'),
    name: requiredString(record, 'name'),
    timeZone: optionalString(record, 'timeZone'),
  };
}

export function readLocations(raw: unknown): Location[] {
  return asList(raw, 'location list').map(readLocation);
}

export function toCareStackAvailability(query: AvailabilityQuery) {
  return { date: query.date, providerId: query.providerId, locationId: query.locationId };
}

export function readSlots(raw: unknown, zone: string): Slot[] {
  return asList(raw, 'available slots').map((item) => {
    const record = asRecord(item, 'slot');
    return {
      providerId: requiredId(record, 'providerId'),
      locationId: requiredId(record, 'locationId'),
      start: requiredOfficeTime(record, 'startDateTime', zone),
      end: requiredOfficeTime(record, 'endDateTime', zone),
    };
  });
}

/** `context` names the call in the PmsError for a start the office's clock never shows. */
export function toCareStackAppointment(appointment: NewAppointment, zone: string, context: string) {
  return {
    patientId: toCareStackId(appointment.patientId),
    providerId: toCareStackId(appointment.providerId),
    locationId:
      appointment.locationId === undefined ? undefined : toCareStackId(appointment.locationId),
    startDateTime: toPmsLocal(appointment.start, zone, context),
    duration: appointment.durationMinutes,
    appointmentType: appointment.appointmentType,
    notes: appointment.notes,
  };
}

export function readAppointment(raw: unknown, zone: string, prefer?: string): Appointment {
  const record = asRecord(raw, 'appointment');
  return {
    appointmentId: requiredId(record, 'appointmentId'),
    patientId: requiredId(record, 'patientId'),
    providerId: requiredId(record, 'providerId'),
    locationId: requiredId(record, 'locationId'),
    start: requiredOfficeTime(record, 'startDateTime', zone, prefer),
    durationMinutes: requiredNumber(record, 'duration'),
    appointmentType: optionalString(record, 'appointmentType'),
  };
}

export function readAppointments(raw: unknown, zone: string, prefer?: string): Appointment[] {
  return asList(raw, 'appointment list').map((item) => readAppointment(item, zone, prefer));
}

export function readHealthStatus(raw: unknown): string {
  return requiredString(asRecord(raw, 'status'), 'status');
}
