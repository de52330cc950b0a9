import { RequestHandler } from 'express';
import { sendThroughFaults } from '../faults';
import { ApiRefusal, ErrorBodies, requireBearer } from '../shared';
import { CareStackSimulatorState } from './carestack.state';

/** A refusal the simulated PMS answers as `{ message }` with the given status. */
export class CareStackApiError extends ApiRefusal {
  constructor(status: number, message: string) {
    super(status, { message }, message);
  }
}

export const CARESTACK_ERRORS: ErrorBodies = {
  malformed: { message: 'Malformed request body' },
  internal: { message: 'Internal error' },
};

/**
 * A live bearer token from `/connect/token` (401 otherwise, so clients know to get a new one) and
 * the `AccountId` header of the account it was issued for (403: a new token would not help).
 */
export function requireAccountToken(
  state: CareStackSimulatorState,
  accountId: string,
  route: string,
): RequestHandler[] {
  const sameAccount: RequestHandler = async (req, res, next) => {
    if (req.get('accountid') === accountId) next();
    else await sendThroughFaults(state.faults, route, res, 403, { message: 'Forbidden' });
  };
  const live = (token: string | undefined) => state.tokens.isLive(token);
  return [requireBearer(state.faults, route, live, { message: 'Unauthorized' }), sameAccount];
}
