import { formatWall, freeSlots, MINUTE_MS, overlapsBooking, SlotSearch, wallMsOf } from '../shared';
import { DentrixApiError } from './dentrix.middleware';
import { AppointmentQuery, AppointmentRequest } from './dentrix.requests';
import { DentrixSimulatorState } from './dentrix.state';
import { DentrixAppointment, DentrixSlot } from './dentrix.types';

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

/** Free 30-minute slots; times are office-local, like every Dentrix time. */
export function findSlots(state: DentrixSimulatorState, search: SlotSearch<string>): DentrixSlot[] {
  if (search.providerId) requireProvider(state, search.providerId);
  if (search.locationId) requireLocation(state, search.locationId);
  return freeSlots(state.schedule, state.bookings(), search).map((slot) => ({
    ProviderID: slot.providerId,
    LocationID: slot.locationId,
    StartTime: formatWall(slot.startMs),
    EndTime: formatWall(slot.endMs),
  }));
}

export function bookAppointment(
  state: DentrixSimulatorState,
  request: AppointmentRequest,
): DentrixAppointment {
  if (!state.patients.has(request.PatientID)) throw new DentrixApiError(404, 'Patient not found');
  const provider = requireProvider(state, request.ProviderID);
  if (request.LocationID) requireLocation(state, request.LocationID);
  const locationId =
    request.LocationID ?? state.schedule.defaultLocation(provider.ProviderID, request.startMs);
  if (!locationId || !provider.LocationIDs.includes(locationId)) {
    throw new DentrixApiError(400, 'Provider does not work at this location');
  }
  const endMs = request.startMs + request.Duration * MINUTE_MS;
  if (overlapsBooking(state.bookings(), provider.ProviderID, request.startMs, endMs)) {
    throw new DentrixApiError(409, 'Slot not available');
  }
  return state.addAppointment({
    PatientID: request.PatientID,
    ProviderID: provider.ProviderID,
    LocationID: locationId,
    StartTime: formatWall(request.startMs),
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
