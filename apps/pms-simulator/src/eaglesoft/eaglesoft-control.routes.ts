import { Router } from 'express';
import { faultControlRoutes } from '../faults/simulator-faults';
import { EaglesoftSimulatorState } from './eaglesoft.state';

/** Unauthenticated test/demo controls, mounted at `/_control`; not part of the vendor API. */
export function eaglesoftControlRouter(state: EaglesoftSimulatorState): Router {
  const router = Router();
  router.use(faultControlRoutes(state.faults));

  router.get('/patients', (_req, res) => {
    res.json({ patients: [...state.patients.values()] });
  });
  router.get('/appointments', (_req, res) => {
    res.json({ appointments: [...state.appointments.values()] });
  });
  router.get('/tokens', (_req, res) => {
    res.json(state.tokens.stats());
  });
  router.post('/tokens/expire', (_req, res) => {
    state.tokens.expireAll();
    res.status(204).end();
  });
  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });
  return router;
}
