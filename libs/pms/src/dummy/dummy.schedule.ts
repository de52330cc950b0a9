import { DateTime } from 'luxon';
import { AvailabilityQuery, Slot } from '../pms-adapter.port';
import { DummySeed } from './dummy.seed';

export const MINUTE_MS = 60_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The time a scheduled appointment holds, as epoch ms. */
export interface HeldTime {
  readonly providerId: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** An instant as ISO 8601 with the office's offset at that instant. */
export function officeIso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!;
}

export function overlaps(held: readonly HeldTime[], candidate: HeldTime): boolean {
  return held.some(
    (time) =>
      time.providerId === candidate.providerId &&
      time.startMs < candidate.endMs &&
      candidate.startMs < time.endMs,
  );
}

/** The office's local midnight of a calendar date, or undefined for what is not a real date. */
export function officeDay(date: string, zone: string): DateTime | undefined {
  const day = DATE.test(date) ? DateTime.fromISO(date, { zone }) : undefined;
  return day?.isValid && day.toISODate() === date ? day.startOf('day') : undefined;
}

/**
 * Free slots on the office's wall clock: working hours and breaks are local, so 08:00 stays 08:00
 * across daylight-saving changes; a wall-clock time the clocks skip offers no slot.
 */
export function freeSlots(
  seed: DummySeed,
  zone: string,
  day: DateTime,
  query: AvailabilityQuery,
  held: readonly HeldTime[],
): Slot[] {
  const slots: Slot[] = [];
  for (const provider of seed.providers) {
    const locationId = provider.schedule[day.weekday];
    if (query.providerId && provider.providerId !== query.providerId) continue;
    if (!locationId || (query.locationId && locationId !== query.locationId)) continue;
    for (let minute = seed.hours.open; minute + seed.slotMinutes <= seed.hours.close;) {
      const end = minute + seed.slotMinutes;
      const inBreak = seed.breaks.some((b) => minute < b.end && b.start < end);
      const start = day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
      const exists = start.hour * 60 + start.minute === minute;
      const time = {
        providerId: provider.providerId,
        startMs: start.toMillis(),
        endMs: start.toMillis() + seed.slotMinutes * MINUTE_MS,
      };
      if (!inBreak && exists && !overlaps(held, time)) {
        slots.push({
          providerId: provider.providerId,
          locationId,
          start: officeIso(time.startMs, zone),
          end: officeIso(time.endMs, zone),
        });
      }
      minute = end;
    }
  }
  return slots.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}
