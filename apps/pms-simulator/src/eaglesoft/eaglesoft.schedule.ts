import { parseLocalTime, toLocalTime } from './eaglesoft.local-time';
import { EaglesoftSimulatorState } from './eaglesoft.state';
import { EaglesoftAppointment, EaglesoftSlot } from './eaglesoft.types';

export const SLOT_MINUTES = 30;
export const MINUTE_MS = 60_000;

function endOf(appointment: EaglesoftAppointment): number {
  return parseLocalTime(appointment.start_time)! + appointment.duration_minutes * MINUTE_MS;
}

/** Cancelled appointments free their time. */
export function overlapsBooking(
  state: EaglesoftSimulatorState,
  providerId: string,
  start: number,
  end: number,
): boolean {
  return [...state.appointments.values()].some(
    (appt) =>
      appt.status === 'scheduled' &&
      appt.provider_id === providerId &&
      parseLocalTime(appt.start_time)! < end &&
      start < endOf(appt),
  );
}

export interface AvailabilityFilter {
  readonly dayMs: number;
  readonly providerId?: string;
  readonly locationId?: string;
}

/** Free 30-minute slots inside working hours, outside breaks and existing bookings. */
export function availableSlots(
  state: EaglesoftSimulatorState,
  filter: AvailabilityFilter,
): EaglesoftSlot[] {
  const { open, close, breaks } = state.hours;
  const slots: EaglesoftSlot[] = [];
  for (const provider of state.providers) {
    const locationId = state.locationOn(provider.provider_id, filter.dayMs);
    if (filter.providerId && provider.provider_id !== filter.providerId) continue;
    if (!locationId || (filter.locationId && locationId !== filter.locationId)) continue;
    for (let minute = open; minute + SLOT_MINUTES <= close; minute += SLOT_MINUTES) {
      const inBreak = breaks.some((b) => minute < b.end && b.start < minute + SLOT_MINUTES);
      const start = filter.dayMs + minute * MINUTE_MS;
      const end = start + SLOT_MINUTES * MINUTE_MS;
      if (inBreak || overlapsBooking(state, provider.provider_id, start, end)) continue;
      slots.push({
        provider_id: provider.provider_id,
        location_id: locationId,
        start_time: toLocalTime(start),
        end_time: toLocalTime(end),
      });
    }
  }
  return slots.sort((a, b) => a.start_time.localeCompare(b.start_time));
}
