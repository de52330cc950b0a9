import { DateTime } from 'luxon';
import { CareStackSimulatorState } from './carestack.state';
import { CareStackAppointment, CareStackSlot, LocalDateTime } from './carestack.types';

// CareStack speaks office-local wall-clock time. Wall times are compared as milliseconds on a
// zone-less line (read as if UTC): like a PMS that stores wall time, 01:30 before and after the
// clocks fall back is the same time to it.

export const SLOT_MINUTES = 30;
export const MINUTE_MS = 60_000;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function formatWall(wallMs: number): LocalDateTime {
  return new Date(wallMs).toISOString().slice(0, 19);
}

/** A real calendar time the office's clock shows: 02:30 on a spring-forward day is refused. */
export function parseLocal(value: string, zone: string): number | undefined {
  if (!LOCAL.test(value)) return undefined;
  const wallMs = Date.parse(`${value}Z`);
  if (Number.isNaN(wallMs) || formatWall(wallMs) !== value) return undefined;
  return existsIn(value, zone) ? wallMs : undefined;
}

/** Midnight of a real calendar date (rejects 2030-02-30). */
export function parseDate(value: string): number | undefined {
  if (!DATE.test(value)) return undefined;
  const wallMs = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(wallMs) && formatWall(wallMs).startsWith(value) ? wallMs : undefined;
}

function existsIn(local: LocalDateTime, zone: string): boolean {
  return DateTime.fromISO(local, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss") === local;
}

export function isValidZone(zone: string): boolean {
  return DateTime.local({ zone }).isValid;
}

function endOf(appointment: CareStackAppointment): number {
  return Date.parse(`${appointment.startDateTime}Z`) + appointment.duration * MINUTE_MS;
}

/** Cancelled appointments free their time. */
export function overlapsBooking(
  state: CareStackSimulatorState,
  providerId: number,
  start: number,
  end: number,
): boolean {
  return [...state.appointments.values()].some(
    (appt) =>
      appt.status === 'Scheduled' &&
      appt.providerId === providerId &&
      Date.parse(`${appt.startDateTime}Z`) < end &&
      start < endOf(appt),
  );
}

export interface AvailabilityFilter {
  readonly dayMs: number;
  readonly providerId?: number;
  readonly locationId?: number;
}

/** Free 30-minute slots inside working hours, outside breaks and existing bookings. */
export function availableSlots(
  state: CareStackSimulatorState,
  filter: AvailabilityFilter,
): CareStackSlot[] {
  const { open, close, breaks } = state.hours;
  const slots: CareStackSlot[] = [];
  for (const provider of state.providers) {
    const locationId = state.locationOn(provider.providerId, filter.dayMs);
    if (filter.providerId !== undefined && provider.providerId !== filter.providerId) continue;
    if (locationId === undefined) continue;
    if (filter.locationId !== undefined && locationId !== filter.locationId) continue;
    for (let minute = open; minute + SLOT_MINUTES <= close; minute += SLOT_MINUTES) {
      const inBreak = breaks.some((b) => minute < b.end && b.start < minute + SLOT_MINUTES);
      const start = filter.dayMs + minute * MINUTE_MS;
      const end = start + SLOT_MINUTES * MINUTE_MS;
      // Hours near midnight can meet a time the clocks skip in some zones.
      if (inBreak || !existsIn(formatWall(start), state.timeZone)) continue;
      if (overlapsBooking(state, provider.providerId, start, end)) continue;
      slots.push({
        providerId: provider.providerId,
        locationId,
        startDateTime: formatWall(start),
        endDateTime: formatWall(end),
      });
    }
  }
  return slots.sort((a, b) => a.startDateTime.localeCompare(b.startDateTime));
}
