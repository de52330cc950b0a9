import { DateTime, IANAZone } from 'luxon';
import { PmsAdapterContext, PmsError, PmsType } from '../pms-adapter.port';

/** `YYYY-MM-DDTHH:mm:ss`: how PMS APIs write times, in the office's zone, without an offset. */
export type PmsLocalTime = string;

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";

/**
 * The office's IANA zone (default UTC), which every adapter checks here when it is built: the
 * conversions below take it as known, and a zone luxon does not know would make every time
 * invalid. `invalid`: the office's own settings are wrong, not the call.
 */
export function officeZone(pmsType: PmsType, context: PmsAdapterContext): string {
  const zone = context.timeZone ?? 'UTC';
  if (!IANAZone.isValidZone(zone)) {
    throw new PmsError(
      'invalid',
      `${pmsType} adapter for office ${context.officeId}: unknown time zone ${zone}`,
    );
  }
  return zone;
}

/**
 * An instant with an offset, as the office's PMS writes it. Any offset names an instant, but an
 * offset the office's zone uses that day says the client read the office's own clock: then its
 * wall-clock time must be one the zone has at that offset. 02:30-05:00 on a New York
 * spring-forward day names a time the office's clock never shows, and guessing could book the
 * wrong hour.
 */
export function toPmsLocal(iso: string, zone: string, context: string): PmsLocalTime {
  const given = DateTime.fromISO(iso, { setZone: true });
  if (!given.isValid) throw new PmsError('invalid', `${context}: ${iso} is not an ISO 8601 time`);
  const inZone = given.setZone(zone);
  const day = inZone.startOf('day');
  const officeOffsets = new Set([day.offset, day.endOf('day').offset]);
  if (inZone.offset !== given.offset && officeOffsets.has(given.offset)) {
    const wall = given.toFormat(LOCAL_FORMAT);
    const exists =
      DateTime.fromFormat(wall, LOCAL_FORMAT, { zone }).toFormat(LOCAL_FORMAT) === wall;
    throw new PmsError(
      'invalid',
      exists
        ? `${context}: ${iso} has offset ${given.toFormat('ZZ')}, but ${zone} is at ${inZone.toFormat('ZZ')} then`
        : `${context}: ${wall} does not exist in ${zone} (the clocks skip that hour)`,
    );
  }
  return inZone.toFormat(LOCAL_FORMAT);
}

/**
 * A PMS local time as an ISO 8601 instant with the zone's offset. A wall-clock time that occurs
 * twice (the hour the clocks fall back) is ambiguous: `prefer` (an instant we sent) picks the one
 * that matches it, else the earlier one is taken.
 */
export function fromPmsLocal(local: PmsLocalTime, zone: string, prefer?: string): string {
  const guess = DateTime.fromFormat(local, LOCAL_FORMAT, { zone });
  if (!guess.isValid) throw new PmsError('invalid', `PMS time ${local} is not YYYY-MM-DDTHH:mm:ss`);
  const candidates = [-3600_000, 0, 3600_000]
    .map((shift) => DateTime.fromMillis(guess.toMillis() + shift, { zone }))
    .filter((candidate) => candidate.toFormat(LOCAL_FORMAT) === local);
  if (candidates.length === 0) {
    throw new PmsError(
      'invalid',
      `PMS time ${local} does not exist in ${zone} (the clocks skip it)`,
    );
  }
  const preferred = prefer ? DateTime.fromISO(prefer).toMillis() : undefined;
  const match = candidates.find((candidate) => candidate.toMillis() === preferred) ?? candidates[0];
  return match.toISO({ suppressMilliseconds: true })!;
}
