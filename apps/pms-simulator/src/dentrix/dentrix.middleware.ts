import { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { sendThroughFaults } from '../faults';
import { DentrixSimulatorState } from './dentrix.state';
import { DentrixCredentials } from './dentrix.types';

/** A refusal the simulated PMS answers as `{ Error }` with the given status. */
export class DentrixApiError extends Error {
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

/**
 * Does the work, then answers through the faults that act after it (latency, malformed JSON): a
 * caller that gives up while the answer is held leaves the work done.
 */
export function handle(
  state: DentrixSimulatorState,
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
    if (!(error instanceof DentrixApiError)) throw error;
    return { status: error.status, body: { Error: error.message } };
  }
}

/** Basic auth plus the database and API-key headers; the answer never echoes what was sent. */
export function requireAuth(credentials: DentrixCredentials): RequestHandler {
  const expectedUser = `${credentials.username}:${credentials.password}`;
  return (req, res, next) => {
    const basic = /^Basic\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const user = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : undefined;
    const authorized =
      user === expectedUser &&
      req.get('x-database') === credentials.database &&
      req.get('x-api-key') === credentials.apiKey;
    if (authorized) next();
    else res.status(401).json({ Error: 'Unauthorized' });
  };
}

export const jsonErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  const malformed = (error as { type?: string } | undefined)?.type === 'entity.parse.failed';
  res
    .status(malformed ? 400 : 500)
    .json({ Error: malformed ? 'Malformed JSON body' : 'Internal error' });
};
