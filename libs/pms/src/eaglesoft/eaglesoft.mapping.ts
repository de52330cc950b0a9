import { IssuedToken } from '../auth/bearer-token.cache';
import {
  Appointment,
  AvailabilityQuery,
  EaglesoftConnection,
  Location,
  NewAppointment,
  NewPatient,
  Patient,
  PatientSearch,
  Provider,
  Slot,
} from '../pms-adapter.port';
import { definedParams } from '../search.mapping';
import { PmsLocalTime } from '../time/office-time';
import {
  asRecord,
  MalformedResponseError,
  optionalString,
  requiredArray,
  requiredNumber,
  requiredOfficeTime,
  requiredString,
  requiredStrings,
} from '../vendor-response.reader';

// Vendor (snake_case Eaglesoft, office-local times) ↔ standard model. Readers throw
// MalformedResponseError.

export function toEaglesoftTokenRequest(credentials: EaglesoftConnection) {
  return {
    username: credentials.username,
    password: credentials.password,
    database: credentials.database,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  };
}

export function readToken(raw: unknown): IssuedToken {
  const record = asRecord(raw, 'token');
  if (requiredString(record, 'token_type').toLowerCase() !== 'bearer') {
    throw new MalformedResponseError('token_type is not Bearer');
  }
  const expiresIn = requiredNumber(record, 'expires_in');
  if (expiresIn <= 0) throw new MalformedResponseError('expires_in is not positive');
  return { accessToken: requiredString(record, 'access_token'), expiresInMs: expiresIn * 1000 };
}

function listOf(raw: unknown, what: string): readonly unknown[] {
  return requiredArray(asRecord(raw, what), 'data');
}

export function toEaglesoftPatientSearch(query: PatientSearch): Record<string, string> {
  return definedParams({
    first_name: query.firstName,
    last_name: query.lastName,
    birth_date: query.dateOfBirth,
    phone: query.phone,
  });
}

export function toEaglesoftPatient(patient: NewPatient) {
  return {
    first_name: patient.firstName,
    last_name: patient.lastName,
    birth_date: patient.dateOfBirth,
    phone: patient.phone,
    email: patient.email,
  };
}

export function readPatient(raw: unknown): Patient {
  const record = asRecord(raw, 'patient');
  return {
    patientId: requiredString(record, 'patient_id'),
    firstName: requiredString(record, 'first_name'),
    lastName: requiredString(record, 'last_name'),
    dateOfBirth: requiredString(record, 'birth_date'),
    phone: optionalString(record, 'phone'),
    email: optionalString(record, 'email'),
  };
}

export function readPatients(raw: unknown): Patient[] {
  return listOf(raw, 'patient search').map(readPatient);
}

function readProvider(raw: unknown): Provider {
  const record = asRecord(raw, 'provider');
  return {
    providerId: requiredString(record, 'provider_id'),
    name: `${requiredString(record, 'first_name')} ${requiredString(record, 'last_name')}`,
    specialty: optionalString(record, 'specialty'),
    locationIds: requiredStrings(record, 'location_ids'),
  };
}

export function readProviders(raw: unknown): Provider[] {
  return listOf(raw, 'provider list').map(readProvider);
}

function readLocation(raw: unknown): Location {
  const record = asRecord(raw, 'location');
  return {
    locationId: requiredString(record, 'location_id'),
    name: requiredString(record, 'name'),
    timeZone: optionalString(record, 'time_zone'),
  };
}

export function readLocations(raw: unknown): Location[] {
  return listOf(raw, 'location list').map(readLocation);
}

export function toEaglesoftAvailability(query: AvailabilityQuery) {
  return { date: query.date, provider_id: query.providerId, location_id: query.locationId };
}

export function readSlots(raw: unknown, zone: string): Slot[] {
  return listOf(raw, 'availability').map((item) => {
    const record = asRecord(item, 'slot');
    return {
      providerId: requiredString(record, 'provider_id'),
      locationId: optionalString(record, 'location_id'),
      start: requiredOfficeTime(record, 'start_time', zone),
      end: requiredOfficeTime(record, 'end_time', zone),
    };
  });
}

export function toEaglesoftAppointment(appointment: NewAppointment, start: PmsLocalTime) {
  return {
    patient_id: appointment.patientId,
    provider_id: appointment.providerId,
    location_id: appointment.locationId,
    start_time: start,
    duration_minutes: appointment.durationMinutes,
    appointment_type: appointment.appointmentType,
    notes: appointment.notes,
  };
}

/** `prefer`: the instant we asked for, which the PMS echoes as wall-clock time. */
export function readAppointment(raw: unknown, zone: string, prefer?: string): Appointment {
  const record = asRecord(raw, 'appointment');
  return {
    appointmentId: requiredString(record, 'appointment_id'),
    patientId: requiredString(record, 'patient_id'),
    providerId: requiredString(record, 'provider_id'),
    locationId: optionalString(record, 'location_id'),
    start: requiredOfficeTime(record, 'start_time', zone, prefer),
    durationMinutes: requiredNumber(record, 'duration_minutes'),
    appointmentType: optionalString(record, 'appointment_type'),
  };
}

export function readAppointments(raw: unknown, zone: string, prefer?: string): Appointment[] {
  return listOf(raw, 'appointment list').map((item) => readAppointment(item, zone, prefer));
}

export function readSystemStatus(raw: unknown): string {
  return requiredString(asRecord(raw, 'system status'), 'status');
}
