import { RequestHandler } from 'express';
import { ApiRefusal, ErrorBodies } from '../shared';
import { DentrixCredentials } from './dentrix.types';

/** A refusal the simulated PMS answers as `{ Error }` with the given status. */
export class DentrixApiError extends ApiRefusal {
  constructor(status: number, message: string) {
    super(status, { Error: message }, message);
  }
}

export const DENTRIX_ERRORS: ErrorBodies = {
  malformed: { Error: 'Malformed JSON body' },
  internal: { Error: 'Internal error' },
};

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
