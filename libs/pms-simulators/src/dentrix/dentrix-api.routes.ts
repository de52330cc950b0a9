import { Router } from 'express';
import { created, ok, searchPatients, vendorRoutes } from '../shared';
import { DentrixApiError, requireAuth } from './dentrix.middleware';
import {
  bookAppointment,
  cancelAppointment,
  findAppointments,
  findSlots,
} from './dentrix.operations';
import {
  parseAppointmentQuery,
  parseAppointmentRequest,
  parseAvailabilityRequest,
  parseNewPatient,
  parsePatientQuery,
  PATIENT_FIELDS,
} from './dentrix.requests';
import { DentrixSimulatorState } from './dentrix.state';
import { DentrixCredentials } from './dentrix.types';

const SIMULATED_DENTRIX_VERSION = '24.1.0-sim';

/** The vendor API, mounted at `/api`. Every time in it is office-local (see shared/wall-clock.ts). */
export function dentrixApiRouter(
  state: DentrixSimulatorState,
  credentials: DentrixCredentials,
): Router {
  const router = Router();
  const auth = requireAuth(credentials);
  const zone = state.timeZone;
  const route = vendorRoutes(router, state.faults, '/api', () => auth);

  route('get', '/health', () =>
    ok({ Status: 'OK', Version: SIMULATED_DENTRIX_VERSION, Database: credentials.database }),
  );
  route('get', '/patients/search', (req) =>
    ok({
      Patients: searchPatients(
        state.patients.values(),
        parsePatientQuery(req.query),
        PATIENT_FIELDS,
      ),
    }),
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
