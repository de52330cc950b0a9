import { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { sendThroughFaults } from '../faults/simulator-faults';
import { EaglesoftSimulatorState } from './eaglesoft.state';

/** A refusal the simulated PMS answers as `{ error, message }` with the given status. */
export class EaglesoftApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
}

/** Does the work, then answers through the faults that act after it (latency, malformed JSON). */
export function handle(
  state: EaglesoftSimulatorState,
  route: string,
  work: (req: Request) => ApiResult,
): RequestHandler {
  return async (req, res) => {
    const result = attempt(work, req);
    await sendThroughFaults(state.faults, route, res, result.status, result.body);
  };
}

function attempt(work: (req: Request) => ApiResult, req: Request): ApiResult {
  try {
    return work(req);
  } catch (error) {
    if (!(error instanceof EaglesoftApiError)) throw error;
    return { status: error.status, body: { error: error.code, message: error.message } };
  }
}

/** An expired, revoked, unknown or missing bearer token is refused alike, echoing nothing. */
export function requireToken(state: EaglesoftSimulatorState, route: string): RequestHandler {
  return async (req, res, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (state.tokens.accepts(bearer?.[1])) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
    await sendThroughFaults(state.faults, route, res, 401, { error: 'invalid_token' });
  };
}

export const jsonErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  const malformed = (error as { type?: string } | undefined)?.type === 'entity.parse.failed';
  res
    .status(malformed ? 400 : 500)
    .json(
      malformed
        ? { error: 'invalid_request', message: 'Malformed JSON body' }
        : { error: 'server_error' },
    );
};
