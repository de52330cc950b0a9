import { DateTime } from 'luxon';
import { LocalTime, Weekday } from './eaglesoft.types';

/*
 * Like a PMS that stores the office's wall clock, the simulator does its arithmetic on wall-clock
 * times: a local time is read as if it were UTC ("wall ms"). The office's zone only decides which
 * wall-clock times exist.
 */

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";

export function toLocalTime(wallMs: number): LocalTime {
  return new Date(wallMs).toISOString().slice(0, 19);
}

/** Wall ms of a real calendar time written `YYYY-MM-DDTHH:mm:ss` (no offset, no 24:00). */
export function parseLocalTime(value: string): number | undefined {
  const ms = LOCAL_TIME.test(value) ? Date.parse(`${value}Z`) : NaN;
  return !Number.isNaN(ms) && toLocalTime(ms) === value ? ms : undefined;
}

/** Wall ms of midnight of a real calendar date (rejects 2030-02-30). */
export function parseDate(value: string): number | undefined {
  return DATE.test(value) ? parseLocalTime(`${value}T00:00:00`) : undefined;
}

/** False for the wall-clock times the clocks skip, e.g. 02:30 on a New York spring-forward day. */
export function existsIn(zone: string, local: LocalTime): boolean {
  return DateTime.fromFormat(local, LOCAL_FORMAT, { zone }).toFormat(LOCAL_FORMAT) === local;
}

export function weekdayOf(wallMs: number): Weekday {
  return (((new Date(wallMs).getUTCDay() + 6) % 7) + 1) as Weekday;
}
