import { RequestHandler } from 'express';
import { sendThroughFaults, SimulatorFaults } from '../faults';

/**
 * Lets a request on when `accepts` takes its bearer token (`undefined` when none was sent), else
 * answers 401 with the RFC 6750 challenge and the vendor's `refusal` body, which echoes nothing.
 * The refusal goes through the route's faults like any answer.
 */
export function requireBearer(
  faults: SimulatorFaults,
  route: string,
  accepts: (token: string | undefined) => boolean,
  refusal: unknown,
): RequestHandler {
  return async (req, res, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (accepts(bearer?.[1])) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
    await sendThroughFaults(faults, route, res, 401, refusal);
  };
}
