import { MINUTE_MS, toLocal, wallMsOf } from './dentrix.clock';
import { DentrixSimulatorState } from './dentrix.state';
import { DentrixAppointment, DentrixSlot } from './dentrix.types';

export const SLOT_MINUTES = 30;

export function endOf(appointment: DentrixAppointment): number {
  return wallMsOf(appointment.StartTime) + appointment.Duration * MINUTE_MS;
}

/** Cancelled appointments hold no time. Times are wall ms (see dentrix.clock.ts). */
export function overlapsBooking(
  state: DentrixSimulatorState,
  providerId: string,
  start: number,
  end: number,
): boolean {
  return [...state.appointments.values()].some(
    (appt) =>
      appt.Status === 'Scheduled' &&
      appt.ProviderID === providerId &&
      wallMsOf(appt.StartTime) < end &&
      start < endOf(appt),
  );
}

export interface AvailabilityFilter {
  /** Wall ms of the day's local midnight. */
  readonly dayMs: number;
  readonly providerId?: string;
  readonly locationId?: string;
}

/** Free 30-minute slots inside local working hours, outside breaks and existing bookings. */
export function availableSlots(
  state: DentrixSimulatorState,
  filter: AvailabilityFilter,
): DentrixSlot[] {
  const { open, close, breaks } = state.hours;
  const slots: DentrixSlot[] = [];
  for (const provider of state.providers) {
    const locationId = state.locationOn(provider.ProviderID, filter.dayMs);
    if (filter.providerId && provider.ProviderID !== filter.providerId) continue;
    if (!locationId || (filter.locationId && locationId !== filter.locationId)) continue;
    for (let minute = open; minute + SLOT_MINUTES <= close; minute += SLOT_MINUTES) {
      const inBreak = breaks.some((b) => minute < b.end && b.start < minute + SLOT_MINUTES);
      const start = filter.dayMs + minute * MINUTE_MS;
      const end = start + SLOT_MINUTES * MINUTE_MS;
      if (inBreak || overlapsBooking(state, provider.ProviderID, start, end)) continue;
      slots.push({
        ProviderID: provider.ProviderID,
        LocationID: locationId,
        StartTime: toLocal(start),
        EndTime: toLocal(end),
      });
    }
  }
  return slots.sort((a, b) => a.StartTime.localeCompare(b.StartTime));
}
