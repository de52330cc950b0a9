import { RequestHandler } from 'express';
import { ApiRefusal, ErrorBodies, requireBearer } from '../shared';
import { EaglesoftSimulatorState } from './eaglesoft.state';

/** A refusal the simulated PMS answers as `{ error, message }` with the given status. */
export class EaglesoftApiError extends ApiRefusal {
  constructor(status: number, code: string, message: string) {
    super(status, { error: code, message }, message);
  }
}

export const EAGLESOFT_ERRORS: ErrorBodies = {
  malformed: { error: 'invalid_request', message: 'Malformed JSON body' },
  internal: { error: 'server_error' },
};

/** An expired, revoked, unknown or missing bearer token is refused alike, echoing nothing. */
export function requireToken(state: EaglesoftSimulatorState, route: string): RequestHandler {
  return requireBearer(state.faults, route, (token) => state.tokens.accepts(token), {
    error: 'invalid_token',
  });
}
