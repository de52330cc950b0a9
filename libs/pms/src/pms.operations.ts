import { PmsAdapter } from './pms-adapter.port';

/** The PmsAdapter methods that call the PMS; `close` only releases connections. */
export type PmsOperation = Exclude<keyof PmsAdapter, 'pmsType' | 'close'>;

/** A read is safe to retry. A write is tried once: retried blindly, it can book twice. */
type Effect = 'read' | 'write';

/**
 * What each operation does to the PMS, said once for the call runner, the resilience layer and
 * every adapter wrapper. A method added to PmsAdapter does not compile until it is listed here.
 */
export const PMS_OPERATIONS = {
  checkHealth: 'read',
  searchPatients: 'read',
  getPatient: 'read',
  createPatient: 'write',
  listProviders: 'read',
  listLocations: 'read',
  getAvailability: 'read',
  bookAppointment: 'write',
  cancelAppointment: 'write',
  findAppointments: 'read',
} as const satisfies Record<PmsOperation, Effect>;
