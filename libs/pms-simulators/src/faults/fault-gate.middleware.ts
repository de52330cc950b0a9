import type { RequestHandler, Response } from 'express';
import type { SimulatorFaults } from './simulator-faults.state';

/** Clearly not JSON, yet sent as `application/json`, like a proxy's error page or a cut body. */
const MALFORMED_BODY = '<html><body>Service temporarily degraded</body></html>';

/**
 * Mount first on a vendor route: counts the request, then answers 503 / 429 / 500 or hangs as the
 * faults say, before any auth or work.
 */
export function faultGate(faults: SimulatorFaults, route: string): RequestHandler {
  faults.declaredRoutes.add(route);
  return async (_req, res, next) => {
    faults.count(route);
    if (!faults.covers(route)) return next();
    const { hang, outage, errorRate = 0 } = faults.settings;
    if (hang) return faults.hold(res);
    if (outage) return refuse(faults, res, 503, 'Service unavailable');
    const retryAfterSeconds = faults.takeRateLimited();
    if (retryAfterSeconds !== undefined) {
      res.set('Retry-After', String(retryAfterSeconds));
      return refuse(faults, res, 429, 'Too many requests');
    }
    if (errorRate > 0 && Math.random() < errorRate) {
      return refuse(faults, res, 500, 'Internal server error');
    }
    next();
  };
}

/**
 * Sends a vendor answer through the faults that act after the work: latency, malformed JSON.
 */
export async function sendThroughFaults(
  faults: SimulatorFaults,
  route: string,
  res: Response,
  status: number,
  body: unknown,
): Promise<void> {
  if (!faults.covers(route)) return send(res, status, body);
  await delay(faults.latencyMs());
  const malformed = faults.settings.malformedJson && status >= 200 && status < 300;
  if (malformed && body !== undefined) {
    res.status(status).type('application/json').send(MALFORMED_BODY);
  } else send(res, status, body);
}

async function refuse(faults: SimulatorFaults, res: Response, status: number, error: string) {
  await delay(faults.latencyMs());
  res.status(status).json({ error });
}

function send(res: Response, status: number, body: unknown): void {
  if (body === undefined) res.status(status).end();
  else res.status(status).json(body);
}

// Unref'd so a pending fault delay never keeps a closing server or a test process alive.
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms).unref() : resolve()));
}
