import { Router } from 'express';
import { created, ok, searchPatients, vendorRoutes } from '../shared';
import { requireAccountToken } from './carestack.middleware';
import {
  bookAppointment,
  cancelAppointment,
  findAppointments,
  findSlots,
  requirePatient,
} from './carestack.operations';
import {
  parseAppointmentQuery,
  parseAppointmentRequest,
  parseAvailabilityQuery,
  parseNewPatient,
  parsePatientQuery,
  PATIENT_FIELDS,
  pathId,
} from './carestack.requests';
import { CareStackSimulatorState } from './carestack.state';
import { CareStackCredentials } from './carestack.types';

export const API_BASE = '/api/v1.0';
const SIMULATED_API_VERSION = '1.0.0-sim';

/** The vendor API, mounted at `/api/v1.0`. */
export function careStackApiRouter(
  state: CareStackSimulatorState,
  credentials: CareStackCredentials,
): Router {
  const router = Router();
  const zone = state.timeZone;
  const route = vendorRoutes(router, state.faults, API_BASE, (name) =>
    requireAccountToken(state, credentials.accountId, name),
  );

  route('get', '/status', () =>
    ok({
      status: 'Healthy',
      apiVersion: SIMULATED_API_VERSION,
      accountId: credentials.accountId,
      timeZone: zone,
    }),
  );
  route('get', '/patients/search', (req) =>
    ok(searchPatients(state.patients.values(), parsePatientQuery(req.query), PATIENT_FIELDS)),
  );
  route('post', '/patients', (req) => created(state.addPatient(parseNewPatient(req.body))));
  route('get', '/patients/:patientId', (req) =>
    ok(requirePatient(state, pathId(req.params.patientId))),
  );
  route('get', '/providers', () => ok(state.providers));
  route('get', '/locations', () => ok(state.locations));
  route('get', '/appointments/available-slots', (req) =>
    ok(findSlots(state, parseAvailabilityQuery(req.query))),
  );
  route('post', '/appointments', (req) =>
    created(bookAppointment(state, parseAppointmentRequest(req.body, zone))),
  );
  route('get', '/appointments', (req) =>
    ok(findAppointments(state, parseAppointmentQuery(req.query, zone))),
  );
  route('put', '/appointments/:appointmentId/cancel', (req) =>
    ok(cancelAppointment(state, pathId(req.params.appointmentId))),
  );

  // Unknown routes still ask for a token first, so they reveal nothing to strangers.
  router.use(
    ...requireAccountToken(state, credentials.accountId, `ANY ${API_BASE}/*`),
    (_req, res) => {
      res.status(404).json({ message: 'Not found' });
    },
  );
  return router;
}
