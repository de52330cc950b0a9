import express, { Request, Router } from 'express';
import { faultGate } from '../faults';
import { ApiResult, DentrixApiError, handle, requireAuth } from './dentrix.middleware';
import {
  bookAppointment,
  cancelAppointment,
  findAppointments,
  findSlots,
  searchPatients,
} from './dentrix.operations';
import {
  parseAppointmentQuery,
  parseAppointmentRequest,
  parseAvailabilityRequest,
  parseNewPatient,
  parsePatientQuery,
} from './dentrix.requests';
import { DentrixSimulatorState } from './dentrix.state';
import { DentrixCredentials } from './dentrix.types';

const SIMULATED_DENTRIX_VERSION = '24.1.0-sim';

const ok = (body: unknown): ApiResult => ({ status: 200, body });
const created = (body: unknown): ApiResult => ({ status: 201, body });

/** The vendor API, mounted at `/api`. Every time in it is office-local (see dentrix.clock.ts). */
export function dentrixApiRouter(
  state: DentrixSimulatorState,
  credentials: DentrixCredentials,
): Router {
  const router = Router();
  const auth = requireAuth(credentials);
  const zone = state.timeZone;
  const route = (
    method: 'get' | 'post' | 'delete',
    path: string,
    work: (req: Request) => ApiResult,
  ) => {
    const name = `${method.toUpperCase()} /api${path}`;
    router[method](
      path,
      faultGate(state.faults, name),
      auth,
      express.json(),
      handle(state, name, work),
    );
  };

  route('get', '/health', () =>
    ok({ Status: 'OK', Version: SIMULATED_DENTRIX_VERSION, Database: credentials.database }),
  );
  route('get', '/patients/search', (req) =>
    ok({ Patients: searchPatients(state, parsePatientQuery(req.query)) }),
  );
  route('post', '/patients', (req) => created(state.addPatient(parseNewPatient(req.body))));
  route('get', '/patients/:id', (req) => {
    const patient = state.patients.get(String(req.params.id));
    if (!patient) throw new DentrixApiError(404, 'Patient not found');
    return ok(patient);
  });
  route('get', '/providers', () => ok({ Providers: state.providers }));
  route('get', '/locations', () => ok({ Locations: state.locations }));
  route('post', '/appointments/availability', (req) =>
    ok({ Slots: findSlots(state, parseAvailabilityRequest(req.body)) }),
  );
  route('post', '/appointments', (req) =>
    created(bookAppointment(state, parseAppointmentRequest(req.body, zone))),
  );
  route('get', '/appointments', (req) =>
    ok({ Appointments: findAppointments(state, parseAppointmentQuery(req.query, zone)) }),
  );
  // Cancels (Status `Cancelled`, the time is free again); repeating it answers the same 200.
  route('delete', '/appointments/:id', (req) =>
    ok(cancelAppointment(state, String(req.params.id))),
  );
  router.use(auth, (_req, res) => {
    res.status(404).json({ Error: 'Not found' });
  });
  return router;
}
