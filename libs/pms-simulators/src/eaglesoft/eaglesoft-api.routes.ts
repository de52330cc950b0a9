import { Router } from 'express';
import { ApiResult, created, ok, searchPatients, vendorRoutes } from '../shared';
import { EaglesoftApiError, requireToken } from './eaglesoft.middleware';
import {
  bookAppointment,
  cancelAppointment,
  findAppointments,
  findSlots,
  getPatient,
} from './eaglesoft.operations';
import {
  parseAppointmentQuery,
  parseAppointmentRequest,
  parseAvailabilityRequest,
  parseNewPatient,
  parsePatientQuery,
  PATIENT_FIELDS,
} from './eaglesoft.requests';
import { EaglesoftSimulatorState } from './eaglesoft.state';
import { EaglesoftCredentials } from './eaglesoft.types';

const SIMULATED_EAGLESOFT_VERSION = '21.20-sim';
const CREDENTIAL_FIELDS = ['username', 'password', 'database', 'client_id', 'client_secret'];

const list = (data: readonly unknown[]): ApiResult => ok({ data, total: data.length });

/** The vendor API, mounted at `/api`. Every route passes the fault gate first. */
export function eaglesoftApiRouter(
  state: EaglesoftSimulatorState,
  credentials: EaglesoftCredentials,
): Router {
  const router = Router();
  const route = vendorRoutes(router, state.faults, '/api', (name) => requireToken(state, name));

  route('post', '/auth/token', (req) => issueToken(state, credentials, req.body), 'open');
  route('get', '/system/status', () =>
    ok({
      status: 'online',
      version: SIMULATED_EAGLESOFT_VERSION,
      database: credentials.database,
      time_zone: state.timeZone,
    }),
  );
  route('get', '/patients/search', (req) =>
    list(searchPatients(state.patients.values(), parsePatientQuery(req.query), PATIENT_FIELDS)),
  );
  route('post', '/patients', (req) => created(state.addPatient(parseNewPatient(req.body))));
  route('get', '/patients/:id', (req) => ok(getPatient(state, String(req.params.id))));
  route('get', '/providers', () => list(state.providers));
  route('get', '/locations', () =>
    list(state.locations.map((location) => ({ ...location, time_zone: state.timeZone }))),
  );
  route('post', '/appointments/availability', (req) =>
    list(findSlots(state, parseAvailabilityRequest(req.body))),
  );
  route('post', '/appointments', (req) =>
    created(bookAppointment(state, parseAppointmentRequest(req.body, state.timeZone))),
  );
  route('get', '/appointments', (req) =>
    list(findAppointments(state, parseAppointmentQuery(req.query, state.timeZone))),
  );
  // A state change, not a deletion: the PMS keeps cancelled appointments on the books.
  route('post', '/appointments/:id/cancel', (req) =>
    ok(cancelAppointment(state, String(req.params.id))),
  );
  router.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'No such endpoint' });
  });
  return router;
}

/** OAuth2-style token request; a refusal never says which credential was wrong. */
function issueToken(
  state: EaglesoftSimulatorState,
  credentials: EaglesoftCredentials,
  raw: unknown,
): ApiResult {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (!CREDENTIAL_FIELDS.every((field) => typeof body[field] === 'string')) {
    throw new EaglesoftApiError(400, 'invalid_request', `Expected ${CREDENTIAL_FIELDS.join(', ')}`);
  }
  const valid =
    body.username === credentials.username &&
    body.password === credentials.password &&
    body.database === credentials.database &&
    body.client_id === credentials.clientId &&
    body.client_secret === credentials.clientSecret;
  if (!valid) {
    state.tokens.refuseClient();
    return { status: 401, body: { error: 'invalid_client' } };
  }
  return ok(state.tokens.issue());
}
