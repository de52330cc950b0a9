import { Router } from 'express';
import { faultControlRoutes } from '../faults';
import { DentrixSimulatorState } from './dentrix.state';

/**
 * Unauthenticated test/demo controls, mounted at `/_control`; not part of the vendor API. Faults
 * and request counts: `GET /requests`, `GET|POST|DELETE /faults` (see faults/simulator-faults.ts).
 */
export function dentrixControlRouter(state: DentrixSimulatorState): Router {
  const router = Router();
  router.use(faultControlRoutes(state.faults));

  router.get('/patients', (_req, res) => {
    res.json({ patients: [...state.patients.values()] });
  });
  router.get('/appointments', (_req, res) => {
    res.json({ appointments: [...state.appointments.values()] });
  });
  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });
  return router;
}
