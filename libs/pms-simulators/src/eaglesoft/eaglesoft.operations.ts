import { formatWall, freeSlots, MINUTE_MS, overlapsBooking, SlotSearch } from '../shared';
import { EaglesoftApiError } from './eaglesoft.middleware';
import { AppointmentQuery, AppointmentRequest } from './eaglesoft.requests';
import { EaglesoftSimulatorState } from './eaglesoft.state';
import { EaglesoftAppointment, EaglesoftPatient, EaglesoftSlot } from './eaglesoft.types';

const notFound = (what: string) => new EaglesoftApiError(404, 'not_found', `${what} not found`);

export function getPatient(state: EaglesoftSimulatorState, patientId: string): EaglesoftPatient {
  const patient = state.patients.get(patientId);
  if (!patient) throw notFound('Patient');
  return patient;
}

function requireProvider(state: EaglesoftSimulatorState, providerId: string) {
  const provider = state.providers.find((p) => p.provider_id === providerId);
  if (!provider) throw notFound('Provider');
  return provider;
}

function requireLocation(state: EaglesoftSimulatorState, locationId: string): void {
  if (!state.locations.some((l) => l.location_id === locationId)) throw notFound('Location');
}

export function findSlots(
  state: EaglesoftSimulatorState,
  search: SlotSearch<string>,
): EaglesoftSlot[] {
  if (search.providerId) requireProvider(state, search.providerId);
  if (search.locationId) requireLocation(state, search.locationId);
  return freeSlots(state.schedule, state.bookings(), search).map((slot) => ({
    provider_id: slot.providerId,
    location_id: slot.locationId,
    start_time: formatWall(slot.startMs),
    end_time: formatWall(slot.endMs),
  }));
}

/** Like a front desk, books outside working hours too; only an overlap is refused. */
export function bookAppointment(
  state: EaglesoftSimulatorState,
  request: AppointmentRequest,
): EaglesoftAppointment {
  getPatient(state, request.patientId);
  const provider = requireProvider(state, request.providerId);
  if (request.locationId) requireLocation(state, request.locationId);
  const locationId =
    request.locationId ?? state.schedule.defaultLocation(provider.provider_id, request.startMs);
  if (!locationId || !provider.location_ids.includes(locationId)) {
    throw new EaglesoftApiError(400, 'validation_error', 'Provider does not work at this location');
  }
  const endMs = request.startMs + request.durationMinutes * MINUTE_MS;
  if (overlapsBooking(state.bookings(), provider.provider_id, request.startMs, endMs)) {
    throw new EaglesoftApiError(409, 'slot_unavailable', 'Slot not available');
  }
  return state.addAppointment({
    patient_id: request.patientId,
    provider_id: provider.provider_id,
    location_id: locationId,
    start_time: request.startTime,
    duration_minutes: request.durationMinutes,
    appointment_type: request.appointmentType,
    notes: request.notes,
  });
}

/** Cancelled appointments are listed too, with their status, as the PMS keeps them. */
export function findAppointments(
  state: EaglesoftSimulatorState,
  query: AppointmentQuery,
): EaglesoftAppointment[] {
  return [...state.appointments.values()].filter(
    (appt) =>
      (query.patientId === undefined || appt.patient_id === query.patientId) &&
      (query.providerId === undefined || appt.provider_id === query.providerId) &&
      (query.start === undefined || appt.start_time === query.start),
  );
}

/** Idempotent: cancelling a cancelled appointment answers it again. */
export function cancelAppointment(
  state: EaglesoftSimulatorState,
  appointmentId: string,
): EaglesoftAppointment {
  const appointment = state.appointments.get(appointmentId);
  if (!appointment) throw notFound('Appointment');
  return appointment.status === 'cancelled' ? appointment : state.cancelAppointment(appointment);
}
