import { DentrixApiError } from './dentrix.middleware';
import {
  AppointmentQuery,
  AppointmentRequest,
  AvailabilityRequest,
  PatientQuery,
} from './dentrix.requests';
import { MINUTE_MS, toLocal, wallMsOf } from './dentrix.clock';
import { availableSlots, overlapsBooking } from './dentrix.schedule';
import { DentrixSimulatorState } from './dentrix.state';
import { DentrixAppointment, DentrixPatient, DentrixSlot } from './dentrix.types';

const sameText = (a: string | undefined, b: string) =>
  a === undefined || a.toLowerCase() === b.toLowerCase();
const digits = (phone: string) => phone.replace(/\D/g, '');

export function searchPatients(
  state: DentrixSimulatorState,
  query: PatientQuery,
): DentrixPatient[] {
  return [...state.patients.values()].filter(
    (patient) =>
      sameText(query.firstName, patient.FirstName) &&
      sameText(query.lastName, patient.LastName) &&
      sameText(query.dateOfBirth, patient.DateOfBirth) &&
      (query.phone === undefined || digits(query.phone) === digits(patient.HomePhone ?? '')),
  );
}

function requireProvider(state: DentrixSimulatorState, providerId: string) {
  const provider = state.providers.find((p) => p.ProviderID === providerId);
  if (!provider) throw new DentrixApiError(404, 'Provider not found');
  return provider;
}

function requireLocation(state: DentrixSimulatorState, locationId: string): void {
  if (!state.locations.some((l) => l.LocationID === locationId)) {
    throw new DentrixApiError(404, 'Location not found');
  }
}

export function findSlots(
  state: DentrixSimulatorState,
  request: AvailabilityRequest,
): DentrixSlot[] {
  if (request.providerId) requireProvider(state, request.providerId);
  if (request.locationId) requireLocation(state, request.locationId);
  return availableSlots(state, request);
}

export function bookAppointment(
  state: DentrixSimulatorState,
  request: AppointmentRequest,
): DentrixAppointment {
  if (!state.patients.has(request.PatientID)) throw new DentrixApiError(404, 'Patient not found');
  const provider = requireProvider(state, request.ProviderID);
  if (request.LocationID) requireLocation(state, request.LocationID);
  const locationId =
    request.LocationID ?? state.defaultLocation(provider.ProviderID, request.startMs);
  if (!locationId || !provider.LocationIDs.includes(locationId)) {
    throw new DentrixApiError(400, 'Provider does not work at this location');
  }
  const endMs = request.startMs + request.Duration * MINUTE_MS;
  if (overlapsBooking(state, provider.ProviderID, request.startMs, endMs)) {
    throw new DentrixApiError(409, 'Slot not available');
  }
  return state.addAppointment({
    PatientID: request.PatientID,
    ProviderID: provider.ProviderID,
    LocationID: locationId,
    StartTime: toLocal(request.startMs),
    Duration: request.Duration,
    AppointmentType: request.AppointmentType,
    Notes: request.Notes,
  });
}

export function findAppointments(
  state: DentrixSimulatorState,
  query: AppointmentQuery,
): DentrixAppointment[] {
  return [...state.appointments.values()].filter(
    (appt) =>
      (query.patientId === undefined || appt.PatientID === query.patientId) &&
      (query.providerId === undefined || appt.ProviderID === query.providerId) &&
      (query.startMs === undefined || wallMsOf(appt.StartTime) === query.startMs),
  );
}

export function cancelAppointment(
  state: DentrixSimulatorState,
  appointmentId: string,
): DentrixAppointment {
  const cancelled = state.cancelAppointment(appointmentId);
  if (!cancelled) throw new DentrixApiError(404, 'Appointment not found');
  return cancelled;
}
