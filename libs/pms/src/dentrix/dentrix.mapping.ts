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
import { definedParams } from '../search.mapping';
import { fromPmsLocal, PmsLocalTime } from '../time/office-time';
import {
  asRecord,
  MalformedResponseError,
  optionalString,
  requiredArray,
  requiredNumber,
  requiredString,
  requiredStrings,
  VendorRecord,
} from '../vendor-response.reader';

// Vendor (PascalCase Dentrix) ↔ standard model. Readers throw MalformedResponseError. Dentrix
// writes office-local wall-clock times; `zone` is the office's IANA zone.

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** A Dentrix local time as an ISO instant with the office's offset; `prefer` settles a repeated hour. */
function requiredLocalTime(
  record: VendorRecord,
  field: string,
  zone: string,
  prefer?: string,
): string {
  const value = requiredString(record, field);
  if (!LOCAL_TIME.test(value)) throw new MalformedResponseError(`${field} is not a local time`);
  try {
    return fromPmsLocal(value, zone, prefer);
  } catch {
    throw new MalformedResponseError(`${field} is not a local time`);
  }
}

export function toDentrixPatientSearch(query: PatientSearch): Record<string, string> {
  return definedParams({
    firstName: query.firstName,
    lastName: query.lastName,
    dateOfBirth: query.dateOfBirth,
    phone: query.phone,
  });
}

export function toDentrixPatient(patient: NewPatient) {
  return {
    FirstName: patient.firstName,
    LastName: patient.lastName,
    DateOfBirth: patient.dateOfBirth,
    HomePhone: patient.phone,
    EmailAddress: patient.email,
  };
}

export function readPatient(raw: unknown): Patient {
  const record = asRecord(raw, 'patient');
  return {
    patientId: requiredString(record, 'PatientID'),
    firstName: requiredString(record, 'FirstName'),
    lastName: requiredString(record, 'LastName'),
    dateOfBirth: requiredString(record, 'DateOfBirth'),
    phone: optionalString(record, 'HomePhone'),
    email: optionalString(record, 'EmailAddress'),
  };
}

export function readPatients(raw: unknown): Patient[] {
  return requiredArray(asRecord(raw, 'patient search'), 'Patients').map(readPatient);
}

function readProvider(raw: unknown): Provider {
  const record = asRecord(raw, 'provider');
  return {
    providerId: requiredString(record, 'ProviderID'),
    name: `${requiredString(record, 'FirstName')} ${requiredString(record, 'LastName')}`,
    specialty: optionalString(record, 'Specialty'),
    locationIds: requiredStrings(record, 'LocationIDs'),
  };
}

export function readProviders(raw: unknown): Provider[] {
  return requiredArray(asRecord(raw, 'provider list'), 'Providers').map(readProvider);
}

function readLocation(raw: unknown): Location {
  const record = asRecord(raw, 'location');
  return {
    locationId: requiredString(record, 'LocationID'),
    name: requiredString(record, 'LocationName'),
  };
}

export function readLocations(raw: unknown): Location[] {
  return requiredArray(asRecord(raw, 'location list'), 'Locations').map(readLocation);
}

export function toDentrixAvailability(query: AvailabilityQuery) {
  return { Date: query.date, ProviderID: query.providerId, LocationID: query.locationId };
}

function readSlot(raw: unknown, zone: string): Slot {
  const record = asRecord(raw, 'slot');
  return {
    providerId: requiredString(record, 'ProviderID'),
    locationId: optionalString(record, 'LocationID'),
    start: requiredLocalTime(record, 'StartTime', zone),
    end: requiredLocalTime(record, 'EndTime', zone),
  };
}

export function readSlots(raw: unknown, zone: string): Slot[] {
  return requiredArray(asRecord(raw, 'availability'), 'Slots').map((slot) => readSlot(slot, zone));
}

export function toDentrixAppointment(appointment: NewAppointment, startTime: PmsLocalTime) {
  return {
    PatientID: appointment.patientId,
    ProviderID: appointment.providerId,
    LocationID: appointment.locationId,
    StartTime: startTime,
    Duration: appointment.durationMinutes,
    AppointmentType: appointment.appointmentType,
    Notes: appointment.notes,
  };
}

/** `prefer`: the instant we asked for, so an hour the clocks repeat maps back to it exactly. */
export function readAppointment(raw: unknown, zone: string, prefer?: string): Appointment {
  const record = asRecord(raw, 'appointment');
  return {
    appointmentId: requiredString(record, 'AppointmentID'),
    patientId: requiredString(record, 'PatientID'),
    providerId: requiredString(record, 'ProviderID'),
    locationId: optionalString(record, 'LocationID'),
    start: requiredLocalTime(record, 'StartTime', zone, prefer),
    durationMinutes: requiredNumber(record, 'Duration'),
    appointmentType: optionalString(record, 'AppointmentType'),
  };
}

export function readAppointments(raw: unknown, zone: string, prefer?: string): Appointment[] {
  return requiredArray(asRecord(raw, 'appointment list'), 'Appointments').map((appt) =>
    readAppointment(appt, zone, prefer),
  );
}

export function readHealthStatus(raw: unknown): string {
  return requiredString(asRecord(raw, 'health'), 'Status');
}
