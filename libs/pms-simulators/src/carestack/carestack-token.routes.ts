import express, { Router } from 'express';
import { faultGate, sendThroughFaults } from '../faults';
import { ApiResult } from '../shared';
import { CareStackSimulatorState } from './carestack.state';
import { CareStackCredentials } from './carestack.types';

const TOKEN_ROUTE = 'POST /connect/token';

/** The OAuth2 token endpoint, outside the versioned API. */
export function careStackTokenRouter(
  state: CareStackSimulatorState,
  credentials: CareStackCredentials,
): Router {
  const router = Router();
  router.post(
    '/connect/token',
    faultGate(state.faults, TOKEN_ROUTE),
    express.urlencoded({ extended: false }),
    async (req, res) => {
      const { status, body } = grant(state, credentials, req.body ?? {});
      // Token answers must never be cached by intermediaries (RFC 6749 §5.1).
      res.set('Cache-Control', 'no-store');
      await sendThroughFaults(state.faults, TOKEN_ROUTE, res, status, body);
    },
  );
  return router;
}

/**
 * Password grant (RFC 6749 §4.3), form-encoded: `grant_type=password`, `username`, `password`,
 * `client_id` (vendor key), `client_secret` (account key). A wrong client is `401
 * invalid_client`, a wrong user `400 invalid_grant` (§5.2); answers never echo what was sent.
 */
function grant(
  state: CareStackSimulatorState,
  credentials: CareStackCredentials,
  form: Record<string, unknown>,
): ApiResult {
  if (form.grant_type !== 'password') {
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }
  if (form.client_id !== credentials.vendorKey || form.client_secret !== credentials.accountKey) {
    return { status: 401, body: { error: 'invalid_client' } };
  }
  if (form.username !== credentials.username || form.password !== credentials.password) {
    return { status: 400, body: { error: 'invalid_grant' } };
  }
  return { status: 200, body: state.tokens.issue() };
}
