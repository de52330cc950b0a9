import { DateTime } from 'luxon';

/*
 * PMSs store the office's wall clock: `YYYY-MM-DDTHH:mm:ss`, without an offset. The simulators do
 * their arithmetic on "wall ms", the wall-clock reading taken as if it were UTC, so 09:00 is 09:00
 * whatever the zone and a day is always 24 h, as in a PMS that stores local times. The office zone
 * only decides which wall-clock times exist.
 */

export const MINUTE_MS = 60_000;
export const WALL_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";
const WALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type WallTimeCheck =
  { readonly wallMs: number } | { readonly problem: 'not a local time' | 'skipped by the clocks' };

export function formatWall(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 19);
}

/** Wall ms of a stored local time, unchecked: stored times were checked when they were written. */
export function wallMsOf(local: string): number {
  return Date.parse(`${local}Z`);
}

/** Wall ms of a real calendar time written `YYYY-MM-DDTHH:mm:ss` (no offset, no 24:00). */
export function parseWallTime(value: string): number | undefined {
  const wallMs = WALL_TIME.test(value) ? wallMsOf(value) : NaN;
  return !Number.isNaN(wallMs) && formatWall(wallMs) === value ? wallMs : undefined;
}

/** Wall ms of a local time that the office clock shows in `zone`, or what is wrong with it. */
export function checkWallTime(value: string, zone: string): WallTimeCheck {
  const wallMs = parseWallTime(value);
  if (wallMs === undefined) return { problem: 'not a local time' };
  return existsIn(value, zone) ? { wallMs } : { problem: 'skipped by the clocks' };
}

/** False for the wall-clock times the clocks skip, e.g. 02:30 on a New York spring-forward day. */
export function existsIn(local: string, zone: string): boolean {
  return DateTime.fromFormat(local, WALL_FORMAT, { zone }).toFormat(WALL_FORMAT) === local;
}

/** Wall ms of midnight of a real calendar date (rejects 2030-02-30). */
export function parseDate(value: string): number | undefined {
  return DATE.test(value) ? parseWallTime(`${value}T00:00:00`) : undefined;
}
