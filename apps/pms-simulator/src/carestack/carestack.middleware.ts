import { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { sendThroughFaults } from '../faults/simulator-faults';
import { CareStackSimulatorState } from './carestack.state';

/** A refusal the simulated PMS answers as `{ message }` with the given status. */
export class CareStackApiError extends Error {
  constructor(
    readonly status: number,
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
  state: CareStackSimulatorState,
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
    if (!(error instanceof CareStackApiError)) throw error;
    return { status: error.status, body: { message: error.message } };
  }
}

/**
 * A live bearer token from `/connect/token` (401 otherwise, so clients know to get a new one) and
 * the `AccountId` header of the account it was issued for (403: a new token would not help).
 */
export function requireBearer(
  state: CareStackSimulatorState,
  accountId: string,
  route: string,
): RequestHandler {
  return async (req, res, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!bearer || !state.isLiveToken(bearer[1])) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      await sendThroughFaults(state.faults, route, res, 401, { message: 'Unauthorized' });
    } else if (req.get('accountid') !== accountId) {
      await sendThroughFaults(state.faults, route, res, 403, { message: 'Forbidden' });
    } else {
      next();
    }
  };
}

export const jsonErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  const malformed = (error as { type?: string } | undefined)?.type === 'entity.parse.failed';
  res
    .status(malformed ? 400 : 500)
    .json({ message: malformed ? 'Malformed request body' : 'Internal error' });
};
