import { Appointment, AppointmentSearch } from './pms-adapter.port';

/** The search criteria given, as query parameters: one left out is not sent at all. */
export function definedParams(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Compares instants ourselves: a PMS may ignore the search filter or match by day. */
export function matchingAppointments(
  found: readonly Appointment[],
  query: AppointmentSearch,
): Appointment[] {
  const start = Date.parse(query.start);
  return found.filter(
    (appt) =>
      appt.patientId === query.patientId &&
      appt.providerId === query.providerId &&
      Date.parse(appt.start) === start,
  );
}
