import {
  Appointment,
  AvailabilityQuery,
  Location,
  NewAppointment,
  NewPatient,
  Patient,
  PatientSearch,
  Provider,
  Slot,
} from '../pms-adapter.port';
import { fromPmsLocal, toPmsLocal } from '../time/office-time';
import {
  asRecord,
  MalformedResponseError,
  optionalString,
  requiredArray,
  requiredNumber,
  requiredString,
  VendorRecord,
} from '../vendor-response.reader';

// Vendor (camelCase CareStack: numeric ids, office-local wall-clock times) ↔ standard model.
// Readers throw MalformedResponseError; writers throw PmsError `invalid` for times the office's
// clock never shows. Fields left undefined are left out of query strings and bodies by axios.

const NUMERIC_ID = /^[1-9]\d{0,14}$/;

/** CareStack ids are numbers; anything else is passed on for the PMS to refuse. */
export function toCareStackId(id: string): number | string {
  return NUMERIC_ID.test(id) ? Number(id) : id;
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

/** A wall-clock time of the office as an instant; `prefer` picks one of a repeated hour. */
function requiredLocalTime(
  record: VendorRecord,
  field: string,
  zone: string,
  prefer?: string,
): string {
  const local = requiredString(record, field);
  try {
    return fromPmsLocal(local, zone, prefer);
  } catch {
    // Unparseable, or a time the office's clock skips: either way not one we can place.
    throw new MalformedResponseError(`${field} is not an office-local time`);
  }
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
      start: requiredLocalTime(record, 'startDateTime', zone),
      end: requiredLocalTime(record, 'endDateTime', zone),
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
    start: requiredLocalTime(record, 'startDateTime', zone, prefer),
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
