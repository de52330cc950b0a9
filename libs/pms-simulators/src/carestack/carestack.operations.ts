import { formatWall, freeSlots, MINUTE_MS, overlapsBooking, SlotSearch, wallMsOf } from '../shared';
import { CareStackApiError } from './carestack.middleware';
import { AppointmentQuery, AppointmentRequest } from './carestack.requests';
import { CareStackSimulatorState } from './carestack.state';
import { CareStackAppointment, CareStackPatient, CareStackSlot } from './carestack.types';

export function requirePatient(
  state: CareStackSimulatorState,
  patientId: number | undefined,
): CareStackPatient {
  const patient = patientId === undefined ? undefined : state.patients.get(patientId);
  if (!patient) throw new CareStackApiError(404, 'Patient not found');
  return patient;
}

function requireProvider(state: CareStackSimulatorState, providerId: number) {
  const provider = state.providers.find((p) => p.providerId === providerId);
  if (!provider) throw new CareStackApiError(404, 'Provider not found');
  return provider;
}

function requireLocation(state: CareStackSimulatorState, locationId: number): void {
  if (!state.locations.some((l) => l.locationId === locationId)) {
    throw new CareStackApiError(404, 'Location not found');
  }
}

/** Slots at times the office clock skips (hours that meet a DST gap) are not offered. */
export function findSlots(
  state: CareStackSimulatorState,
  search: SlotSearch<number>,
): CareStackSlot[] {
  if (search.providerId !== undefined) requireProvider(state, search.providerId);
  if (search.locationId !== undefined) requireLocation(state, search.locationId);
  return freeSlots(state.schedule, state.bookings(), search, state.timeZone).map((slot) => ({
    providerId: slot.providerId,
    locationId: slot.locationId,
    startDateTime: formatWall(slot.startMs),
    endDateTime: formatWall(slot.endMs),
  }));
}

export function bookAppointment(
  state: CareStackSimulatorState,
  request: AppointmentRequest,
): CareStackAppointment {
  requirePatient(state, request.patientId);
  const provider = requireProvider(state, request.providerId);
  if (request.locationId !== undefined) requireLocation(state, request.locationId);
  const locationId =
    request.locationId ?? state.schedule.defaultLocation(provider.providerId, request.startMs);
  if (locationId === undefined || !provider.locationIds.includes(locationId)) {
    throw new CareStackApiError(400, 'Provider does not work at this location');
  }
  const endMs = request.startMs + request.duration * MINUTE_MS;
  if (overlapsBooking(state.bookings(), provider.providerId, request.startMs, endMs)) {
    throw new CareStackApiError(409, 'The requested time slot is not available');
  }
  return state.addAppointment({
    patientId: request.patientId,
    providerId: provider.providerId,
    locationId,
    startDateTime: formatWall(request.startMs),
    duration: request.duration,
    appointmentType: request.appointmentType,
    notes: request.notes,
  });
}

/** Cancelling twice succeeds: the appointment is cancelled either way. */
export function cancelAppointment(
  state: CareStackSimulatorState,
  appointmentId: number | undefined,
): CareStackAppointment {
  const cancelled =
    appointmentId === undefined ? undefined : state.cancelAppointment(appointmentId);
  if (!cancelled) throw new CareStackApiError(404, 'Appointment not found');
  return cancelled;
}

/** Cancelled appointments are listed too, with their status: callers decide what counts. */
export function findAppointments(
  state: CareStackSimulatorState,
  query: AppointmentQuery,
): CareStackAppointment[] {
  return [...state.appointments.values()].filter(
    (appt) =>
      (query.patientId === undefined || appt.patientId === query.patientId) &&
      (query.providerId === undefined || appt.providerId === query.providerId) &&
      (query.startMs === undefined || wallMsOf(appt.startDateTime) === query.startMs),
  );
}
