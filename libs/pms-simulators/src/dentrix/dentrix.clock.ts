import { DateTime, IANAZone } from 'luxon';
import { WALL_FORMAT } from '../shared';

/*
 * Dentrix speaks office-local wall-clock time (see shared/wall-clock.ts). Appointments planted
 * through the state may still give an instant with an offset: the office zone turns it into the
 * wall time Dentrix stores.
 */

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function assertTimeZone(zone: string): void {
  if (!IANAZone.isValidZone(zone)) throw new Error(`unknown IANA time zone: ${zone}`);
}

export function isInstant(value: string): boolean {
  return INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** The office's wall-clock reading of an instant with an offset. */
export function localOf(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { setZone: true }).setZone(zone).toFormat(WALL_FORMAT);
}
