import { OfficeSchedule, RecordId } from './office-schedule';
import { existsIn, formatWall, MINUTE_MS } from './wall-clock';

const SLOT_MINUTES = 30;

/** What the schedule needs of a vendor appointment; times are wall ms (see wall-clock.ts). */
export interface Booking<Id extends RecordId> {
  readonly providerId: Id;
  readonly startMs: number;
  readonly durationMinutes: number;
  /** False once cancelled: a cancelled appointment stays on file but frees its time. */
  readonly holdsTime: boolean;
}

export interface SlotSearch<Id extends RecordId> {
  /** Wall ms of the day's local midnight. */
  readonly dayMs: number;
  readonly providerId?: Id;
  readonly locationId?: Id;
}

export interface FreeSlot<Id extends RecordId> {
  readonly providerId: Id;
  readonly locationId: Id;
  readonly startMs: number;
  readonly endMs: number;
}

export function overlapsBooking<Id extends RecordId>(
  bookings: readonly Booking<Id>[],
  providerId: Id,
  startMs: number,
  endMs: number,
): boolean {
  return bookings.some(
    (booking) =>
      booking.holdsTime &&
      booking.providerId === providerId &&
      booking.startMs < endMs &&
      startMs < booking.startMs + booking.durationMinutes * MINUTE_MS,
  );
}

/**
 * Free 30-minute slots inside local working hours, outside breaks and bookings, earliest first.
 * With `zone`, slots the office clock never shows there (hours that meet a DST gap) are left out.
 */
export function freeSlots<Id extends RecordId>(
  schedule: OfficeSchedule<Id>,
  bookings: readonly Booking<Id>[],
  search: SlotSearch<Id>,
  zone?: string,
): FreeSlot<Id>[] {
  const { open, close, breaks } = schedule.hours;
  const slots: FreeSlot<Id>[] = [];
  for (const providerId of schedule.providerIds) {
    const locationId = schedule.locationOn(providerId, search.dayMs);
    // An empty id (`''`) in the search narrows nothing, as an absent one.
    if (search.providerId && providerId !== search.providerId) continue;
    if (!locationId || (search.locationId && locationId !== search.locationId)) continue;
    for (let minute = open; minute + SLOT_MINUTES <= close; minute += SLOT_MINUTES) {
      const inBreak = breaks.some((b) => minute < b.end && b.start < minute + SLOT_MINUTES);
      const startMs = search.dayMs + minute * MINUTE_MS;
      const endMs = startMs + SLOT_MINUTES * MINUTE_MS;
      if (inBreak || (zone !== undefined && !existsIn(formatWall(startMs), zone))) continue;
      if (overlapsBooking(bookings, providerId, startMs, endMs)) continue;
      slots.push({ providerId, locationId, startMs, endMs });
    }
  }
  return slots.sort((a, b) => a.startMs - b.startMs);
}
