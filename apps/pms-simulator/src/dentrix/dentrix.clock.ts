import { DateTime, IANAZone } from 'luxon';

/**
 * Dentrix speaks office-local wall-clock time, `YYYY-MM-DDTHH:mm:ss` without an offset, like the
 * on-premise PMSs it stands for. The simulator does its arithmetic on "wall ms": the wall-clock
 * reading taken as if it were UTC, so 09:00 is 09:00 whatever the zone and a day is always 24 h,
 * as in a PMS that stores local times. The office zone is only needed to turn instants into wall
 * time and to refuse a time the office clock never shows.
 */

export const MINUTE_MS = 60_000;
const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type LocalTimeCheck =
  { readonly wallMs: number } | { readonly problem: 'not a local time' | 'skipped by the clocks' };

export function assertTimeZone(zone: string): void {
  if (!IANAZone.isValidZone(zone)) throw new Error(`unknown IANA time zone: ${zone}`);
}

/** Wall ms of a local time that the office clock shows in `zone`. */
export function checkLocalTime(value: string, zone: string): LocalTimeCheck {
  const wallMs = LOCAL.test(value) ? Date.parse(`${value}Z`) : NaN;
  if (Number.isNaN(wallMs) || toLocal(wallMs) !== value) return { problem: 'not a local time' };
  const inZone = DateTime.fromFormat(value, LOCAL_FORMAT, { zone });
  return inZone.toFormat(LOCAL_FORMAT) === value
    ? { wallMs }
    : { problem: 'skipped by the clocks' };
}

export function isInstant(value: string): boolean {
  return INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** The office's wall-clock reading of an instant with an offset. */
export function localOf(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { setZone: true }).setZone(zone).toFormat(LOCAL_FORMAT);
}

export function toLocal(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 19);
}

export function wallMsOf(local: string): number {
  return Date.parse(`${local}Z`);
}

/** Wall ms of midnight for a real calendar date (rejects 2030-02-30). */
export function parseDate(value: string): number | undefined {
  if (!DATE.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && toLocal(ms).startsWith(value) ? ms : undefined;
}
