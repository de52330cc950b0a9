import { isAxiosError } from 'axios';
import { classifyTokenFailure } from '../auth/token-failure.classifier';
import { describeCall, PmsCall } from '../http-error.classifier';
import { PmsError } from '../pms-adapter.port';

// RFC 6749 §5.2 codes that mean the credentials were refused.
const REFUSED = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/**
 * A failed CareStack token request, named as the call's token request. CareStack refuses a wrong
 * password with 400 and an OAuth2 error code: that is `auth`, not a rejected request.
 */
export function classifyCareStackTokenFailure(failure: unknown, call: PmsCall): PmsError {
  const tokenCall = { ...call, operation: `${call.operation} (token request)` };
  const status = isAxiosError(failure) ? failure.response?.status : undefined;
  const code = isAxiosError(failure) ? oauthErrorCode(failure.response?.data) : undefined;
  if (status === 400 && code !== undefined && REFUSED.has(code)) {
    return new PmsError(
      'auth',
      `${describeCall(tokenCall)}: authentication failed (400 ${code})`,
      400,
    );
  }
  return classifyTokenFailure(failure, tokenCall);
}

function oauthErrorCode(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | null | undefined)?.error;
  return typeof error === 'string' ? error : undefined;
}
