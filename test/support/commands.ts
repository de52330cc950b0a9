import { randomUUID } from 'node:crypto';

/** Weekday half-hour slots in the simulator's working hours, in UTC, never the same twice. */
export function* distinctSlots(
  providerIds: readonly string[],
): Generator<{ providerId: string; start: string }> {
  const days = ['14', '15', '16', '17', '18', '21', '22', '23', '24', '25', '28', '29', '30', '31'];
  const times = ['08', '09', '10', '11', '13', '14', '15', '16'].flatMap((h) => [
    `${h}:00`,
    `${h}:30`,
  ]);
  for (const day of days) {
    for (const time of times) {
      for (const providerId of providerIds)
        yield { providerId, start: `2030-01-${day}T${time}:00.000Z` };
    }
  }
}

export function createPatientCommand(officeId: string, n: number) {
  return {
    commandId: randomUUID(),
    type: 'CreatePatient',
    officeId,
    payload: { firstName: `First${n}`, lastName: `Last${n}`, dateOfBirth: '1980-05-05' },
  };
}

export function bookAppointmentCommand(
  officeId: string,
  patientId: string,
  slot: { providerId: string; start: string },
) {
  return {
    commandId: randomUUID(),
    type: 'BookAppointment',
    officeId,
    payload: { patientId, providerId: slot.providerId, start: slot.start, durationMinutes: 30 },
  };
}
