import express, { Request, Router } from 'express';
import { faultGate } from '../faults/simulator-faults';
import { ApiResult, handle, requireBearer } from './carestack.middleware';
import {
  bookAppointment,
  cancelAppointment,
  findAppointments,
  findSlots,
  requirePatient,
  searchPatients,
} from './carestack.operations';
import {
  parseAppointmentQuery,
  parseAppointmentRequest,
  parseAvailabilityQuery,
  parseNewPatient,
  parsePatientQuery,
  pathId,
} from './carestack.requests';
import { CareStackSimulatorState } from './carestack.state';
import { CareStackCredentials } from './carestack.types';

export const API_BASE = '/api/v1.0';
const SIMULATED_API_VERSION = '1.0.0-sim';

const ok = (body: unknown): ApiResult => ({ status: 200, body });
const created = (body: unknown): ApiResult => ({ status: 201, body });

/** The vendor API, mounted at `/api/v1.0`. */
export function careStackApiRouter(
  state: CareStackSimulatorState,
  credentials: CareStackCredentials,
): Router {
  const router = Router();
  const zone = state.timeZone;
  const route = (
    method: 'get' | 'post' | 'put',
    path: string,
    work: (req: Request) => ApiResult,
  ) => {
    const name = `${method.toUpperCase()} ${API_BASE}${path}`;
    router[method](
      path,
      faultGate(state.faults, name),
      requireBearer(state, credentials.accountId, name),
      express.json(),
      handle(state, name, work),
    );
  };

  route('get', '/status', () =>
    ok({
      status: 'Healthy',
      apiVersion: SIMULATED_API_VERSION,
      accountId: credentials.accountId,
      timeZone: zone,
    }),
  );
  route('get', '/patients/search', (req) =>
    ok(searchPatients(state, parsePatientQuery(req.query))),
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
  router.use(requireBearer(state, credentials.accountId, `ANY ${API_BASE}/*`), (_req, res) => {
    res.status(404).json({ message: 'Not found' });
  });
  return router;
}
