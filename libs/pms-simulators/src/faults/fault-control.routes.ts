import express, { Router } from 'express';
import { FaultSettingsError, validateFaultSettings } from './fault-settings';
import type { SimulatorFaults } from './simulator-faults.state';

/**
 * `GET /requests` (counts), `POST /faults` (set, validated; 400 on bad input), `DELETE /faults`
 * (clear), mounted by each simulator's own control router under `/_control`.
 */
export function faultControlRoutes(faults: SimulatorFaults): Router {
  const router = Router();

  router.get('/requests', (_req, res) => {
    res.json(Object.fromEntries(faults.requestCounts));
  });
  router.get('/faults', (_req, res) => {
    res.json(faults.settings);
  });
  // Replaces every fault: what is not sent is cleared.
  router.post('/faults', express.json(), (req, res) => {
    try {
      faults.set(validateFaultSettings(req.body ?? {}, faults.declaredRoutes));
      res.json(faults.settings);
    } catch (error) {
      if (!(error instanceof FaultSettingsError)) throw error;
      res.status(400).json({ error: error.message, field: error.field });
    }
  });
  router.delete('/faults', (_req, res) => {
    faults.set({});
    res.status(204).end();
  });
  return router;
}
