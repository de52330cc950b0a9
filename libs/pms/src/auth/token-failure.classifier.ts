import { classifyHttpError, PmsCall } from '../http-error.classifier';
import { PmsError } from '../pms-adapter.port';

/**
 * A failed token request as the PmsError of the call that needed it. The call itself was never
 * sent, so nothing can have been applied: a failure that would leave a call's outcome unknown
 * (timeout, reset, 5xx) is `unreachable` here.
 */
export function classifyTokenFailure(failure: unknown, call: PmsCall): PmsError {
  const classified = classifyHttpError(failure, { ...call, write: false });
  if (classified.kind !== 'unknown-outcome') return classified;
  const { message, statusCode, retryAfterMs } = classified;
  return new PmsError('unreachable', message, statusCode, retryAfterMs);
}
