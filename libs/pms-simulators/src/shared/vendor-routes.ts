import express, { Request, RequestHandler, Router } from 'express';
import { faultGate, sendThroughFaults, SimulatorFaults } from '../faults';
import { ApiRefusal, ApiResult } from './api-result';

export type Work = (req: Request) => ApiResult;
/** A vendor's auth check for one route, given the route's name so a refusal can be faulted too. */
export type Guard = (route: string) => RequestHandler | RequestHandler[];

/**
 * Declares vendor API routes on a router mounted at `base`. Each is named like
 * `POST /api/appointments` (what faults target and request counts are keyed by) and runs the fault
 * gate first (it counts the call and may refuse before any auth), then `guard` unless the route is
 * open, the JSON body, and the work answered through the faults.
 */
export function vendorRoutes(router: Router, faults: SimulatorFaults, base: string, guard: Guard) {
  return (
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    work: Work,
    access: 'guarded' | 'open' = 'guarded',
  ): void => {
    const name = `${method.toUpperCase()} ${base}${path}`;
    const guards = access === 'guarded' ? [guard(name)] : [];
    router[method](
      path,
      faultGate(faults, name),
      ...guards,
      express.json(),
      answer(faults, name, work),
    );
  };
}

/**
 * Does the work, then answers through the faults that act after it (latency, malformed JSON): a
 * caller that gives up while the answer is held leaves the work done.
 */
function answer(faults: SimulatorFaults, route: string, work: Work): RequestHandler {
  return async (req, res) => {
    const result = attempt(work, req);
    await sendThroughFaults(faults, route, res, result.status, result.body);
  };
}

function attempt(work: Work, req: Request): ApiResult {
  try {
    return work(req);
  } catch (error) {
    if (!(error instanceof ApiRefusal)) throw error;
    return { status: error.status, body: error.body };
  }
}
