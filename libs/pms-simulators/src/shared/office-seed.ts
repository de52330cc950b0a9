import { RecordId, Weekday, WorkingHours } from './office-schedule';

/** The seeded offices' hours: 08:00 to 17:00, lunch 12:00 to 13:00. */
export const OFFICE_HOURS: WorkingHours = {
  open: 8 * 60,
  close: 17 * 60,
  breaks: [{ start: 12 * 60, end: 13 * 60 }],
};

/** Monday to Friday at one location. */
export function everyWeekday<Id extends RecordId>(locationId: Id): Partial<Record<Weekday, Id>> {
  return { 1: locationId, 2: locationId, 3: locationId, 4: locationId, 5: locationId };
}
