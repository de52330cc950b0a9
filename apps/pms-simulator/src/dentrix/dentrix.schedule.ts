import { DentrixSimulatorState } from './dentrix.state';
import { DentrixAppointment, DentrixSlot } from './dentrix.types';

// All simulator times are UTC (ISO 8601 ending in `Z`); office time zones come later.

export const SLOT_MINUTES = 30;
export const MINUTE_MS = 60_000;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function toUtcIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** Epoch ms of an ISO 8601 instant; an explicit offset is required so nothing is ambiguous. */
export function parseInstant(value: string): number | undefined {
  const ms = INSTANT.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** Epoch ms of UTC midnight for a real calendar date (rejects 2030-02-30). */
export function parseDate(value: string): number | undefined {
  if (!DATE.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && toUtcIso(ms).startsWith(value) ? ms : undefined;
}

export function endOf(appointment: DentrixAppointment): number {
  return Date.parse(appointment.StartTime) + appointment.Duration * MINUTE_MS;
}

export function overlapsBooking(
  state: DentrixSimulatorState,
  providerId: string,
  start: number,
  end: number,
): boolean {
  return [...state.appointments.values()].some(
    (appt) =>
      appt.ProviderID === providerId && Date.parse(appt.StartTime) < end && start < endOf(appt),
  );
}

export interface AvailabilityFilter {
  readonly dayMs: number;
  readonly providerId?: string;
  readonly locationId?: string;
}

/** Free 30-minute slots inside working hours, outside breaks and existing bookings. */
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
        StartTime: toUtcIso(start),
        EndTime: toUtcIso(end),
      });
    }
  }
  return slots.sort((a, b) => a.StartTime.localeCompare(b.StartTime));
}
