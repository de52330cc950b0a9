import { isAxiosError } from 'axios';
import { PmsError, PmsType } from './pms-adapter.port';
import { MalformedResponseError } from './vendor-response.reader';

export interface PmsCall {
  readonly pmsType: PmsType;
  readonly officeId: string;
  readonly operation: string;
}

export interface FailedCall extends PmsCall {
  /** A write whose answer we cannot read may still have been applied. */
  readonly write: boolean;
  /** What a 409 means for this operation, e.g. `slot not available`. */
  readonly conflict?: string;
}

// Nothing reached the PMS: the call is safely failed.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/** e.g. `dentrix bookAppointment for office demo-dentrix`, the prefix of every PMS error. */
export function describeCall(call: PmsCall): string {
  return `${call.pmsType} ${call.operation} for office ${call.officeId}`;
}

/**
 * Turns any failure of a PMS call into a PmsError. Messages are built here from status codes and
 * error codes only: never the vendor's text, headers or bodies, which may carry secrets or patients.
 */
export function classifyHttpError(
  error: unknown,
  call: FailedCall,
  now: number = Date.now(),
): PmsError {
  const where = describeCall(call);
  if (error instanceof MalformedResponseError) {
    return call.write
      ? new PmsError(
          'unknown-outcome',
          `${where}: unreadable answer (${error.message}), may have been applied`,
        )
      : new PmsError('invalid', `${where}: unreadable answer (${error.message})`);
  }
  if (!isAxiosError(error)) return new PmsError('unknown-outcome', `${where}: unexpected failure`);
  const status = error.response?.status;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.response?.headers?.['retry-after'], now);
    const after = retryAfterMs === undefined ? '' : `, retry after ${retryAfterMs} ms`;
    return new PmsError('invalid', `${where}: rate limited (429${after})`, status, retryAfterMs);
  }
  if (status !== undefined) return fromStatus(status, where, call);
  const code = error.code ?? 'no error code';
  if (UNREACHABLE.has(code)) return new PmsError('unreachable', `${where}: unreachable (${code})`);
  if (TIMED_OUT.has(code)) return new PmsError('unknown-outcome', `${where}: timed out (${code})`);
  // Reset, hang-up and anything unrecognised: the request may have landed.
  return new PmsError('unknown-outcome', `${where}: connection failed (${code})`);
}

function fromStatus(status: number, where: string, call: FailedCall): PmsError {
  if (status === 409)
    return new PmsError('conflict', `${where}: ${call.conflict ?? 'conflict'} (409)`, status);
  if (status === 401 || status === 403) {
    return new PmsError('auth', `${where}: authentication failed (${status})`, status);
  }
  if (status === 404) return new PmsError('invalid', `${where}: not found (404)`, status);
  // Kind `invalid` like other 4xx, yet the status tells the resilience layer (retry reads) and the
  // hub's verdict (a write answered 408 or 429 failed for the moment, not for its data) apart.
  if (status === 408) return new PmsError('invalid', `${where}: request timeout (408)`, status);
  if (status >= 500)
    return new PmsError('unknown-outcome', `${where}: server error (${status})`, status);
  return new PmsError('invalid', `${where}: rejected (${status})`, status);
}

/**
 * Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3); a date already past means now.
 * Anything else is ignored rather than guessed at.
 */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP date format starts with a day name (Date.parse alone would accept e.g. `1.5`) and
  // is in GMT, which asctime's format leaves unsaid: Date.parse would read it as local time.
  const zoned = / GMT$/i.test(text) ? text : `${text} GMT`;
  const at = /^[A-Za-z]{3}/.test(text) ? Date.parse(zoned) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
