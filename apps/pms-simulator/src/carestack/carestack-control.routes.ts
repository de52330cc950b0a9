import express, { Router } from 'express';
import { faultControlRoutes } from '../faults/simulator-faults';
import { CareStackSimulatorState } from './carestack.state';

/** Unauthenticated test/demo controls, mounted at `/_control`; not part of the vendor API. */
export function careStackControlRouter(state: CareStackSimulatorState): Router {
  const router = Router();
  router.use(express.json());
  router.use(faultControlRoutes(state.faults));

  router.get('/patients', (_req, res) => {
    res.json({ patients: [...state.patients.values()] });
  });
  router.get('/appointments', (_req, res) => {
    res.json({ appointments: [...state.appointments.values()] });
  });
  router.get('/tokens', (_req, res) => {
    res.json({ live: state.liveTokenCount(), lifetimeSeconds: state.tokenLifetimeSeconds });
  });
  // Ends every issued token at once, as a PMS restart or key rotation would.
  router.post('/tokens/expire', (_req, res) => {
    state.expireTokens();
    res.status(204).end();
  });
  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });
  return router;
}
