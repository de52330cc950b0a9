import { Router } from 'express';
import { faultControlRoutes, SimulatorFaults } from '../faults';
import { TokenRegistry } from './token-registry';

/** What the control routes read and reset of a simulator's state. */
export interface ControlledState {
  readonly faults: SimulatorFaults;
  readonly patients: ReadonlyMap<unknown, unknown>;
  readonly appointments: ReadonlyMap<unknown, unknown>;
  reset(): void;
}

/**
 * Unauthenticated test/demo controls, mounted at `/_control`; not part of any vendor API. Faults
 * and request counts (`GET /requests`, `GET|POST|DELETE /faults`, see faults/simulator-faults.ts),
 * the data as stored (`GET /patients`, `GET /appointments`) and `POST /reset` back to the seed.
 */
export function simulatorControlRoutes(state: ControlledState): Router {
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

/**
 * `GET /tokens` (what `describe` reports) and `POST /tokens/expire`, which ends every issued token
 * at once so a test can watch a client get a new one.
 */
export function tokenControlRoutes(tokens: TokenRegistry, describe: () => unknown): Router {
  const router = Router();
  router.get('/tokens', (_req, res) => {
    res.json(describe());
  });
  router.post('/tokens/expire', (_req, res) => {
    tokens.expireAll();
    res.status(204).end();
  });
  return router;
}
