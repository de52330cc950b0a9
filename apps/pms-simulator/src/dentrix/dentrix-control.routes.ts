import express, { Router } from 'express';
import { DentrixSimulatorState } from './dentrix.state';

/** Unauthenticated test/demo controls, mounted at `/_control`; not part of the vendor API. */
export function dentrixControlRouter(state: DentrixSimulatorState): Router {
  const router = Router();
  router.use(express.json());

  router.get('/requests', (_req, res) => {
    res.json(Object.fromEntries(state.requestCounts));
  });
  router.get('/patients', (_req, res) => {
    res.json({ patients: [...state.patients.values()] });
  });
  router.get('/appointments', (_req, res) => {
    res.json({ appointments: [...state.appointments.values()] });
  });
  router.post('/faults', (req, res) => {
    const { latencyMs = state.faults.latencyMs, outage = state.faults.outage } = req.body ?? {};
    if (typeof latencyMs !== 'number' || latencyMs < 0 || typeof outage !== 'boolean') {
      res.status(400).json({ error: 'Expected { latencyMs?: number >= 0, outage?: boolean }' });
      return;
    }
    state.faults = { latencyMs, outage };
    res.json(state.faults);
  });
  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });
  return router;
}
